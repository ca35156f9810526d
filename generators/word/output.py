"""The Word files of the build: one per plan version, one per annual review, and one with
tracked changes per pair of consecutive plan versions."""

from __future__ import annotations

import datetime as dt

from generators.cache import NO_CACHE, RenderCache
from generators.changes.diff import diff_versions
from generators.changes.report import summary
from generators.content.findings import Finding
from generators.content.loading import Content
from generators.content.model import AnnualReview, PlanVersion, VersionBase
from generators.cover import Cover, standings
from generators.cover import cover as shared_cover
from generators.document import plan_document
from generators.review import review_document
from generators.templating import Phrases
from generators.word.tracked import render_tracked_docx
from generators.word.writer import render_docx


def cover(version: VersionBase, content: Content, phrases: Phrases, subtitle: str = "") -> Cover:
    """The shared cover (generators.cover) with where the version stands among all versions."""
    # The version itself rather than the content's copy of it: a diff may render one not (yet) in content/.
    others = [loaded.model for loaded in content.versions if loaded.model.id != version.id]
    standing = standings([*others, version], phrases)[version.id]
    return shared_cover(version, standing, content.organisation.model, phrases, subtitle)


def plan_docx(plan: PlanVersion, content: Content, phrases: Phrases, cache: RenderCache = NO_CACHE) -> bytes:
    return render_docx(plan_document(plan, phrases), cover(plan, content, phrases), phrases, cache)


def tracked_docx(old: PlanVersion, new: PlanVersion, content: Content, phrases: Phrases,
                 cache: RenderCache = NO_CACHE) -> bytes:
    """NEW's document with tracked changes against OLD, after a summary of what changed."""
    changes = diff_versions(old, new, content.organisation.model)
    lines = summary(changes, old, new, phrases)
    return render_tracked_docx(plan_document(old, phrases), plan_document(new, phrases),
                               cover(new, content, phrases), lines, phrases, cache, _revision_date(new))


def _revision_date(version: VersionBase) -> dt.datetime | None:
    """Changes are dated when the new version was adopted, where the content knows it."""
    if version.adopted and version.adopted.date:
        return dt.datetime.combine(dt.date.fromisoformat(str(version.adopted.date)), dt.time(), dt.timezone.utc)
    return None


def review_changes(review: AnnualReview, content: Content, phrases: Phrases) -> list[str] | None:
    if not review.previous:
        return None
    old, new = content.version(review.previous).model, content.version(review.plan).model
    return summary(diff_versions(old, new, content.organisation.model), old, new, phrases)


def review_docx(review: AnnualReview, content: Content, findings: list[Finding], phrases: Phrases,
                cache: RenderCache = NO_CACHE) -> bytes:
    plan = content.version(review.plan).model
    changes = review_changes(review, content, phrases)
    document = review_document(review, content, changes, findings, phrases)
    subtitle = phrases("review.subtitle", plan_title=plan.title)
    return render_docx(document, cover(review, content, phrases, subtitle), phrases, cache)
