"""The print layout the Word and the PDF writer share, so that a heading falls on the same
page in both and the Word contents page can take its numbers from the PDF's layout: the text
width, the paragraph styles (size and spacing), the table columns and what is kept together.
Widths are in EMU (English Metric Units, Word's unit)."""

from __future__ import annotations

import re
import unicodedata

from generators.document import Chart, Heading, ListBlock, Node, Paragraph, Table

EMU_PER_CM = 360000
TEXT_WIDTH = 16 * EMU_PER_CM
"""A4 less 2.5 cm margins on both sides."""

# name: (base style, size in points, bold, italic, space before, space after)
PARAGRAPH_STYLES = {
    "Normal": (None, 11, False, False, 0, 6),
    "Title": ("Normal", 26, True, False, 0, 12),
    "Subtitle": ("Normal", 14, False, False, 0, 24),
    "Heading 1": ("Normal", 16, True, False, 18, 6),
    "Heading 2": ("Normal", 13, True, False, 12, 4),
    "Heading 3": ("Normal", 11, True, False, 10, 3),
    "TOC Heading": ("Normal", 16, True, False, 0, 12),
    "TOC 1": ("Normal", 11, False, False, 4, 2),
    "TOC 2": ("Normal", 11, False, False, 0, 2),
    "List Bullet": ("Normal", 11, False, False, 0, 3),
    "List Number": ("Normal", 11, False, False, 0, 3),
    "Caption": ("Normal", 9, False, True, 6, 3),
    "Footer": ("Normal", 9, False, False, 0, 0),
    "Header": ("Normal", 9, True, False, 0, 0),
    "Utkastmarkering": ("Normal", 28, True, False, 0, 12),
    "Omslagsrad": ("Normal", 12, False, False, 0, 6),
    "Underrubrik": ("Normal", 11, True, False, 8, 3),
    "Vision": ("Normal", 12, False, True, 6, 12),
    "Signatur": ("Normal", 11, False, False, 36, 6),
    "Fotnot": ("Normal", 9, False, False, 6, 0),
    "Anmärkning": ("Normal", 10, False, False, 6, 0),
    "Tabelltext": ("Normal", 10, False, False, 0, 0),
    "Tabellrubrik": ("Tabelltext", 10, True, False, 0, 0),
    "Tabellsumma": ("Tabelltext", 10, True, False, 0, 0),
    "Tabellradrubrik": ("Tabelltext", 10, True, False, 0, 0),
    "Tabelltext höger": ("Tabelltext", 10, False, False, 0, 0),
    "Tabellrubrik höger": ("Tabellrubrik", 10, True, False, 0, 0),
    "Tabellsumma höger": ("Tabellsumma", 10, True, False, 0, 0),
}
LINE_HEIGHT = 1.149 * 1.15
"""A line in ems: Arial's (and Arimo's) single spacing (ascender, descender and line gap) times
1.15, the reference document's default line spacing."""
CELL_MARGIN_TWIPS = 28
"""Space above and below the text in a table cell (1.4 pt), so text never touches a border."""
LOGO_CM = 2.5
"""The height of the organisation's logo on the cover."""
PARAGRAPH_STYLE = {"text": "Normal", "label": "Underrubrik", "vision": "Vision", "signature": "Signatur",
                   "footnote": "Fotnot", "note": "Anmärkning"}
"""The style of each kind of paragraph in the document tree."""
TABLE_SPACE = 12
"""Points between a table and what follows it: the next paragraph's space before (Word has no
space after a table), at least its style's own."""
FIGURE_SPACE = TABLE_SPACE
"""Points after a figure's caption: a figure ends as a table does, its caption set off from the
text that follows instead of reading as its first line."""
COVER_DROP = 6 / 2.54 * 72 + PARAGRAPH_STYLES["Normal"][1] * LINE_HEIGHT + PARAGRAPH_STYLES["Normal"][5]
"""Points between the organisation's name and the title on the cover (6 cm and a line): the
name's space after, not empty paragraphs."""


