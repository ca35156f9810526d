"""The annual review as a document tree: goals with figures by women and men, efforts,
budget against outcome, members' follow-ups, what changed, and the open findings.

Where the content gives no figure the review says "uppgift saknas"; it never invents one.
"""

from __future__ import annotations

from generators import formatting
from generators.content.findings import Finding
from generators.content.loading import Content
from generators.content.model import AnnualReview, GoalFollowUp, PlanVersion
from generators.document import (
    Document,
    Entry,
    Heading,
    ListBlock,
    Node,
    Paragraph,
    Row,
    Table,
)
from generators.templating import Phrases


def review_document(review: AnnualReview, content: Content, changes: list[str] | None,
                    findings: list[Finding], phrases: Phrases) -> Document:
    plan = content.version(review.plan).model
    p = _Words(phrases)
    missing = phrases("missing")
    nodes: list[Node] = [Heading(p("introduction_heading"), 1)]
    nodes += [Paragraph(text) for text in review.introduction]
    nodes.append(Paragraph(p("introduction", plan_title=plan.title, year=review.year)))
    nodes += _goals(review, plan, p, missing)
    nodes += _efforts(review, p, missing)
    nodes += _budget(review, content, p, missing)
    nodes += _members(review, content, p)
    nodes += _changes(review, content, changes, p, missing)
    nodes += _findings(findings, p)
    return Document(review.title, nodes)


class _Words:
    """The review's phrases: p("title", year=2022) and p.columns("goals_columns")."""

    def __init__(self, phrases: Phrases):
        self.phrases = phrases

    def __call__(self, key: str, **values) -> str:
        return self.phrases(f"review.{key}", **values)

    def columns(self, key: str) -> tuple[str, ...]:
        return tuple(self.phrases.raw(f"review.{key}"))


def _figure(value: int | None, missing: str) -> str:
    return formatting.amount(value) if value is not None else missing


def _goal_rows(label: str, follow_ups: list[GoalFollowUp], missing: str) -> list[Row]:
    if not follow_ups:
        return [Row((label, missing, missing, missing, missing, ""))]
    rows = []
    for f in follow_ups:
        total = f.women + f.men if f.women is not None and f.men is not None else None
        rows.append(Row((label, f.measure or missing, _figure(f.women, missing), _figure(f.men, missing),
                         _figure(total, missing), f.comment or "")))
        label = ""
    return rows


def _goals(review: AnnualReview, plan: PlanVersion, p, missing: str) -> list[Node]:
    by_goal: dict[str, list[GoalFollowUp]] = {}
    for follow_up in review.goal_follow_ups:
        by_goal.setdefault(follow_up.goal, []).append(follow_up)
    rows: list[Row] = []
    for goal in plan.goals:
        rows += _goal_rows(p("goal_label", text=goal.text), by_goal.get(goal.id, []), missing)
        for sub_goal in goal.sub_goals:
            rows += _goal_rows(p("sub_goal_label", text=sub_goal.text), by_goal.get(sub_goal.id, []), missing)
    numeric = (False, False, True, True, True, False)
    return [Heading(p("goals_heading"), 1), Table(p.columns("goals_columns"), tuple(rows), numeric)]


def _efforts(review: AnnualReview, p, missing: str) -> list[Node]:
    nodes: list[Node] = [Heading(p("efforts_heading"), 1)]
    if not review.efforts:
        return nodes + [Paragraph(p("efforts_none", missing=missing))]
    rows = tuple(Row((e.name, p(f"decisions.{e.decision}") if e.decision else missing, e.reason or ""))
                 for e in review.efforts)
    return nodes + [Table(p.columns("efforts_columns"), rows, (False, False, False))]


def _budget(review: AnnualReview, content: Content, p, missing: str) -> list[Node]:
    nodes: list[Node] = [Heading(p("budget_heading"), 1)]
    follow_up = review.budget_follow_up
    if not follow_up:
        return nodes + [Paragraph(p("budget_none", missing=missing))]
    source = content.version(follow_up.plan).model
    for budget in (b for b in source.budgets if follow_up.year in b.years):
        nodes.append(Paragraph(p("budget_intro", year=follow_up.year, plan_title=source.title, unit=budget.unit)))
        rows = []
        for _, part in budget.parts():
            rows.append(Row((part.heading, "", "", ""), "subheader"))
            for row in part.rows:
                planned = row.amounts.get(follow_up.year)
                outcome = follow_up.outcome.get(row.id)
                deviation = formatting.change(outcome - planned) if outcome is not None and planned is not None else missing
                rows.append(Row((row.text, formatting.amount(planned), _figure(outcome, missing), deviation)))
        nodes.append(Table(p.columns("budget_columns"), tuple(rows), (False, True, True, True)))
    return nodes


def _members(review: AnnualReview, content: Content, p) -> list[Node]:
    nodes: list[Node] = [Heading(p("members_heading"), 1)]
    if not review.member_follow_ups:
        return nodes + [Paragraph(p("members_none"))]
    organisation = content.organisation.model
    for follow_up_id in review.member_follow_ups:
        follow_up = content.follow_up(follow_up_id).model
        member = organisation.member(follow_up.member).name
        nodes.append(Heading(p("member_heading", member=member, body=follow_up.body, paragraph=follow_up.paragraph), 2))
        nodes.append(Paragraph(follow_up.title, "label"))
        nodes.append(Paragraph(p("member_decision", body=follow_up.body, decision=follow_up.decision)))
        if follow_up.reference:
            nodes.append(Paragraph(p("member_reference", reference=follow_up.reference)))
        if follow_up.key_figures:
            rows = tuple(Row((f.text, f"{f.value}\u00a0{f.unit}", f.period or "")) for f in follow_up.key_figures)
            nodes.append(Table(p.columns("member_figures_columns"), rows, (False, True, False)))
        if follow_up.wishes:
            nodes.append(Paragraph(p("member_wishes", member=member)))
            nodes.append(ListBlock(tuple(Entry(w.text) for w in follow_up.wishes)))
    return nodes


def _changes(review: AnnualReview, content: Content, changes: list[str] | None, p, missing: str) -> list[Node]:
    nodes: list[Node] = [Heading(p("changes_heading"), 1)]
    if not review.previous or changes is None:
        return nodes + [Paragraph(p("changes_none", missing=missing))]
    old, new = content.version(review.previous).model, content.version(review.plan).model
    nodes.append(Paragraph(p("changes_intro", old_title=old.title, new_title=new.title)))
    return nodes + [ListBlock(tuple(Entry(line) for line in changes))]


def _findings(findings: list[Finding], p) -> list[Node]:
    nodes: list[Node] = [Heading(p("findings_heading"), 1), Paragraph(p("findings_intro"))]
    open_findings = [f for f in findings if f.severity in ("fel", "varning")]
    if not open_findings:
        return nodes + [Paragraph(p("findings_none"))]
    rows = tuple(Row((f"{f.file.removeprefix('content/')}:{f.line}", f.rule, f.message)) for f in open_findings)
    return nodes + [Table(p.columns("findings_columns"), rows, (False, False, False))]
