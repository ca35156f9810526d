"""A version flattened for comparison: its sections with the place a reader sees ('3.3.
Uppföljning/Utvärdering'), each section's prose as paragraphs and the semantic items (vision,
principles, goals, sub-goals, target groups, distribution, budget rows, projects) with their
stable ids, everything numbered in document order.

Takes a validated version and the organisation; gives an `Outline`. Pure, no Swedish wording
beyond what the content itself says.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from generators.content.model import AnnualReview, Block, Organisation, Section, VersionBase


@dataclass
class Paragraph:
    kind: str
    """stycke, punkt, underrubrik, tabellrad or signatur."""
    text: str
    order: int


@dataclass
class Item:
    area: str
    """vision, princip, mal, delmal, malgrupp, fordelning, budgetrad, projekt, maluppfoljning, insats."""
    id: str
    text: str
    section: str
    """Key of the section the item is in ('' for a version without sections)."""
    order: int
    listing: str
    """The list the item is in (a block), for telling reorders."""
    position: int
    """1-based position in that list."""
    fields: dict = field(default_factory=dict)
    parent: str | None = None
    """The goal a sub-goal belongs to."""


@dataclass
class Part:
    """One section of the outline."""

    key: str
    number: str
    """As printed, e.g. '3.3.' ('' where the version prints none)."""
    heading: str
    place: str
    """Number and heading, with the parent's for an unnumbered subsection; unique in the version."""
    parent: str | None
    position: int
    order: int
    paragraphs: list[Paragraph] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)
    children: list[str] = field(default_factory=list)

    @property
    def bare_number(self) -> str:
        return self.number.rstrip(".")


@dataclass
class BudgetInfo:
    id: str
    section: str
    unit: str
    years: tuple[int, ...]
    order: int
    totals: dict[str, dict[int, int]]
    """'intakter', 'kostnader', 'resultat' -> year -> amount, as published."""


@dataclass
class Outline:
    version: VersionBase
    sections: dict[str, Part] = field(default_factory=dict)
    items: dict[str, dict[str, Item]] = field(default_factory=dict)
    budgets: list[BudgetInfo] = field(default_factory=list)
    project_tables: dict[str, tuple[str, int, str]] = field(default_factory=dict)
    """Project table id -> (section key, order, unit)."""
    _order: int = 0

    def next_order(self) -> int:
        self._order += 1
        return self._order

    def add(self, item: Item) -> None:
        found = self.items.setdefault(item.area, {})
        key = item.id
        while key in found:  # the same id in two budgets of one version: keep both
            key += "+"
        item.id = key
        found[key] = item
        if item.section in self.sections:
            self.sections[item.section].items.append(item)

    @property
    def numbered(self) -> bool:
        return any(part.number for part in self.sections.values())

    def section_text(self, key: str) -> str:
        """Everything a section says itself, or its subsections' text when it has none of its own."""
        part = self.sections[key]
        own = [p.text for p in part.paragraphs] + [item.text for item in part.items]
        if own:
            return " ".join(own)
        return " ".join(self.section_text(child) for child in part.children)


def outline(version: VersionBase, organisation: Organisation) -> Outline:
    result = Outline(version)
    if isinstance(version, AnnualReview):
        _review_items(version, result)
        return result
    _walk(version.sections, None, "", result, organisation)
    _unique_places(result)
    return result


def _walk(sections: list[Section], parent: str | None, parent_place: str, result: Outline,
          organisation: Organisation) -> None:
    for position, section in enumerate(sections, 1):
        key = f"{parent}/{section.id or position}" if parent else (section.id or str(position))
        own = f"{section.number} {section.heading}" if section.number else section.heading
        place = own if section.number or not parent_place else f"{parent_place} › {section.heading}"
        part = Part(key, section.number or "", section.heading, place, parent, position, result.next_order())
        result.sections[key] = part
        if parent:
            result.sections[parent].children.append(key)
        for index, block in enumerate(section.blocks):
            _block(block, f"{key}#{index}", key, result, organisation)
        _walk(section.sections, key, place, result, organisation)


def _unique_places(result: Outline) -> None:
    """Two sections that would read the same are told apart by their parent, then by a count."""
    seen: dict[str, int] = {}
    for part in result.sections.values():
        if part.place in seen and part.parent:
            parent = result.sections[part.parent]
            if not part.place.startswith(parent.place):
                part.place = f"{parent.place} › {part.place}"
        seen[part.place] = seen.get(part.place, 0) + 1
        if seen[part.place] > 1:
            part.place = f"{part.place} ({seen[part.place]})"


PROSE_LISTS = {"punktlista": "punkt", "numrerad_lista": "punkt"}