def spacing(node: Node) -> tuple[float, float]:
    """The space before and after a node in points, as its Word style says: between two nodes
    LibreOffice leaves the larger of the first one's space after and the second one's before."""
    if isinstance(node, Table):
        return (PARAGRAPH_STYLES["Caption"][4] if node.caption else 0, TABLE_SPACE)
    if isinstance(node, Chart):  # the picture's paragraph, then its caption under it
        return PARAGRAPH_STYLES["Normal"][4], FIGURE_SPACE if node.caption else PARAGRAPH_STYLES["Normal"][5]
    if isinstance(node, Heading):
        style = f"Heading {min(node.level, 3)}"
    elif isinstance(node, Paragraph):
        style = PARAGRAPH_STYLE[node.style]
    elif isinstance(node, ListBlock):
        style = "List Number" if node.numbered else "List Bullet"
    else:
        style = "Normal"
    return PARAGRAPH_STYLES[style][4], PARAGRAPH_STYLES[style][5]


def chart_width_cm(chart: Chart) -> float:
    """A chart's printed width: two panels side by side fill the text width, one takes 10 cm."""
    return TEXT_WIDTH / EMU_PER_CM if len(chart.panels) > 1 else 10.0


CHART_CAPTION_GAP = max(PARAGRAPH_STYLES["Normal"][5], PARAGRAPH_STYLES["Caption"][4])
"""Points between a chart and its caption: the picture paragraph's space after, the caption's before."""

PADDING = int(0.5 * EMU_PER_CM)
"""Word's default cell margins (0.19 cm each side) and a little air."""
TABLE_POINTS = 10
KEEP_WHOLE = 20
"""A table with at most this many rows is kept on one page (and moved to the next if need be)."""

# Advance widths in thousandths of an em of Arial (and the metric-compatible Arimo and Liberation
# Sans), regular and bold, for the printable ASCII characters from the space on.
_REGULAR = (278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, *[556] * 10, 278,
            278, 584, 584, 584, 556, 1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722,
            778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, 333, 556, 556,
            500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500,
            722, 500, 500, 500, 334, 260, 334, 584)
_BOLD = (278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278, *[556] * 10, 333, 333,
         584, 584, 584, 611, 975, 722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722, 611, 833, 722, 778, 667,
         778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 333, 278, 333, 584, 556, 333, 556, 611, 556, 611, 556,
         333, 611, 611, 278, 278, 556, 278, 889, 611, 611, 611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500,
         389, 280, 389, 584)
_WIDE = 1000  # anything else: at most an em


def text_width(text: str, bold: bool = False, points: float = TABLE_POINTS) -> int:
    """The printed width of a line of text in Arial, in EMU. Accented letters are as wide as
    their base letter (å as a, Ö as O); dashes and other marks are taken as an em at most."""
    widths = _BOLD if bold else _REGULAR
    total = 0
    for char in unicodedata.normalize("NFD", text):
        if unicodedata.combining(char):
            continue
        code = ord(char)
        total += widths[code - 32] if 32 <= code < 127 else (widths[0] if char.isspace() else _WIDE)
    return int(total / 1000 * points * 12700)


def keeps_whole(table: Table) -> bool:
    return len(table.rows) <= KEEP_WHOLE


def column_widths(table: Table) -> list[int]:
    """Every column fits its widest unbreakable word, header words in bold included (a figure
    or a date never breaks); what is left goes to the text columns in proportion to their text.
    The first column heads its rows and is bold, as headers are."""
    columns = [[(row.cells[i], row.kind != "body" or i == 0) for row in table.rows] for i in range(len(table.header))]
    needed = []
    for numeric, heading, cells in zip(table.numeric, table.header, columns):
        pieces = [(word, True) for word in heading.split()] + [
            (piece, bold) for cell, bold in cells
            for piece in ([cell] if numeric and _is_figure(cell) else cell.split())]
        needed.append(max((text_width(piece, bold) for piece, bold in pieces), default=0) + PADDING)
    if sum(needed) > TEXT_WIDTH:  # too many columns: shrink all alike rather than run off the page
        return [int(width * TEXT_WIDTH / sum(needed)) for width in needed]
    text = [0 if numeric else sum(len(cell) for cell, _ in cells) for numeric, cells in zip(table.numeric, columns)]
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

