"""Random edits for generated tests: which paragraphs, cells and sections of a version's own
Word file each kind of edit can be made to (found from the version's content, not from the
import), the edits made (tests/board_edits.py, tests/board_sections.py) or recorded by
LibreOffice (tests/libreoffice/oracle.py), and what the change report should list for them, as
(kind, what) of generators.changes.change.Change.
"""

from __future__ import annotations

from docx.oxml.ns import qn
from docx.table import _Cell
from docx.text.paragraph import Paragraph

from tests import board_sections as sections
from tests.board_edits import (BODY, add_row_after, add_section, add_year, bumped, copy_after, heading_index,
                               remove, remove_row, remove_year, reword, sentence, set_text)

WORDS = ("kvartalsvis", "nätverksträff", "brukarråd", "metodstöd", "lärandeforum", "digitalt", "regionalt",
         "uppdraget", "dialogmöte", "jämförelse", "samtalsstöd", "arbetsplats")
KINDS = {
    "reword": [("reworded", "stycke")], "add_paragraph": [("added", "stycke")],
    "remove_paragraph": [("removed", "stycke")], "add_item": [("added", "punkt")],
    "remove_item": [("removed", "punkt")], "add_goal": [("added", "mal")], "remove_goal": [("removed", "mal")],
    "reword_goal": [("reworded", "mal")], "add_sub_goal": [("added", "delmal")],
    "add_principle": [("added", "princip")], "amount": [("changed", "budgetrad")],
    "section": [("added", "avsnitt"), ("added", "stycke")], "add_target_group": [("added", "malgrupp")],
    "move_goal": [("moved", "mal")], "remove_sub_goal": [("removed", "delmal")],
    "remove_target_group": [("removed", "malgrupp")], "add_budget_row": [("added", "budgetrad")],
    "remove_budget_row": [("removed", "budgetrad")], "add_year": [("changed", "budgetar")],
    "remove_year": [("changed", "budgetar")], "remove_section": [], "move_paragraph": [("moved", "stycke")],
    "move_item": [("moved", "punkt")],
}
"""Each kind of edit and what the change report lists for it (kind, what); for a removed section
that depends on what it held (tests/board_sections.py)."""


def _flat(text: str) -> str:
    return " ".join(text.split())


class Ranks:
    """The prioritised lists of target groups as the edits leave them: a kept group whose place
    in its list moves has a new priority, which the report lists."""

    def __init__(self, ranked: list[list[str]]):
        self.before = ranked
        self.after = [list(texts) for texts in ranked]

    def add_after(self, paragraph) -> None:
        for texts in self.after:
            if _flat(paragraph.text) in texts:
                texts.insert(texts.index(_flat(paragraph.text)) + 1, None)

    def remove(self, paragraph) -> None:
        for texts in self.after:
            if _flat(paragraph.text) in texts:
                texts.remove(_flat(paragraph.text))

    def changes(self) -> list[tuple[str, str]]:
        return [("changed", "prioritet") for before, after in zip(self.before, self.after)
                for rank, text in enumerate(before) if text in after and after.index(text) != rank]


