"""The Word files of the build: one per plan version, one per annual review, and one with
tracked changes per pair of consecutive plan versions."""

from __future__ import annotations

import datetime as dt

from generators.cache import NO_CACHE, RenderCache
from generators.changes.diff import diff_versions
from generators.changes.report import summary
from generators.content.loading import Content
from generators.content.model import AnnualReview, PlanVersion, VersionBase
from generators.cover import Cover
from generators.document import Document, plan_document
from generators.pdf.output import layout
from generators.publication import cover, review_parts
from generators.templating import Phrases
from generators.word.tracked import render_tracked_docx
from generators.word.writer import render_docx


def plan_docx(plan: PlanVersion, content: Content, phrases: Phrases, cache: RenderCache = NO_CACHE) -> bytes:
    return _printed(plan_document(plan, phrases), cover(plan, content, phrases), phrases, cache)


def _printed(document: Document, version_cover: Cover, phrases: Phrases, cache: RenderCache) -> bytes:
    """The Word file with its contents page numbered from the print layout of the same document
    (the PDF's: same page, margins, font metrics and sizes)."""
    pages = layout(document, version_cover, phrases, cache).heading_pages
    return render_docx(document, version_cover, phrases, cache, pages)


def tracked_docx(old: PlanVersion, new: PlanVersion, content: Content, phrases: Phrases,
                 cache: RenderCache = NO_CACHE) -> bytes:
    """NEW's document with tracked changes against OLD, the summary of what changed in its
    properties; accepting every change gives NEW's own Word file, rejecting every change OLD's,
    contents page numbers included."""
    changes = diff_versions(old, new, content.organisation.model)
    lines = summary(changes, old, new, phrases)
    documents = plan_document(old, phrases), plan_document(new, phrases)
    covers = cover(old, content, phrases), cover(new, content, phrases)
    pages = tuple(layout(document, version_cover, phrases, cache).heading_pages
                  for document, version_cover in zip(documents, covers))
    return render_tracked_docx(*documents, *covers, lines, phrases, cache, _revision_date(new), pages)


def _revision_date(version: VersionBase) -> dt.datetime | None:
    """Changes are dated when the new version was adopted, where the content knows it."""
    if version.adopted and version.adopted.date:
        return dt.datetime.combine(dt.date.fromisoformat(str(version.adopted.date)), dt.time(), dt.timezone.utc)
    return None


def review_docx(review: AnnualReview, content: Content, phrases: Phrases, cache: RenderCache = NO_CACHE) -> bytes:
    return _printed(*review_parts(review, content, phrases), phrases, cache)
