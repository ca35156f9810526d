"""Which lines of two versions are one line, and the redline of an edited one.

The lines of both document trees (headings, paragraphs, list entries, tables, charts) are
aligned in order; in a changed stretch an old and a new line of one kind that are alike in
wording are paired as one edited line, the rest are removed or added. An edited line's words
become segments, (op, text), with exactly the spaces each of accepting and rejecting needs."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterator

from generators.changes.alignment import opcodes
from generators.changes.diff import redline, similarity
from generators.document import Chart, Document, Entry, Heading, ListBlock, Table
from generators.word.segments import Segments, TrackedRow, plain

PAIR = 0.5
"""Two lines in a changed stretch are one edited line when this share of their words agree."""
LOOK_AHEAD = 50
"""How many removed lines a line of a changed stretch is compared with for its old self."""

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
            return ("chart", node.id, node.years, node.panels, node.caption)  # all that is drawn or printed
        if isinstance(node, Entry):
            return ("entry", self.parent.numbered, self.parent.indent, node.text, node.mark)
        if isinstance(node, Heading):  # the number is Word's numbering, from the heading's place
            return ("heading", node.level, node.number is not None, node.text)
        return ("paragraph", node.style, node.mark, node.text)

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


def align(old: list, new: list, key: Callable, pairable: Callable) -> Iterator[tuple[str, object, object]]:
    """('=', a, b) for kept items, ('~', a, b) for an edited pair, ('-', a, None) and
    ('+', None, b) for the rest, in document order: in a changed stretch, items are paired in
    order where `pairable` (looking LOOK_AHEAD items ahead, so a long stretch costs no more than
    its length), what comes between is removed (first) or added."""
    for tag, i1, i2, j1, j2 in opcodes([key(x) for x in old], [key(x) for x in new]):
        if tag == "equal":
            yield from (("=", a, b) for a, b in zip(old[i1:i2], new[j1:j2]))
            continue
        before, index = old[i1:i2], 0
        for item in new[j1:j2]:
            match = next((k for k in range(index, min(len(before), index + LOOK_AHEAD)) if pairable(before[k], item)),
                         None)
            if match is None:
                yield "+", None, item
                continue
            yield from (("-", removed, None) for removed in before[index:match])
            yield "~", before[match], item
            index = match + 1
        yield from (("-", removed, None) for removed in before[index:])


def plain_or_marked(text: str, mark: str) -> Segments:
    return plain(text) if mark == "=" else ((mark, text),) if text else ()


def note_segments(old: str | None, new: str | None) -> Segments:
    """A footnote reference: kept, or the old one deleted and the new one inserted."""
    if old == new:
        return plain(new or "")
    return tuple((op, text) for op, text in (("-", old), ("+", new)) if text)


def pairable(old: Line, new: Line) -> bool:
    """Lines of one kind and alike in wording are one edited line; a chart is redrawn, never edited,
    and a table is edited cell by cell only where its columns are the same."""
    if type(old.node) is not type(new.node) or isinstance(new.node, Chart):
        return False
    if isinstance(new.node, Table):  # other columns (a budget's years moved on): the old table goes whole
        return old.node.header == new.node.header
    return similarity(old.text, new.text, PAIR) >= PAIR


def table_rows(old: Table, new: Table) -> list[TrackedRow]:
    """Rows aligned like lines: kept rows plain, edited rows (of the same kind) redlined cell by cell."""
    rows: list[TrackedRow] = []
    kind = lambda a, b: a.kind == b.kind  # noqa: E731
    for op, before, after in align(list(old.rows), list(new.rows), lambda row: (row.kind, row.cells), kind):
        if op == "=":
            rows.append(("=", after, tuple(plain(c) for c in after.cells)))
        elif op == "~":
            rows.append(("=", after, tuple(cell_segments(a, b) for a, b in zip(before.cells, after.cells))))
        else:
            row = before or after
            rows.append((op, row, tuple(((op, c),) if c else () for c in row.cells)))
    return rows


def cell_segments(old: str, new: str) -> Segments:
    return plain(new) if old == new else tracked_segments(redline(old, new))
