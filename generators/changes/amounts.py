"""Amounts of two versions side by side in one unit: 15 000 000 kr (2007) against 18 700 tkr
(2021) reads '15 000 tkr (2007) → 18 700 tkr (2021)', never two units on one line."""

from __future__ import annotations

from dataclasses import dataclass

UNIT_IN_KRONOR = {"kr": 1, "tkr": 1000, "kkr": 1000, "mkr": 1_000_000, "mnkr": 1_000_000}


def common_unit(values: list[tuple[int, str]], preferred: str) -> str:
    """The coarsest unit of those given in which every amount is a whole number; the preferred
    (the new version's) among units of the same size."""
    units = sorted({unit for _, unit in values}, key=lambda unit: (-UNIT_IN_KRONOR[unit], unit != preferred))
    for unit in units:
        scale = UNIT_IN_KRONOR[unit]
        if all((amount * UNIT_IN_KRONOR[source]) % scale == 0 for amount, source in values):
            return unit
    return "kr"


def convert(amount: int, source: str, target: str) -> int:
    return amount * UNIT_IN_KRONOR[source] // UNIT_IN_KRONOR[target]


@dataclass(frozen=True)
class Compared:
    """One line of a budget comparison in one unit."""

    old_year: int
    new_year: int
    old: int
    new: int
    unit: str

    @property
    def difference(self) -> int:
        return self.new - self.old

    @property
    def percent(self) -> float | None:
        return round(100 * self.difference / self.old, 1) if self.old else None


def compare_amounts(old: dict[int, int], old_unit: str, new: dict[int, int], new_unit: str) -> list[Compared]:
    """Each year both have, where the amount differs; with no year in common, the first year of
    each (a plan for 2007 against one for 2021), whether or not the figures differ."""
    common = sorted(set(old) & set(new))
    years = [(year, year) for year in common] if common else [(min(old), min(new))] if old and new else []
    unit = common_unit([(old[a], old_unit) for a, _ in years] + [(new[b], new_unit) for _, b in years], new_unit)
    lines = [Compared(a, b, convert(old[a], old_unit, unit), convert(new[b], new_unit, unit), unit) for a, b in years]
    return [line for line in lines if line.old_year != line.new_year or line.difference]
