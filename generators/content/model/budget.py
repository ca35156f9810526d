"""Budget tables and project tables: rows with amounts per year and the published sums."""

from __future__ import annotations

from typing import Iterator

from pydantic import Field, field_validator, model_validator

from .common import Amount, Funder, Id, Strict, Text, Unit, Year


def _filled(amounts: dict) -> dict:
    """A year written without a figure ('2024: ' in a plan rolled forward) has no amount yet:
    check reports it as missing, the tables print a dash."""
    return {year: value for year, value in amounts.items() if value is not None}


class BudgetRow(Strict):
    id: Id
    text: str
    amounts: dict[Year, Amount | None] = Field(alias="belopp")
    """Per year; a year left empty is a figure still to be filled in."""
    funder: Funder | None = Field(None, alias="finansiar")
    """Which funder group the income comes from, for the financing-share rule."""
    member: Id | None = Field(None, alias="medlem")
    """The organisation member the row belongs to, when it is one member's contribution."""
    project_table: Id | None = Field(None, alias="avser_projekt")
    """A project table whose year costs this row sums, e.g. 'Kostnad 2007 för beviljade projekt'."""
    subtotal: bool = Field(False, alias="delsumma")
    """A printed subtotal of the ordinary rows above it (since the previous subtotal)."""

    _filled = field_validator("amounts")(_filled)


class BudgetTotal(Strict):
    text: str
    amounts: dict[Year, int | None] = Field(alias="belopp")

    _filled = field_validator("amounts")(_filled)


class BudgetPart(Strict):
    heading: Text = Field(alias="rubrik")
    rows: list[BudgetRow] = Field(alias="rader")
    total: BudgetTotal | None = Field(None, alias="summa")

    def sum_of_rows(self, year: Year) -> int:
        """The ordinary rows of a year added up (printed subtotals left out)."""
        return sum(row.amounts.get(year, 0) for row in self.rows if not row.subtotal)

    def sums_differing(self, years: list[Year]) -> list[tuple[Year, int, int]]:
        """(year, rows added up, stated total) for each year whose published total the rows do not make."""
        if not self.total:
            return []
        return [(year, self.sum_of_rows(year), self.total.amounts[year]) for year in years
                if year in self.total.amounts and self.total.amounts[year] != self.sum_of_rows(year)]


class Budget(Strict):
    id: Id
    unit: Unit = Field(alias="enhet")
    years: list[Year] = Field(alias="ar", min_length=1)
    column_headings: list[str] | None = Field(None, alias="kolumnrubriker")
    """Column headings as printed, when they are not just the years."""
    income: BudgetPart | None = Field(None, alias="intakter")
    costs: BudgetPart | None = Field(None, alias="kostnader")
    result: BudgetTotal | None = Field(None, alias="resultat")

    @model_validator(mode="after")
    def _a_heading_for_each_year(self) -> Budget:
        # A table cannot be drawn with more or fewer headings than columns: the schema's to say.
        if self.column_headings is not None and len(self.column_headings) != len(self.years):
            raise ValueError(f"kolumnrubriker: {len(self.column_headings)} rubriker men {len(self.years)} år")
        return self

    def parts(self) -> Iterator[tuple[str, BudgetPart]]:
        for key, part in (("intakter", self.income), ("kostnader", self.costs)):
            if part is not None:
                yield key, part


class Project(Strict):
    id: Id
    name: str = Field(alias="namn")
    place: str | None = Field(None, alias="ort")
    """Place or owner, as printed under the name."""
    focus: str = Field(alias="inriktning")
    start: str | None = None
    """Start as printed: an ISO date, or text such as 'Prel 2007-01-01'."""
    end: str | None = Field(None, alias="slut")
    total_cost: Amount | None = Field(None, alias="total_kostnad")
    year_cost: Amount | None = Field(None, alias="kostnad_ar")


class ProjectTotal(Strict):
    text: str
    total_cost: int = Field(alias="total_kostnad")
    year_cost: int | None = Field(None, alias="kostnad_ar")
    """Left empty in a plan rolled forward to a new year, until the year's costs are known."""


class ProjectTable(Strict):
    id: Id
    unit: Unit = Field(alias="enhet")
    year: Year = Field(alias="ar")
    columns: list[str] = Field(alias="kolumner", min_length=6, max_length=6)
    projects: list[Project] = Field(alias="projekt")
    total: ProjectTotal | None = Field(None, alias="summa")
