"""Edits a board member makes to a version's own Word file, made with python-docx as Word
stores them: a paragraph reworded, added or removed, a list entry, a goal or a sub-goal added,
a budget row or a year's column added or removed, a section added. Which edits a generated
test makes, and what the report should list for each, is tests/board_random.py.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass

from docx.oxml.ns import qn

from docx.text.paragraph import Paragraph


BODY = "Normal"


@dataclass(frozen=True)
class Edit:
    kind: str
    target: int
    """Which of the candidates (modulo their number) the edit is made to."""
    words: tuple[str, ...]
    """The words of a new or reworded text."""


def heading_index(document) -> int:
    """Index of the first heading: the cover and the contents come before it."""
    return next(i for i, p in enumerate(document.paragraphs) if p.style.name.startswith("Heading"))


def body_paragraphs(document, style: str) -> list:
    first = heading_index(document)
    return [p for p in document.paragraphs[first:] if p.style.name == style and p.text.strip()]


def set_text(paragraph, text: str) -> None:
    runs = paragraph._p.findall(qn("w:r"))
    for run in runs[1:]:
        paragraph._p.remove(run)
    if runs:
        for node in list(runs[0]):
            if node.tag not in (qn("w:rPr"),):
                runs[0].remove(node)
        paragraph.runs[0].text = text
    else:
        paragraph.add_run(text)


def copy_after(paragraph, text: str, before: bool = False):
    """A copy of the paragraph (style, list, numbering) with another text, after it or before it."""
    element = copy.deepcopy(paragraph._p)
    for mark in element.findall(f".//{qn('w:bookmarkStart')}") + element.findall(f".//{qn('w:bookmarkEnd')}"):
        mark.getparent().remove(mark)
    if before:
        paragraph._p.addprevious(element)
    else:
        paragraph._p.addnext(element)
    new = Paragraph(element, paragraph._parent)
    set_text(new, text)
    return new


def sentence(words: tuple[str, ...]) -> str:
    return " ".join(words).capitalize() + "."


def reword(paragraph, words) -> None:
    """Words put in the middle of a paragraph: most of it stays, so it is the same paragraph."""
    text = paragraph.text
    cut = text.find(" ", len(text) // 2)
    cut = cut if cut > 0 else len(text)
    set_text(paragraph, text[:cut] + " " + " ".join(words) + text[cut:])


def remove(paragraph) -> None:
    paragraph._p.getparent().remove(paragraph._p)


def add_row_after(cell, texts: list[str]) -> None:
    """A copy of the cell's table row (its look, its borders) with other texts, after it."""
    row = cell._tc.getparent()
    new = copy.deepcopy(row)
    row.addnext(new)
    for tc, text in zip(new.findall(qn("w:tc")), texts):
        set_text(Paragraph(tc.find(qn("w:p")), None), text)


def remove_row(cell) -> None:
    row = cell._tc.getparent()
    row.getparent().remove(row)


def add_year(corner) -> None:
    """A column after the last one: the next year in the heading rows ('2024', 'År 2009'), amounts
    near the last year's in the other rows."""
    from docx.table import _Cell
    table = corner._tc.getparent().getparent()
    grid = table.find(qn("w:tblGrid"))
    grid.append(copy.deepcopy(grid.findall(qn("w:gridCol"))[-1]))
    for row in table.findall(qn("w:tr")):
        last = row.findall(qn("w:tc"))[-1]
        new = copy.deepcopy(last)
        last.addnext(new)
        text = _Cell(last, None).text
        year = re.search(r"(?:19|20)\d\d$", text.strip())
        written = text.strip()[:year.start()] + str(int(year.group()) + 1) if year else bumped(text, 50)
        set_text(_Cell(new, None).paragraphs[0], written)


def remove_year(corner) -> None:
    """The last year's column taken away."""
    table = corner._tc.getparent().getparent()
    grid = table.find(qn("w:tblGrid"))
    grid.remove(grid.findall(qn("w:gridCol"))[-1])
    for row in table.findall(qn("w:tr")):
        row.remove(row.findall(qn("w:tc"))[-1])


def bumped(text: str, by: int) -> str:
    """An amount cell's figure plus `by`, written as the cell writes it ('1 308 750 kr')."""
    from generators.formatting import amount
    digits = "".join(ch for ch in text if ch.isdigit())
    if not digits:
        return text
    return amount(int(digits) + by) + ("\u00a0kr" if text.rstrip().endswith("kr") else "")


def add_section(document, before, heading: str, text: str) -> None:
    """A new section with one paragraph, put in before the heading `before` (None: at the end),
    at the same level: a copy of that heading, so Word numbers it and the ones after it."""
    template = before if before is not None else [p for p in document.paragraphs
                                                  if p.style.name == "Heading 1"][-1]
    normal = body_paragraphs(document, BODY)[0]
    if before is not None:
        new_heading = copy_after(before, heading, before=True)
    else:
        new_heading = copy_after(document.paragraphs[-1], heading)
        new_heading._p.getparent().remove(new_heading._p)
        document.paragraphs[-1]._p.addnext(new_heading._p)
        new_heading._p.remove(new_heading._p.pPr) if new_heading._p.pPr is not None else None
        new_heading._p.insert(0, copy.deepcopy(template._p.pPr))
    paragraph = copy_after(normal, text)
    new_heading._p.addnext(paragraph._p)


def all_text(data: bytes) -> str:
    import io

    import docx
    document = docx.Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    for section in document.sections:
        parts += [p.text for p in section.header.paragraphs] + [p.text for p in section.first_page_header.paragraphs]
    return "\n".join(parts)
