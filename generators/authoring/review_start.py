"""`styrdok new-review YEAR`: start the draft annual review of a year from what the content says.

The draft names the plan in force that year and the budget that holds the year, lists the
plan's goals and sub-goals, the funded efforts of the year and the members' follow-ups of the
year, and leaves every figure empty with a comment saying where it comes from. Nothing is
invented: a figure is written by hand or read from a spreadsheet (`styrdok follow-up read`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from generators import formatting
from generators.authoring.editing import scalar
from generators.authoring.revision import RevisionError, write_checked_draft
from generators.content.loading import Content, display_path
from generators.content.model import Budget, PlanVersion, id_problem
from generators.validity import validity

COMMENT_WIDTH = 96


@dataclass(frozen=True)
class Sources:
    """What a review of `year` follows up, as the content stands."""

    year: int
    plan: PlanVersion
    budget_plan: PlanVersion | None
    budget: Budget | None
    efforts: list[tuple[str, str]]
    """(id, name) of every funded effort of the year."""
    member_follow_ups: list[str]


def review_id(year: int) -> str:
    return f"arlig-oversyn-{year}"


def sources(content: Content, year: int) -> Sources:
    """The plan in force in `year` (a mål- och inriktningsplan before a verksamhetsplan), the
    latest adopted budget with a column for the year, and the year's efforts and follow-ups."""
    in_force = plans_in_force(content, year)
    if not in_force:
        periods = ", ".join(f"{v.model.id} ({v.model.period})" for v in content.plans if v.model.status == "antagen")
        raise RevisionError(f"ingen antagen plan gäller år {year}. Antagna planer: {periods or 'inga'}.")
    plan = sorted(in_force, key=lambda p: (p.kind != "mal-och-inriktningsplan", -p.start_year))[0]
    budget_plan, budget = budget_of(content, year)
    return Sources(year, plan, budget_plan, budget, _efforts(content, year, [plan, budget_plan]),
                   [f.model.id for f in content.follow_ups if f.model.year == year])


def plans_in_force(content: Content, year: int) -> list[PlanVersion]:
    """The adopted plans in force at the end of `year` (generators.validity, as every output says
    it), else those in force at some point of it: a plan replaced in December still governed the year."""
    versions = [v.model for v in content.versions]
    plans = [v.model for v in content.plans]
    for day in (dt.date(year, 12, 31), *(dt.date(year, month, 1) for month in range(12, 0, -1))):
        answers = validity(versions, day)
        in_force = [plan for plan in plans if answers[plan.id].state == "gäller"]
        if in_force:
            return in_force
    return []


def budget_of(content: Content, year: int) -> tuple[PlanVersion | None, Budget | None]:
    """The budget with a column for `year` in the most recent adopted plan that has one."""
    found = [(v.model, b) for v in content.plans if v.model.status == "antagen"
             for b in v.model.budgets if year in b.years]
    if not found:
        return None, None
    return max(found, key=lambda pair: (pair[0].start_year, str(pair[0].adopted.date if pair[0].adopted else "")))


def _efforts(content: Content, year: int, plans: list[PlanVersion | None]) -> list[tuple[str, str]]:
    """Projects the plans fund in `year`, and the efforts the latest earlier review kept on."""
    efforts: dict[str, str] = {}
    for plan in filter(None, plans):
        for table in plan.project_tables:
            if table.year == year:
                efforts.update((project.id, project.name) for project in table.projects)
    earlier = [r.model for r in content.reviews if r.model.year < year]
    if earlier:
        latest = max(earlier, key=lambda r: r.year)
        efforts.update((e.id, e.name) for e in latest.efforts if e.decision != "avveckla")
    return list(efforts.items())


def new_review(content: Content, year: int, new_id: str | None = None) -> Path:
    new_id = new_id or review_id(year)
    problem = id_problem(new_id)
    if problem:
        raise RevisionError(problem)
    same_year = [r.model.id for r in content.reviews if r.model.year == year]
    if same_year:
        raise RevisionError(f"året {year} har redan en årlig översyn: {', '.join(same_year)}")
    if content.version(new_id) is not None:
        raise RevisionError(f"id {new_id!r} används redan; välj ett annat med --id")
    target = content.root / "reviews" / f"{new_id}.yaml"
    if target.exists():
        raise RevisionError(f"{display_path(target)} finns redan")
    write_checked_draft(content.root, target, review_text(sources(content, year), new_id))
    return target


