"""The NEW version's Word document with native tracked changes against OLD.

Both versions are laid out as document trees and their lines (cover, headings, paragraphs,
list entries, tables, charts) aligned (pairing.py); a changed line gets a word-level redline of w:ins and
w:del runs, a removed or added line has its paragraph mark tracked too, table rows are tracked
row by row, and a kept line whose style or numbering differs records its old ones
(w:pPrChange); where a tracked mark has nothing after it to join, borders.py settles it.
Each version keeps its own heading and list numbering, so numbers follow from
what is left. Accepting every change gives NEW's own Word file, rejecting every change OLD's
(tests/libreoffice checks this with LibreOffice itself). The summary of what changed is in the
file's properties, where accepting or rejecting leaves no trace of it in the text.
"""

from __future__ import annotations

import datetime as dt

from docx.enum.text import WD_BREAK
from docx.shared import Pt, Twips

from generators import escaping
from generators.cache import NO_CACHE, RenderCache
from generators.document import (
    Chart,
    Document,
    Entry,
    Heading,
    ListBlock,
    Paragraph,
    Table,
    kept_with_next,
    leads_in,
)
from generators.templating import Phrases
from generators.word import borders, oxml
from generators.cover import Cover
from generators.layout import PARAGRAPH_STYLE, TABLE_SPACE
from generators.word.front_matter import cover_lines
from generators.word.pairing import (Line, align, cell_segments, lines, note_segments, pairable, plain_or_marked,
                                      table_rows)
from generators.word.segments import plain
from generators.word.writer import _Writer

ANCHOR_LINE = Twips(1)
"""The height of the paragraph mark after a table (see _Writer._table): the least a line can be,
so that with the table's space after it the gap is the own file's to a twentieth of a point."""


def render_tracked_docx(old: Document, new: Document, old_cover: Cover, new_cover: Cover, summary: list[str],
                        phrases: Phrases, cache: RenderCache = NO_CACHE, date: dt.datetime | None = None,
                        pages: tuple[tuple[int, ...], tuple[int, ...]] = ((), ())) -> bytes:
    """pages: the page of each heading of OLD and of NEW as printed, for the contents."""
    old, new, old_cover, new_cover, summary = escaping.each_string((old, new, old_cover, new_cover, summary),
                                                                   escaping.word)
    return _TrackedWriter(old, new, old_cover, new_cover, summary, phrases, cache, date, pages).render()


