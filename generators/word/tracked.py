"""The NEW version's Word document with native tracked changes against OLD.

Both versions are laid out as document trees and their lines (headings, paragraphs, list
entries, tables, charts) aligned; a changed line gets a word-level redline of w:ins and w:del
runs, a removed or added line has its paragraph mark tracked too, and table rows are tracked
row by row. Accepting every change in Word gives NEW's text, rejecting every change OLD's.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from difflib import SequenceMatcher

from generators import escaping
from generators.cache import NO_CACHE, RenderCache
from generators.changes.diff import redline, similarity
from generators.document import (
    Chart,
    Document,
    Entry,
    Heading,
    ListBlock,
    Paragraph,
    Table,
)
from generators.templating import Phrases
from generators.word import oxml
from generators.cover import Cover
from generators.word.writer import Segments, TrackedRow, _Writer, plain

PAIR = 0.5
"""Two lines in a changed stretch are one edited line when this share of their words agree."""


@dataclass(frozen=True)
class Line:
    node: object
    """A Heading, Paragraph, Table or Chart, or the Entry of a list."""
    parent: ListBlock | None = None

    @property
    def key(self) -> tuple:
        node = self.node
        if isinstance(node, Table):
            return ("table", node.header, node.rows)
        if isinstance(node, Chart):
            return ("chart", node.id, node.panels)
        if isinstance(node, Entry):
            return ("entry", self.parent.numbered, node.text, node.mark)
        return (type(node).__name__, getattr(node, "level", getattr(node, "style", None)),
                getattr(node, "number", getattr(node, "mark", None)), node.text)

    @property
    def text(self) -> str:
        node = self.node
        if isinstance(node, Table):
            return " ".join(" ".join(row.cells) for row in node.rows)
        return getattr(node, "text", "")


def lines(document: Document) -> list[Line]:
    found = []
    for node in document.nodes:
        if isinstance(node, ListBlock):
            found += [Line(entry, node) for entry in node.entries]
        else:
            found.append(Line(node))
    return found


def tracked_segments(ops: tuple[tuple[str, str], ...]) -> Segments:
    """Runs from word ops with exactly the spaces each view needs: accepting joins the '=' and
    '+' words with single spaces, rejecting the '=' and '-' words."""
    segments: list[tuple[str, str]] = []
    seen_new = seen_old = False
    for op, words in ops:
        for word in words.split(" "):
            if op == "=":
                if seen_new and seen_old:
                    segments.append(("=", " "))
                elif seen_new:
                    segments.append(("+", " "))
                elif seen_old:
                    segments.append(("-", " "))
                segments.append(("=", word))
                seen_new = seen_old = True
            elif op == "+":
                segments.append(("+", (" " if seen_new else "") + word))
                seen_new = True
            else:
                segments.append(("-", (" " if seen_old else "") + word))
                seen_old = True
    return tuple(_merge(segments))


def _merge(segments):
    merged: list[tuple[str, str]] = []
    for op, text in segments:
        if merged and merged[-1][0] == op:
            merged[-1] = (op, merged[-1][1] + text)
        else:
            merged.append((op, text))
    return merged


def render_tracked_docx(old: Document, new: Document, cover: Cover, summary: list[str], phrases: Phrases,
                        cache: RenderCache = NO_CACHE, date: dt.datetime | None = None) -> bytes:
    old, new, cover, summary = escaping.each_string((old, new, cover, summary), escaping.word)
    return _TrackedWriter(old, new, cover, summary, phrases, cache, date).render()


class _TrackedWriter(_Writer):
    def __init__(self, old: Document, new: Document, cover: Cover, summary: list[str], phrases: Phrases,
                 cache: RenderCache, date: dt.datetime | None):
        formats = new.heading_formats or old.heading_formats
        super().__init__(Document(new.title, [], formats), cover, phrases, cache)
        self.old, self.new, self.summary = old, new, summary
        self.author = phrases("diff.author")
        self.date = (date or dt.datetime.now(dt.timezone.utc)).strftime("%Y-%m-%dT%H:%M:%SZ")
        self.current_list: tuple[int, int] | None = None

    # --- tracked-change marks used by the base writer ----------------------------------------

    def _revision(self, op: str):
        return oxml.revision("w:ins" if op == "+" else "w:del", self._annotation_id(), self.author, self.date)

    def _track(self, run, op: str) -> None:
        oxml.track_run(run, self._revision(op))

    # --- the document -------------------------------------------------------------------------

    def _cover_page(self) -> None:
        super()._cover_page()
        if not self.summary:
            return
        page_break = self.doc.paragraphs[-1]._p
        added = [self._add(self.phrases("diff.tracked_summary_heading"), "Underrubrik"),
                 self._add(self.phrases("diff.tracked_summary_intro", old=self.old.title, new=self.new.title))]
        for line in self.summary:
            added.append(self._add(line, "List Bullet"))
            oxml.set_numbering(added[-1], self.bullet_list)
        for paragraph in added:  # the summary goes on the cover page, before its page break
            page_break.addprevious(paragraph._p)

    def _body(self) -> None:
        old_lines, new_lines = lines(self.old), lines(self.new)
        matcher = SequenceMatcher(None, [l.key for l in old_lines], [l.key for l in new_lines], autojunk=False)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag == "equal":
                for line in new_lines[j1:j2]:
                    self._line(line, "=")
            else:
                self._changed_stretch(old_lines[i1:i2], new_lines[j1:j2])

    def _changed_stretch(self, old: list[Line], new: list[Line]) -> None:
        """Pair the lines of a changed stretch in order where they are alike; the rest are
        removed (before) or added (after)."""
        index = 0
        for line in new:
            match = next((k for k in range(index, len(old)) if _pairable(old[k], line)), None)
            if match is None:
                self._line(line, "+")
                continue
            for removed in old[index:match]:
                self._line(removed, "-")
            self._edited(old[match], line)
            index = match + 1
        for removed in old[index:]:
            self._line(removed, "-")

    def _line(self, line: Line, mark: str) -> None:
        node = line.node
        if isinstance(node, Entry):
            self._list_entry(line, plain_or_marked(node.text, mark), mark)
        elif isinstance(node, Heading):
            self._heading(node, plain_or_marked(node.text, mark), mark)
        elif isinstance(node, Paragraph):
            self._paragraph(node, plain_or_marked(node.text, mark), mark)
        elif isinstance(node, Table):
            rows = [(mark, row, tuple(plain_or_marked(c, mark) for c in row.cells)) for row in node.rows]
            self._end_list()
            header = tuple(plain_or_marked(c, mark) for c in node.header)
            self._table(node, rows, header, plain_or_marked(node.caption, mark), mark)
        elif isinstance(node, Chart):
            self._end_list()
            self._chart(node, mark)

    def _edited(self, old: Line, new: Line) -> None:
        node = new.node
        if isinstance(node, Table):
            self._end_list()
            header = tuple(_cell_segments(a, b) for a, b in zip(old.node.header, node.header))
            self._table(node, _table_rows(old.node, node), header, _cell_segments(old.node.caption, node.caption))
        elif isinstance(node, Chart):
            self._end_list()
            self._chart(node)
        else:
            segments = tracked_segments(redline(old.text, new.text))
            if isinstance(node, Entry):
                self._list_entry(new, segments, "=")
            elif isinstance(node, Heading):
                self._heading(node, segments)
            else:
                self._paragraph(node, segments)

    def _list_entry(self, line: Line, segments: Segments, mark: str) -> None:
        key = (id(line.parent), line.parent.numbered)
        if self.current_list is None or self.current_list[0] != key:
            self.current_list = (key, self._list_numbering(line.parent))
        self._entry(line.parent, line.node, self.current_list[1], segments, mark)

    def _end_list(self) -> None:
        self.current_list = None

    def _heading(self, heading, segments=None, mark="="):
        self._end_list()
        super()._heading(heading, segments, mark)

    def _paragraph(self, node, segments=None, mark="="):
        self._end_list()
        super()._paragraph(node, segments, mark)


def plain_or_marked(text: str, mark: str) -> Segments:
    return plain(text) if mark == "=" else ((mark, text),) if text else ()


def _pairable(old: Line, new: Line) -> bool:
    if type(old.node) is not type(new.node):
        return False
    if isinstance(new.node, Table):
        return len(old.node.header) == len(new.node.header)
    if isinstance(new.node, Chart):
        return old.node.id == new.node.id
    if isinstance(new.node, Entry) and old.parent.numbered != new.parent.numbered:
        return False
    return similarity(old.text, new.text, PAIR) >= PAIR


def _table_rows(old: Table, new: Table) -> list[TrackedRow]:
    """Rows aligned like lines: kept rows plain, edited rows redlined cell by cell."""
    rows: list[TrackedRow] = []
    matcher = SequenceMatcher(None, [r.cells for r in old.rows], [r.cells for r in new.rows], autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        before, after = old.rows[i1:i2], new.rows[j1:j2]
        if tag == "equal":
            rows += [("=", row, tuple(plain(c) for c in row.cells)) for row in after]
            continue
        paired = min(len(before), len(after)) if tag == "replace" else 0
        for old_row, new_row in zip(before[:paired], after[:paired]):
            cells = tuple(_cell_segments(a, b) for a, b in zip(old_row.cells, new_row.cells))
            rows.append(("=", new_row, cells))
        rows += [("-", row, tuple((("-", c),) if c else () for c in row.cells)) for row in before[paired:]]
        rows += [("+", row, tuple((("+", c),) if c else () for c in row.cells)) for row in after[paired:]]
    return rows


def _cell_segments(old: str, new: str) -> Segments:
    return plain(new) if old == new else tracked_segments(redline(old, new))
