"""The site's menu in the light of where each version stands (generators.validity, worded by
generators.cover), and what the archive holds.

The menu has "Gällande plan" and the archive page, which lists every version newest first,
each marked; the archive says which years it has no plan for, so that "ersatt av" between
2007 and 2021 does not read as if nothing came between them.
"""

from __future__ import annotations

from generators import formatting
from generators.content.model import PlanVersion, VersionBase
from generators.cover import Standing
from generators.templating import Phrases


def gap(plan: PlanVersion, standing: Standing) -> str:
    """The years between a replaced plan and its successor that the archive has no plan for."""
    if standing.state != "ersatt" or standing.successor is None:
        return ""
    return year_span(plan.end_year + 1, standing.successor.start_year - 1)


def _order(plan: VersionBase) -> tuple:
    return plan.start_year, plan.end_year, plan.id


def newest_first(plans: list[PlanVersion]) -> list[PlanVersion]:
    return sorted(plans, key=_order, reverse=True)


def current(plans: list[PlanVersion], standing: dict[str, Standing]) -> PlanVersion | None:
    """"Gällande plan": the newest plan in force, None on a day no plan is."""
    return next((p for p in newest_first(plans) if standing[p.id].in_force), None)


def year_span(first: int, last: int) -> str:
    """The years between two versions; none when one follows the other at once."""
    return "" if last < first else formatting.year_span(first, last)


def missing_years(plans: list[PlanVersion], founded: int) -> list[str]:
    """The spans of years since the association was founded that no version in the archive covers."""
    covered = {year for plan in plans for year in range(plan.start_year, plan.end_year + 1)}
    last = max(covered, default=founded - 1)
    spans, start = [], None
    for year in range(founded, last + 2):
        if year not in covered and year <= last and start is None:
            start = year
        elif (year in covered or year > last) and start is not None:
            spans.append(year_span(start, year - 1))
            start = None
    return spans


def archive_note(plans: list[PlanVersion], founded: int | None) -> str:
    """'Arkivet innehåller 3 versioner: 2007, 2021 och 2022–2026. Förbundet bildades 2005;
    planer för 2005–2006 och 2008–2020 finns inte här.'"""
    held = [plan.period for plan in sorted(plans, key=_order)]
    if not held:  # only drafts so far: the public site has no plan yet
        return "Arkivet innehåller ännu ingen antagen plan."
    text = f"Arkivet innehåller {len(held)} {'version' if len(held) == 1 else 'versioner'}: {formatting.enumerate_sv(held)}."
    missing = missing_years(plans, founded) if founded else []
    if missing:
        text += f" Förbundet bildades {founded}; planer för {formatting.enumerate_sv(missing)} finns inte här."
    return text


def menu(plans: list[PlanVersion], standing: dict[str, Standing], phrases: Phrases) -> list:
    """'Gällande plan' first, then the drafts (in the internal preview), then the archive.

    Replaced versions are reached from the archive page (planer/index.md, which lists every
    version), never from the menu: Material writes the whole menu into every page, so a menu
    of every version made each page grow with their number and the site with its square.
    The plan in force is in the menu once: two menu items for one page read as two plans."""
    in_force = current(plans, standing)
    entries: list = [{f"Gällande plan: {in_force.title}": f"planer/{in_force.id}.md"}] if in_force else []
    entries += [{f"{plan.title} ({standing[plan.id].mark(phrases)})": f"planer/{plan.id}.md"}
                for plan in newest_first(plans) if standing[plan.id].draft]
    return entries + [{ARCHIVE: "planer/index.md"}]


ARCHIVE = "Planer och tidigare versioner"
"""The menu's name for the archive page."""


def newest_first_pairs(pairs: list[tuple[PlanVersion, PlanVersion]]) -> list[tuple[PlanVersion, PlanVersion]]:
    return sorted(pairs, key=lambda pair: _order(pair[1]), reverse=True)
