"""The review's "Budget och utfall": the adopted budget of the year against the outcome, line by
line, with each part's total, the result (intäkter − kostnader) and the difference in the
budget's unit and in per cent, and a chart of outcome against budget.

Totals are the rows added up, for budget and outcome alike, so the two columns are compared on
the same footing; where a published total differs from its rows, the review's quality section
says so. An outcome total is only given when every row of the part has its outcome.
"""

from __future__ import annotations

from dataclasses import dataclass

from generators import formatting
from generators.content.model import Budget, BudgetFollowUp, BudgetPart
from generators.document import Chart, ChartPanel, Node, Row, Series, Table, chart_caption


@dataclass(frozen=True)
class Line:
    text: str
    budget: int | None
    outcome: int | None
    kind: str = "body"


def part_lines(part: BudgetPart, follow_up: BudgetFollowUp) -> tuple[list[Line], Line]:
    """The part's ordinary rows and its total (rows added up)."""
    year = follow_up.year
    rows = [Line(row.text, row.amounts.get(year), follow_up.outcome.get(row.id))
            for row in part.rows if not row.subtotal]
    outcomes = [line.outcome for line in rows]
    total_outcome = sum(outcomes) if rows and None not in outcomes else None
    title = part.total.text if part.total else f"Summa {part.heading.lower()}"
    return rows, Line(title, sum(line.budget or 0 for line in rows), total_outcome, "total")


def budget_lines(budget: Budget, follow_up: BudgetFollowUp, result_label: str) -> list[Line]:
    """Every line of the table: per part a heading, its rows and total; then the result."""
    lines, totals = [], {}
    for key, part in budget.parts():
        rows, total = part_lines(part, follow_up)
        lines += [Line(part.heading, None, None, "subheader"), *rows, total]
        totals[key] = total
    if "intakter" in totals and "kostnader" in totals:
        income, costs = totals["intakter"], totals["kostnader"]
        outcome = income.outcome - costs.outcome if income.outcome is not None and costs.outcome is not None else None
        lines.append(Line(result_label, income.budget - costs.budget, outcome, "total"))
    return lines


def difference(line: Line) -> tuple[str, str]:
    """The outcome less the budget, in the unit and in per cent of the budget."""
    if line.outcome is None or line.budget is None:
        return "–", "–"
    change = line.outcome - line.budget
    if line.budget == 0:
        return formatting.change(change), "–"
    return formatting.change(change), formatting.signed_percent(change / abs(line.budget) * 100)


def budget_table(budget: Budget, follow_up: BudgetFollowUp, columns: tuple[str, ...], caption: str,
                 result_label: str) -> Table:
    rows = []
    for line in budget_lines(budget, follow_up, result_label):
        if line.kind == "subheader":
            rows.append(Row((line.text, "", "", "", ""), "subheader"))
            continue
        rows.append(Row((line.text, formatting.amount(line.budget), formatting.amount(line.outcome),
                         *difference(line)), line.kind))
    return Table(columns, tuple(rows), (False, True, True, True, True), caption)


def outcome_chart(budget: Budget, follow_up: BudgetFollowUp, labels: tuple[str, str],
                  titles: dict[str, str], alt: str, caption: str = "") -> Chart | None:
    """Bars of budget and outcome per row that has an outcome; None when no row has one."""
    panels = []
    for key, part in budget.parts():
        rows, _ = part_lines(part, follow_up)
        series = tuple(Series(line.text, (line.budget or 0, line.outcome)) for line in rows
                       if line.outcome is not None and line.outcome >= 0)
        if series:
            panels.append(ChartPanel(titles[key], series))
    if not panels:
        return None
    return Chart(f"utfall-{follow_up.year}", labels, budget.unit, tuple(panels), alt, caption)


def outcome_nodes(budget: Budget, follow_up: BudgetFollowUp, p) -> list[Node]:
    caption = p("budget_caption", budget_year=follow_up.year, unit=budget.unit)
    nodes: list[Node] = [budget_table(budget, follow_up, p.columns("budget_columns"), caption, p("result_label"))]
    missing = [row.text for _, part in budget.parts() for row in part.rows
               if not row.subtotal and row.id not in follow_up.outcome]
    if missing:
        nodes.append(p.say("outcome_missing", budget_year=follow_up.year, rows=formatting.enumerate_sv(missing)))
    titles = {"intakter": p("chart_income", unit=budget.unit), "kostnader": p("chart_costs", unit=budget.unit)}
    chart = outcome_chart(budget, follow_up, tuple(p.columns("chart_series")), titles,
                          p("chart_alt", budget_year=follow_up.year, unit=budget.unit),
                          chart_caption(budget, str(follow_up.year), p.phrases, "review.chart_caption"))
    return nodes + ([chart] if chart else [])
