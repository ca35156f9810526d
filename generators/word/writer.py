"""Word writer: a document tree -> the bytes of a .docx, on the reference document's styles."""

from __future__ import annotations

import io
import re

import docx
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement
from docx.table import _Cell
from docx.text.paragraph import Paragraph as DocxParagraph
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from generators import charts, escaping
from generators.cache import NO_CACHE, RenderCache
from generators.layout import (CELL_MARGIN_TWIPS, FIGURE_SPACE, PARAGRAPH_STYLE, TABLE_SPACE, chart_width_cm,
                               column_widths, keeps_whole)
from generators.cover import Cover
from generators.document import (
    Chart,
    Document,
    Entry,
    Heading,
    ListBlock,
    Paragraph,
    Row,
    Table,
    kept_with_next,
    leads_in,
)
from generators.templating import Phrases
from generators.word import oxml
from generators.word.front_matter import FrontMatter
from generators.word.segments import Segments, TocEntry, TrackedRow, plain
from generators.word.styles import PARAGRAPH_STYLES, reference_document

TABLE_STYLE = "Table Grid"
ROW_HEADER = "Tabellradrubrik"
HEADER_FILL, SUBHEADER_FILL = "D9E2F3", "EDF1F9"


def render_docx(document: Document, cover: Cover, phrases: Phrases, cache: RenderCache = NO_CACHE,
                pages: tuple[int, ...] | None = None) -> bytes:
    """pages: the page of each heading as laid out for print (generators.pdf), for the contents."""
    document, cover = escaping.each_string((document, cover), escaping.word)
    return _Writer(document, cover, phrases, cache, pages).render()


