"""A Word file and a plan as the same flat list of lines, for importing an edited Word file
onto the version it was made from (authoring/onto.py).

`source_lines` reads what a person sees in a Word file (word/source.py) after the first
heading: headings, paragraphs by their style, list entries with their level, table rows,
images, captions and notes. What comes before the first heading (cover, contents) is the
tool's own furniture and is returned apart.

`plan_roles` walks a plan as the document tree prints it (document.py) and says, line for
line, where each printed line comes from: a section's heading, a block, the n-th goal of a
block, a sub-goal, a budget row of a part, or furniture (a chart, a caption, a reader's note)
that the plan's data makes and nobody writes.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from generators.content.model import PlanVersion
from generators.document import Chart, Paragraph, Table, block_nodes
from generators.templating import Phrases
from generators.word.source import Source, SourceParagraph

FURNITURE = ("bild", "bildtext", "not")
"""Line kinds styrdok makes itself: a chart, a table's caption, a reader's note."""
PARAGRAPH_KINDS = {"underrubrik": "underrubrik", "vision": "vision", "signatur": "signatur",
                   "fotnot": "fotnot", "anmärkning": "fotnot", "caption": "bildtext"}
"""Paragraph style name (lower case) -> line kind; any other style is an ordinary paragraph."""
NODE_KINDS = {"text": "stycke", "label": "underrubrik", "vision": "vision", "signature": "signatur",
              "footnote": "fotnot", "note": "fotnot"}


@dataclass
class Line:
    kind: str
    """rubrik, stycke, underrubrik, vision, signatur, punkt, rad, fotnot, bild or bildtext."""
    text: str = ""
    level: int = 0
    """A heading's outline level (1 = chapter), a list entry's level (0 = first)."""
    label: str = ""
    """What Word prints before it: a heading's number, a list's bullet or number."""
    cells: tuple[str, ...] = ()
    block: SourceParagraph | None = field(default=None, repr=False, compare=False)

    @property
    def key(self) -> tuple:
        return (self.kind, self.label, self.text, self.cells, self.level)

    @property
    def words(self) -> str:
        """The text a reader compares: a row's cells in order."""
        return " ".join(self.cells) if self.kind == "rad" else self.text


@dataclass(frozen=True)
class Role:
    """Where a printed line comes from in the plan."""

    section: tuple[int, ...]
    """Indices from the top-level list of sections down."""
    block: int | None = None
    """The block's index in the section's content; None for the heading."""
    part: tuple = ()
    """Inside the block: ('goal', j), ('delmal', j, k), ('row', 'kostnader', r), ('furniture',) ..."""
    text: str = ""
    """The text the plan gives the line (without a footnote mark or a share's percentage)."""

    @property
    def furniture(self) -> bool:
        return self.part[:1] == ("furniture",)


def source_lines(source: Source) -> tuple[list[SourceParagraph], list[Line]]:
    """(what comes before the first heading, the lines from the first heading on)."""
    before: list = []
    lines: list[Line] = []
    for block in source.blocks:
        heading = isinstance(block, SourceParagraph) and block.outline and block.text and not block.title
        if not lines and not heading:
            before.append(block)
            continue
        if isinstance(block, SourceParagraph):
            lines += _paragraph_lines(block)
        else:
            lines += [Line("rad", cells=tuple(row)) for row in block.rows]
    return before, lines


def _paragraph_lines(block: SourceParagraph) -> list[Line]:
    found = []
    if block.images:
        found.append(Line("bild", block=block))
    text = block.text.strip()
    if not text:
        return found
    if block.outline and not block.title:
        label = block.label.text if block.label is not None and not block.label.bullet else ""
        return found + [Line("rubrik", text, block.outline, label, block=block)]
    if block.label is not None:
        return found + [Line("punkt", text, block.label.level, block.label.text, block=block)]
    kind = PARAGRAPH_KINDS.get(block.style.lower(), "stycke")
    return found + [Line(kind, text, block=block)]


# --- The plan's side ------------------------------------------------------------------------------