class Candidates:
    """The paragraphs and cells of a version's Word file each kind of edit can be made to, found
    from the version's content (what is a paragraph, a list entry, a goal ...), not from the import."""

    def __init__(self, document, plan):
        ranked: list[list[str]] = []
        """The texts of each list of target groups whose order is their priority, in that order."""
        texts: dict[str, set[str]] = {key: set() for key in ("stycke", "punkt", "bullet_goal", "goal", "delmal",
                                                             "princip", "budgetrad", "malgrupp", "prose")}
        for _, block in plan.walk_blocks():
            kind, value = block.kind, block.value
            if kind in ("stycke", "underrubrik"):
                texts["prose"].add(_flat(value))
            elif kind in ("punktlista", "numrerad_lista"):
                texts["prose"] |= {_flat(item.text) for item in value}
            if kind == "stycke":
                texts["stycke"].add(_flat(value))
            elif kind == "punktlista":
                texts["punkt"] |= {_flat(item.text) for item in value if not item.footnote}
            elif kind == "principer":
                texts["princip"] |= {_flat(p.text) for p in value}
            elif kind == "mal":
                for goal in value:
                    texts["goal"].add(_flat(goal.text))
                    if goal.style == "punkt" and not goal.sub_goals:
                        texts["bullet_goal"].add(_flat(goal.text))
                    texts["delmal"] |= {_flat(s.text) for s in goal.sub_goals}
            elif kind == "malgrupper":
                listed = [g for g in value if g.style == "punkt"]
                prioritised = all(g.priority is not None for g in listed)
                if prioritised:
                    listed.sort(key=lambda g: g.priority)
                    ranked.append([_flat(g.text) for g in listed])
                texts["malgrupp"] |= {_flat(g.text) for g in listed}
            elif kind == "budget":
                texts["budgetrad"] |= {_flat(row.text) for _, part in value.parts() for row in part.rows
                                       if not row.subtotal}
        seen: dict[str, int] = {}
        first = heading_index(document)
        paragraphs = [p for p in document.paragraphs[first:] if p.text.strip()]
        for p in paragraphs:
            seen[_flat(p.text)] = seen.get(_flat(p.text), 0) + 1
        once = lambda p, key: seen[_flat(p.text)] == 1 and _flat(p.text) in texts[key]  # noqa: E731
        normal = [p for p in paragraphs if p.style.name == BODY]
        listed = [p for p in paragraphs if p.style.name.startswith("List")]
        self.paragraphs = [p for p in normal if once(p, "stycke") and len(p.text.split()) >= 8]
        self.items = [p for p in listed if once(p, "punkt")]
        self.places = _places(document.paragraphs[first:])
        self.prose = texts["prose"]
        """What the change report compares as a section's text, in order (not goals, groups ...)."""
        self.bullet_goals = [p for p in listed if once(p, "bullet_goal")]
        self.goals = [p for p in paragraphs if once(p, "goal") and len(p.text.split()) >= 6]
        self.sub_goals = [p for p in listed if once(p, "delmal")]
        self.principles = [p for p in listed if once(p, "princip")]
        self.target_groups = [p for p in listed if once(p, "malgrupp")]
        self.ranked = ranked
        self.section_removals = sections.removable(document, plan)
        self.sections = list(self.section_removals)
        self.section_elements = {heading: sections.section_elements(heading) for heading in self.sections}
        self.cells, self.cell_places, self.rows, self.row_places, self.labels = [], {}, [], {}, {}
        self.budgets, self.budgets_of_years = [], []
        """A budget table's corner cell, for a year added; of those with more than one year, for one removed."""
        for number, table in enumerate(document.tables):
            labels = [_flat(row.cells[0].text) for row in table.rows]
            if any(label in texts["budgetrad"] for label in labels):
                self.budgets.append(table.rows[0].cells[0])
                if len(table.rows[0].cells) > 2:
                    self.budgets_of_years.append(self.budgets[-1])
            for index, row in enumerate(table.rows[1:], start=2):
                cell, label = row.cells[1], row.cells[0]
                if _flat(label.text) not in texts["budgetrad"]:
                    continue
                if _amount(cell.text) is not None:
                    self.cells.append(cell)
                    self.cell_places[id(cell)] = f"{number}\t{row.cells[0].text}"
                self.rows.append(label)
                self.row_places[id(label)] = f"{number}\t{label.text}"
                self.labels[id(label)] = labels

    def of(self, kind: str) -> list:
        return {"reword": self.paragraphs, "add_paragraph": self.paragraphs, "remove_paragraph": self.paragraphs,
                "add_item": self.items, "remove_item": self.items, "add_goal": self.bullet_goals,
                "remove_goal": self.bullet_goals, "reword_goal": self.goals, "add_sub_goal": self.sub_goals,
                "add_principle": self.principles, "amount": self.cells, "section": [None],
                "add_target_group": self.target_groups, "move_goal": self.bullet_goals,
                "remove_sub_goal": self.sub_goals, "remove_target_group": self.target_groups,
                "add_budget_row": self.rows, "remove_budget_row": self.rows, "add_year": self.budgets,
                "remove_year": self.budgets_of_years, "remove_section": self.sections,
                "move_paragraph": self.paragraphs, "move_item": self.items}[kind]


def _places(paragraphs) -> dict:
    """Paragraph element -> (its section, its run of list entries or body paragraphs): a paragraph
    moves among the body paragraphs of its section, a list entry within its list."""
    places, section, run, previous = {}, 0, 0, None
    for paragraph in paragraphs:
        style = paragraph.style.name
        kind = "heading" if style.startswith("Heading") else "list" if style.startswith("List") else style
        if kind == "heading":
            section += 1
        if kind != previous:
            run += 1
        previous = kind
        places[paragraph._p] = (section, run if kind == "list" else 0)
    return places


