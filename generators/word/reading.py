"""Reading a .docx back as a person sees it: paragraphs with their list and heading
numbers (word/numbering.py), table cells in order. Compare (style, text) pairs, never bytes."""

from __future__ import annotations

from pathlib import Path

import docx
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph

from generators.word.numbering import Numbering


def blocks(path: Path):
    """(style, text) for every paragraph and ('table', rows) for every table, in order."""
    document = docx.Document(str(path))
    numbering = Numbering(document)
    for child in document.element.body.iterchildren():
        if child.tag == qn("w:p"):
            paragraph = Paragraph(child, document)
            label = numbering.label(child, child.style)
            yield paragraph.style.name, f"{label.text} {paragraph.text}" if label else paragraph.text
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