class _TrackedWriter(_Writer):
    contents_break_before = False
    """A struck last cover line joins what follows when accepted, and would take the contents'
    page break with it: here the break is a paragraph of its own that no change touches."""

    def __init__(self, old: Document, new: Document, old_cover: Cover, new_cover: Cover, summary: list[str],
                 phrases: Phrases, cache: RenderCache, date: dt.datetime | None,
                 pages: tuple[tuple[int, ...], tuple[int, ...]]):
        shared = _shared_formats(old.heading_formats, new.heading_formats)
        super().__init__(Document(new.title, [], new.heading_formats if shared is None else shared), new_cover,
                         phrases, cache)
        self.old, self.new, self.old_cover, self.summary = old, new, old_cover, summary
        self.author = phrases("diff.author")
        self.date = (date or dt.datetime.now(dt.timezone.utc)).strftime("%Y-%m-%dT%H:%M:%SZ")
        self.old_headings = (self.headings if shared is not None
                             else self._heading_numbering(old.heading_formats, link_styles=self.headings is None))
        self.old_pages, self.new_pages = pages
        self.shared_formats = shared
        self.heading_count = [0, 0]
        """Headings of OLD and of NEW written so far: where each one's page number is."""
        self.list_ids: dict[int, int] = {}
        """Each list of each version keeps its own numbering, as in the version's own file."""

    # --- tracked-change marks used by the base writer ----------------------------------------

    def _revision(self, op: str, tag: str | None = None):
        return oxml.revision(tag or ("w:ins" if op == "+" else "w:del"), self._annotation_id(), self.author,
                             self.date)

    def _track(self, run, op: str) -> None:
        oxml.track_run(run, self._revision(op))

    # --- the cover, old and new lines aligned ------------------------------------------------------

    def _cover_page(self) -> None:
        body = self.doc.element.body
        for paragraph in list(body.iterchildren(oxml.qn("w:p"))):
            body.remove(paragraph)
        self._logo()
        same_style = lambda a, b: a[0] == b[0]  # noqa: E731
        for op, before, after in align(cover_lines(self.old_cover), cover_lines(self.cover), tuple, same_style):
            style, text = after or before
            segments = (plain(text) if op == "=" else cell_segments(before[1], text) if op == "~"
                        else plain_or_marked(text, op))
            self._cover_line(style, segments, op if op in "+-" else "=")
        self._add().add_run().add_break(WD_BREAK.PAGE)
        self.doc.sections[0].different_first_page_header_footer = True
        mark = cell_segments(self.old_cover.mark or "", self.cover.mark or "")
        if mark:
            self._header_mark(mark)

    def _properties(self) -> None:
        """The summary goes in the file's properties (File > Properties > Comments), where
        accepting or rejecting cannot leave it in the text. Not as a Word comment: LibreOffice
        7.4 crashes opening a file with python-docx's comments part."""
        super()._properties()
        lines = [self.phrases("diff.tracked_summary_heading"),
                 self.phrases("diff.tracked_summary_intro", old=self.old.title, new=self.new.title)]
        # python-docx caps the property at 255 characters; the file format does not.
        self.doc.core_properties._element._get_or_add("description").text = "\n".join(
            lines + [f"• {line}" for line in self.summary])

    # --- the body -------------------------------------------------------------------------------

    def _body(self) -> None:
        aligned = list(align(lines(self.old), lines(self.new), lambda l: l.key, pairable))
        self._share_lists(aligned)
        self._number_headings(aligned)
        keeps = (_kept_with_next(self.old), _kept_with_next(self.new))
        renumbered = [op in "=~" and self._renumbered(before, after) for op, before, after in aligned]
        added: list[Line] = []
        for index, (op, before, after) in enumerate(aligned):
            if renumbered[index]:
                # A run of renumbered lines is struck whole, then added whole: rejecting, the
                # added run joins what follows it as one (borders.settle_joins).
                self._line(before, "-")
                self._keep(before, keeps[0])
                added.append(after)
                if index + 1 < len(aligned) and renumbered[index + 1]:
                    continue
                for line in added:
                    self._line(line, "+")
                    self._keep(line, keeps[1])
                added = []
            elif op in "=~":
                self._kept(before, after, op == "~")
                self._keep(after, keeps[1], id(before.node) in keeps[0])
            else:
                self._line(before or after, op)
                self._keep(before or after, keeps[0 if op == "-" else 1])

    def _keep(self, line: Line, kept: set[int], kept_before: bool | None = None) -> None:
        """A lead-in or list entry on the same page as what follows, as in its version's own file;
        kept_before: whether a kept line was kept with the next in OLD (a formatting change where
        that differs)."""
        if not isinstance(line.node, (Entry, Paragraph)):
            return
        keep, entry = id(line.node) in kept, isinstance(line.node, Entry)
        p = self.section_properties.getprevious()
        if keep or entry:
            oxml.keep_with_next(p, keep)
        if kept_before is not None and kept_before != keep:
            borders.track_keep(p, kept_before, entry,
                               self._property_change)

    def _number_headings(self, aligned) -> None:
        """Each version's headings with their own numbers, as in the version's own file: what
        Accept All and Reject All leave. A heading both versions number alike has one numbering
        in both (a changed numbering would remove and add it): printed as it stands by both when
        either prints it so (see _Writer._exact_numbers)."""
        kept = [(before.node, after.node) for op, before, after in aligned if op in "=~"
                and isinstance(after.node, Heading) and before.node.number == after.node.number]
        forced: set[int] = set()
        for _ in range(4):  # a forced heading counts no more, which may change what follows
            old = self._exact_numbers(self.old.nodes, self.shared_formats or self.old.heading_formats,
                                      self.old_headings, forced)
            new = self._exact_numbers(self.new.nodes, self.shared_formats or self.new.heading_formats,
                                      self.headings, forced)
            more = {id(node) for pair in kept if id(pair[0]) in old or id(pair[1]) in new for node in pair}
            if more <= forced:
                break
            forced |= more
        self.heading_numbers = {**old, **new}

    def _share_lists(self, aligned) -> None:
        """A list both versions have is one numbering: its entries count on from each other
        whichever version's are left, so a reordered entry keeps its number."""
        for op, before, after in aligned:
            if op in "=~" and isinstance(after.node, Entry):
                old, new = before.parent, after.parent
                if (id(old) not in self.list_ids and id(new) not in self.list_ids
                        and (old.numbered, old.start) == (new.numbered, new.start)):
                    self.list_ids[id(old)] = self._list_id(new)

    def _renumbered(self, old: Line, new: Line) -> bool:
        """A heading or list entry whose style or numbering changes (another level or list,
        numbered in one version only) is removed and added: rejecting a formatting change
        (w:pPrChange) that gives a paragraph its old numbering back, LibreOffice starts that list
        anew, and it fails to open a file where the change names another heading numbering."""
        if not isinstance(new.node, (Heading, Entry)):
            return False
        return self._line_properties(old, self.old_headings) != self._line_properties(new, self.headings)

    def _toc_entries(self, anchor) -> None:
        super()._toc_entries(anchor)
        self._end_marks()

    def _end_marks(self) -> None:
        """Tracked paragraph marks before a table or at the end, which nothing can join: see
        borders.py. The contents are a section of their own in LibreOffice, so the body begins
        after them."""
        body = list(self.toc_end._p.itersiblings())
        borders.settle_borders([child for child in body if child.tag in (oxml.qn("w:p"), oxml.qn("w:tbl"))],
                               self._property_change)

    def _table(self, node: Table, rows=None, header=None, caption=None, mark: str = "=",
               caption_mark: str | None = None) -> None:
        """A table, then a paragraph mark 1 pt high that holds the space after it and comes or
        goes with it: lines struck or added after a table join it when accepted or rejected (a
        table cannot take them, and one with nothing before it would stay as an empty line)."""
        super()._table(node, rows, header, caption, mark, caption_mark)
        self.after_table = False  # here the anchor holds the space, so it goes with the table
        anchor = self._add(style="Normal")
        anchor.paragraph_format.space_before = Pt(0)
        anchor.paragraph_format.space_after = Pt(TABLE_SPACE) - ANCHOR_LINE
        anchor.paragraph_format.line_spacing = ANCHOR_LINE  # exactly
        if mark != "=":
            oxml.mark_paragraph(anchor._p, self._revision(mark))

    def _line(self, line: Line, mark: str) -> None:
        """A line only one version has: all of it inserted (+) or deleted (-)."""
        node = line.node
        note = ((mark, node.mark),) if getattr(node, "mark", None) else ()
        if isinstance(node, Entry):
            self._entry(line.parent, node, self._list_id(line.parent), plain_or_marked(node.text, mark), mark, note)
        elif isinstance(node, Heading):
            numbering = self.headings if mark == "+" else self.old_headings
            self._heading(node, plain_or_marked(node.text, mark), mark, numbering)
            page = self._page(0 if mark == "-" else 1)
            self.toc[-1] = (node.level, ((mark, _toc_label(node)),), mark, self.toc[-1][3],
                            ((mark, page),) if page else ())
        elif isinstance(node, Paragraph):
            self._paragraph(node, plain_or_marked(node.text, mark), mark, note)
        elif isinstance(node, Table):
            rows = [(mark, row, tuple(plain_or_marked(c, mark) for c in row.cells)) for row in node.rows]
            header = tuple(plain_or_marked(c, mark) for c in node.header)
            self._table(node, rows, header, plain_or_marked(node.caption, mark), mark)
        elif isinstance(node, Chart):
            self._chart(node, mark)

    def _kept(self, old: Line, new: Line, edited: bool) -> None:
        """A line both versions have, NEW's text with OLD's redlined in where `edited`."""
        node = new.node
        if isinstance(node, Table):
            if not edited:  # the same cells; its caption's number moves where a table comes or goes before it
                self._table(node, caption=cell_segments(old.node.caption, node.caption))
                return
            header = tuple(cell_segments(a, b) for a, b in zip(old.node.header, node.header))
            caption_mark = "+" if not old.node.caption else "-" if not node.caption else "="
            self._table(node, table_rows(old.node, node), header, cell_segments(old.node.caption, node.caption),
                        caption_mark=caption_mark)
            return
        if isinstance(node, Chart):
            self._chart(node)
            return
        segments = cell_segments(old.text, new.text)
        note = note_segments(old.node.mark, node.mark) if not isinstance(node, Heading) else None
        if isinstance(node, Entry):
            paragraph = self._entry(new.parent, node, self._list_id(new.parent), segments, "=", note)
        elif isinstance(node, Heading):
            paragraph = self._heading(node, segments)
            self._toc_kept(old.node, node)
        else:
            paragraph = self._paragraph(node, segments, "=", note)
        former = self._line_properties(old, self.old_headings)
        if former != self._line_properties(new, self.headings):
            oxml.track_properties(paragraph, self._property_change(), self.style_ids[former[0]],
                                  former[1])

    def _toc_kept(self, old: Heading, new: Heading) -> None:
        name, before, after = self.toc[-1][3], self._page(0), self._page(1)
        if old.level == new.level:
            self.toc[-1] = (new.level, cell_segments(_toc_label(old), _toc_label(new)), "=", name,
                            cell_segments(before, after))
        else:  # a contents line moves between levels: the old one goes, the new one comes
            self.toc[-1:] = [(old.level, (("-", _toc_label(old)),), "-", name, plain_or_marked(before, "-")),
                             (new.level, (("+", _toc_label(new)),), "+", name, plain_or_marked(after, "+"))]

    def _page(self, side: int) -> str:
        """The printed page of the next heading of OLD (side 0) or NEW (1), '' where unknown."""
        pages, index = (self.old_pages, self.new_pages)[side], self.heading_count[side]
        self.heading_count[side] += 1
        return str(pages[index]) if index < len(pages) else ""

    def _line_properties(self, line: Line, headings: int | None) -> tuple[str, tuple[int, int] | None]:
        """The paragraph style and numbering (numId, level) a line has in its own version."""
        node = line.node
        if isinstance(node, Heading):
            level = min(node.level, 3)
            if not node.number or headings is None:
                return f"Heading {level}", None
            return f"Heading {level}", (self.heading_numbers.get(id(node), headings), level - 1)
        if isinstance(node, Entry):
            style = "List Number" if line.parent.numbered else "List Bullet"
            return style, (self._list_id(line.parent), line.parent.indent)
        return PARAGRAPH_STYLE[node.style], None

    def _list_id(self, block: ListBlock) -> int:
        if id(block) not in self.list_ids:
            self.list_ids[id(block)] = self._list_numbering(block)
        return self.list_ids[id(block)]


def _kept_with_next(document: Document) -> set[int]:
    """The ids of the lead-ins and list entries the version's own file keeps with the next line."""
    nodes, kept = document.nodes, set()
    for index, node in enumerate(nodes):
        if leads_in(node, nodes[index + 1] if index + 1 < len(nodes) else None):
            kept.add(id(node))
        if isinstance(node, ListBlock):
            kept |= {id(node.entries[entry]) for entry in kept_with_next(len(node.entries))}
    return kept


def _shared_formats(old: dict[int, str], new: dict[int, str]) -> dict[int, str] | None:
    """One heading numbering for both versions where their levels print alike, else None."""
    if not old or not new or any(old[level] != new[level] for level in old.keys() & new.keys()):
        return None if old or new else {}
    return {**old, **new}


def _toc_label(heading: Heading) -> str:
    return f"{heading.number} {heading.text}" if heading.number else heading.text


