"""The annual review as a document tree, written for the board: goals and efforts with
figures by women and men against plan, budget against outcome, members' follow-ups, what
changed, and the quality of the figures in plain sentences.

Where nothing has been entered the review says so in one sentence per goal or table
("Uppföljningsdata för 2022 har inte förts in"); it never invents a figure and never shows
file paths, line numbers or rule ids.
"""

from __future__ import annotations

from generators import formatting
from generators.content.loading import Content
from generators.content.model import AnnualReview, Figures, GoalFollowUp, PlanVersion
from generators.document import (
    Document,
    Entry,
    Heading,
    ListBlock,
    Node,
    Paragraph,
    Row,
    Table,
    number_captions,
)
from generators.review_budget import outcome_nodes
from generators.templating import Phrases


def review_document(review: AnnualReview, content: Content, changes: list[str] | None, phrases: Phrases) -> Document:
    plan = content.version(review.plan).model
    p = _Words(phrases, review.year)
    nodes: list[Node] = [Heading(p("introduction_heading"), 1)]
    nodes += [Paragraph(text) for text in review.introduction]
    nodes.append(p.say("introduction", plan_title=plan.title))
    nodes += _goals(review, plan, p)
    nodes += _efforts(review, p)
    nodes += _budget(review, content, p)
    nodes += _members(review, content, p)
    nodes += _changes(review, content, changes, p)
    nodes += _quality(review, content, p)
    return Document(review.title, number_captions(nodes, phrases))


class _Words:
    """The review's phrases: p("goals_none") with the review's year, p.columns("goals_columns")."""

    def __init__(self, phrases: Phrases, year: int):
        self.phrases, self.year = phrases, year

    def __call__(self, key: str, **values) -> str:
        return self.phrases(f"review.{key}", year=self.year, **values)

    def say(self, key: str, **values) -> Paragraph:
        """A paragraph the tool writes: always a whole sentence, whatever text it quotes."""
        return Paragraph(formatting.sentence(self(key, **values)))

    def columns(self, key: str) -> tuple[str, ...]:
        return tuple(self.phrases.raw(f"review.{key}"))


def _figure(value: int | None) -> str:
    return formatting.amount(value)  # '–' where a single figure is missing in a row that has others


def _figure_cells(figures: Figures) -> tuple[str, ...]:
    """Women, men, total, planned and the difference against plan."""
    total = figures.total
    difference = formatting.change(total - figures.planned) if total is not None and figures.planned is not None else "–"
    return (_figure(figures.women), _figure(figures.men), _figure(total), _figure(figures.planned), difference)


def _goals(review: AnnualReview, plan: PlanVersion, p) -> list[Node]:
    nodes: list[Node] = [Heading(p("goals_heading"), 1)]
    entered = [f for f in review.goal_follow_ups if f.entered or f.comment]
    if not entered:
        return nodes + [p.say("goals_none")]
    by_goal: dict[str, list[GoalFollowUp]] = {}
    for follow_up in entered:
        by_goal.setdefault(follow_up.goal, []).append(follow_up)
    labelled = [(p("goal_label", text=goal.text), goal.id, goal.text, "goal_none") for goal in plan.goals]
    labelled += [(p("sub_goal_label", text=sub.text), sub.id, sub.text, "sub_goal_none")
                 for goal in plan.goals for sub in goal.sub_goals]
    rows, comments, missing = [], [], []
    for label, goal_id, text, none in labelled:
        if goal_id not in by_goal:
            missing.append(p.say(none, text=text))
            continue
        for follow_up in by_goal[goal_id]:
            rows.append(Row((label, follow_up.measure or "–", *_figure_cells(follow_up))))
            if follow_up.comment:
                comments.append(p.say("goal_comment", text=text, comment=follow_up.comment))
            label = ""
    numeric = (False, False, True, True, True, True, True)
    return nodes + [Table(p.columns("goals_columns"), tuple(rows), numeric), *comments, *missing]


def _efforts(review: AnnualReview, p) -> list[Node]:
    nodes: list[Node] = [Heading(p("efforts_heading"), 1)]
    entered = [e for e in review.efforts if e.entered or e.decision or e.reason]
    if not entered:
        return nodes + [p.say("efforts_none")]
    rows = tuple(Row((e.name, p(f"decisions.{e.decision}") if e.decision else "–", *_figure_cells(e)))
                 for e in entered)
    reasons = [p.say("effort_reason", name=e.name, reason=e.reason) for e in entered if e.reason]
    missing = [p.say("effort_none", name=e.name) for e in review.efforts if e not in entered]
    table = Table(p.columns("efforts_columns"), rows, (False, False, True, True, True, True, True))
    return nodes + [table, *_effort_outcomes(entered, p), *reasons, *missing]


