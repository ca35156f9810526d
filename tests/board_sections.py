"""A whole section taken out of a version's Word file, as a board member selects a heading and
everything under it and deletes it (tests/board_edits.py makes the other edits).

What the report must list for it is known from the plan and the file, not from the import:
the section, each thing it said (a paragraph, each list entry, goal, sub-goal ...), and the
headings Word numbers anew after it: those numbered by the same Word list as the removed
heading, from it to the end of its parent (a heading with a number of its own list keeps it).
"""

from __future__ import annotations

from docx.oxml.ns import qn

REMOVED = {
    "stycke": lambda value: [("removed", "stycke")],
    "punktlista": lambda value: [("removed", "punkt")] * len(value),
    "numrerad_lista": lambda value: [("removed", "punkt")] * len(value),
    "principer": lambda value: [("removed", "princip")] * len(value),
    "malgrupper": lambda value: [("removed", "malgrupp")] * len(value),
    "vision": lambda value: [("removed", "vision")],
    "underrubrik": lambda value: [("removed", "underrubrik")],
    "fordelning": lambda value: [("removed", "fordelning")] * len(value),
    "signatur": lambda value: [("removed", "signatur")],
    "budget": lambda value: [("removed", "budget")],
    "projekt": lambda value: [("removed", "projekttabell")],
    "mal": lambda value: [entry for goal in value
                          for entry in [("removed", "mal")] + [("removed", "delmal")] * len(goal.sub_goals)],
}
"""What the report lists for each kind of block in a removed section."""


def removable(document, plan) -> dict:
    """Heading paragraph -> what removing its section lists, for the sections without
    subsections whose blocks are all of a kind in REMOVED."""
    sections = [section for _, _, section in plan.walk_sections()]
    headings = [p for p in document.paragraphs if level(p._p) is not None and p.text.strip()]
    assert [" ".join(p.text.split()) for p in headings] == [" ".join(s.heading.split()) for s in sections]
    found = {}
    for heading, section in zip(headings, sections):
        if section.sections or not all(block.kind in REMOVED for block in section.blocks):
            continue
        found[heading] = [("removed", "avsnitt")] + [entry for block in section.blocks
                                                     for entry in REMOVED[block.kind](block.value)]
    return found


def level(element) -> int | None:
    """A heading paragraph's level (1 = chapter), None for any other body element."""
    if element.tag != qn("w:p") or element.pPr is None or element.pPr.pStyle is None:
        return None
    name = element.pPr.pStyle.val.lower().replace(" ", "")
    return int(name[len("heading"):]) if name.startswith("heading") and name[len("heading"):].isdigit() else None


def section_elements(heading) -> list:
    """The heading and the body elements up to the next heading (the section has no subsections)."""
    found = [heading._p]
    element = heading._p.getnext()
    while element is not None and element.tag != qn("w:sectPr") and level(element) is None:
        found.append(element)
        element = element.getnext()
    return found


def recordable(heading) -> bool:
    """A section LibreOffice's oracle can take away: no table in it."""
    return not any(element.tag == qn("w:tbl") for element in section_elements(heading))


def occurrence(heading) -> int:
    """How many headings with the same text come before it (two sections may share a heading)."""
    count, element = 0, heading._p.getprevious()
    while element is not None:
        if level(element) is not None and "".join(element.itertext()) == "".join(heading._p.itertext()):
            count += 1
        element = element.getprevious()
    return count


def _list_of(element) -> str | None:
    numbering = element.pPr.find(qn("w:numPr")) if element.pPr is not None else None
    number = numbering.find(qn("w:numId")) if numbering is not None else None
    return number.get(qn("w:val")) if number is not None else None


def renumbered(elements: list, original: set) -> int:
    """How many of the version's headings after the removed section Word numbers anew."""
    top, own_list = level(elements[0]), _list_of(elements[0])
    if own_list is None:
        return 0
    count, element = 0, elements[-1].getnext()
    while element is not None:
        depth = level(element)
        if depth is not None and depth < top:
            break
        if depth is not None and element in original and _list_of(element) == own_list:
            count += 1
        element = element.getnext()
    return count


def remove_section(heading, original: set) -> tuple[list, int]:
    """Take the section out; (its elements, how many headings after it Word numbers anew)."""
    elements = section_elements(heading)
    count = renumbered(elements, original)
    for element in elements:
        element.getparent().remove(element)
    return elements, count
