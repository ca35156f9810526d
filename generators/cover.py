"""Where a version stands and what its cover says, worded once for every output.

    standings(versions)   id -> Standing: in force, replaced (by what, from when) or a draft
    decision(version)     the board's decision as one sentence, e.g. 'Antagen av styrelsen den
                          10 december 2026, § 45', or that the source gives no decision date
    cover(version)        Cover: what the first page of the Word file (and the PDF) shows,
                          with the draft mark 'UTKAST' the writers put on the cover and header

A version is replaced from the day its successor was adopted: the date is derived from the
successor's decision, never stored twice.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

from generators.content.model import VersionBase
from generators.templating import Phrases

State = Literal["gäller", "ersatt", "utkast"]


@dataclass(frozen=True)
class Standing:
    state: State
    decision: str = ""
    """The adoption sentence without a full stop; empty for a draft."""
    successor: VersionBase | None = None
    since: str = ""
    """The day the successor was adopted, as prose ('10 december 2026'); empty when unknown."""

    @property
    def successor_link(self) -> str:
        return f"{self.successor.id}.md" if self.successor else ""

    @property
    def draft(self) -> bool:
        return self.state == "utkast"

    def label(self, phrases: Phrases) -> str:
        """The short status in a versions list: 'Gäller', 'Utkast', 'Ersatt av ... den ...'."""
        if self.state == "ersatt":
            return phrases("standing.replaced", title=self.successor.title, since=self.since)
        return phrases(f"standing.{'in_force' if self.state == 'gäller' else 'draft'}")


def decision(version: VersionBase, phrases: Phrases, archival: bool = True) -> str:
    """archival: say so where the source gives no decision date (not on a cover)."""
    adopted = version.adopted
    if version.status != "antagen":
        return ""
    return phrases("decision", body=adopted.body if adopted else None, date=adopted.date if adopted else None,
                   paragraph=adopted.paragraph if adopted else None,
                   reference=adopted.reference if adopted else None, archival=archival)


def standings(versions: list[VersionBase], phrases: Phrases) -> dict[str, Standing]:
    """Every adopted plan is in force until an adopted plan replaces it: one that names it in
    `ersatter` (of the same kind first, so a verksamhetsplan's chain of yearly versions stays
    one chain), or else the next adopted plan of the same kind. A draft replaces nothing."""
    adopted = sorted((v for v in versions if v.status == "antagen" and _replaceable(v)), key=_order)
    result = {}
    for version in versions:
        if version.status != "antagen":
            result[version.id] = Standing("utkast")
            continue
        successor = _successor(version, [v for v in adopted if _order(v) > _order(version)]) if _replaceable(version) else None
        since = ""
        if successor and successor.adopted and successor.adopted.date:
            since = phrases("since", date=successor.adopted.date)
        result[version.id] = Standing("ersatt" if successor else "gäller", decision(version, phrases), successor, since)
    return result


def _successor(version: VersionBase, later: list[VersionBase]) -> VersionBase | None:
    naming = sorted((v for v in later if v.replaces == version.id), key=lambda v: v.kind != version.kind)
    if naming:
        return naming[0]
    return next((v for v in later if v.kind == version.kind), None)


def _order(version: VersionBase) -> tuple:
    adopted = version.adopted.date if version.adopted and version.adopted.date else ""
    return (version.start_year, str(adopted), version.id)


def _replaceable(version: VersionBase) -> bool:
    """Plans replace plans (a verksamhetsplan may be replaced by a mål- och inriktningsplan);
    an annual review is the record of its year and is never replaced."""
    return version.kind != "arlig-oversyn"


@dataclass
class Cover:
    organisation: str
    title: str
    subtitle: str = ""
    lines: list[str] = field(default_factory=list)
    mark: str = ""
    """'UTKAST' on a draft: large on the cover and in every page's header."""
    subject: str = ""
    author: str = ""
    keywords: str = ""
    date: dt.date | None = None
    """Stored as the document's creation date, so rebuilding the same content gives the same properties."""
    logo: bytes | None = None
    """The organisation's logo (PNG or JPEG) above its name, where organisation.yaml names one."""
    logo_alt: str = ""
    information: str = ""
    """What the document's information (the file's properties) says beyond the cover: that the
    source gives no decision date."""


def cover(version: VersionBase, standing: Standing, organisation, phrases: Phrases, subtitle: str = "") -> Cover:
    """The cover of a version's document: title, period, the decision or the draft mark, and
    from when it is replaced."""
    kind = phrases(f"kinds.{version.kind}")
    lines = [phrases("cover_period", start=version.start_year, end=version.end_year)]
    if standing.draft:
        lines.append(phrases("cover_draft"))
    else:
        lines.append(decision(version, phrases, archival=False) + ".")
    if standing.state == "ersatt":
        lines.append(phrases("cover_replaced", title=standing.successor.title, since=standing.since))
    adopted = version.adopted
    return Cover(
        organisation=organisation.name, title=version.title, subtitle=subtitle, lines=lines,
        mark=phrases("draft_mark") if standing.draft else "", subject=kind,
        author=phrases("author", board=organisation.board),
        keywords=phrases("keywords", short_name=organisation.short_name, kind=kind.lower(), period=version.period),
        date=_as_date(adopted.date) if adopted and adopted.date else None,
        information=phrases("decision_date_missing") if not standing.draft and not (adopted and adopted.date) else "",
    )


def _as_date(value) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(value)
