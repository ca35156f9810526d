"""Reading a Word file nobody generated: its body as a flat list of paragraphs and tables with
what a reader sees in them (outline level, bold, list label, font size, images, merged cells).

Everything is resolved from the XML rather than from English style names, so a Swedish Word's
"Rubrik 1" (style id `Rubrik1`, name `heading 1`), a custom style based on a heading, or one
that only carries `w:outlineLvl`, all count as headings. A table of contents is generated
text and is left out; everything else in the body is read, also inside content controls.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
import zlib
from zipfile import BadZipFile

import docx
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from lxml import etree

from generators.errors import os_message
from generators.word import revisions as revisions_
from generators.word.inline import paragraph_text
from generators.word.package import PackageError, check_package, opened
from generators.word.numbering import Label, Numbering, as_int

BUILTIN_HEADING = re.compile(r"^heading ([1-9])$", re.IGNORECASE)
BUILTIN_TITLE = {"title", "subtitle"}
IMAGE_TAGS = (qn("w:drawing"), qn("w:pict"), qn("w:object"))


class SourceError(Exception):
    """The file is not a Word document that can be read."""


class PendingChanges(SourceError):
    """The file has tracked changes or comments nobody has dealt with: listed, nothing read."""

    def __init__(self, path: Path, found: list):
        self.found = found
        lines = [f"{path}: {item.place + ': ' if item.place else ''}{item.what}" for item in found]
        things = "en spårad ändring eller kommentar" if len(found) == 1 else \
            f"{len(found)} spårade ändringar eller kommentarer"
        super().__init__("\n".join(lines) + f"\n{path} har {things} som "
                         "ingen har godkänt eller avvisat: kör med --godkann-alla eller --avvisa-alla (som Words "
                         "Godkänn alla och Avvisa alla); kommentarerna följer då med utkastet")


@dataclass
class SourceParagraph:
    text: str
    style: str
    """The style's name as the file spells it (for messages)."""
    outline: int | None = None
    """1-based heading level from the style or the paragraph, None for body text."""
    title: bool = False
    bold: bool = False
    """Every letter of the paragraph is bold."""
    size: float | None = None
    """The largest font size in points, where the file says it."""
    label: Label | None = None
    images: int = 0
    footnotes: list[str] = field(default_factory=list)
    typed_item: bool = False
    """Typed '1. ...' in a run of such paragraphs: a hand-made numbered list."""


@dataclass
class SourceTable:
    rows: list[list[str]]
    """Cell texts on the table's grid; a merged cell's text is in its first grid cell."""
    merged: list[str] = field(default_factory=list)
    """Where cells are merged, e.g. 'rad 2, kolumn 1–2'."""
    images: int = 0


@dataclass
class Source:
    blocks: list
    title: str | None
    contents: list[str] = field(default_factory=list)
    """The text of a table of contents, left out (styrdok makes its own)."""
    comments: list[dict] = field(default_factory=list)
    """The file's comments: {'avsnitt': heading, 'citat': the text commented on, 'text', 'av'}."""


class _Styles:
    """Outline level, title-ness, bold and size of paragraph styles, through w:basedOn."""

    def __init__(self, document):
        self.by_id = {s.get(qn("w:styleId")): s for s in document.styles.element.findall(qn("w:style"))}
        self.default_paragraph = next((i for i, s in self.by_id.items() if s.get(qn("w:type")) == "paragraph"
                                       and s.get(qn("w:default")) in ("1", "true")), None)

    def chain(self, style_id: str | None):
        seen = set()
        current = style_id if style_id in self.by_id else self.default_paragraph
        while current in self.by_id and current not in seen:
            seen.add(current)
            yield self.by_id[current]
            based = self.by_id[current].find(qn("w:basedOn"))
            current = based.get(qn("w:val")) if based is not None else None

    @staticmethod
    def name(style) -> str:
        found = style.find(qn("w:name"))
        return found.get(qn("w:val")) if found is not None else style.get(qn("w:styleId"))

    def outline(self, style_id: str | None) -> int | None:
        for style in self.chain(style_id):
            level = style.find(f"{qn('w:pPr')}/{qn('w:outlineLvl')}")
            value = as_int(level.get(qn("w:val")), None) if level is not None else None
            if value is not None:  # an unreadable level is no level: the name may still tell
                return value + 1 if 0 <= value < 9 else None
            match = BUILTIN_HEADING.match(self.name(style))
            if match:
                return int(match.group(1))
            if self.name(style).lower().startswith("toc"):
                return None
        return None

    def is_title(self, style_id: str | None) -> bool:
        return any(self.name(s).lower() in BUILTIN_TITLE for s in self.chain(style_id))

    def is_contents(self, style_id: str | None) -> bool:
        return any(self.name(s).lower().startswith("toc") for s in self.chain(style_id))

    def run_property(self, style_id: str | None, tag: str):
        for style in self.chain(style_id):
            found = style.find(f"{qn('w:rPr')}/{qn(tag)}")
            if found is not None:
                return found
        return None


