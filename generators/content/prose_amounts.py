"""Rule budget-i-text: an amount the prose gives as a year's costs or income ("För
verksamhetsåret 2021 budgeterar förbundet 22,6 mkr i kostnader") agrees with the sum of the
plan's budget table for that year, to the precision the prose writes it in (22,6 mkr: within
50 tkr). The 2021 plan's text and table disagree; a rule makes that visible, the content keeps
both as adopted."""

from __future__ import annotations

import bisect
import re
from decimal import Decimal
from typing import Callable, Iterator

from generators.content.findings import Finding
from generators.content.loading import Content
from generators.content.model import Budget
from generators.content.severity import report
from generators.formatting import amount

KRONOR = {"kr": 1, "kronor": 1, "tkr": 1000, "kkr": 1000, "tusen kronor": 1000, "mkr": 1_000_000,
          "mnkr": 1_000_000, "miljoner kronor": 1_000_000}
STATED = re.compile(r"(?<![\d,])(\d{1,3}(?:[ \u00a0]\d{3})+|\d+)(?:,(\d+))?\s*"
                    r"(kr|kronor|tkr|kkr|tusen kronor|mkr|mnkr|miljoner kronor)\s+i\s+(kostnader|intäkter)\b",
                    re.IGNORECASE)
YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
PARTS = {"kostnader": "costs", "intäkter": "income"}


def budget_in_text(content: Content) -> Iterator[Finding]:
    for loaded in content.plans:
        budgets = [block.budget for _, block in loaded.model.walk_blocks() if block.kind == "budget"]
        if not budgets:
            continue
        for path, block in loaded.model.walk_blocks():
            if block.kind == "stycke":
                for message in _disagreements(block.value, budgets):
                    yield report(loaded, "budget-i-text", path + ("stycke",), message)


def _disagreements(text: str, budgets: list[Budget]) -> Iterator[str]:
    years_in = _sentence_years(text)
    sums: dict[tuple[str, int], tuple[int, str] | None] = {}
    for match in STATED.finditer(text):
        years = years_in(match.end())
        if len(years) != 1:
            continue  # no year, or several: which sum the amount is would be a guess
        year = int(next(iter(years)))
        whole, decimals, unit, part_name = match.groups()
        key = (PARTS[part_name.lower()], year)
        if key not in sums:
            sums[key] = _table_sum(budgets, *key)
        if sums[key] is None:
            continue
        table_sum, table_unit = sums[key]
        factor = KRONOR[unit.lower()]
        stated = Decimal(re.sub(r"\D", "", whole) + "." + (decimals or "0")) * factor
        precision = Decimal(factor) / 10 ** len(decimals or "") / 2
        if abs(stated - table_sum * KRONOR[table_unit]) > precision:
            yield (f"texten anger {' '.join(match.group(0).split())} för {year} men budgettabellens summa är "
                   f"{amount(table_sum)} {table_unit}")


def _sentence_years(text: str) -> Callable[[int], set[str]]:
    """The years named in the sentence around a stated amount (which holds no full stop),
    given where the amount ends: sentences end at '. ', and the text is read once however
    many amounts it states."""
    stops = [stop.start() for stop in re.finditer(r"\. ", text)]
    years: dict[int, set[str]] = {}
    for found in YEAR.finditer(text):
        years.setdefault(bisect.bisect_left(stops, found.end()), set()).add(found.group(0))
    return lambda end: years.get(bisect.bisect_left(stops, end), set())


def _table_sum(budgets: list[Budget], part_name: str, year: int) -> tuple[int, str] | None:
    """The first budget table's stated sum of that part for year (the rows' sum where it states
    none), with its unit; None where no table has the year in full."""
    for budget in budgets:
        part = getattr(budget, part_name)
        if part is None or year not in budget.years:
            continue
        if part.total and year in part.total.amounts:
            return part.total.amounts[year], budget.unit
        rows = [row for row in part.rows if not row.subtotal]
        if rows and all(year in row.amounts for row in rows):
            return sum(row.amounts[year] for row in rows), budget.unit
    return None