def plan_roles(plan: PlanVersion, phrases: Phrases) -> list[tuple[str, Role]]:
    """(line kind, role) for every line the plan's Word file prints from its first heading on."""
    found: list[tuple[str, Role]] = []

    def walk(sections, path: tuple[int, ...]) -> None:
        for index, section in enumerate(sections):
            here = path + (index,)
            found.append(("rubrik", Role(here, text=section.heading)))
            footnotes: list[tuple[str, Role]] = []
            for number, block in enumerate(section.blocks):
                found.extend(_block_roles(block, here, number, phrases, footnotes))
            found.extend(footnotes)
            walk(section.sections, here)

    walk(plan.sections, ())
    return found


def _block_roles(block, section: tuple[int, ...], number: int, phrases: Phrases,
                 footnotes: list) -> list[tuple[str, Role]]:
    kind, value = block.kind, block.value
    role = lambda *part, text="": Role(section, number, part, text)  # noqa: E731
    if kind in ("stycke", "underrubrik", "vision", "signatur"):
        return [(kind, role("text", text=value))]
    if kind in ("punktlista", "numrerad_lista", "principer", "onskemal"):
        for index, item in enumerate(value):
            if getattr(item, "footnote", None):
                footnotes.append(("fotnot", role("fotnot", index, text=item.footnote)))
        return [("punkt", role("item", index, text=item.text)) for index, item in enumerate(value)]
    if kind == "mal":
        return _goal_roles(value, role)
    if kind == "malgrupper":
        ordered = [(j, g) for j, g in enumerate(value) if g.style == "stycke"]
        listed = [(j, g) for j, g in enumerate(value) if g.style == "punkt"]
        if listed and all(g.priority is not None for _, g in listed):
            listed.sort(key=lambda pair: pair[1].priority)
        return [("stycke", role("group", j, text=g.text)) for j, g in ordered] + [
            ("punkt", role("group", j, text=g.text)) for j, g in listed]
    if kind == "fordelning":
        return [("stycke", role("share", j, text=share.text)) for j, share in enumerate(value)]
    # Tables: the nodes the tree makes, row for row, with the roles of budget and project rows.
    nodes = block_nodes(block, phrases)
    rows = iter(_row_roles(kind, value))
    found = []
    for node in nodes:
        if isinstance(node, Table):
            if node.caption:
                found.append(("bildtext", role("furniture")))
            found += [("rad", role(*next(rows))) for _ in range(1 + len(node.rows))]
        elif isinstance(node, Chart):  # the picture, then its caption under it ("Figur 1. …")
            found.append(("bild", role("furniture")))
            if node.caption:
                found.append(("bildtext", role("furniture")))
        elif isinstance(node, Paragraph):
            found.append(("fotnot", role("furniture")))
        else:
            raise AssertionError(f"unexpected node {node!r} in a {kind} block")
    return found


def _goal_roles(goals, role) -> list[tuple[str, Role]]:
    """As document.goal_nodes prints them: bullet goals without sub-goals gathered in one list."""
    found, bullets = [], []
    for j, goal in enumerate(goals):
        if goal.style == "punkt" and not goal.sub_goals:
            bullets.append(("punkt", role("goal", j, text=goal.text)))
            continue
        found += bullets
        bullets = []
        found.append(("stycke" if goal.style == "stycke" else "punkt", role("goal", j, text=goal.text)))
        if goal.sub_goals_heading:
            found.append(("stycke", role("delmal_rubrik", j, text=goal.sub_goals_heading)))
        found += [("punkt", role("delmal", j, k, text=sub.text)) for k, sub in enumerate(goal.sub_goals)]
    return found + bullets


def _row_roles(kind: str, value) -> list[tuple]:
    if kind == "tabell":
        return [("head",)] + [("row", r) for r in range(len(value.rows))]
    if kind == "projekt":
        return [("head",)] + [("project", j) for j in range(len(value.projects))] + (
            [("summa",)] if value.total else [])
    roles = []
    for key, part in value.parts():
        roles.append(("head", key))
        roles += [("row", key, r) for r in range(len(part.rows))]
        if part.total:
            roles.append(("summa", key))
    if value.result:
        roles.append(("resultat",))
    return roles

