"""Where a version stands and what its cover says, worded once for every output.

    standings(versions, phrases, day)  id -> Standing: generators.validity's answer for the day
                          (today() unless given), worded: in force, adopted and in force from a
                          later day, replaced (by what, from when), period ended, or a draft
    standing_of(version, versions, phrases, day)  the same for one version (a cover's), in one
                          pass over the versions
    decision(version)     the board's decision as one sentence, e.g. 'Antagen av styrelsen den
                          10 december 2026, § 45; gäller från 1 januari 2027', or that the source
                          gives no decision date
    cover(version)        Cover: what the first page of the Word file (and the PDF) shows,
                          with the draft mark 'UTKAST' the writers put on the cover and header

When a version is replaced is derived from the successor's decision and period, never stored twice.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from generators import formatting, validity
from generators.content.model import VersionBase
from generators.templating import Phrases
from generators.validity import State


@dataclass(frozen=True)
class Standing:
    state: State
    decision: str = ""
    """The adoption sentence without a full stop; empty for a draft."""
    successor: VersionBase | None = None
    """The version that replaces it: in force already (state 'ersatt') or from `since`."""
    since: str = ""
    """The day the successor takes effect ('1 januari 2027'), or its first year where the source
    gives no decision date ('2022')."""
    starts: str = ""
    """The day it takes effect, as prose."""
    period: str = ""
    kind: str = ""
    """What the version is, in running text ('mål- och inriktningsplan'): a period that ended with
    no successor says that no later plan of its kind is adopted, not that none is (a verksamhetsplan
    may be in force)."""

    @property
    def successor_link(self) -> str:
        return f"{self.successor.id}.md" if self.successor else ""

    @property
    def draft(self) -> bool:
        return self.state == "utkast"

    @property
    def in_force(self) -> bool:
        return self.state == "gäller"

    def label(self, phrases: Phrases) -> str:
        """The status in a versions list: 'Gäller', 'Antagen, gäller från …', 'Ersatt av … från …'."""
        return phrases(f"standing.{self.state}", **self._values())

    def mark(self, phrases: Phrases) -> str:
        """Short, after a title in the menu: 'gäller', 'ersatt 2022', 'gäller från 1 januari 2027'."""
        return phrases(f"mark.{self.state}", **self._values())

    def _values(self) -> dict:
        return {"title": self.successor.title if self.successor else "", "since": self.since,
                "starts": self.starts, "period": self.period, "kind": self.kind}


def decision(version: VersionBase, phrases: Phrases, archival: bool = True) -> str:
    """archival: say so where the source gives no decision date (not on a cover)."""
    adopted = version.adopted
    if version.status != "antagen":
        return ""
    decided, starts = validity.decided(version), validity.takes_effect(version)
    return phrases("decision", body=adopted.body if adopted else None, date=adopted.date if adopted else None,
                   paragraph=adopted.paragraph if adopted else None,
                   reference=adopted.reference if adopted else None, archival=archival,
                   starts=starts if decided and starts > decided else None)


def standings(versions: list[VersionBase], phrases: Phrases, day: dt.date | None = None) -> dict[str, Standing]:
    """Every version's standing on `day` (today() unless given), from generators.validity."""
    answers = validity.validity(versions, day or validity.today())
    by_id = {version.id: version for version in versions}
    return {version_id: _worded(by_id[version_id], answer, phrases) for version_id, answer in answers.items()}


def standing_of(version: VersionBase, versions: list[VersionBase], phrases: Phrases,
                day: dt.date | None = None) -> Standing:
    """One version's standing among `versions` (itself included): one pass over them, for a
    cover, where working out every version's standing would make covers cost the square."""
    return _worded(version, validity.validity_of(version, versions, day or validity.today()), phrases)


def _worded(version: VersionBase, answer: validity.Validity, phrases: Phrases) -> Standing:
    kind = phrases(f"kinds.{version.kind}").lower()
    if answer.state == "utkast":
        return Standing("utkast", period=version.period, kind=kind)
    successor = answer.successor
    since = ""
    if successor is not None:
        since = (formatting.prose_date(answer.replaced_from) if validity.decided(successor)
                 else str(successor.start_year))
    return Standing(answer.state, decision(version, phrases), successor, since,
                    formatting.prose_date(answer.takes_effect), version.period, kind)


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
    if standing.state in ("ersatt", "utgången"):
        lines.append(standing.label(phrases) + ".")
    adopted = version.adopted
    return Cover(
        organisation=organisation.name, title=version.title, subtitle=subtitle, lines=lines,
        mark=phrases("draft_mark") if standing.draft else "", subject=kind,
        author=phrases("author", board=organisation.board),
        keywords=phrases("keywords", short_name=organisation.short_name, kind=kind.lower(), period=version.period),
        date=_as_date(adopted.date) if adopted and adopted.date else None, accent=organisation.colour or "",
        information=phrases("decision_date_missing") if not standing.draft and not (adopted and adopted.date) else "",
    )


def _as_date(value) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(value)
