"""The diff told in Swedish: one `Report` (a summary a board member reads in a minute, then
section by section in document order what changed, with the text itself), which render.py
prints as text, Markdown, JSON or for the terminal, so that every format says the same.

Takes a `Diff` and the phrases; gives a `Report`. All wording is in templates/phrases.yaml.
"""

from __future__ import annotations

from dataclasses import dataclass

from generators import formatting
from generators.changes.amounts import Compared, common_unit, convert
from generators.changes.diff import Change, Diff
from generators.content.model import VersionBase
from generators.templating import Phrases

Segments = tuple[tuple[str, str], ...]
"""('=', 'kept words'), ('-', 'struck words'), ('+', 'new words')."""

PROSE = ("stycke", "punkt", "underrubrik", "tabellrad", "signatur")
SUMMARY_AREAS = ("vision", "princip", "mal", "delmal", "malgrupp", "fordelning", "projekt")


@dataclass(frozen=True)
class Entry:
    label: str
    """'Nytt mål', 'Ny lydelse av stycket' ...; empty for the plain text of a new or struck section."""
    lines: tuple[Segments, ...]
    kind: str
    what: str
    id: str = ""
    style: str = "label"
    """'label' (a labelled change), 'paragraph' or 'bullet' (a section's own text, unlabelled)."""


@dataclass(frozen=True)
class ReportGroup:
    heading: str
    status: str
    old_place: str | None
    new_place: str | None
    entries: tuple[Entry, ...]


@dataclass(frozen=True)
class Report:
    old: VersionBase
    new: VersionBase
    title: str
    summary_heading: str
    summary: tuple[str, ...]
    groups: tuple[ReportGroup, ...]


def plain(text: str) -> Segments:
    return (("=", text),)


def build_report(diff: Diff, phrases: Phrases) -> Report:
    teller = _Teller(phrases)
    groups = tuple(ReportGroup(teller.heading(g), g.status, g.old_place, g.new_place,
                               tuple(teller.entry(change, g.status) for change in g.changes
                                     if not _told_by_heading(change))) for g in diff.groups)
    title = phrases("diff.title", old=diff.old.title, new=diff.new.title)
    return Report(diff.old, diff.new, title, phrases("diff.summary_heading"), tuple(summary(diff, diff.old, diff.new, phrases)), groups)


def _told_by_heading(change: Change) -> bool:
    """A new or struck section is said by its group's heading ('3.4. Förvaltning – nytt avsnitt')."""
    return change.what == "avsnitt" and change.kind in ("added", "removed")