class _Writer(FrontMatter):
    def __init__(self, document: Document, cover: Cover, phrases: Phrases, cache: RenderCache,
                 pages: tuple[int, ...] | None = None):
        self.tree, self.cover, self.phrases, self.cache, self.pages = document, cover, phrases, cache, pages
        self.doc = docx.Document(io.BytesIO(reference_document(cache, cover.accent)))
        # python-docx looks a style name up by scanning every style; once per name is enough.
        self.style_ids = {style.name: style.style_id for style in self.doc.styles}
        missing = (set(PARAGRAPH_STYLE.values()) | set(PARAGRAPH_STYLES) | {TABLE_STYLE, ROW_HEADER}) - set(self.style_ids)
        if missing:
            raise RuntimeError(f"the reference document lacks the styles {sorted(missing)}")
        self.numbering = oxml.Numbering(self.doc)
        self.bullets = self.numbering.abstract([{"format": "bullet", "text": "•", "indent": 567, "hanging": 283,
                                                 "font": "Arial"},
                                                {"format": "bullet", "text": "–", "indent": 1134, "hanging": 283,
                                                 "font": "Arial"}])
        self.bullet_list = self.numbering.instance(self.bullets)
        self.headings = self._heading_numbering(document.heading_formats)
        self.exact_instances: dict[str, int] = {}
        self.heading_numbers = self._exact_numbers(document.nodes, document.heading_formats, self.headings)
        """The numbering of each heading (by id) that Word's own count would number otherwise."""
        self.toc: list[TocEntry] = []
        self.bookmark_count = 0
        self.annotations = 0
        self.section_properties = None
        self.toc_end = None
        self.after_table = False
        """The next paragraph in the body follows a table: it keeps TABLE_SPACE before it."""

    def _annotation_id(self) -> int:
        """Bookmarks and tracked changes share one id space in Word."""
        self.annotations += 1
        return self.annotations

    def _heading_numbering(self, formats: dict[int, str], link_styles: bool = True) -> int | None:
        """link_styles: tie the levels to the heading styles (only one numbering may: LibreOffice
        does not open a file where two do)."""
        if not formats:
            return None
        levels = []
        for level in range(1, 4):
            text = formats.get(level) or ".".join(f"%{i}" for i in range(1, level + 1))
            levels.append({"format": "decimal", "text": text, "indent": 567 + 284 * (level - 1),
                           "hanging": 567 + 284 * (level - 1),
                           "style": f"Heading{level}" if link_styles else None})
        return self.numbering.instance(self.numbering.abstract(levels))

    def render(self) -> bytes:
        self._cover_page()
        toc_anchor = self._toc_start()
        self._body()
        self._toc_entries(toc_anchor)
        self._footer()
        self._properties()
        oxml.set_document_language(self.doc)
        buffer = io.BytesIO()
        self.doc.save(buffer)
        return buffer.getvalue()

    # --- body -----------------------------------------------------------------------------------

    def _add(self, text: str = "", style: str = "Normal", container=None):
        """A paragraph with a style, set by id (python-docx's lookup by name is slow).

        In the body it goes straight before the section properties: python-docx's own
        add_paragraph searches the body for them each time, which made a plan of 10,000
        sections take quadratic time."""
        if container is not None:
            paragraph = container.add_paragraph(text)
        else:
            element = OxmlElement("w:p")
            self._append_to_body(element)
            paragraph = DocxParagraph(element, self.doc._body)
            if text:
                paragraph.add_run(text)
        self._style(paragraph, style)
        if self.after_table and container is None:
            self.after_table = False
            paragraph.paragraph_format.space_before = Pt(max(PARAGRAPH_STYLES[style][4] if style in PARAGRAPH_STYLES else 0, TABLE_SPACE))
        return paragraph

    def _append_to_body(self, element) -> None:
        body = self.doc.element.body
        if self.section_properties is None or self.section_properties.getparent() is not body:
            self.section_properties = body.find(qn("w:sectPr"))
        if self.section_properties is None:
            body.append(element)
        else:
            self.section_properties.addprevious(element)

    def _style(self, paragraph, style: str) -> None:
        oxml.set_paragraph_style(paragraph._p, self.style_ids[style])

    def _body(self) -> None:
        nodes = self.tree.nodes
        for index, node in enumerate(nodes):
            paragraph = self._node(node)
            if leads_in(node, nodes[index + 1] if index + 1 < len(nodes) else None):
                oxml.keep_with_next(paragraph._p)  # a lead-in is printed with its list

    def _node(self, node) -> None:
        if isinstance(node, Heading):
            self._heading(node)
        elif isinstance(node, Paragraph):
            return self._paragraph(node)
        elif isinstance(node, ListBlock):
            self._list(node)
        elif isinstance(node, Table):
            self._table(node)
        elif isinstance(node, Chart):
            self._chart(node)
        else:
            raise AssertionError(f"unknown node {node!r}")

    # Each writer below takes the text as segments, (op, text) with op '=' plain, '+' inserted,
    # '-' deleted, and a mark for the paragraph itself: the tracked-changes writer uses them all.

    def _heading(self, heading: Heading, segments: Segments | None = None, mark: str = "=",
                 numbering: int | None | bool = True):
        """numbering: the heading numbering instance, True for the document's own."""
        paragraph = self._add(style=f"Heading {min(heading.level, 3)}")
        numbering = self.headings if numbering is True else numbering
        if heading.number and numbering is not None:
            numbering = self.heading_numbers.get(id(heading), numbering)
            oxml.set_numbering(paragraph, numbering, min(heading.level, 3) - 1)
        self._fill(paragraph, segments or plain(heading.text), mark)
        self.bookmark_count += 1
        name = f"_Toc{self.bookmark_count}"
        oxml.add_bookmark(paragraph, name, self._annotation_id())
        label = f"{heading.number} {heading.text}" if heading.number else heading.text
        index = self.bookmark_count - 1
        page = str(self.pages[index]) if self.pages and index < len(self.pages) else ""
        self.toc.append((heading.level, plain(label), "=", name, plain(page)))
        return paragraph

    def _exact_numbers(self, nodes, formats: dict[int, str], numbering: int | None,
                       forced: set[int] = frozenset()) -> dict[int, int]:
        """Each heading's number exactly as the plan prints it. Word's numbering has one format
        per level, so where it would count another number than the plan's ("4.1." in a plan that
        writes "3.1." but "4.1") the heading gets a numbering whose level text is its number;
        so do the forced ones (by id)."""
        exact, counts = {}, [0, 0, 0]
        for node in nodes:
            if not isinstance(node, Heading) or not node.number or numbering is None:
                continue
            level = min(node.level, 3)
            counted = counts[:level - 1] + [counts[level - 1] + 1]
            text = formats.get(level) or ".".join(f"%{i}" for i in range(1, level + 1))
            for index, count in enumerate(counted, 1):
                text = text.replace(f"%{index}", str(count))
            if text == node.number and id(node) not in forced:
                counts = counted + [0] * (3 - level)
            elif (id(node) in forced and "%" not in node.number) or (
                    re.fullmatch(r"\d+(\.\d+)*\.?", node.number) and node.number.rstrip(".").count(".") == level - 1):
                exact[id(node)] = self._numbering_of(node.number, level)  # a count of its level, printed otherwise
        return exact

    def _numbering_of(self, number: str, level: int) -> int:
        """A numbering that prints number at level: Word prints a level text without
        placeholders as it stands."""
        if number not in self.exact_instances:
            abstract = self.numbering.abstract([
                {"format": "decimal", "text": number if index == level else "", "indent": 567 + 284 * (index - 1),
                 "hanging": 567 + 284 * (index - 1)} for index in range(1, 4)])
            self.exact_instances[number] = self.numbering.instance(abstract)
        return self.exact_instances[number]

    def _paragraph(self, node: Paragraph, segments: Segments | None = None, mark: str = "=",
                   note: Segments | None = None):
        paragraph = self._add(style=PARAGRAPH_STYLE[node.style])
        self._superscript(paragraph, note if note is not None else plain(node.mark or ""), space=True)
        segments = segments or plain(node.text)
        if node.style == "note":  # a reader's note, marked as one (and struck or added with its text)
            segments = (("=" if mark == "=" else mark, self.phrases("note_label") + " "), *segments)
        self._fill(paragraph, segments, mark)
        return paragraph

    def _list(self, node: ListBlock) -> None:
        num_id = self._list_numbering(node)
        kept = kept_with_next(len(node.entries))
        for index, entry in enumerate(node.entries):
            paragraph = self._entry(node, entry, num_id)
            oxml.keep_with_next(paragraph._p, index in kept)

    def _list_numbering(self, node: ListBlock) -> int:
        if not node.numbered:
            return self.bullet_list
        # A definition of its own for each numbered list: LibreOffice, saving a file after
        # accepting or rejecting changes, lets lists of one definition count on from each other.
        numbers = self.numbering.abstract([{"format": "decimal", "text": "%1.", "indent": 567, "hanging": 425}])
        return self.numbering.instance(numbers, start=node.start)

    def _entry(self, node: ListBlock, entry: Entry, num_id: int, segments: Segments | None = None,
               mark: str = "=", note: Segments | None = None):
        paragraph = self._add(style="List Number" if node.numbered else "List Bullet")
        oxml.set_numbering(paragraph, num_id, node.indent)
        self._fill(paragraph, segments or plain(entry.text), mark)
        self._superscript(paragraph, note if note is not None else plain(entry.mark or ""))
        return paragraph

    def _superscript(self, paragraph, segments: Segments, space: bool = False) -> None:
        """A footnote reference; before a footnote's text (space=True) it is followed by a space."""
        for op, text in segments:
            run = paragraph.add_run(text)
            run.font.superscript = True
            runs = [run._r]
            if space:
                runs.append(paragraph.add_run(" ")._r)
            if op != "=":
                for element in runs:
                    self._track(element, op)

    def _fill(self, paragraph, segments: Segments, mark: str = "=") -> None:
        for op, text in segments:
            lines = text.split("\n")
            run = paragraph.add_run()
            oxml.add_text(run, lines[0])
            for line in lines[1:]:  # a name and its place on two lines, as printed
                run.add_break()
                oxml.add_text(run, line)
            if op != "=":
                self._track(run._r, op)
        if mark != "=":
            oxml.mark_paragraph(paragraph._p, self._revision(mark))

    def _track(self, run, op: str) -> None:
        """Plain writers never get here; the tracked-changes writer sets author and date."""
        raise AssertionError("a plain document has no tracked changes")

    def _revision(self, op: str, tag: str | None = None):
        raise AssertionError("a plain document has no tracked changes")

    def _property_change(self):
        """A new, empty record of a paragraph's former look (w:pPrChange)."""
        return self._revision("", "w:pPrChange")

    def _table(self, node: Table, rows: list[TrackedRow] | None = None, header: tuple[Segments, ...] | None = None,
               caption: Segments | None = None, mark: str = "=", caption_mark: str | None = None) -> None:
        rows = rows if rows is not None else [("=", row, tuple(plain(c) for c in row.cells)) for row in node.rows]
        caption = caption if caption is not None else plain(node.caption)
        if caption:
            self._fill(self._add(style="Caption"), caption, caption_mark or mark)
        table = self.doc.add_table(rows=1 + len(rows), cols=len(node.header), style=TABLE_STYLE)
        table.alignment = WD_TABLE_ALIGNMENT.LEFT
        oxml.set_table_description(table, node.caption or node.header[0], ", ".join(node.header))
        oxml.set_table_look(table, first_row=True, first_column=True)
        oxml.set_column_widths(table, column_widths(node))
        oxml.set_cell_margins(table, CELL_MARGIN_TWIPS)
        header_cells = header if header is not None else tuple(plain(c) for c in node.header)
        self._row(table.rows[0], Row(node.header, "subheader"), header_cells, node.numeric, header=True)
        oxml.mark_header_row(table.rows[0])
        oxml.keep_row_together(table.rows[0], with_next=bool(rows))
        if mark != "=":
            oxml.mark_row(table.rows[0], self._revision(mark))
        whole = keeps_whole(node)
        for index, (word_row, (row_mark, row, cells)) in enumerate(zip(table.rows[1:], rows)):
            self._row(word_row, row, cells, node.numeric)
            oxml.keep_row_together(word_row, with_next=whole and index < len(rows) - 1)
            if row_mark != "=":
                oxml.mark_row(word_row, self._revision(row_mark))
        self.after_table = True  # the space after it is the next paragraph's space before

    def _row(self, word_row, row: Row, cells: tuple[Segments, ...], numeric: tuple[bool, ...],
             header: bool = False) -> None:
        base = "Tabellrubrik" if header or row.kind == "subheader" else (
            "Tabellsumma" if row.kind == "total" else "Tabelltext")
        # The cells of a row just made, without python-docx's bookkeeping of spans and merges.
        cells_made = (_Cell(tc, word_row.table) for tc in word_row._tr.tc_lst)
        for column, (cell, segments, is_number) in enumerate(zip(cells_made, cells, numeric)):
            paragraph = cell.paragraphs[0]
            style = f"{base} höger" if is_number else base
            if column == 0 and base == "Tabelltext" and not is_number:
                style = ROW_HEADER  # the row's name heads it, bold as in Word's own table styles
            self._style(paragraph, style)
            self._fill(paragraph, segments)
            if header or row.kind == "subheader":
                oxml.shade_cell(cell, HEADER_FILL if header else SUBHEADER_FILL)

    def _chart(self, node: Chart, mark: str = "=") -> None:
        """The chart (SVG, with a PNG for a Word older than 2016) kept on the page of its caption."""
        paragraph = self._add(style="Normal")
        paragraph.paragraph_format.keep_with_next = bool(node.caption)
        paragraph.paragraph_format.keep_together = True
        run = paragraph.add_run()
        width = Cm(chart_width_cm(node))
        shape = run.add_picture(io.BytesIO(charts.render_cached(node, "png", self.cache)), width=width)
        oxml.add_svg_picture(shape, self.doc.part, charts.render_cached(node, "print", self.cache))
        oxml.set_picture_description(shape, node.caption or node.panels[0].title, node.alt)
        if mark != "=":
            self._track(run._r, mark)
            oxml.mark_paragraph(paragraph._p, self._revision(mark))
        if node.caption:  # under the chart: with it, not with what follows
            caption = self._add(style="Caption")
            caption.paragraph_format.keep_with_next = False
            caption.paragraph_format.space_after = Pt(FIGURE_SPACE)
            self._fill(caption, plain(node.caption) if mark == "=" else ((mark, node.caption),), mark)
