"""The PDF files of the build: one per plan version and one per annual review, the same
document tree and cover as the Word file."""

from __future__ import annotations

import hashlib
import json

from generators import charts
from generators.cache import NO_CACHE, RenderCache, key
from generators.content.loading import Content
from generators.content.model import AnnualReview, PlanVersion
from generators.document import Document, plan_document
from generators.pdf.markup import CoverText, document_markup
from generators.pdf.typeset import Layout, typeset
from generators.templating import Phrases
from generators.publication import cover, review_parts


def layout(document: Document, version_cover, phrases: Phrases, cache: RenderCache = NO_CACHE) -> Layout:
    """The typeset document: its PDF and the page of each heading in its contents."""
    text = CoverText(version_cover.organisation, version_cover.title, version_cover.subtitle,
                     tuple(version_cover.lines), version_cover.mark, version_cover.logo, version_cover.logo_alt)
    markup = document_markup(document, text, phrases("toc_heading"),
                             lambda chart: charts.render_cached(chart, "png", cache))
    footer = phrases("footer", page="\x00", pages="\x00").split("\x00")
    inputs = {"title": version_cover.title, "author": version_cover.author, "keywords": version_cover.keywords,
              "footer-before": footer[0], "footer-between": footer[1], "footer-after": footer[2],
              "mark": version_cover.mark, "description": version_cover.information,
              "note-label": phrases("note_label")}
    return cached_typeset(markup, inputs, version_cover.date, cache)


def cached_typeset(markup, inputs: dict[str, str], date, cache: RenderCache) -> Layout:
    """The Word file's contents page and the PDF need the same layout: typeset it once."""
    images = {name: hashlib.sha256(data).hexdigest() for name, data in markup.images.items()}
    blob = cache.get_or_render(key("typst-layout", markup.source, sorted(inputs.items()), sorted(markup.inputs.items()),
                                   sorted(images.items()), str(date)),
                               lambda: _pack(typeset(markup, inputs, date)))
    pages, pdf = blob.split(b"\n", 1)
    return Layout(pdf, tuple(json.loads(pages)))


def _pack(layout: Layout) -> bytes:
    return json.dumps(list(layout.heading_pages)).encode() + b"\n" + layout.pdf


def plan_pdf(plan: PlanVersion, content: Content, phrases: Phrases, cache: RenderCache = NO_CACHE) -> bytes:
    return layout(plan_document(plan, phrases), cover(plan, content, phrases), phrases, cache).pdf


def review_pdf(review: AnnualReview, content: Content, phrases: Phrases, cache: RenderCache = NO_CACHE) -> bytes:
    return layout(*review_parts(review, content, phrases), phrases, cache).pdf
