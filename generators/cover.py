"""Where a version stands and what its cover says, worded once for every output.

    standings(versions)   id -> Standing: in force, replaced (by what, from when) or a draft
    standing_of(version, versions)   the same for one version (a cover's)
    decision(version)     the board's decision as one sentence, e.g. 'Antagen av styrelsen den
                          10 december 2026, § 45', or that the source gives no decision date
    cover(version)        Cover: what the first page of the Word file (and the PDF) shows,
                          with the draft mark 'UTKAST' the writers put on the cover and header

A version is replaced from the day its successor was adopted: the date is derived from the
successor's decision, never stored twice.
"""

from __future__ import annotations

import bisect
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


def decision(version: VersionBase, phrases: Phrases) -> str:
    adopted = version.adopted
    if version.status != "antagen":
        return ""
    return phrases("decision", body=adopted.body if adopted else None, date=adopted.date if adopted else None,
                   paragraph=adopted.paragraph if adopted else None,
                   reference=adopted.reference if adopted else None)


def standings(versions: list[VersionBase], phrases: Phrases) -> dict[str, Standing]:
    """Every adopted plan is in force until an adopted plan replaces it: one that names it in
    `ersatter` (of the same kind first, so a verksamhetsplan's chain of yearly versions stays
    one chain), or else the next adopted plan of the same kind. A draft replaces nothing."""
    later = _Later([v for v in versions if v.status == "antagen" and _replaceable(v)])
    return {version.id: _standing(version, later, phrases) for version in versions}


def standing_of(version: VersionBase, versions: list[VersionBase], phrases: Phrases) -> Standing:
    """One version's standing among `versions` (itself included): one pass over them, for a
    cover, where working out every version's standing would make covers cost the square."""
    order = _order(version)
    later = _Later([v for v in versions if v.status == "antagen" and _replaceable(v) and _order(v) > order
                    and (v.replaces == version.id or v.kind == version.kind)])
    return _standing(version, later, phrases)


def _standing(version: VersionBase, later: _Later, phrases: Phrases) -> Standing:
    if version.status != "antagen":
        return Standing("utkast")
    successor = later.successor(version) if _replaceable(version) else None
    since = ""
    if successor and successor.adopted and successor.adopted.date:
        since = phrases("since", date=successor.adopted.date)
    return Standing("ersatt" if successor else "gäller", decision(version, phrases), successor, since)


class _Later:
    """Adopted versions indexed for a version's successor: the first after it that names it
    (of its own kind first), else the first after it of its kind; a lookup is a bisection."""

    def __init__(self, adopted: list[VersionBase]):
        self.naming: dict[str, list[VersionBase]] = {}
        self.kinds: dict[str, tuple[list[tuple], list[VersionBase]]] = {}
        for version in sorted(adopted, key=_order):
            if version.replaces:
                self.naming.setdefault(version.replaces, []).append(version)
            orders, versions = self.kinds.setdefault(version.kind, ([], []))
            orders.append(_order(version))
            versions.append(version)

    def successor(self, version: VersionBase) -> VersionBase | None:
        order = _order(version)
        naming = [v for v in self.naming.get(version.id, ()) if _order(v) > order]
        if naming:
            return next((v for v in naming if v.kind == version.kind), naming[0])
        orders, versions = self.kinds.get(version.kind, ([], []))
        index = bisect.bisect_right(orders, order)
        return versions[index] if index < len(versions) else None


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
    """The organisation's logo above its name, where organisation.yaml names one: the canonical PNG
    generators.content.logo makes of it."""
    logo_alt: str = ""
    accent: str = ""
    """The förbund's colour for headings (#rrggbb, checked for contrast), or '' for the house colour."""


def cover(version: VersionBase, standing: Standing, organisation, phrases: Phrases, subtitle: str = "") -> Cover:
    """The cover of a version's document: title, period, the decision or the draft mark, and
    from when it is replaced."""
    kind = phrases(f"kinds.{version.kind}")
    lines = [phrases("cover_period", start=version.start_year, end=version.end_year)]
    if standing.draft:
        lines.append(phrases("cover_draft"))
    else:
        lines.append(standing.decision + ".")
    if standing.state == "ersatt":
        lines.append(phrases("cover_replaced", title=standing.successor.title, since=standing.since))
    adopted = version.adopted
    return Cover(
        organisation=organisation.name, title=version.title, subtitle=subtitle, lines=lines,
        mark=phrases("draft_mark") if standing.draft else "", subject=kind,
        author=phrases("author", board=organisation.board),
        keywords=phrases("keywords", short_name=organisation.short_name, kind=kind.lower(), period=version.period),
        date=_as_date(adopted.date) if adopted and adopted.date else None, accent=organisation.colour or "",
    )


def _as_date(value) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(value)