def move_target(candidates, chosen, options: list, target: int):
    """Another paragraph of the same section (an entry of the same list) to put `chosen` after,
    where that changes the order of the section's text: it passes that paragraph, or one of the
    text between (not only a list of goals or target groups, which are no text in the report)."""
    place = candidates.places[chosen._p]
    others = [c for c in options if c is not chosen and candidates.places[c._p] == place
              and (_follows(chosen, c) or _text_between(c._p, chosen._p, candidates.prose))]
    return others[target % len(others)] if others else None


def _follows(first, then) -> bool:
    element = first._p.getnext()
    while element is not None and element is not then._p:
        element = element.getnext()
    return element is not None


def _text_between(start, end, prose: set[str]) -> bool:
    element = start.getnext()
    while element is not None and element is not end:
        if element.tag == qn("w:p") and _flat(Paragraph(element, None).text) in prose:
            return True
        element = element.getnext()
    return False


def _element(candidate):
    """The body element a candidate is in: its paragraph, or the table of its cell."""
    return candidate._p if hasattr(candidate, "_p") else candidate._tc.getparent().getparent()


def _key(candidate):
    """What two edits must not both change: a table row (its label or its amount), a paragraph."""
    return candidate._tc.getparent() if hasattr(candidate, "_tc") else id(candidate)


def new_row(candidates, cell, words, target: int, organisation) -> list[str]:
    """A new budget row's cells: a label, from the words or, every third time, a member the table
    does not name yet (the import links it to that member); its amounts near the row's."""
    from generators.changes.inventory import members_named
    label = " ".join(words[:2]).capitalize()
    if organisation is not None and target % 3 == 0:
        named = {m.id for text in candidates.labels[id(cell)] for m in members_named(text, organisation)}
        members = [m for m in organisation.members if m.id not in named]
        if members:
            label = members[target % len(members)].name
    cells = cell._tc.getparent().findall(qn("w:tc"))
    amounts = [bumped(_Cell(tc, None).text, 100 + target) for tc in cells[1:]]
    return [label, *amounts]


def _amount(text: str) -> int | None:
    digits = text.replace("\u00a0", "").replace(" ", "")
    return int(digits) if digits.isdigit() else None


def _move(candidates, chosen, options, target, moved: set, used: set, touched: set):
    """Where `chosen` moves to (after it), or None: one move a section, since two may be one."""
    after = move_target(candidates, chosen, options, target)
    if after is None or candidates.places[chosen._p][0] in moved:
        used.discard(_key(chosen))
        return None
    moved.add(candidates.places[chosen._p][0])
    used.add(_key(after))
    touched.add(after._p)
    return after


def apply(document, plan, edits: list[tuple[str, int, tuple[str, ...]]], organisation=None) -> list[tuple[str, str]]:
    """Make the edits that have a target of their own; return what the report should list."""
    candidates = Candidates(document, plan)
    ranks = Ranks(candidates.ranked)
    used: set = set()
    original = set(document.element.body)
    touched: set = set()
    """Body elements an edit changed, made or moved: a section holding one is not removed whole."""
    moved: set[int] = set()
    expected: list[tuple[str, str]] = []
    for kind, target, words in edits:
        options = [c for c in candidates.of(kind) if _key(c) not in used]
        if kind == "remove_section":  # as the version has it: nothing in it edited, added or taken away
            options = [c for c in options if not touched & set(sections.section_elements(c))
                       and sections.section_elements(c) == candidates.section_elements[c]]
        if not options:
            continue
        chosen = options[target % len(options)]
        if chosen is not None:
            used.add(_key(chosen))
            touched.add(_element(chosen))
        text = sentence(words)
        if kind in ("reword", "reword_goal"):
            reword(chosen, words[:3])
        elif kind in ("add_paragraph", "add_item", "add_goal", "add_sub_goal", "add_principle"):
            touched.add(copy_after(chosen, text)._p)
        elif kind in ("remove_paragraph", "remove_item", "remove_goal", "remove_sub_goal"):
            remove(chosen)
        elif kind == "remove_target_group":
            ranks.remove(chosen)
            remove(chosen)
        elif kind == "amount":
            from generators.formatting import amount
            set_text(chosen.paragraphs[0], amount(_amount(chosen.text) + 100 + target))
        elif kind == "add_target_group":
            ranks.add_after(chosen)
            touched.add(copy_after(chosen, text)._p)
        elif kind == "remove_section":
            if any(entry == ("removed", "avsnitt") for entry in expected):
                continue  # one a time: a heading Word numbers anew twice is one change
            removed, count = sections.remove_section(chosen, original)
            for element in (e for e in removed if e.tag == qn("w:p")):
                ranks.remove(Paragraph(element, None))
            used |= {_key(c) for name in KINDS for c in candidates.of(name)
                     if c is not None and _element(c) in removed}
            expected += candidates.section_removals[chosen] + [("changed", "nummer")] * count
        elif kind == "add_budget_row":
            add_row_after(chosen, new_row(candidates, chosen, words, target, organisation))
        elif kind == "remove_budget_row":
            remove_row(chosen)
        elif kind == "add_year":
            add_year(chosen)
        elif kind == "remove_year":
            remove_year(chosen)
        elif kind == "move_goal":  # two moves may be one: the report lists the fewest that explain the order
            if ("moved", "mal") in expected:
                used.discard(_key(chosen))
                continue
            others = [c for c in options if c is not chosen and c._p is not chosen._p.getprevious()]
            if not others:
                used.discard(_key(chosen))
                continue
            after = others[target % len(others)]
            used.add(_key(after))
            touched.add(after._p)
            after._p.addnext(chosen._p)
        elif kind in ("move_paragraph", "move_item"):  # one move a section: two may be one
            after = _move(candidates, chosen, options, target, moved, used, touched)
            if after is None:
                continue
            after._p.addnext(chosen._p)
        elif kind == "section":
            if any(k == "section" for k, _ in expected):
                continue
            add_section(document, None, " ".join(words[:2]).capitalize(), text)
        expected += KINDS[kind]
    return expected + ranks.changes()