class _Teller:
    def __init__(self, phrases: Phrases):
        self.p = lambda key, **values: phrases(f"diff.{key}", **values)  # noqa: E731
        self.raw = lambda key: phrases.raw(f"diff.{key}")  # noqa: E731
        self.phrases = phrases

    def heading(self, group) -> str:
        if group.status == "version":
            return self.p("version_heading")
        if group.status == "added":
            return self.p("group_added", place=group.new_place)
        if group.status == "removed":
            return self.p("group_removed", place=group.old_place)
        if group.old_place != group.new_place:
            return self.p("group_kept_from", place=group.new_place, old=group.old_place)
        return self.p("group_kept", place=group.new_place)

    def noun(self, what: str) -> tuple[str, str, str, str]:
        return tuple(self.raw(f"nouns.{what}"))

    def adjective(self, kind: str, what: str, capital: bool = True) -> str:
        word = self.raw(kind)[self.noun(what)[3]]
        return f"{word[0].upper()}{word[1:]} {self.noun(what)[0]}" if capital else word

    def entry(self, change: Change, status: str) -> Entry:
        make = lambda label, *lines, style="label": Entry(label, tuple(lines), change.kind, change.what,  # noqa: E731
                                                          change.id, style)
        kind, what = change.kind, change.what
        if what in PROSE and kind in ("added", "removed") and status in ("added", "removed"):
            text = change.new if kind == "added" else change.old
            return make("", plain(text), style="bullet" if what == "punkt" else "paragraph")
        if what == "avsnitt" and kind in ("added", "removed"):
            return make(self.adjective(kind, what), plain(change.new if kind == "added" else change.old))
        if kind in ("added", "removed") and what in ("budget", "projekttabell"):
            rows = change.new if kind == "added" else change.old
            return make(self.adjective(kind, what), *(plain(self.row(row)) for row in rows))
        if kind in ("added", "removed"):
            value = change.new if kind == "added" else change.old
            text = self.row(value) if isinstance(value, dict) else self.qualified(value, change.detail)
            return make(self.adjective(kind, what), plain(text))
        if kind == "reworded":
            return make(self.p("reworded", noun=self.noun(what)[2]), *change.sentences)
        if kind == "moved":
            return make(self.adjective("moved", what), plain(self.moved(change)))
        return self.changed(change, make)

    def qualified(self, text: str, detail: dict) -> str:
        if detail.get("prioritet") is not None:
            return self.p("named", text=text, detail=self.p("priority", value=detail["prioritet"]))
        if detail.get("andel") is not None:
            return self.p("named", text=text, detail=self.p("share", value=detail["andel"]))
        return text

    def moved(self, change: Change) -> str:
        detail = change.detail
        if change.what == "avsnitt":
            if detail.get("old_parent") != detail.get("new_parent"):
                return self.p("moved_section_parent", old=detail["old_parent"], new=detail["new_parent"])
            return self.p("moved_section_order", after=detail.get("after"))
        if "old_goal" in detail:
            where = self.p("moved_goal", old=_short(detail["old_goal"]), new=_short(detail["new_goal"] or ""))
        elif "old_place" in detail:
            where = self.p("moved_from_place", old=detail["old_place"])
        elif "after_paragraph" in detail:
            after = detail["after_paragraph"]
            where = self.p("moved_paragraph", after=_short(after) if after else None)
        else:
            where = self.p("position", old=detail["old_position"], new=detail["new_position"])
        return self.p("named", text=change.new, detail=where)

    def changed(self, change: Change, make) -> Entry:
        what = change.what
        if what == "budgetrad":
            same = change.old == change.new and not any(line.difference for line in change.detail["lines"])
            return make(self.adjective("unchanged" if same else "changed", what),
                        *(plain(line) for line in self.amount_lines(change)))
        if what == "projekt":
            return make(self.adjective("changed", what), plain(self.project_change(change)))
        if what in ("titel", "rubrik"):
            return make(self.p(f"labels.{what}"), *change.sentences)
        if what == "numrering":
            return make(self.p("labels.numrering"), plain(self.p("numbering_on" if change.new else "numbering_off")))
        if what.startswith("antagen."):
            label = self.raw("adoption_fields").get(what[8:], what[8:].capitalize())
            return make(label, plain(self.from_to(change.old, change.new)))
        old, new = change.old, change.new
        if what == "slag":
            old, new = (self.phrases(f"kinds.{value}") for value in (old, new))
        elif what == "status":
            old, new = (self.phrases(f"status.{value}") for value in (old, new))
        elif what == "nummer":
            old, new = (value.rstrip(".") if value else None for value in (old, new))
        elif what == "budgetar":
            return make(self.p("labels.budgetar"), plain(self.from_to(_years(old), _years(new))),
                        *(plain(self.p(f"year_rows_{side}", row=self.row(row)))
                          for side in ("added", "removed") for row in change.detail.get(side, ())))
        text = self.from_to(old, new)
        if change.detail.get("text"):
            text = self.p("named", text=change.detail["text"], detail=text)
        return make(self.p(f"labels.{what}"), plain(text))

    def from_to(self, old, new) -> str:
        missing = self.p("missing")
        show = lambda value: missing if value is None or value == "" else (  # noqa: E731
            formatting.prose_date(value) if hasattr(value, "isoformat") else str(value))
        return self.p("from_to", old=show(old), new=show(new))

    def amount_lines(self, change: Change) -> list[str]:
        text = change.new if change.old == change.new else self.p("renamed", old=change.old, new=change.new)
        lines = change.detail.get("lines", [])
        if not lines:  # renamed only: the amounts are still what the reader wants to see
            return [self.row({"text": text, "amounts": change.detail["amounts"], "unit": change.detail["unit"]})]
        return [self.amount_line(text, line) for line in lines]

    def amount_line(self, text: str, line: Compared) -> str:
        money = lambda value: formatting.money(value, line.unit)  # noqa: E731
        if line.old_year == line.new_year:
            percent = line.percent
            return self.p("amount_same_year", text=text, year=line.new_year, old=money(line.old), new=money(line.new),
                          change=f"{formatting.change(line.difference)}{formatting.NBSP}{line.unit}",
                          percent=None if percent is None else
                          f"{percent:+.1f}".replace(".", ",").replace("-", formatting.MINUS))
        return self.p("amount_other_year", text=text, old=money(line.old), old_year=line.old_year,
                      new=money(line.new), new_year=line.new_year)

    def row(self, row: dict) -> str:
        if "amounts" in row:
            amounts = ", ".join(self.p("amount_year", year=year, amount=self.p("missing") if value is None
                                       else formatting.money(value, row["unit"]))
                                for year, value in sorted(row["amounts"].items()))
            return self.p("row", text=row["text"], amounts=amounts)
        names = self.raw("project_fields")
        details = []
        for name in ("inriktning", "start", "slut", "total_kostnad", "kostnad_ar"):
            value = row.get(name)
            if value is None:
                continue
            shown = formatting.money(value, row["unit"]) if name in ("total_kostnad", "kostnad_ar") else value
            details.append(shown if name == "inriktning" else f"{names[name]} {shown}")
        return self.p("project", text=row["text"], details="; ".join(details))

    def project_change(self, change: Change) -> str:
        names = self.raw("project_fields")
        details = []
        for name, old, new in change.detail["fields"]:
            shown = [formatting.money(*value) if isinstance(value, tuple) else value for value in (old, new)]
            details.append(self.p("project_field", field=names[name], old=shown[0] or self.p("missing"),
                                  new=shown[1] or self.p("missing")))
        text = change.new if change.old == change.new else self.p("renamed", old=change.old, new=change.new)
        return self.p("project", text=text, details="; ".join(details)) if details else text


