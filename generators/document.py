"""The document tree: what a plan says, laid out as headings, paragraphs, lists and tables.

Word and the website both render this tree, so a budget table or a goal list is laid out
once. Building the tree is pure: model in, nodes out; the writers never see the YAML.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Literal

from generators import formatting
from generators.content.model import (
    Block,
    Budget,
    BudgetTotal,
    Goal,
    PlanVersion,
    ProjectTable,
    Section,
    TargetGroup,
)
from generators.templating import Phrases


@dataclass(frozen=True)
class Heading:
    text: str
    level: int
    number: str | None = None
    """The number as printed, e.g. '3.1.'; None where the original has none."""


ParagraphStyle = Literal["text", "label", "vision", "signature", "footnote", "note"]
"""'note' is a reader's note under a table, e.g. that a published total is kept as adopted."""


@dataclass(frozen=True)
class Paragraph:
    text: str
    style: ParagraphStyle = "text"
    mark: str | None = None
    """The footnote number a footnote paragraph starts with."""


@dataclass(frozen=True)
class Entry:
    text: str
    mark: str | None = None
    """A footnote reference after the text."""


@dataclass(frozen=True)
class ListBlock:
    entries: tuple[Entry, ...]
    numbered: bool = False
    start: int = 1
    level: int = 0
    """1 for a list under an entry of the list before it: a bullet goal's sub-goals."""

    @property
    def indent(self) -> int:
        """The level it is set at: bullets nest, numbered lists (one level in Word) do not."""
        return 0 if self.numbered else self.level


RowKind = Literal["body", "total", "subheader"]


@dataclass(frozen=True)
class Row:
    cells: tuple[str, ...]
    kind: RowKind = "body"


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]
    rows: tuple[Row, ...]
    numeric: tuple[bool, ...]
    """Which columns hold figures (right-aligned)."""
    caption: str = ""
    """What the table holds, its years and its unit ('Intäkter 2007–2008, kr'); in a document
    numbered by number_captions ('Tabell 2. Intäkter 2007–2008, kr'). The first column of every
    table heads its row."""


@dataclass(frozen=True)
class Series:
    label: str
    values: tuple[int, ...]


@dataclass(frozen=True)
class ChartPanel:
    title: str
    series: tuple[Series, ...]


@dataclass(frozen=True)
class Chart:
    id: str
    years: tuple[int | str, ...]
    """The bars of each series: years, or named columns such as ('Budget', 'Utfall')."""
    unit: str
    panels: tuple[ChartPanel, ...]
    alt: str
    caption: str = ""
    """Printed under the chart: what it shows, then numbered by number_captions ('Figur 1. …')."""


Node = Heading | Paragraph | ListBlock | Table | Chart


@dataclass
class Document:
    title: str
    nodes: list[Node] = field(default_factory=list)
    heading_formats: dict[int, str] = field(default_factory=dict)
    """Word numbering per heading level, as printed: {1: '%1', 2: '%1.%2.'}."""


SHORT_LIST = 6
"""A list with at most this many entries is printed on one page."""


def kept_with_next(entries: int) -> set[int]:
    """The entries of a list printed on the same page as the entry after them: all of a short
    list; in a longer one the first and the last but one, so no entry stands alone on a page."""
    if entries <= SHORT_LIST:
        return set(range(entries - 1))
    return {0, entries - 2}


def leads_in(node: Node, following: Node | None) -> bool:
    """A paragraph that introduces the list or table after it: printed on the same page."""
    return isinstance(node, Paragraph) and node.style in ("text", "label") and isinstance(following, (ListBlock, Table))


# --- Plans ------------------------------------------------------------------------------------

def plan_document(plan: PlanVersion, phrases: Phrases) -> Document:
    builder = _PlanBuilder(phrases, adopted=plan.status == "antagen")
    for section in plan.sections:
        builder.section(section, 1)
    return Document(plan.title, number_captions(builder.nodes, phrases), heading_formats(plan))