def review_text(found: Sources, new_id: str) -> str:
    plan, year = found.plan, found.year
    lines = [
        "# yaml-language-server: $schema=../../schema/review.schema.json",
        f"# Årlig översyn {year}, påbörjad med styrdok new-review {year}. Siffrorna fylls i när de finns,",
        f"# för hand eller ur kalkylarket (styrdok follow-up template {year}, sedan styrdok follow-up read).",
        "# Det som saknas säger översynen i en mening. Hitta aldrig på siffror.",
        f"id: {new_id}",
        "slag: arlig-oversyn",
        f"titel: {scalar(f'Årlig översyn {year}')}",
        f"ar: {year}",
        f"startar: {year}",
        f"slutar: {year}",
        "status: utkast",
        f"plan: {plan.id}",
    ]
    if plan.replaces:
        lines.append(f"foregaende_version: {plan.replaces}")
    lines += _goal_lines(plan, year) + _effort_lines(found.efforts, year) + _budget_lines(found)
    lines += ["medlemsuppfoljningar:" + ("" if found.member_follow_ups else " []")]
    lines += [f"  - {follow_up}" for follow_up in found.member_follow_ups]
    return "\n".join(lines) + "\n"


def _goal_lines(plan: PlanVersion, year: int) -> list[str]:
    goals = [("Mål", g.id, g.text) for g in plan.goals]
    goals += [("Delmål", s.id, s.text) for g in plan.goals for s in g.sub_goals]
    if not goals:
        return [f"# {plan.title} har inga mål att följa upp.", "maluppfoljning: []"]
    lines = ["# Kvinnor och män per mål och delmål ur Uppföljning Finsam (tidigare SUS) för "
             f"{year}; planerat: det antal", "# planen räknar med; matt: vad som räknas.", "maluppfoljning:"]
    for label, goal_id, text in goals:
        lines += [_comment(f"{label}: {text}", "  "), f"  - mal: {goal_id}", "    matt:", "    kvinnor:",
                  "    man:", "    planerat:"]
    return lines


def _effort_lines(efforts: list[tuple[str, str]], year: int) -> list[str]:
    if not efforts:
        return [f"# Inga finansierade insatser för {year} står i planerna eller i förra årets översyn.",
                "insatser: []"]
    lines = [f"# Deltagare per insats ur Uppföljning Finsam för {year} (kvinnor, män, påbörjade, avslutade och",
             "# vart de gick); planerat: det antal insatsen räknade med; beslut: fortsatta, avveckla eller",
             "# forlanga (styrelsens omprövning).", "insatser:"]
    for effort_id, name in efforts:
        lines += [f"  - id: {effort_id}", f"    namn: {scalar(name)}", "    beslut:", "    kvinnor:", "    man:",
                  "    planerat:", "    paborjade:", "    avslutade:", "    till_arbete:", "    till_studier:",
                  "    till_annat_stod:"]
    return lines


def _budget_lines(found: Sources) -> list[str]:
    budget, year = found.budget, found.year
    if budget is None:
        return [f"# Ingen antagen plan har en budget för {year}: budgetuppföljningen läggs till när den finns."]
    lines = [f"# Utfallet per budgetrad ur förbundets bokslut för {year}, i {budget.unit} som budgeten.",
             "budgetuppfoljning:", f"  plan: {found.budget_plan.id}", f"  ar: {year}", "  utfall:"]
    for _, part in budget.parts():
        lines.append(_comment(f"{part.heading}: budget {year} i {budget.unit}", "    "))
        for row in part.rows:
            if not row.subtotal:
                planned = row.amounts.get(year)
                shown = formatting.amount(planned).replace(formatting.NBSP, " ")
                lines.append(f"    {row.id}:  # {row.text}, budget {shown}")
    return lines


def _comment(text: str, indent: str) -> str:
    text = " ".join(text.split())
    room = COMMENT_WIDTH - len(indent) - 2
    return f"{indent}# {text if len(text) <= room else text[:room - 1].rstrip() + '…'}"

