"""Rules over the annual reviews: a review follows up its own year, and an outcome is not out of
scale with its budget line.

An outcome of 3 140 000 in a table kept in tkr is almost always an amount in kronor typed into
the wrong unit. The rule compares each outcome with the line's budget (or, for a line budgeted
at nothing, with the largest line of the year) and names the figure it probably meant.
"""

from __future__ import annotations

from typing import Iterator

from generators.content.findings import Finding
from generators.content.loading import Content
from generators.content.model import Budget
from generators.content.severity import report
from generators.formatting import amount

SCALE = 100
"""How many times its budget an outcome may be before it reads as a figure in another unit."""
KRONOR = {"kr": 1, "tkr": 1_000, "kkr": 1_000, "mkr": 1_000_000, "mnkr": 1_000_000}


def scale_problem(outcome: int, planned: int | None, largest: int, unit: str) -> str | None:
    """Why `outcome` looks like a figure in another unit than the budget's, or None."""
    reference = planned if planned else largest
    if reference <= 0 or abs(outcome) < SCALE * reference:
        return None
    hint = ""
    if KRONOR[unit] > 1:
        hint = f"; är det kronor? I {unit} blir det {amount(round(outcome / KRONOR[unit]))}"
    against = f"budgeten {amount(planned)} {unit}" if planned else f"årets största budgetrad ({amount(largest)} {unit})"
    return f"utfallet {amount(outcome)} {unit} är mer än {SCALE} gånger {against}{hint}"


def largest_line(budget: Budget, year: int) -> int:
    return max((row.amounts.get(year, 0) for _, part in budget.parts() for row in part.rows), default=0)


def outcome_scale(content: Content) -> Iterator[Finding]:
    for loaded in content.reviews:
        follow_up = loaded.model.budget_follow_up
        source = content.version(follow_up.plan) if follow_up else None
        if source is None or not hasattr(source.model, "budgets"):
            continue
        for budget in (b for b in source.model.budgets if follow_up.year in b.years):
            largest = largest_line(budget, follow_up.year)
            for _, part in budget.parts():
                for row in part.rows:
                    outcome = follow_up.outcome.get(row.id)
                    problem = None if outcome is None else scale_problem(outcome, row.amounts.get(follow_up.year),
                                                                         largest, budget.unit)
                    if problem:
                        yield report(loaded, "utfall-skala", ("budgetuppfoljning", "utfall", row.id),
                                     f"{row.text}: {problem}")


def review_year(content: Content) -> Iterator[Finding]:
    """A review copied from last year's keeps last year's budget year and perhaps a plan whose
    period is over: the published review would compare the wrong year."""
    for loaded in content.reviews:
        review = loaded.model
        follow_up = review.budget_follow_up
        if follow_up and follow_up.year != review.year:
            yield report(loaded, "oversyn-ar", ("budgetuppfoljning", "ar"),
                         f"översynen gäller {review.year}, men budgetuppföljningen avser {follow_up.year}")
        plan = content.version(review.plan)
        if plan is not None and not plan.model.start_year <= review.year <= plan.model.end_year:
            yield report(loaded, "oversyn-ar", ("plan",),
                         f"översynen gäller {review.year}, men {plan.model.id} gäller {plan.model.period}")