def read_source(path: Path, revisions: str | None = None) -> Source:
    """revisions: 'godkann' or 'avvisa' every tracked change; None: a file with tracked changes
    or comments is refused with the list of them (PendingChanges)."""
    try:
        document = docx.Document(opened(path, check_package(path)))
    except OSError as error:
        raise SourceError(f"{path} kan inte läsas: {os_message(error)}") from None
    except PackageError as error:
        raise SourceError(str(error)) from None
    except etree.XMLSyntaxError as error:
        deep = "depth" in str(error).lower()
        raise SourceError(f"{path} kan inte läsas som Word-fil: " + (
            "dess XML är för djupt nästlad" if deep else "dess XML är trasig")) from None
    except (PackageNotFoundError, BadZipFile, KeyError, ValueError, zlib.error, EOFError, NotImplementedError,
            AttributeError, TypeError):  # their words are English and internal
        raise SourceError(f"{path} kan inte läsas som Word-fil: den är skadad eller inte en .docx "
                          f"(Word 2007 eller senare)") from None
    if document.element.tag != qn("w:document") or document.element.body is None:
        raise SourceError(f"{path} kan inte läsas som Word-fil: dokumentdelen har ingen brödtext (w:body)")
    try:
        return _read(path, document, revisions)
    except etree.XMLSyntaxError:  # a footnotes or comments part that is not XML
        raise SourceError(f"{path} kan inte läsas som Word-fil: en av dess delar är trasig XML") from None


def _read(path: Path, document, revisions: str | None) -> Source:
    body = document.element.body
    notes = revisions_.comments(document)
    note_parts = _note_parts(document)
    styles = _Styles(document)
    found = []
    if notes or revisions_.has_revisions(body):
        found = revisions_.pending(body, _HeadingText(document, styles), notes)
    found += [change for kind, root in note_parts for change in _note_changes(kind, root)]
    if found and revisions is None:
        raise PendingChanges(path, found)
    if revisions is not None:  # Word's Accept All and Reject All reach the notes too
        for root in [body] + [root for _, root in note_parts]:
            revisions_.resolve(root, accept=revisions == "godkann")
    reader = _Reader(document, styles, note_parts)  # after resolving: the notes' text as resolved
    kept = _comments(body, notes, _HeadingText(document, styles)) if notes else []
    blocks = list(reader.body(body))
    return Source(blocks, (document.core_properties.title or "").strip() or None, reader.contents, kept)


def _comments(body, notes: dict, heading_of) -> list[dict]:
    found, place = [], ""
    for paragraph in body.iter(qn("w:p")):
        place = heading_of(paragraph) or place
        for reference in paragraph.iter(qn("w:commentReference")):
            author, text = notes.get(reference.get(qn("w:id")), ("", ""))
            quoted = revisions_.commented_text(body, reference.get(qn("w:id")))
            note = {"avsnitt": place} if place else {}
            note.update({"citat": quoted} if quoted else {})
            note["text"] = text or "(tom kommentar)"
            if author:
                note["av"] = author
            found.append(note)
    return found


class _HeadingText:
    """A paragraph's text with its number if it is a heading ('3.1. Skapa samverkan'), else None;
    called for the paragraphs in document order (Word's numbers count in that order)."""

    def __init__(self, document, styles: _Styles):
        self.styles, self.numbering = styles, Numbering(document)

    def __call__(self, element) -> str | None:
        style_id = _style_id(element)
        own_level = element.find(f"{qn('w:pPr')}/{qn('w:outlineLvl')}")
        if (own_level is None and not self.styles.outline(style_id)) or self.styles.is_contents(style_id):
            return None
        text = " ".join(paragraph_text(element).split()) or " ".join(
            "".join(node.text or "" for node in element.iter(qn("w:delText"))).split())  # a struck heading
        label = self.numbering.label(element, style_id)
        return f"{label.text} {text}" if label is not None and text and not label.bullet else (text or None)