RECORDED = ("reword", "add_paragraph", "remove_paragraph", "add_item", "remove_item", "add_goal", "remove_goal",
            "reword_goal", "add_sub_goal", "add_principle", "amount", "add_target_group", "remove_sub_goal",
            "remove_target_group", "add_budget_row", "remove_budget_row", "remove_section", "move_paragraph",
            "move_item")
"""The kinds of edit made in LibreOffice with change recording on (tests/libreoffice/oracle.py)."""


def recorded(document, plan, edits: list[tuple[str, int, tuple[str, ...]]], organisation=None):
    """The same edits as `apply`, as LibreOffice operations: ([kind, paragraph text, new text], ...)
    and what the report should list once they are accepted."""
    candidates = Candidates(document, plan)
    ranks = Ranks(candidates.ranked)
    used: set = set()
    touched: set = set()
    moved: set[int] = set()
    operations, expected = [], []
    for kind, target, words in edits:
        options = [c for c in candidates.of(kind) if _key(c) not in used]
        if kind == "remove_section":
            options = [c for c in options if sections.recordable(c)
                       and not touched & set(sections.section_elements(c))]
        if kind not in RECORDED or not options:
            continue
        chosen = options[target % len(options)]
        used.add(_key(chosen))
        touched.add(_element(chosen))
        if kind == "remove_section":
            if any(entry == ("removed", "avsnitt") for entry in expected):
                continue  # one a time, as in `apply`
            elements = sections.section_elements(chosen)
            operations.append(["remove_section", f"{sections.occurrence(chosen)}\t{chosen.text}", ""])
            for element in (e for e in elements if e.tag == qn("w:p")):
                ranks.remove(Paragraph(element, None))
            used |= {_key(c) for name in KINDS for c in candidates.of(name)
                     if c is not None and _element(c) in elements}
            expected += candidates.section_removals[chosen]  # its heading's mark keeps its number
        elif kind in ("reword", "reword_goal"):
            operations.append(["reword", chosen.text, " ".join(words[:3])])
        elif kind in ("move_paragraph", "move_item"):  # cut and pasted: struck here, typed in there
            after = _move(candidates, chosen, options, target, moved, used, touched)
            if after is None:
                continue
            operations += [["remove", chosen.text, ""], ["add_after", after.text, chosen.text]]
        elif kind == "add_budget_row":
            operations.append(["add_row", candidates.row_places[id(chosen)],
                               "|".join(new_row(candidates, chosen, words, target, organisation))])
        elif kind == "remove_budget_row":
            operations.append(["remove_row", candidates.row_places[id(chosen)], ""])
        elif kind.startswith("add_"):
            operations.append(["add_after", chosen.text, sentence(words)])
            if kind == "add_target_group":
                ranks.add_after(chosen)
        elif kind.startswith("remove_"):
            operations.append(["remove", chosen.text, ""])
            if kind == "remove_target_group":
                ranks.remove(chosen)
        elif kind == "amount":
            from generators.formatting import amount
            operations.append(["cell", candidates.cell_places[id(chosen)], amount(_amount(chosen.text) + 100 + target)])
        expected += KINDS[kind]
    return operations, expected + ranks.changes()
