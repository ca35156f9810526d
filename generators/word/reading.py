"""Reading a .docx back as a person sees it: paragraphs with their list and heading
numbers, table cells in order. Compare (style, text) pairs, never bytes."""

from __future__ import annotations

from pathlib import Path

import docx
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph


class Numbers:
    """Word's numbering, simulated for the decimal and bullet lists styrdok writes.

    A file from Word may have no numbering part, "no numbering" (numId 0), a level without a
    format or more levels than styrdok writes: anything it cannot follow gets no label."""

    def __init__(self, document):
        self.levels, self.starts, self.counters = {}, {}, {}
        try:
            root = document.part.numbering_part.element
        except (NotImplementedError, KeyError, AttributeError):  # a document without lists
            return
        abstracts = {a.get(qn("w:abstractNumId")): a for a in root.findall(qn("w:abstractNum"))}
        for num in root.findall(qn("w:num")):
            abstract = abstracts.get(_val(num, "w:abstractNumId"))
            if abstract is None:
                continue
            num_id = num.get(qn("w:numId"))
            self.levels[num_id] = {
                _int(lvl.get(qn("w:ilvl"))): (_val(lvl, "w:numFmt"), _val(lvl, "w:lvlText") or "")
                for lvl in abstract.findall(qn("w:lvl"))}
            self.starts[num_id] = _int(_val(num, "w:lvlOverride/w:startOverride"), 1)

    def label(self, paragraph: Paragraph) -> str:
        properties = paragraph._p.pPr
        numbering = properties.find(qn("w:numPr")) if properties is not None else None
        if numbering is None:
            return ""
        num_id, level = _val(numbering, "w:numId"), _int(_val(numbering, "w:ilvl"))
        fmt, text = self.levels.get(num_id, {}).get(level, (None, ""))
        if fmt is None or fmt == "none":
            return ""
        if fmt == "bullet":
            return text
        counters = self.counters.setdefault(num_id, [self.starts[num_id] - 1] + [0] * 8)
        if not 0 <= level < len(counters):
            return ""
        counters[level] += 1
        for deeper in range(level + 1, len(counters)):
            counters[deeper] = 0
        for index in range(level + 1):
            text = text.replace(f"%{index + 1}", str(counters[index]))
        return text


def _val(element, path: str) -> str | None:
    """The w:val of the child at path ('w:a/w:b'), or None."""
    found = element.find("/".join(qn(part) for part in path.split("/")))
    return found.get(qn("w:val")) if found is not None else None


def _int(text: str | None, default: int = 0) -> int:
    try:
        return int(text)
    except (TypeError, ValueError):
        return default


def blocks(path: Path):
    """(style, text) for every paragraph and ('table', rows) for every table, in order."""
    document = docx.Document(str(path))
    numbers = Numbers(document)
    for child in document.element.body.iterchildren():
        if child.tag == qn("w:p"):
            paragraph = Paragraph(child, document)
            label = numbers.label(paragraph)
            yield paragraph.style.name, f"{label} {paragraph.text}" if label else paragraph.text
        elif child.tag == qn("w:tbl"):
            table = Table(child, document)
            yield "table", [[cell.text for cell in row.cells] for row in table.rows]


def text(path: Path) -> str:
    parts = []
    for style, value in blocks(path):
        parts.append(" ".join(" ".join(row) for row in value) if style == "table" else value)
    return "\n".join(parts)


def tables(path: Path) -> list[list[list[str]]]:
    return [value for style, value in blocks(path) if style == "table"]


def heading_numbers(path: Path) -> list[str | None]:
    """The number Word shows before each heading, in order; None for an unnumbered heading."""
    document = docx.Document(str(path))
    numbers = Numbers(document)
    found = []
    for paragraph in document.paragraphs:
        if paragraph.style.name.startswith("Heading"):
            found.append(numbers.label(paragraph) or None)
    return found