def _short(text: str, words: int = 8) -> str:
    """A goal named by its first words when it is long."""
    parts = text.split()
    return text if len(parts) <= words else " ".join(parts[:words]) + " …"


def _years(years) -> str:
    years = sorted(years)
    if len(years) > 1 and years == list(range(years[0], years[-1] + 1)):
        return f"{years[0]}–{years[-1]}"
    return ", ".join(map(str, years))


# --- Summary ---------------------------------------------------------------------------------------

def summary(diff: Diff, old: VersionBase, new: VersionBase, phrases: Phrases) -> list[str]:
    """What a board member reads first: title, period and status, how many goals (and the other
    parts) were added, struck, reworded or moved, how many sections, and the budget's totals."""
    p = lambda key, **values: phrases(f"diff.{key}", **values)  # noqa: E731
    changes = list(diff)
    if not changes:
        return [p("none")]
    lines = []
    for what, key in (("titel", "summary_title"), ("period", "summary_period"), ("status", "summary_status")):
        found = next((c for c in changes if c.what == what and c.kind == "changed"), None)
        if found:
            values = (phrases(f"status.{v}") for v in (found.old, found.new)) if what == "status" else (found.old,
                                                                                                        found.new)
            lines.append(p(key, **dict(zip(("old", "new"), values))))
    for area in SUMMARY_AREAS + ("avsnitt",):
        counts = _counts(area, changes, diff, phrases)
        if counts:
            lines.append(p("summary_counts", area=p(f"summary_areas.{area}"), counts=", ".join(counts)))
    budget = _budget_line(old, new, phrases)
    if budget:
        lines.append(budget)
    return lines


