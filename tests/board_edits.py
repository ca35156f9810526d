"""Edits a board member makes to a version's own Word file, made with python-docx as Word
stores them: a paragraph reworded, added or removed, a list entry, a goal or a sub-goal added,
a budget amount changed, a section added. Each edit says which change the report should list
for it, as (kind, what) of generators.changes.change.Change.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass

from docx.oxml.ns import qn

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
    from docx.text.paragraph import Paragraph
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
