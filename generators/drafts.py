"""Drafts never block what is adopted: which versions a build renders and the site shows.

    select(content, findings, preview) -> Selection

An error in an adopted version, the organisation or a member's follow-up stops the build
(`blocking`), as the check of the content without its drafts finds it: whatever a draft
says, it cannot stop the build. A draft's findings are only reported: its Word file is still
built when it can be rendered (it loaded, its ids and references hold, and it breaks nothing
adopted), and the public site leaves every draft out; with `preview` (styrdok build --utkast)
the site shows the renderable drafts too, as an internal preview.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from generators.content.checks import check_content
from generators.content.findings import Finding
from generators.content.loading import Content
from generators.content.model import AnnualReview
from generators.content.severity import INTEGRITY


@dataclass
class Selection:
    blocking: list[Finding]
    """Errors outside drafts: nothing is built while there is one."""
    drafts: list[Finding]
    """Every finding in a draft, including drafts that could not be loaded."""
    unrendered: list[str]
    """Drafts whose documents cannot be built, as the ids or files that name them."""
    rendered: Content
    """The versions whose documents are built: every adopted one and the renderable drafts."""
    public: Content
    """What the site shows: the adopted versions, and with preview the renderable drafts."""


def select(content: Content, findings: list[Finding], preview: bool = False) -> Selection:
    """findings: the check of all the content. What blocks is asked of the content without its
    drafts, so no draft can block: not by an id it shares with an adopted version, nor by a
    period or a chain of versions it claims."""
    drafts = {loaded.display: loaded.model.id for loaded in content.versions if loaded.model.status != "antagen"}
    in_drafts = [f for f in findings if f.file in drafts] + content.broken_drafts
    published = replace(content, versions=[v for v in content.versions if v.display not in drafts])
    alone = _errors(check_content(published)) if drafts else _errors(findings)
    beside = _errors(f for f in findings if f.file not in drafts and f.rule in INTEGRITY)
    broken = {f.file for f in findings if f.file in drafts and f.severity == "fel" and f.rule in INTEGRITY}
    if beside - alone:  # a draft breaks what is adopted (two outputs in one file): no draft is built
        broken = set(drafts)
    # By file, not by id: a draft may share its id with an adopted version, which is still built.
    rendered = _keep(content, lambda loaded: loaded.display not in broken)
    public = _keep(rendered, lambda loaded: preview or loaded.model.status == "antagen")
    left_out = set(drafts) - {v.display for v in rendered.versions}
    unrendered = sorted({drafts[file] for file in broken} | {f.file for f in content.broken_drafts})
    unrendered += sorted({drafts[file] for file in left_out - broken})
    return Selection(sorted(alone, key=_order), in_drafts, unrendered, rendered, public)


def _errors(findings) -> set[Finding]:
    return {f for f in findings if f.severity == "fel"}


def _order(finding: Finding) -> tuple:
    return (finding.file, finding.line, finding.column, finding.rule)


def _keep(content: Content, keep) -> Content:
    """The versions kept, less any review whose plans were not kept (it could not be rendered)."""
    versions = [loaded for loaded in content.versions if keep(loaded)]
    ids = {loaded.model.id for loaded in versions}
    versions = [loaded for loaded in versions if not isinstance(loaded.model, AnnualReview) or _needs(loaded.model) <= ids]
    return replace(content, versions=versions)


def _needs(review: AnnualReview) -> set[str]:
    needed = {review.plan} | ({review.previous} if review.previous else set())
    return needed | ({review.budget_follow_up.plan} if review.budget_follow_up else set())