def number_captions(nodes: list[Node], phrases: Phrases, kinds: tuple[type, ...] = (Table, Chart)) -> list[Node]:
    """Tables captioned 'Tabell N. …' and charts 'Figur N. …', each numbered in the order the
    document prints them; a table without a caption of its own is named by the heading above it.
    kinds: which of them to number (a page that gathers several plans' tables numbers none)."""
    numbered: list[Node] = []
    heading, tables, charts = "", 0, 0
    for node in nodes:
        if isinstance(node, Heading):
            heading = node.text
        elif not isinstance(node, kinds):
            pass
        elif isinstance(node, Table):
            tables += 1
            node = replace(node, caption=phrases("table_number", number=tables, caption=node.caption or heading))
        elif isinstance(node, Chart):
            charts += 1
            node = replace(node, caption=phrases("figure_caption", number=charts, text=node.caption))
        numbered.append(node)
    return numbered


def table_caption(title: str, years: list[int], unit: str, phrases: Phrases) -> str:
    """'Intäkter 2007–2008, kr': the title as the plan prints it, the table's years unless the
    title already names them, and the unit, said once for the whole table."""
    named = all(str(year) in title for year in {min(years), max(years)})
    span = formatting.year_span(min(years), max(years))
    return phrases("table_caption", title=title, years="" if named else span, unit=unit)


def section_titles(plan: PlanVersion) -> dict[str, str]:
    """The heading of the section each budget and project table is in, by the table's id."""
    return {block.value.id: section.heading for _, _, section in plan.walk_sections()
            for block in section.blocks if block.kind in ("budget", "projekt")}


def heading_formats(plan: PlanVersion) -> dict[int, str]:
    """Word's level texts from the first printed number of each level: '3.1.' -> '%1.%2.'."""
    formats: dict[int, str] = {}
    for _, depth, section in plan.walk_sections():
        if section.number and depth not in formats:
            parts = section.number.rstrip(".").split(".")
            text = ".".join(f"%{i + 1}" for i in range(len(parts)))
            formats[depth] = text + ("." if section.number.endswith(".") else "")
    return formats


def block_nodes(block: Block, phrases: Phrases, title: str = "") -> list[Node]:
    """The nodes one block prints (its footnotes left out: they follow the section); title: the
    heading of its section, which names its tables."""
    builder = _PlanBuilder(phrases)
    builder.title = title or phrases("table_untitled")
    return builder.block(block, [])


class _PlanBuilder:
    def __init__(self, phrases: Phrases, adopted: bool = True):
        self.phrases = phrases
        self.adopted = adopted
        """A draft's figures are not yet the board's: its notes must not say they are."""
        self.nodes: list[Node] = []
        self.footnotes = 0
        self.title = ""
        """The heading of the section being built: it names the section's tables."""

    def section(self, section: Section, depth: int) -> None:
        self.nodes.append(Heading(section.heading, depth, section.number))
        self.title = section.heading
        pending: list[Paragraph] = []
        for block in section.blocks:
            self.nodes.extend(self.block(block, pending))
        self.nodes.extend(pending)
        for child in section.sections:
            self.section(child, depth + 1)

    def block(self, block: Block, footnotes: list[Paragraph]) -> list[Node]:
        kind, value = block.kind, block.value
        if kind in ("stycke", "underrubrik", "vision", "signatur"):
            style = {"stycke": "text", "underrubrik": "label", "vision": "vision", "signatur": "signature"}[kind]
            return [Paragraph(value, style)]
        if kind in ("punktlista", "numrerad_lista"):
            return [ListBlock(tuple(self.entry(item, footnotes) for item in value), kind == "numrerad_lista")]
        if kind == "principer":
            return [ListBlock(tuple(Entry(p.text) for p in value), numbered=True)]
        if kind == "onskemal":
            return [ListBlock(tuple(Entry(w.text) for w in value))]
        if kind == "mal":
            return goal_nodes(value)
        if kind == "malgrupper":
            return target_group_nodes(value)
        if kind == "fordelning":
            return [Paragraph(f"{formatting.percent(share.percent)} {share.text}") for share in value]
        if kind == "budget":
            return budget_nodes(value, self.phrases, self.adopted, self.title)
        if kind == "projekt":
            return [project_table(value, self.phrases, self.title),
                    *project_notes(value, self.phrases, self.adopted)]
        if kind == "tabell":
            numeric = tuple(False for _ in value.headings)
            return [Table(tuple(value.headings), tuple(Row(tuple(r)) for r in value.rows), numeric, self.title)]
        raise AssertionError(f"unknown block kind {kind}")

    def entry(self, item, footnotes: list[Paragraph]) -> Entry:
        if not item.footnote:
            return Entry(item.text)
        self.footnotes += 1
        mark = str(self.footnotes)
        footnotes.append(Paragraph(item.footnote, "footnote", mark))
        return Entry(item.text, mark)


