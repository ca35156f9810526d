"""Table column widths from the content, shared by the Word and the PDF writer so that a
table has the same columns in both. Widths are in EMU (English Metric Units, Word's unit)."""

from __future__ import annotations

import re

from generators.document import Table

EMU_PER_CM = 360000
TEXT_WIDTH = 16 * EMU_PER_CM
"""A4 less 2.5 cm margins on both sides."""

CHARACTER = 0.22 * EMU_PER_CM  # about one character of bold 10 pt Arial
PADDING = 0.45 * EMU_PER_CM


def column_widths(table: Table) -> list[int]:
    """Every column fits its longest unbreakable word (a figure never breaks: its spaces are
    non-breaking); what is left goes to the text columns in proportion to their text."""
    columns = [[row.cells[i] for row in table.rows] for i in range(len(table.header))]
    needed = []
    for numeric, heading, cells in zip(table.numeric, table.header, columns):
        pieces = heading.split() + [piece for cell in cells
                                    for piece in ([cell] if numeric and _is_figure(cell) else cell.split())]
        needed.append(max((len(piece) for piece in pieces), default=1) * CHARACTER + PADDING)
    if sum(needed) > TEXT_WIDTH:  # too many columns: shrink all alike rather than run off the page
        return [int(width * TEXT_WIDTH / sum(needed)) for width in needed]
    text = [0 if numeric else sum(len(cell) for cell in cells) for numeric, cells in zip(table.numeric, columns)]
    total = sum(text) or 1
    # Each text column gets its share of the page by how much text it holds, but never less
    # than its longest word; what that costs is taken from the columns with room to spare.
    widths = [max(need, TEXT_WIDTH * share / total) for need, share in zip(needed, text)]
    spare = [width - need for width, need in zip(widths, needed)]
    excess = sum(widths) - TEXT_WIDTH
    if excess > 0 and sum(spare):
        widths = [width - excess * room / sum(spare) for width, room in zip(widths, spare)]
    elif excess < 0:  # only figure columns: give the rest to the first column
        widths[0] -= excess
    return [int(width) for width in widths]


def _is_figure(cell: str) -> bool:
    """'1 308 750 kr' and '12 mnkr' are figures; 'uppgift saknas' is text and may wrap."""
    return not any(ch.isalpha() for ch in re.sub(r"(kr|tkr|kkr|mkr|mnkr)$", "", cell))

