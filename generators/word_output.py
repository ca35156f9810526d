"""The Word files of the build: one per plan version and one per annual review."""

from __future__ import annotations

from .cache import NO_CACHE, RenderCache
from .document import plan_document
from .findings import Finding
from .loading import Content
from .model import AnnualReview, PlanVersion, VersionBase
from .review import review_document
from .templating import Phrases
from .word_writer import Cover, render_docx


def cover(version: VersionBase, content: Content, phrases: Phrases, subtitle: str = "") -> Cover:
    organisation = content.organisation.model
    kind = phrases(f"kinds.{version.kind}")
    period = f"{version.start_year}–{version.end_year}" if version.end_year != version.start_year else str(version.start_year)
    lines = [phrases("cover_period", start=version.start_year, end=version.end_year)]
    adopted = version.adopted
    if version.status == "antagen":
        lines.append(phrases("cover_adopted", body=adopted.body if adopted else None,
                             date=adopted.date if adopted else None, paragraph=adopted.paragraph if adopted else None))
    else:
        lines.append(phrases("cover_draft"))
    return Cover(
        organisation=organisation.name, title=version.title, subtitle=subtitle, lines=lines, subject=kind,
        author=phrases("author", board=organisation.board),
        keywords=phrases("keywords", short_name=organisation.short_name, kind=kind.lower(), period=period),
        date=adopted.date if adopted and adopted.date else None,
    )


def plan_docx(plan: PlanVersion, content: Content, phrases: Phrases, cache: RenderCache = NO_CACHE) -> bytes:
    return render_docx(plan_document(plan, phrases), cover(plan, content, phrases), phrases, cache)


def review_docx(review: AnnualReview, content: Content, changes: list[str] | None, findings: list[Finding],
                phrases: Phrases, cache: RenderCache = NO_CACHE) -> bytes:
    plan = content.version(review.plan).model
    document = review_document(review, content, changes, findings, phrases)
    subtitle = phrases("review.subtitle", plan_title=plan.title)
    return render_docx(document, cover(review, content, phrases, subtitle), phrases, cache)