def goal_nodes(goals: list[Goal]) -> list[Node]:
    """Goals as printed: paragraph goals as paragraphs, bullet goals as one list, sub-goals after."""
    nodes: list[Node] = []
    bullets: list[Entry] = []
    for goal in goals:
        if goal.style == "punkt" and not goal.sub_goals:
            bullets.append(Entry(goal.text))
            continue
        if bullets:
            nodes.append(ListBlock(tuple(bullets)))
            bullets = []
        nodes.append(Paragraph(goal.text) if goal.style == "stycke" else ListBlock((Entry(goal.text),)))
        if goal.sub_goals_heading:
            nodes.append(Paragraph(goal.sub_goals_heading))
        if goal.sub_goals:  # under a bullet goal they are a level in; under a paragraph, its list
            nodes.append(ListBlock(tuple(Entry(s.text) for s in goal.sub_goals), level=int(goal.style == "punkt")))
    if bullets:
        nodes.append(ListBlock(tuple(bullets)))
    return nodes


def target_group_nodes(groups: list[TargetGroup]) -> list[Node]:
    paragraphs = [Paragraph(g.text) for g in groups if g.style == "stycke"]
    listed = [g for g in groups if g.style == "punkt"]
    if not listed:
        return paragraphs
    prioritised = all(g.priority is not None for g in listed)
    if prioritised:
        listed = sorted(listed, key=lambda g: g.priority)
    start = listed[0].priority if prioritised else 1
    return [*paragraphs, ListBlock(tuple(Entry(g.text) for g in listed), numbered=prioritised, start=start)]


def budget_table(budget: Budget, phrases: Phrases, title: str = "") -> Table:
    """title: the heading of the budget's section, which the caption repeats."""
    years = budget.column_headings or [str(year) for year in budget.years]
    header: tuple[str, ...] = ()
    rows: list[Row] = []

    def amounts(values: dict[int, int]) -> tuple[str, ...]:
        return tuple(formatting.amount(values.get(year)) for year in budget.years)  # the unit is in the caption

    def total(line: BudgetTotal | None) -> None:
        if line:
            rows.append(Row((line.text, *amounts(line.amounts)), "total"))

    for _, part in budget.parts():
        if not header:
            header = (part.heading, *years)
        else:
            rows.append(Row((part.heading, *years), "subheader"))
        for row in part.rows:
            rows.append(Row((row.text, *amounts(row.amounts)), "total" if row.subtotal else "body"))
        total(part.total)
    total(budget.result)
    numeric = (False, *(True for _ in years))
    caption = table_caption(title or phrases("budget_title"), budget.years, budget.unit, phrases)
    return Table(header, tuple(rows), numeric, caption)


def budget_nodes(budget: Budget, phrases: Phrases, adopted: bool = True, title: str = "") -> list[Node]:
    """The table, a note where its published totals are not what its rows add up to, the chart."""
    chart = budget_chart(budget, phrases)
    return [budget_table(budget, phrases, title), *budget_notes(budget, phrases, adopted),
            *([chart] if chart.panels else [])]


