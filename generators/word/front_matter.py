"""The Word file's front matter: cover page, contents, page footer and file properties.

A mixin of the document writer (writer.py), which gives it _add, _style, _fill, _track,
_revision and _property_change; the tracked-changes writer redlines the cover through it too."""

from __future__ import annotations

import datetime as dt
import io

from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from generators import escaping
from generators.cover import Cover
from generators.layout import COVER_DROP, LOGO_CM
from generators.validity import today
from generators.word import borders, oxml
from generators.word.segments import Segments, TocEntry, plain

DRAFT_RED = RGBColor(0xB0, 0x00, 0x20)  # 7:1 against white
ORGANISATION = "organisation"
"""The cover's first line: a cover line whose space after sets the title down the page."""
DRAFT_MARK = "Utkastmarkering"


def cover_lines(cover: Cover) -> list[tuple[str, str]]:
    """The cover page as (paragraph style, text) lines."""
    lines = [(ORGANISATION, cover.organisation)]
    if cover.mark:
        lines.append((DRAFT_MARK, cover.mark))
    lines.append(("Title", cover.title))
    if cover.subtitle:
        lines.append(("Subtitle", cover.subtitle))
    return lines + [("Omslagsrad", line) for line in cover.lines]


class FrontMatter:
    contents_break_before = True
    """The contents start on a new page by their heading's page-break-before, not a paragraph."""
    toc: list[TocEntry]

    def _cover_page(self) -> None:
        body = self.doc.element.body
        for paragraph in list(body.iterchildren(qn("w:p"))):
            body.remove(paragraph)  # the template's empty first paragraph
        self._logo()
        for style, text in cover_lines(self.cover):
            self._cover_line(style, plain(text))
        self.doc.sections[0].different_first_page_header_footer = True
        if self.cover.mark:  # and on every page after the cover, so a printed page is never taken for adopted
            self._header_mark(plain(self.cover.mark))

    def _header_mark(self, segments: Segments) -> None:
        header = self.doc.sections[0].header.paragraphs[0]
        self._style(header, "Header")
        header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        self._fill(header, segments)
        self._redden(header)

    def _logo(self) -> None:
        if self.cover.logo:
            picture = self._add().add_run().add_picture(io.BytesIO(self.cover.logo), height=Cm(LOGO_CM))
            oxml.set_picture_description(picture, self.cover.logo_alt, self.cover.logo_alt)

    def _cover_line(self, style: str, segments: Segments, mark: str = "="):
        if style == ORGANISATION:
            paragraph = self._add(style="Omslagsrad")
            paragraph.paragraph_format.space_after = Pt(COVER_DROP)
        else:
            paragraph = self._add(style=style)
        self._fill(paragraph, segments, mark)
        if style == DRAFT_MARK:
            self._redden(paragraph)
        return paragraph

    @staticmethod
    def _redden(paragraph) -> None:
        for run in paragraph._p.iter(qn("w:r")):  # tracked runs too
            run.get_or_add_rPr().get_or_add_color().val = DRAFT_RED

    def _page_field(self, paragraph, bookmark: str, page: Segments, mark: str = "=") -> None:
        """A PAGEREF field whose result is the page number as printed (redlined where it moved)."""
        before = len(paragraph._p.findall(qn("w:r")))
        oxml.field_begin(paragraph, f"PAGEREF {bookmark} \\h")
        self._fill(paragraph, page)
        oxml.field_end(paragraph)
        if mark != "=":  # a contents line only one version has: its page number field goes or comes with it
            for run in paragraph._p.findall(qn("w:r"))[before:]:
                self._track(run, mark)

    def _toc_start(self):
        heading = self._add(self.phrases("toc_heading"), "TOC Heading")
        heading.paragraph_format.page_break_before = self.contents_break_before  # after the cover
        return self._add(style="TOC 1")

    def _toc_entries(self, anchor) -> None:
        """A TOC field whose result already lists the headings with their page numbers, as
        laid out for print: Word and LibreOffice show it as it is, with no request to update.
        Without a layout the contents say once that the numbers are missing."""
        entries = [entry for entry in self.toc if entry[0] <= 2]
        if self.pages is not None and len(self.pages) != self.bookmark_count:  # laid out from another tree
            entries = [(*entry[:4], ()) for entry in entries]
        if not entries:
            oxml.field_begin(anchor, 'TOC \\o "1-2" \\h \\z \\u')
            anchor.add_run(self.phrases("toc_placeholder"))
            paragraphs = [anchor]
        else:
            paragraphs = []
            current = anchor
            for index, (level, label, mark, name, page) in enumerate(entries):
                if index:
                    new = self._add(style=f"TOC {level}")
                    current._p.addnext(new._p)
                    current = new
                else:
                    self._style(current, f"TOC {level}")
                self._fill(current, label + ((mark, "\t"),))
                self._page_field(current, name, page, mark)
                if mark != "=":
                    oxml.mark_paragraph(current._p, self._revision(mark))
                paragraphs.append(current)
            # Settling the last entry may move the first into it: the field starts in what is first.
            borders.settle_borders([paragraph._p for paragraph in paragraphs], self._property_change)
            paragraphs = [paragraph for paragraph in paragraphs if paragraph._p.getparent() is not None]
            oxml.field_begin(paragraphs[0], 'TOC \\o "1-2" \\h \\z \\u', first=True)
        last = paragraphs[-1]
        oxml.field_end(last)
        if entries and not any(entry[4] for entry in entries):
            note = self._add(self.phrases("toc_no_pages"), "Fotnot")
            last._p.addnext(note._p)
            last = note
        last.add_run().add_break(WD_BREAK.PAGE)
        self.toc_end = last

    def _footer(self) -> None:
        footer = self.doc.sections[0].footer
        paragraph = footer.paragraphs[0]
        self._style(paragraph, "Footer")
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        text = self.phrases("footer", page="\x00PAGE\x00", pages="\x00NUMPAGES\x00")
        for index, part in enumerate(text.split("\x00")):
            if index % 2:
                oxml.add_field(paragraph, part, "1")
            elif part:
                paragraph.add_run(part)

    def _properties(self) -> None:
        properties = self.doc.core_properties
        properties.title = escaping.word_property(self.cover.title)
        properties.subject = escaping.word_property(self.cover.subject)
        properties.author = properties.last_modified_by = escaping.word_property(self.cover.author)
        properties.keywords = escaping.word_property(self.cover.keywords)
        properties.language = oxml.LANGUAGE
        properties.comments = escaping.word_property(self.cover.information)
        properties.revision = 1
        moment = dt.datetime.combine(self.cover.date or today(), dt.time())  # the decision, else the build
        properties.created = properties.modified = moment
        oxml.drop_template_leftovers(self.doc)