class _Reader:
    def __init__(self, document, styles: _Styles, note_parts: list):
        self.styles = styles
        self.numbering = Numbering(document)
        self.footnotes = _footnotes(note_parts)
        self.drop_cap = ""
        self.contents: list[str] = []

    def body(self, container):
        for child in container.iterchildren():
            if child.tag == qn("w:p"):
                paragraph = self.paragraph(child)
                if paragraph is not None and _drop_cap(child):  # its letter begins the next paragraph
                    self.drop_cap += paragraph.text
                    continue
                if paragraph is not None:
                    paragraph.text, self.drop_cap = self.drop_cap + paragraph.text, ""
                    yield paragraph
            elif child.tag == qn("w:tbl"):
                yield self.table(child)
            elif child.tag == qn("w:sdt") and _is_contents_control(child):
                self.contents.append(_text(child))
            elif child.tag == qn("w:sdt"):
                content = child.find(qn("w:sdtContent"))
                if content is not None:
                    yield from self.body(content)
            elif child.tag == qn("w:customXml"):  # tagged content from a form or template
                yield from self.body(child)

    def paragraph(self, element) -> SourceParagraph | None:
        style_id = _style_id(element)
        if self.styles.is_contents(style_id) or _in_field(element, "TOC"):
            self.contents.append(_text(element))
            return None
        text = paragraph_text(element)
        label = self.numbering.label(element, style_id)
        own_level = element.find(f"{qn('w:pPr')}/{qn('w:outlineLvl')}")
        own = as_int(own_level.get(qn("w:val")), None) if own_level is not None else None
        if own is not None:
            outline = own + 1 if 0 <= own < 9 else None
        else:
            outline = self.styles.outline(style_id)
        style = self.styles.by_id.get(style_id)
        return SourceParagraph(
            text=text, style=self.styles.name(style) if style is not None else (style_id or "Normal"),
            outline=outline, title=self.styles.is_title(style_id), bold=self._bold(element, style_id),
            size=self._size(element, style_id), label=label, images=_images(element),
            footnotes=[self.footnotes[i] for i in _footnote_ids(element) if i in self.footnotes])

    def _runs(self, element):
        return [r for r in element.iter(qn("w:r")) if "".join(t.text or "" for t in r.iter(qn("w:t"))).strip()]

    def _bold(self, element, style_id) -> bool:
        runs = self._runs(element)
        return bool(runs) and all(self._run_bold(run, style_id) for run in runs)

    def _run_bold(self, run, style_id) -> bool:
        own = run.find(f"{qn('w:rPr')}/{qn('w:b')}")
        if own is None:
            character = run.find(f"{qn('w:rPr')}/{qn('w:rStyle')}")
            if character is not None:
                own = self.styles.run_property(character.get(qn("w:val")), "w:b")
        if own is None:
            own = self.styles.run_property(style_id, "w:b")
        return own is not None and own.get(qn("w:val"), "true") not in ("0", "false", "off")

    def _size(self, element, style_id) -> float | None:
        sizes = []
        for run in self._runs(element):
            found = run.find(f"{qn('w:rPr')}/{qn('w:sz')}")
            if found is None:
                found = self.styles.run_property(style_id, "w:sz")
            if found is not None and as_int(found.get(qn("w:val")), None):
                sizes.append(as_int(found.get(qn("w:val"))) / 2)
        return max(sizes) if sizes else None

    def _cell_paragraph(self, element) -> str:
        """A paragraph in a cell with its list number or bullet, as printed: a cell is only text."""
        text = paragraph_text(element)
        label = self.numbering.label(element, _style_id(element))
        return f"{label.text} {text}" if label is not None and text and label.text.strip() else text

    def table(self, element) -> SourceTable:
        rows, merged = [], []
        for row_index, row in enumerate(_controlled(element, "w:tr"), start=1):
            cells, column = [], 1
            for cell in _controlled(row, "w:tc"):
                span = min(max(as_int(_prop(cell, "w:gridSpan"), 1), 1), 63)  # Word's widest table
                vertical = cell.find(f"{qn('w:tcPr')}/{qn('w:vMerge')}")
                text = "\n".join(t for t in (self._cell_paragraph(p) for p in cell.iter(qn("w:p"))) if t)
                if vertical is not None and vertical.get(qn("w:val"), "continue") == "continue":
                    merged.append(f"rad {row_index}, kolumn {column} (sammanfogad med raden ovanför)")
                    text = ""
                if span > 1:
                    merged.append(f"rad {row_index}, kolumn {column}–{column + span - 1}")
                cells += [text] + [""] * (span - 1)
                column += span
            rows.append(cells)
        width = max((len(r) for r in rows), default=0)
        rows = [r + [""] * (width - len(r)) for r in rows]
        return SourceTable(rows, merged, _images(element))