def _block(block: Block, listing: str, section: str, result: Outline, organisation: Organisation) -> None:
    kind, value = block.kind, block.value
    part = result.sections[section]
    prose = lambda kind_, text: part.paragraphs.append(Paragraph(kind_, text, result.next_order()))  # noqa: E731
    item = lambda area, id_, text, position=1, parent=None, **fields: result.add(Item(  # noqa: E731
        area, id_, text, section, result.next_order(), listing, position, fields, parent))
    if kind in ("stycke", "underrubrik", "signatur"):
        prose(kind, value)
    elif kind in PROSE_LISTS:
        for entry in value:
            prose("punkt", entry.text + (f" ({entry.footnote})" if entry.footnote else ""))
    elif kind == "tabell":
        prose("tabellrad", " | ".join(value.headings))
        for row in value.rows:
            prose("tabellrad", " | ".join(row))
    elif kind == "vision":
        item("vision", "vision", value)
    elif kind == "principer":
        for position, principle in enumerate(value, 1):
            item("princip", principle.id, principle.text, position)
    elif kind == "mal":
        for position, goal in enumerate(value, 1):
            item("mal", goal.id, goal.text, position)
            for sub_position, sub_goal in enumerate(goal.sub_goals, 1):
                result.add(Item("delmal", sub_goal.id, sub_goal.text, section, result.next_order(),
                                f"{listing}/{goal.id}", sub_position, {}, goal.id))
    elif kind == "malgrupper":
        for position, group in enumerate(value, 1):
            item("malgrupp", group.id, group.text, position, prioritet=group.priority)
    elif kind == "fordelning":
        for position, share in enumerate(value, 1):
            item("fordelning", share.id, share.text, position, andel=share.percent)
    elif kind == "onskemal":
        for position, wish in enumerate(value, 1):
            item("onskemal", wish.id, wish.text, position)
    elif kind == "budget":
        _budget(value, listing, section, result, organisation)
    elif kind == "projekt":
        result.project_tables[value.id] = (section, result.next_order(), value.unit)
        for position, project in enumerate(value.projects, 1):
            text = f"{project.name}, {project.place}" if project.place else project.name
            item("projekt", project.id, text, position, tabell=value.id, enhet=value.unit, inriktning=project.focus,
                 start=project.start, slut=project.end, total_kostnad=project.total_cost,
                 kostnad_ar=project.year_cost)


def _budget(budget, listing: str, section: str, result: Outline, organisation: Organisation) -> None:
    totals = {}
    position = 0
    order = result.next_order()  # the table's own changes (unit, years) come before its rows
    for part_key, part in budget.parts():
        group_of_rows: set[str] = set()
        for row in part.rows:
            position += 1
            who = _subtotal_identity(group_of_rows) if row.subtotal else row_identity(row, organisation)
            group_of_rows = set() if row.subtotal else group_of_rows | {_group(who, organisation)}
            result.add(Item("budgetrad", f"{part_key}/{row.id}", row.text, section, result.next_order(), listing,
                            position, {"belopp": dict(row.amounts), "enhet": budget.unit, "del": part_key,
                                       "vem": who, "budget": budget.id}))
        if part.total:
            position += 1
            totals[part_key] = dict(part.total.amounts)
            result.add(Item("budgetrad", f"{part_key}/summa", part.total.text, section, result.next_order(), listing,
                            position, {"belopp": dict(part.total.amounts), "enhet": budget.unit, "del": part_key,
                                       "vem": ("summa", part_key), "budget": budget.id}))
    if budget.result:
        totals["resultat"] = dict(budget.result.amounts)
        result.add(Item("budgetrad", "resultat", budget.result.text, section, result.next_order(), listing,
                        position + 1, {"belopp": dict(budget.result.amounts), "enhet": budget.unit, "del": "resultat",
                                       "vem": ("summa", "resultat"), "budget": budget.id}))
    result.budgets.append(BudgetInfo(budget.id, section, budget.unit, tuple(budget.years), order, totals))


def row_identity(row, organisation: Organisation) -> tuple[str, str] | None:
    """What a budget row is: the member it names (under any of its names), else its funder group.

    'Landstinget' and 'Regionen' are both the region under its two names; 'Försäkringskassan/LÄN' names two
    members of the state group, so it is the state's row, as 'Staten' is."""
    if row.member:
        return ("medlem", row.member)
    named = members_named(row.text, organisation)
    if len(named) == 1:
        return ("medlem", named[0].id)
    if named and len({member.group for member in named}) == 1:
        return ("grupp", named[0].group)
    if row.funder:
        return ("grupp", row.funder)
    return None


def members_named(text: str, organisation: Organisation) -> list:
    words = {part.strip().lower() for part in text.replace(",", "/").replace(" och ", "/").split("/")}
    found = []
    for member in organisation.members:
        names = {member.name.lower()} | {former.name.lower() for former in member.former_names} | {
            former.abbreviation.lower() for former in member.former_names if former.abbreviation}
        if names & words:
            found.append(member)
    return found


def _group(who: tuple[str, str] | None, organisation: Organisation) -> str:
    if who is None:
        return ""
    if who[0] == "medlem":
        member = organisation.member(who[1])
        return member.group if member else ""
    return who[1]


def _subtotal_identity(groups: set[str]) -> tuple[str, str] | None:
    """A printed subtotal of rows that all come from one funder group is that group's row."""
    if len(groups) == 1 and "" not in groups:
        return ("grupp", next(iter(groups)))
    return None


def _review_items(review: AnnualReview, result: Outline) -> None:
    for position, follow_up in enumerate(review.goal_follow_ups, 1):
        result.add(Item("maluppfoljning", follow_up.goal, follow_up.measure or follow_up.goal, "", result.next_order(),
                        "maluppfoljning", position, {"kvinnor": follow_up.women, "man": follow_up.men}))
    for position, effort in enumerate(review.efforts, 1):
        result.add(Item("insats", effort.id, effort.name, "", result.next_order(), "insats", position,
                        {"beslut": effort.decision}))
