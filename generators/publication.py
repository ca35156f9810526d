"""What a version's printed document is, for its Word file and its PDF alike: the document
tree and the cover, with where the version stands among all versions."""

from __future__ import annotations

from generators.changes.diff import diff_versions
from generators.changes.report import summary
from generators.content.logo import canonical_logo
from generators.content.loading import Content
from generators.content.model import AnnualReview, VersionBase
from generators.cover import Cover, standing_of
from generators.cover import cover as shared_cover
from generators.document import Document
from generators.review import review_document
from generators.templating import Phrases


def cover(version: VersionBase, content: Content, phrases: Phrases, subtitle: str = "") -> Cover:
    """The shared cover (generators.cover) with where the version stands among all versions."""
    # The version itself rather than the content's copy of it: a diff may render one not (yet) in content/.
    others = [loaded.model for loaded in content.versions if loaded.model.id != version.id]
    standing = standing_of(version, [*others, version], phrases)
    made = shared_cover(version, standing, content.organisation.model, phrases, subtitle)
    logo = canonical_logo(content)  # one PNG, whatever the file was: every output takes it
    if logo:
        made.logo = logo
        made.logo_alt = phrases("logo_alt", organisation=made.organisation)
    return made


def review_changes(review: AnnualReview, content: Content, phrases: Phrases) -> list[str] | None:
    if not review.previous:
        return None
    old, new = content.version(review.previous).model, content.version(review.plan).model
    return summary(diff_versions(old, new, content.organisation.model), old, new, phrases)


def review_parts(review: AnnualReview, content: Content, phrases: Phrases) -> tuple[Document, Cover]:
    """The review's document tree and cover."""
    plan = content.version(review.plan).model
    document = review_document(review, content, review_changes(review, content, phrases), phrases)
    return document, cover(review, content, phrases, phrases("review.subtitle", plan_title=plan.title))