def _style_id(element) -> str | None:
    found = element.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
    return found.get(qn("w:val")) if found is not None else None


def _prop(cell, tag: str) -> str | None:
    found = cell.find(f"{qn('w:tcPr')}/{qn(tag)}")
    return found.get(qn("w:val")) if found is not None else None


def _images(element) -> int:
    return sum(1 for node in element.iter(*IMAGE_TAGS))


def _in_field(element, code: str) -> bool:
    """Whether the paragraph is part of a field such as TOC (its cached result)."""
    instructions = "".join(node.text or "" for node in element.iter(qn("w:instrText")))
    simple = [node.get(qn("w:instr"), "") for node in element.iter(qn("w:fldSimple"))]
    return any(text.strip().upper().startswith(code) for text in [instructions, *simple]) or _hyperlinks_to_toc(element)


def _hyperlinks_to_toc(element) -> bool:
    anchors = [link.get(qn("w:anchor"), "") for link in element.iter(qn("w:hyperlink"))]
    return bool(anchors) and all(anchor.startswith("_Toc") for anchor in anchors)


def _is_contents_control(sdt) -> bool:
    gallery = sdt.find(f"{qn('w:sdtPr')}/{qn('w:docPartObj')}/{qn('w:docPartGallery')}")
    return gallery is not None and gallery.get(qn("w:val"), "").lower().startswith("table of contents")


def _text(element) -> str:
    return " ".join(node.text or "" for node in element.iter(qn("w:t")))


def _controlled(parent, tag: str):
    """The rows of a table or the cells of a row, also those inside content controls."""
    for child in parent.iterchildren():
        if child.tag == qn(tag):
            yield child
        elif child.tag == qn("w:sdt"):
            content = child.find(qn("w:sdtContent"))
            if content is not None:
                yield from _controlled(content, tag)
        elif child.tag == qn("w:customXml"):
            yield from _controlled(child, tag)


def _drop_cap(element) -> bool:
    frame = element.find(f"{qn('w:pPr')}/{qn('w:framePr')}")
    return frame is not None and frame.get(qn("w:dropCap")) in ("drop", "margin")


def _footnote_ids(element) -> list[tuple[str, str]]:
    """Footnotes and endnotes the paragraph refers to, in order, as ('footnote', id) or ('endnote', id)."""
    return [("footnote" if ref.tag == qn("w:footnoteReference") else "endnote", ref.get(qn("w:id")))
            for ref in element.iter(qn("w:footnoteReference"), qn("w:endnoteReference"))]


def _note_parts(document) -> list[tuple[str, object]]:
    """The footnotes and endnotes parts, parsed: [('footnote' or 'endnote', root)]."""
    parts = []
    for relationship in document.part.rels.values():
        kind = next((k for k in ("footnote", "endnote") if (relationship.reltype or "").endswith(f"/{k}s")), None)
        if kind and not relationship.is_external:
            parts.append((kind, etree.fromstring(relationship.target_part.blob, parser=revisions_._parser())))
    return parts


def _notes(kind: str, root) -> list:
    """The notes of a part; separators and notices left out."""
    return [note for note in root.findall(qn(f"w:{kind}")) if note.get(qn("w:type")) is None]


def _note_changes(kind: str, root) -> list:
    """The pending changes in each note, placed by the note ('fotnot 2')."""
    name = "fotnot" if kind == "footnote" else "slutnot"
    return [revisions_.Pending(f"{name} {number}", change.what)
            for number, note in enumerate(_notes(kind, root), 1) if revisions_.has_revisions(note)
            for change in revisions_.pending(note, lambda paragraph: None, {})]


def _footnotes(note_parts: list) -> dict[tuple[str, str], str]:
    """The text of every footnote and endnote by (kind, id)."""
    return {(kind, note.get(qn("w:id"))): " ".join(paragraph_text(p) for p in note.iter(qn("w:p"))).strip()
            for kind, root in note_parts for note in _notes(kind, root)}
