"""Reading a .docx back as a person sees it: paragraphs with their list and heading
numbers, table cells in order. Compare (style, text) pairs, never bytes."""

from __future__ import annotations

from pathlib import Path

import docx
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph


class Numbers:
    """Word's numbering, simulated for the decimal and bullet lists styrdok writes."""

    def __init__(self, document):
        root = document.part.numbering_part.element
        abstracts = {a.get(qn("w:abstractNumId")): a for a in root.findall(qn("w:abstractNum"))}
        self.levels, self.starts, self.counters = {}, {}, {}
        for num in root.findall(qn("w:num")):
            num_id = num.get(qn("w:numId"))
            abstract = abstracts[num.find(qn("w:abstractNumId")).get(qn("w:val"))]
            self.levels[num_id] = {
                int(lvl.get(qn("w:ilvl"))): (lvl.find(qn("w:numFmt")).get(qn("w:val")),
                                             lvl.find(qn("w:lvlText")).get(qn("w:val")))
                for lvl in abstract.findall(qn("w:lvl"))}
            override = num.find(f"{qn('w:lvlOverride')}/{qn('w:startOverride')}")
            self.starts[num_id] = int(override.get(qn("w:val"))) if override is not None else 1

    def label(self, paragraph: Paragraph) -> str:
        properties = paragraph._p.pPr
        numbering = properties.find(qn("w:numPr")) if properties is not None else None
        if numbering is None:
            return ""
        num_id = numbering.find(qn("w:numId")).get(qn("w:val"))
        level = int(numbering.find(qn("w:ilvl")).get(qn("w:val")))
        fmt, text = self.levels[num_id][level]
        if fmt == "bullet":
            return text
        counters = self.counters.setdefault(num_id, [self.starts[num_id] - 1, 0, 0])
        counters[level] += 1
        for deeper in range(level + 1, len(counters)):
            counters[deeper] = 0
        for index in range(level + 1):
            text = text.replace(f"%{index + 1}", str(counters[index]))
        return text


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
