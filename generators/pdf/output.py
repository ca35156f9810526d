"""The PDF files of the build: one per plan version and one per annual review, the same
document tree and cover as the Word file."""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
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
                             lambda chart: charts.render_cached(chart, "print", cache))
    footer = phrases("footer", page="\x00", pages="\x00").split("\x00")
    inputs = {"title": version_cover.title, "author": version_cover.author, "keywords": version_cover.keywords,
              "footer-before": footer[0], "footer-between": footer[1], "footer-after": footer[2],
              "mark": version_cover.mark, "accent": version_cover.accent or "#1F3864",
              "description": version_cover.information, "note-label": phrases("note_label")}
    return cached_typeset(markup, inputs, created(version_cover), cache)


def created(version_cover) -> dt.date:
    """The file's creation date: the board's decision, else the day of the build (STYRDOK_IDAG
    or the calendar's), as the Word file's. Part of the layout's cache key, so a cached PDF never
    keeps another day's date."""
    from generators.validity import today
    return version_cover.date or today()


def cached_typeset(markup, inputs: dict[str, str], date, cache: RenderCache) -> Layout:
    """The Word file's contents page and the PDF need the same layout: typeset it once."""
    images = {name: hashlib.sha256(data).hexdigest() for name, data in markup.images.items()}
    cache_key = key("typst-layout", markup.source, sorted(inputs.items()), sorted(markup.inputs.items()),
                    sorted(images.items()), str(date))
    with _one_at_a_time(cache, cache_key):
        blob = cache.get_or_render(cache_key, lambda: _pack(typeset(markup, inputs, date)))
    pages, pdf = blob.split(b"\n", 1)
    return Layout(pdf, tuple(json.loads(pages)))


@contextlib.contextmanager
def _one_at_a_time(cache: RenderCache, cache_key: str):
    """The build renders a plan's Word file and its PDF at once, in two processes, and both
    need this layout: the second waits for the first and reads it from the cache, so Typst's
    memory (about 16 kB a list row) and time are spent once. Without a usable cache, no wait."""
    try:
        folder = cache.folder / "typst-laas"
        folder.mkdir(parents=True, exist_ok=True)
        handle = open(folder / cache_key[:16], "ab")  # noqa: SIM115 - held until the layout is in the cache
    except (OSError, TypeError):  # no cache (folder None) or one that cannot be written
        yield
        return
    with handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield


def _pack(layout: Layout) -> bytes:
    return json.dumps(list(layout.heading_pages)).encode() + b"\n" + layout.pdf


def plan_pdf(plan: PlanVersion, content: Content, phrases: Phrases, cache: RenderCache = NO_CACHE) -> bytes:
    return layout(plan_document(plan, phrases), cover(plan, content, phrases), phrases, cache).pdf


def review_pdf(review: AnnualReview, content: Content, phrases: Phrases, cache: RenderCache = NO_CACHE) -> bytes:
    return layout(*review_parts(review, content, phrases), phrases, cache).pdf