def budget_notes(budget: Budget, phrases: Phrases, adopted: bool = True) -> list[Paragraph]:
    """A published total kept as adopted is said to the reader in words, under the table: the
    chart stacks the rows, so its bars do not reach the total in the table."""
    notes = []
    for _, part in budget.parts():
        differing = part.sums_differing(budget.years)
        if differing:
            years = [phrases("budget_sum_note_year", year=year, rows=formatting.amount(rows),
                             total=formatting.amount(total), unit=budget.unit) for year, rows, total in differing]
            years_text = formatting.enumerate_sv(years)
            note = "budget_sum_note" if adopted else "budget_sum_note_draft"
            notes.append(Paragraph(phrases(note, heading=part.heading, years=years_text[0].upper() + years_text[1:]),
                                   "note"))
    return notes


def project_notes(table: ProjectTable, phrases: Phrases, adopted: bool = True) -> list[Paragraph]:
    """A date kept as printed though the calendar has no such day, said under the table."""
    from generators.content.checks import date_problem

    notes = []
    for project in table.projects:
        for field_name, value in (("start", project.start), ("slut", project.end)):
            if value and date_problem(value):
                notes.append(Paragraph(phrases("project_date_note", project=project.name, date=value,
                                                field=field_name, adopted=adopted), "note"))
    return notes


def budget_chart(budget: Budget, phrases: Phrases) -> Chart:
    years = tuple(budget.years)
    panels = []
    for key, part in budget.parts():
        series = tuple(Series(row.text, tuple(row.amounts.get(y, 0) for y in years))
                       for row in part.rows if not row.subtotal)
        title = phrases("chart_title_income" if key == "intakter" else "chart_title_costs", unit=budget.unit)
        panels.append(ChartPanel(title, series))
    return Chart(budget.id, years, budget.unit, tuple(panels), chart_alt(years, budget.unit, panels, phrases),
                 chart_caption(budget, formatting.year_span(years[0], years[-1]), phrases))


def chart_caption(budget: Budget, period: str, phrases: Phrases, key: str = "chart_caption") -> str:
    """What the chart shows: the budget's parts ('Intäkter och kostnader'), its years and unit."""
    names = phrases.raw("chart_parts")
    parts = [names[part_key] for part_key, _ in budget.parts()]
    if not parts:
        return ""
    what = formatting.enumerate_sv([parts[0], *(part.lower() for part in parts[1:])])
    return phrases(key, what=what, years=period, unit=budget.unit)


def chart_alt(years: tuple[int, ...], unit: str, panels: list[ChartPanel], phrases: Phrases) -> str:
    """Short, and pointing to the table the chart follows: a screen reader has the figures
    there, cell by cell, and a 700-character alt text repeating them helps nobody."""
    what = " och ".join(panel.title.split(" (")[0].lower() for panel in panels)
    return phrases("chart_alt", what=what, years=formatting.year_span(years[0], years[-1]), unit=unit)


def project_table(table: ProjectTable, phrases: Phrases, title: str = "") -> Table:
    rows = []
    for p in table.projects:
        name = f"{p.name}\n{p.place}" if p.place else p.name
        rows.append(Row((name, p.focus, p.start or "", p.end or "",
                         formatting.amount(p.total_cost) if p.total_cost is not None else "",
                         formatting.amount(p.year_cost) if p.year_cost is not None else "")))
    if table.total:
        rows.append(Row((table.total.text, "", "", "", formatting.amount(table.total.total_cost),
                         formatting.amount(table.total.year_cost)), "total"))
    numeric = (False, False, False, False, True, True)
    caption = table_caption(title or phrases("projects_title"), [table.year], table.unit, phrases)
    return Table(tuple(table.columns), tuple(rows), numeric, caption)
