"""Tables as HTML for the site: a caption, header cells for columns, rows and sub-header rows,
and a container that can be scrolled with the keyboard when the table is wider than the page.

Markdown tables cannot say which cells are headers of a row, nor that "Kostnader | 2021 |
2022" inside the table starts a new group; then a screen reader files the cost rows under
"Intäkter". Here every data cell names its headers (WCAG technique H43), and each group of
rows is its own tbody. Every string is content and is escaped.
"""

from __future__ import annotations

import re

from generators import escaping
from generators.document import Table

NUMBER = ' class="siffra"'
DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")


def _text(value: str) -> str:
    """Escaped, with line breaks kept and dates (2007-01-01) never broken at a hyphen; a link
    (page_link) is markup already."""
    if isinstance(value, escaping.Markdown):
        return value
    escaped = escaping.html(value, lines=True)
    return DATE.sub(r'<span class="datum">\g<0></span>', escaped)


def page_link(text: str, target: str) -> escaping.Markdown:
    """A link in a table cell to a generated page beside this one ('x.md'), at the address the
    site serves it ('x/': directory URLs, as mkdocs.yml sets): MkDocs rewrites the links of
    Markdown, not those inside HTML."""
    address = target.removesuffix(".md") + "/"
    return escaping.Markdown(f'<a href="{escaping.url(address)}">{escaping.html(text)}</a>')


def _header(tag_id: str, text: str, scope: str, numeric: bool, headers: str = "") -> str:
    """A header cell, or an empty data cell where there is no header text (an empty th is read as nothing)."""
    css = NUMBER if numeric else ""
    if not text.strip():
        return f"<td{css}></td>"
    refs = f' headers="{headers}"' if headers else ""
    return f'<th scope="{scope}" id="{tag_id}"{refs}{css}>{_text(text)}</th>'


def caption(node: Table, context: str) -> str:
    """The table's own caption ('Tabell 2. Intäkter 2007–2008, kr', as in Word and the PDF), else
    what the table is from the heading above it."""
    return node.caption or context or "Tabell"


def html_table(node: Table, table_id: str, context: str = "", css: str = "") -> str:
    """The table in a focusable, labelled region; table_id must be unique on the page."""
    label = caption(node, context)
    columns = _ids(node.header, f"{table_id}-k")
    head = "".join(_header(columns[c], text, "col", node.numeric[c]) for c, text in enumerate(node.header))
    groups: list[list[str]] = [[]]
    for r, row in enumerate(node.rows):
        if row.kind == "subheader":
            # A sub-header names its group and, where it repeats them, the columns ("Kostnader |
            # 2021 | 2022"); a column it leaves empty keeps the heading above it.
            columns = [new or old for new, old in zip(_ids(row.cells, f"{table_id}-g{r}-"), columns)]
            groups.append(['<tr class="delrubrik">' + "".join(
                _header(columns[c], text, "col", node.numeric[c]) for c, text in enumerate(row.cells)) + "</tr>"])
            continue
        groups[-1].append(_row(row.cells, row.kind, node.numeric, columns, f"{table_id}-r{r}"))
    body = "".join(f"<tbody>{''.join(rows)}</tbody>" for rows in groups if rows)
    classes = " ".join(filter(None, ["styrdok-tabell", css]))
    return escaping.Markdown(f'<div class="{classes}" role="region" aria-labelledby="{table_id}-rubrik" tabindex="0">'
            f'<table class="styrdok" id="{table_id}"><caption id="{table_id}-rubrik"><span>{_text(label)}</span></caption>'
            f"<thead><tr>{head}</tr></thead>{body}</table></div>")


def _ids(cells: tuple[str, ...], prefix: str) -> list[str]:
    """The id of each header cell; '' for an empty one, which heads nothing."""
    return [f"{prefix}{c}" if text.strip() else "" for c, text in enumerate(cells)]


def _row(cells: tuple[str, ...], kind: str, numeric: tuple[bool, ...], columns: list[str], row_id: str) -> str:
    first = cells[0] if cells else ""
    has_header = bool(first.strip())
    refs = f' headers="{columns[0]}"' if columns and columns[0] else ""
    parts = [f'<th scope="row" id="{row_id}"{refs}>{_text(first)}</th>' if has_header else "<td></td>"]
    for c, text in enumerate(cells[1:], start=1):
        # The group's heading ("Kostnader"), the column's ("2022") and the row's ("Kansli").
        refs = " ".join(filter(None, [columns[0] if columns else "", columns[c] if c < len(columns) else "",
                                      row_id if has_header else ""]))
        css = NUMBER if numeric[c] else ""
        parts.append(f'<td headers="{refs}"{css}>{_text(text)}</td>' if refs else f"<td{css}>{_text(text)}</td>")
    css = ' class="summa"' if kind == "total" else ""
    return f"<tr{css}>{''.join(parts)}</tr>"