def _counts(area: str, changes: list[Change], diff: Diff, phrases: Phrases) -> list[str]:
    p = lambda key, **values: phrases(f"diff.{key}", **values)  # noqa: E731
    gender = phrases.raw(f"diff.nouns.{area}")[3]
    words = []
    for kind in ("added", "removed", "reworded", "moved"):
        if area == "avsnitt" and kind == "reworded":
            count = sum(1 for g in diff.groups if g.status == "kept" and any(
                c.what in PROSE or c.what == "rubrik" for c in g.changes))
            if count:
                words.append(p("prose_changed_count", count=count))
            continue
        count = sum(1 for c in changes if c.what == area and c.kind == kind)
        if area in ("projekt",) and kind in ("added", "removed"):
            count += sum(len(c.old if kind == "removed" else c.new) for c in changes
                         if c.what == "projekttabell" and c.kind == kind)
        if not count:
            continue
        if kind == "reworded":
            words.append(p("reworded_count", count=count))
        else:
            forms = phrases.raw(f"diff.{kind}")
            words.append(f"{count} {forms[gender] if count == 1 else forms['plural']}")
    return words


def _budget_line(old: VersionBase, new: VersionBase, phrases: Phrases) -> str | None:
    p = lambda key, **values: phrases(f"diff.{key}", **values)  # noqa: E731
    totals = [_totals(version) for version in (old, new)]
    if not totals[0] and not totals[1]:
        return None
    parts = [part for part in ("intakter", "kostnader") if part in totals[0] or part in totals[1]]
    if not totals[0] or not totals[1]:
        version, found = (old, totals[0]) if totals[0] else (new, totals[1])
        unit = common_unit([(amounts[min(amounts)], unit) for amounts, unit in found.values()], "tkr")
        shown = [p("summary_budget_part", part=p(f"summary_budget_parts.{part}"),
                   comparison=_one(found[part], unit)) for part in parts if part in found]
        return p("summary_budget_only", title=version.title, totals=", ".join(shown))
    shown = []
    for part in parts:
        if part in totals[0] and part in totals[1]:
            comparison = _pair(totals[0][part], totals[1][part], p)
        else:
            found = totals[0].get(part) or totals[1][part]
            comparison = _one(found, found[1])
        shown.append(p("summary_budget_part", part=p(f"summary_budget_parts.{part}"), comparison=comparison))
    return p("summary_budget", totals="; ".join(shown))


def _totals(version: VersionBase) -> dict[str, tuple[dict[int, int], str]]:
    """The published totals of each part, from the first budget that has the part with a figure
    (a draft rolled forward to new years has totals whose figures are still to be written)."""
    found: dict[str, tuple[dict[int, int], str]] = {}
    for budget in getattr(version, "budgets", []):
        for part, total in [(key, part.total) for key, part in budget.parts()] + [("resultat", budget.result)]:
            filled = {year: value for year, value in (total.amounts if total else {}).items() if value is not None}
            if filled:  # a new draft's years may all be empty still
                found.setdefault(part, (filled, budget.unit))
    return found


def _one(total: tuple[dict[int, int], str], unit: str) -> str:
    amounts, source = total
    year = min(amounts)
    return f"{formatting.money(convert(amounts[year], source, unit), unit)} ({year})"


def _pair(old: tuple[dict[int, int], str], new: tuple[dict[int, int], str], p) -> str:
    (a, unit_a), (b, unit_b) = old, new
    common = sorted(set(a) & set(b))
    year_a, year_b = (common[0], common[0]) if common else (min(a), min(b))
    unit = common_unit([(a[year_a], unit_a), (b[year_b], unit_b)], unit_b)
    show = lambda value, source, year: f"{formatting.money(convert(value, source, unit), unit)} ({year})"  # noqa
    before, after = show(a[year_a], unit_a, year_a), show(b[year_b], unit_b, year_b)
    return p("summary_budget_same", amount=after) if before == after else p("from_to", old=before, new=after)
