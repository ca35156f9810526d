"""Rules over the budget and project tables: sums, subtotals, result, years, the members'
shares and the project costs a budget line stands for (rule ids and descriptions in checks.py)."""

from __future__ import annotations

from collections import Counter
from fractions import Fraction
from typing import Iterator

from generators.content.findings import Finding
from generators.content.loading import Content, Loaded
from generators.content.model import Budget, BudgetPart
from generators.content.severity import report as _report
from generators.formatting import amount, share_percent


def _budgets(content: Content) -> Iterator[tuple[Loaded, tuple, Budget]]:
    for loaded in content.plans:
        for path, block in loaded.model.walk_blocks():
            if block.kind == "budget":
                yield loaded, path + ("budget",), block.budget


def _part_sums(part: BudgetPart, year: int) -> tuple[int, list[tuple[int, int, int]]]:
    """The sum of the ordinary rows, and (index, stated, computed) for each subtotal."""
    total = running = 0
    subtotals = []
    for index, row in enumerate(part.rows):
        value = row.amounts.get(year, 0)
        if row.subtotal:
            subtotals.append((index, value, running))
            running = 0
        else:
            total += value
            running += value
    return total, subtotals


def budget_sums(content: Content) -> Iterator[Finding]:
    for loaded, path, budget in _budgets(content):
        for key, part in budget.parts():
            for year in budget.years:
                if any(year not in row.amounts for row in part.rows):
                    continue  # a figure still to fill in: budget-ar names it, a sum would only add noise
                computed, subtotals = _part_sums(part, year)
                for index, stated, expected in subtotals:
                    if stated != expected:
                        yield _report(
                            loaded, "budget-delsumma", path + (key, "rader", index, "belopp", year),
                            f"delsumman {year} är {amount(stated)} men raderna ovanför blir {amount(expected)} {budget.unit}",
                        )
                if part.total and year in part.total.amounts and part.total.amounts[year] != computed:
                    stated = part.total.amounts[year]
                    yield _report(
                        loaded, "budget-summa", path + (key, "summa", "belopp", year),
                        f"raderna {year} blir {amount(computed)} {budget.unit} men summan anges till "
                        f"{amount(stated)} {budget.unit} (skillnad {amount(stated - computed)})",
                    )


def budget_result(content: Content) -> Iterator[Finding]:
    for loaded, path, budget in _budgets(content):
        if not (budget.result and budget.income and budget.costs and budget.income.total and budget.costs.total):
            continue
        for year, stated in budget.result.amounts.items():
            income = budget.income.total.amounts.get(year)
            costs = budget.costs.total.amounts.get(year)
            if income is not None and costs is not None and stated != income - costs:
                yield _report(
                    loaded, "budget-resultat", path + ("resultat", "belopp", year),
                    f"resultatet {year} anges till {amount(stated)} men intäkter minus kostnader är "
                    f"{amount(income)} − {amount(costs)} = {amount(income - costs)} {budget.unit}",
                )


def budget_years(content: Content) -> Iterator[Finding]:
    for loaded, path, budget in _budgets(content):
        years = set(budget.years)
        rows = [(key, "rader", i, row.text, row.amounts) for key, part in budget.parts() for i, row in enumerate(part.rows)]
        rows += [(key, "summa", None, part.total.text, part.total.amounts) for key, part in budget.parts() if part.total]
        if budget.result:
            rows.append(("resultat", None, None, budget.result.text, budget.result.amounts))
        for *where, text, amounts in rows:
            place = path + tuple(part for part in where if part is not None)
            for year in sorted(years - amounts.keys()):
                yield _report(loaded, "budget-ar", place + ("belopp",), f"{text}: belopp för {year} saknas")
            for year in sorted(amounts.keys() - years):
                yield _report(loaded, "budget-ar", place + ("belopp", year),
                              f"{year} är inte ett av tabellens år ({', '.join(map(str, budget.years))})")


def funding_shares(content: Content) -> Iterator[Finding]:
    shares = {share.group: share.fraction for share in content.organisation.model.funding.shares}
    for loaded, path, budget in _budgets(content):
        if not budget.income:
            continue
        for year in budget.years:
            by_group: Counter = Counter()
            for row in budget.income.rows:
                if row.funder in shares and not row.subtotal:
                    by_group[row.funder] += row.amounts.get(year, 0)
            total = sum(by_group.values())
            if not total or not by_group.keys() >= shares.keys():
                continue
            for group, expected in shares.items():
                actual = Fraction(by_group[group], total)
                if actual != expected:
                    yield _report(
                        loaded, "finansieringsandel", path + ("intakter",),
                        f"{group} bidrar {year} med {amount(by_group[group])} av {amount(total)} "
                        f"({share_percent(actual)}); fördelningen anger {expected}",
                    )


def project_tables(content: Content):
    for loaded in content.plans:
        for path, block in loaded.model.walk_blocks():
            if block.kind == "projekt":
                yield loaded, path + ("projekt",), block.projects


def project_sums(content: Content) -> Iterator[Finding]:
    for loaded, path, table in project_tables(content):
        if not table.total:
            continue
        for field, key, label in (("total_cost", "total_kostnad", "total kostnad"),
                                  ("year_cost", "kostnad_ar", f"kostnad {table.year}")):
            computed = sum(getattr(p, field) or 0 for p in table.projects)
            stated = getattr(table.total, field)
            if stated is None:
                yield _report(loaded, "projekt-summa", path + ("summa", key), f"summaradens {label} saknas")
            elif computed != stated:
                yield _report(loaded, "projekt-summa", path + ("summa", key),
                              f"projektens {label} blir {amount(computed)} {table.unit} men summan anges till "
                              f"{amount(stated)} {table.unit}")


def project_costs_in_budget(content: Content) -> Iterator[Finding]:
    for loaded, path, budget in _budgets(content):
        tables = {t.id: t for t in loaded.model.project_tables}
        for key, part in budget.parts():
            for index, row in enumerate(part.rows):
                table = tables.get(row.project_table or "")
                if table is None or table.year not in row.amounts:
                    continue
                in_table = sum(p.year_cost or 0 for p in table.projects)
                in_budget = row.amounts[table.year]
                if (table.unit, in_table) != (budget.unit, in_budget):
                    yield _report(loaded, "projekt-i-budget", path + (key, "rader", index, "belopp", table.year),
                                  f"budgeten anger {amount(in_budget)} {budget.unit} men projekttabellen "
                                  f"{table.id} summerar till {amount(in_table)} {table.unit}")
