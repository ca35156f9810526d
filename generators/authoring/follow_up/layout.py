"""What the follow-up sheets hold for one review, and where each figure goes in its file.

Every figure has a key, the same in the spreadsheet's hidden id column and in the review's
record of what was last read: 'budget.kansli', 'mal.halsa.kvinnor' (a second follow-up of the
same goal: 'mal.halsa#2.kvinnor'), 'insats.alfa.till_arbete'.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from generators.authoring.review_start import budget_of
from generators.content.loading import Content
from generators.content.model import AnnualReview, Budget, PlanVersion


@dataclass(frozen=True)
class Column:
    key: str
    """The review's YAML key."""
    header: str
    kind: str
    """'count' (people, whole and not negative), 'amount' (whole, in the budget's unit) or 'text'."""


GOAL_COLUMNS = (Column("matt", "Mått", "text"), Column("kvinnor", "Kvinnor", "count"), Column("man", "Män", "count"),
                Column("planerat", "Planerat", "count"))
EFFORT_COLUMNS = (Column("kvinnor", "Kvinnor", "count"), Column("man", "Män", "count"),
                  Column("planerat", "Planerat", "count"), Column("paborjade", "Påbörjade", "count"),
                  Column("avslutade", "Avslutade", "count"), Column("till_arbete", "Till arbete", "count"),
                  Column("till_studier", "Till studier", "count"),
                  Column("till_annat_stod", "Till annat stöd", "count"))


@dataclass
class Line:
    id: str
    """The row's key without the column: 'kansli', 'halsa', 'halsa#2', 'alfa'."""
    label: str
    values: dict[str, object] = field(default_factory=dict)
    """What the review says now, per column key."""
    part: str = ""
    """Budget only: 'Intäkter' or 'Kostnader'."""
    budget: int | None = None
    who: str = ""
    """Budget only: the member or funder group the line names."""


@dataclass
class Layout:
    review: AnnualReview
    year: int
    unit: str
    budget_lines: list[Line]
    goal_lines: list[Line]
    effort_lines: list[Line]
    budget_plan: str | None = None
    """The plan whose budget the lines come from; the review names it in `budgetuppfoljning`,
    or is given it when the first outcome is read."""


FUNDERS = {"staten": "Staten", "region": "Regionen", "kommunerna": "Kommunerna", "esf": "ESF"}


def layout(review: AnnualReview, content: Content) -> Layout:
    plan = content.version(review.plan).model
    budget_plan, budget, budget_year = _budget(review, content)
    return Layout(review, review.year, budget.unit if budget else "tkr",
                  _budget_lines(review, budget, budget_year, content), _goal_lines(review, plan),
                  _effort_lines(review), budget_plan)


def _budget(review: AnnualReview, content: Content) -> tuple[str | None, Budget | None, int]:
    """The budget the review follows up; for a review that names none, the year's budget in force."""
    follow_up = review.budget_follow_up
    if not follow_up:
        plan, budget = budget_of(content, review.year)
        return (plan.id if plan else None), budget, review.year
    plan = content.version(follow_up.plan)
    budgets = getattr(plan.model, "budgets", []) if plan else []
    return follow_up.plan, next((b for b in budgets if follow_up.year in b.years), None), follow_up.year


def _budget_lines(review: AnnualReview, budget: Budget | None, year: int, content: Content) -> list[Line]:
    if budget is None:
        return []
    members = {m.id: m.name for m in content.organisation.model.members}
    outcome = review.budget_follow_up.outcome if review.budget_follow_up else {}
    return [Line(row.id, row.text, {"utfall": outcome.get(row.id)}, part.heading, row.amounts.get(year),
                 members.get(row.member, "") if row.member else FUNDERS.get(row.funder or "", ""))
            for _, part in budget.parts() for row in part.rows if not row.subtotal]


def goal_key(goal: str, occurrence: int) -> str:
    return goal if occurrence == 1 else f"{goal}#{occurrence}"


def _goal_lines(review: AnnualReview, plan: PlanVersion) -> list[Line]:
    labels = {g.id: f"Mål: {g.text}" for g in plan.goals}
    labels.update({s.id: f"Delmål: {s.text}" for g in plan.goals for s in g.sub_goals})
    lines, seen = [], {}
    for follow_up in review.goal_follow_ups:
        seen[follow_up.goal] = seen.get(follow_up.goal, 0) + 1
        values = {c.key: getattr(follow_up, _attribute(c.key)) for c in GOAL_COLUMNS}
        lines.append(Line(goal_key(follow_up.goal, seen[follow_up.goal]), labels.get(follow_up.goal, follow_up.goal),
                          values))
    lines += [Line(goal_id, label) for goal_id, label in labels.items() if goal_id not in seen]
    return lines


def _effort_lines(review: AnnualReview) -> list[Line]:
    return [Line(e.id, e.name, {c.key: getattr(e, _attribute(c.key)) for c in EFFORT_COLUMNS}) for e in review.efforts]


ATTRIBUTES = {"matt": "measure", "kvinnor": "women", "man": "men", "planerat": "planned", "paborjade": "started",
              "avslutade": "ended", "till_arbete": "to_work", "till_studier": "to_studies",
              "till_annat_stod": "to_other_support"}


def _attribute(key: str) -> str:
    return ATTRIBUTES[key]
