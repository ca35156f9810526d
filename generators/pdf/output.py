"""The PDF files of the build: one per plan version and one per annual review, the same
document tree and cover as the Word file."""

from __future__ import annotations

from generators import charts
from generators.cache import NO_CACHE, RenderCache
from generators.content.findings import Finding
from generators.content.loading import Content
from generators.content.model import AnnualReview, PlanVersion
from generators.document import Document, plan_document
from generators.pdf.markup import CoverText, document_markup
from generators.pdf.typeset import Layout, typeset
from generators.review import review_document
from generators.templating import Phrases
from generators.word.output import cover, review_changes


def layout(document: Document, version_cover, phrases: Phrases, cache: RenderCache = NO_CACHE) -> Layout:
    """The typeset document: its PDF and the page of each heading in its contents."""
    text = CoverText(version_cover.organisation, version_cover.title, version_cover.subtitle,
                     tuple(version_cover.lines), version_cover.mark)
    markup = document_markup(document, text, phrases("toc_heading"),
                             lambda chart: charts.render_cached(chart, "png", cache))
    footer = phrases("footer", page="\x00", pages="\x00").split("\x00")
    inputs = {"title": version_cover.title, "author": version_cover.author, "keywords": version_cover.keywords,
              "footer-before": footer[0], "footer-between": footer[1], "footer-after": footer[2]}
    return typeset(markup, inputs, version_cover.date)


def plan_pdf(plan: PlanVersion, content: Content, phrases: Phrases, cache: RenderCache = NO_CACHE) -> bytes:
    return layout(plan_document(plan, phrases), cover(plan, content, phrases), phrases, cache).pdf


def review_pdf(review: AnnualReview, content: Content, findings: list[Finding], phrases: Phrases,
               cache: RenderCache = NO_CACHE) -> bytes:
    plan = content.version(review.plan).model
    document = review_document(review, content, review_changes(review, content, phrases), findings, phrases)
    subtitle = phrases("review.subtitle", plan_title=plan.title)
    return layout(document, cover(review, content, phrases, subtitle), phrases, cache).pdf