def _effort_outcomes(efforts: list, p) -> list[Node]:
    """Where the participants went, as the national follow-up counts them: only when entered."""
    counted = [e for e in efforts if any(value is not None for value in e.outcomes)]
    if not counted:
        return []
    rows = tuple(Row((e.name, *(_figure(value) for value in e.outcomes))) for e in counted)
    return [Table(p.columns("effort_outcomes_columns"), rows, (False, True, True, True, True, True),
                  p("effort_outcomes_caption"))]


def _budget(review: AnnualReview, content: Content, p) -> list[Node]:
    nodes: list[Node] = [Heading(p("budget_heading"), 1)]
    follow_up = review.budget_follow_up
    if not follow_up:
        return nodes + [p.say("budget_none")]
    source = content.version(follow_up.plan).model
    if not follow_up.outcome:
        return nodes + [p.say("outcome_none", budget_year=follow_up.year, plan_title=source.title)]
    for budget in (b for b in source.budgets if follow_up.year in b.years):
        nodes.append(p.say("budget_intro", budget_year=follow_up.year, plan_title=source.title, unit=budget.unit))
        nodes += outcome_nodes(budget, follow_up, p)
    return nodes


def _members(review: AnnualReview, content: Content, p) -> list[Node]:
    nodes: list[Node] = [Heading(p("members_heading"), 1)]
    if not review.member_follow_ups:
        return nodes + [p.say("members_none")]
    organisation = content.organisation.model
    for follow_up_id in review.member_follow_ups:
        follow_up = content.follow_up(follow_up_id).model
        member = organisation.member(follow_up.member).name
        nodes.append(Heading(p("member_heading", member=member, body=follow_up.body, paragraph=follow_up.paragraph), 2))
        nodes.append(Paragraph(follow_up.title, "label"))
        nodes.append(p.say("member_decision", body=follow_up.body, decision=follow_up.decision))
        if follow_up.reference:
            nodes.append(p.say("member_reference", reference=follow_up.reference))
        if follow_up.key_figures:
            nodes.append(_member_figures(follow_up.key_figures, member, p))
        if follow_up.wishes:
            nodes.append(Paragraph(p("member_wishes", member=member)))  # a lead-in ending in ':' before its list
            nodes.append(ListBlock(tuple(Entry(w.text) for w in follow_up.wishes)))
    return nodes


def _member_figures(figures, member: str, p) -> Table:
    """The follow-up's figures, the unit said once in the caption where all share it (as every
    other table does) and in each cell only where they differ."""
    units = {f.unit for f in figures}
    shared = units.pop() if len(units) == 1 else ""
    rows = tuple(Row((f.text, f.value if shared else f"{f.value}\u00a0{f.unit}", f.period or "")) for f in figures)
    caption = p("member_figures_caption", member=member, unit=shared)
    return Table(p.columns("member_figures_columns"), rows, (False, True, False), caption)


def _changes(review: AnnualReview, content: Content, changes: list[str] | None, p) -> list[Node]:
    nodes: list[Node] = [Heading(p("changes_heading"), 1)]
    if not review.previous or changes is None:
        return nodes + [Paragraph(p("changes_none"))]
    old, new = content.version(review.previous).model, content.version(review.plan).model
    nodes.append(Paragraph(p("changes_intro", old_title=old.title, new_title=new.title)))
    return nodes + [ListBlock(tuple(Entry(line) for line in changes))]


def _quality(review: AnnualReview, content: Content, p) -> list[Node]:
    """Published totals the rows do not make, in the budgets the review relies on, in sentences."""
    plans = [review.plan] + ([review.budget_follow_up.plan] if review.budget_follow_up else [])
    years = {review.year} | ({review.budget_follow_up.year} if review.budget_follow_up else set())
    sentences = []
    for plan_id in dict.fromkeys(plans):
        plan = content.version(plan_id).model
        for budget in plan.budgets:
            for _, part in budget.parts():
                for year, rows, total in part.sums_differing(sorted(years & set(budget.years))):
                    sentences.append(p.say(("quality_budget_sum"), budget_year=year, heading=part.heading.lower(),
                                                 rows=formatting.amount(rows), total=formatting.amount(total),
                                                 unit=budget.unit, plan_title=plan.title))
    return [Heading(p("quality_heading"), 1), *sentences] if sentences else []
