"""Rolling a plan forward to a new period: `styrdok new-revision FROM --id NEW --period 2023-2026`.

The title, the period and every table keyed by year move with it. A budget's years move by
as many years as the period's start (2021–2023 becomes 2022–2024 for a plan of 2022): years
both periods share keep their figures, new years are written empty ('2024: ') for the office
to fill in, and `styrdok check` lists each of them as missing. A project table's year moves
the same way and its year costs are emptied: they were the old year's. Ids stay as they are,
so `styrdok diff` follows every row. In the running text the old period is moved where a
phrase states it as the current one (generators.content.period_text.moves); every other
mention of the old period is left for `styrdok check` (rule period-i-text). Only the changed
values are rewritten; comments and layout stay.
"""

from __future__ import annotations

import re

from generators import formatting
from generators.authoring.editing import Edits, flow_mapping, scalar
from generators.content.period_text import NOT_TEXT, moved_sentences, moves
from generators.content.model import AnnualReview, Budget, PlanVersion, ProjectTable, VersionBase
from generators.errors import UsageError

YEAR = re.compile(r"\b(19|20|21)\d\d\b")


class PeriodError(UsageError):
    """The period is not one or two years, or the title cannot follow it."""


def parse_period(text: str) -> tuple[int, int]:
    """'2022' -> (2022, 2022); '2023-2026' or '2023–2026' -> (2023, 2026)."""
    match = re.fullmatch(r"\s*(\d{4})\s*(?:[-–]\s*(\d{4}))?\s*", text)
    if not match:
        raise PeriodError(f"--period ska vara ett år eller två år med bindestreck, t.ex. 2022 eller 2023-2026 (är {text!r})")
    start, end = int(match.group(1)), int(match.group(2) or match.group(1))
    if not 1900 <= start <= end <= 2200:
        raise PeriodError(f"--period {text}: perioden ska börja före eller samma år som den slutar, mellan 1900 och 2200")
    return start, end


def new_title(version: VersionBase, start: int, end: int, title: str | None) -> str:
    if title:
        return title
    old = version.period
    for written in (old, old.replace("–", "-")):
        if written in version.title:
            return version.title.replace(written, formatting.year_span(start, end))
    raise PeriodError(f"titeln {version.title!r} nämner inte perioden {old}; ange den nya titeln med --titel")


def roll_forward(text: str, version: VersionBase, start: int, end: int, title: str | None,
                 moved: list[str] | None = None) -> str:
    """The text of a new draft (already given its id and status) moved to start–end; the
    sentences of running text moved are added to `moved`."""
    delta = start - version.start_year
    edits = Edits(text)
    _prose(edits, text, (version.start_year, version.end_year), (start, end), moved if moved is not None else [])
    edits.replace(("titel",), scalar(new_title(version, start, end, title)))
    edits.replace(("startar",), str(start))
    edits.replace(("slutar",), str(end))
    if isinstance(version, AnnualReview):
        edits.replace(("ar",), str(version.year + delta))
    if isinstance(version, PlanVersion):
        for path, block in version.walk_blocks():
            if block.kind == "budget":
                _budget(edits, path + ("budget",), block.budget, delta)
            elif block.kind == "projekt":
                _projects(edits, path + ("projekt",), block.projects, delta)
    return edits.apply()


def _prose(edits: Edits, text: str, old: tuple[int, int], new: tuple[int, int], moved: list[str]) -> None:
    if old == new:
        return
    for start, end in edits.strings(NOT_TEXT):
        source = text[start:end]
        changes = moves(source, old, new)
        for first, last, replacement in changes:
            edits.splice(start + first, start + last, replacement)
        if changes:
            moved += [" ".join(sentence.split()) for sentence in moved_sentences(source, old, new)]


def _shift(text: str, delta: int) -> str:
    """'Kostnad 2021' -> 'Kostnad 2022': years in a printed heading move with the table."""
    return YEAR.sub(lambda match: str(int(match.group(0)) + delta), text)


def _budget(edits: Edits, path: tuple, budget: Budget, delta: int) -> None:
    years = [year + delta for year in budget.years]
    edits.replace(path + ("ar",), "[" + ", ".join(map(str, years)) + "]")
    if budget.column_headings is not None:
        edits.replace(path + ("kolumnrubriker",),
                      "[" + ", ".join(scalar(_shift(heading, delta)) for heading in budget.column_headings) + "]")
    for key, part in budget.parts():
        for index, row in enumerate(part.rows):
            edits.replace(path + (key, "rader", index, "belopp"), flow_mapping({y: row.amounts.get(y) for y in years}))
        if part.total:
            edits.replace(path + (key, "summa", "belopp"), flow_mapping({y: part.total.amounts.get(y) for y in years}))
    if budget.result:
        edits.replace(path + ("resultat", "belopp"), flow_mapping({y: budget.result.amounts.get(y) for y in years}))


def _projects(edits: Edits, path: tuple, table: ProjectTable, delta: int) -> None:
    if not delta:
        return
    edits.replace(path + ("ar",), str(table.year + delta))
    edits.replace(path + ("kolumner",), "[" + ", ".join(scalar(_shift(c, delta)) for c in table.columns) + "]")
    for index, project in enumerate(table.projects):
        if project.year_cost is not None:
            edits.replace(path + ("projekt", index, "kostnad_ar"), "")
    if table.total and table.total.year_cost is not None:
        edits.replace(path + ("summa", "kostnad_ar"), "")
