"""Word files made the way people and other programs make them, with python-docx and raw
WordprocessingML, never with styrdok's own writer: the inputs for the import tests.

A `Plan` is an outline (level, heading, paragraphs, bullet items); `make` writes it in one of
the ways headings are made in real documents (KINDS).
"""

from __future__ import annotations

import io
import struct
import zlib
from dataclasses import dataclass, field
from pathlib import Path

import docx
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Pt

KINDS = ["rubrikformat", "lankad-numrering", "inskrivna-nummer", "bara-fetstil", "fetstil-med-nummer", "numrerade-stycken",
         "egen-rubrik-baserad", "egen-rubrik-dispositionsniva", "svenska-format", "svenska-namn"]


@dataclass
class Section:
    level: int
    heading: str
    paragraphs: list[str] = field(default_factory=list)
    bullets: list[str] = field(default_factory=list)


@dataclass
class Plan:
    title: str
    sections: list[Section]

    def numbers(self) -> list[str]:
        """The printed number of each section, as Word's outline numbering counts it."""
        counters, found = [0] * 10, []
        for section in self.sections:
            counters[section.level - 1] += 1
            counters[section.level:] = [0] * (10 - section.level)
            found.append(".".join(str(c) for c in counters[:section.level]))
        return found


def make(plan: Plan, kind: str, path: Path, images: bool = False, merged: bool = False) -> Path:
    document = docx.Document()
    document.core_properties.title = ""
    heading_style = _heading_styles(document, kind)
    document.add_paragraph(plan.title, style="Title")
    numbers = plan.numbers()
    for section, number in zip(plan.sections, numbers):
        typed = kind in ("inskrivna-nummer", "fetstil-med-nummer")
        text = f"{number} {section.heading}" if typed else section.heading
        if kind in ("bara-fetstil", "fetstil-med-nummer"):
            paragraph = document.add_paragraph()
            run = paragraph.add_run(text)
            run.bold = True
            run.font.size = Pt(18 - 2 * section.level)
        elif kind == "numrerade-stycken":
            # No heading styles: Normal paragraphs numbered by a multilevel list of their own.
            paragraph = document.add_paragraph(text)
            paragraph._p.get_or_add_pPr().insert(0, parse_xml(
                f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{section.level - 1}"/><w:numId w:val="91"/></w:numPr>'))
        else:
            document.add_paragraph(text, style=heading_style(section.level))
        for text in section.paragraphs:
            document.add_paragraph(text)
        for item in section.bullets:
            document.add_paragraph(item, style="List Bullet")
    if images:
        document.add_paragraph().add_run().add_picture(io.BytesIO(png()))
    if merged:
        table = document.add_table(rows=3, cols=3)
        for r, row in enumerate(table.rows):
            for c, cell in enumerate(row.cells):
                cell.text = f"cell{r}{c}"
        table.cell(0, 0).merge(table.cell(0, 1))
    document.save(str(path))
    return path


def _heading_styles(document, kind: str):
    styles = document.styles
    if kind == "lankad-numrering":
        _link_numbering(document)
    if kind == "numrerade-stycken":
        _multilevel(document, 91, styles=False)
    if kind == "egen-rubrik-baserad":
        for level in (1, 2, 3):
            style = styles.add_style(f"Rubrik {level}", 1)  # 1: paragraph style
            style.base_style = styles[f"Heading {level}"]
        return lambda level: f"Rubrik {min(level, 3)}"
    if kind == "egen-rubrik-dispositionsniva":
        for level in (1, 2, 3):
            style = styles.add_style(f"Kontorets rubrik {level}", 1)
            style.base_style = styles["Normal"]
            style.font.bold, style.font.size = True, Pt(16 - 2 * level)
            style.element.get_or_add_pPr().append(parse_xml(f'<w:outlineLvl {nsdecls("w")} w:val="{level - 1}"/>'))
        return lambda level: f"Kontorets rubrik {min(level, 3)}"
    if kind == "svenska-namn":
        # Style names in Swedish too, as some producers write them: "Rubrik 1" with its outline level.
        for level in range(1, 10):
            styles[f"Heading {level}"].element.find(qn("w:name")).set(qn("w:val"), f"Rubrik {level}")
        return lambda level: f"Rubrik {min(level, 9)}"
    if kind == "svenska-format":
        # What a Swedish Word writes: localised style ids, the built-in English name.
        for level in range(1, 10):
            element = styles[f"Heading {level}"].element
            element.set(qn("w:styleId"), f"Rubrik{level}")
            for other in styles.element.findall(qn("w:style")):
                for based in other.findall(qn("w:basedOn")) + other.findall(qn("w:next")) + other.findall(qn("w:link")):
                    if based.get(qn("w:val")) == f"Heading{level}":
                        based.set(qn("w:val"), f"Rubrik{level}")
        title = styles["Title"].element
        title.set(qn("w:styleId"), "Rubrik")
        return lambda level: f"Heading {min(level, 9)}"
    return lambda level: f"Heading {min(level, 9)}"


def _multilevel(document, number: int, styles: bool) -> None:
    """A multilevel decimal list 1, 1.1, 1.1.1 as numbering instance `number`; with `styles`,
    its levels name Heading 1-3 as Word's linked heading numbering does."""
    numbering = document.part.numbering_part.element
    levels = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
        + (f'<w:pStyle w:val="Heading{i + 1}"/>' if styles else "")
        + f'<w:lvlText w:val="{".".join(f"%{j + 1}" for j in range(i + 1))}"/><w:lvlJc w:val="left"/></w:lvl>'
        for i in range(3))
    abstract = parse_xml(f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{number}">'
                         f'<w:multiLevelType w:val="multilevel"/>{levels}</w:abstractNum>')
    num = parse_xml(f'<w:num {nsdecls("w")} w:numId="{number}"><w:abstractNumId w:val="{number}"/></w:num>')
    first_num = numbering.find(qn("w:num"))
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    numbering.append(num)


def _link_numbering(document) -> None:
    """Word's usual heading numbering: the heading styles point at a multilevel list whose
    levels name them (w:numPr in the style)."""
    _multilevel(document, 90, styles=True)
    for level in range(1, 4):
        properties = document.styles[f"Heading {level}"].element.get_or_add_pPr()
        properties.insert(0, parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level - 1}"/>'
                                       f'<w:numId w:val="90"/></w:numPr>'))


def png(width: int = 4, height: int = 4) -> bytes:
    """A small red PNG, written by hand so no image library is needed."""
    raw = b"".join(b"\x00" + b"\xff\x00\x00" * width for _ in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")

