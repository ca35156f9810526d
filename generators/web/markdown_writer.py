"""Markdown writer: a document tree -> Markdown for MkDocs, every content string escaped.

Content is text, never markup: `<script>` in the YAML shows as text on the page, and a `*`
or `#` in a sentence stays a character.
"""

from __future__ import annotations

from generators.document import Chart, Document, Heading, ListBlock, Paragraph, Table
from generators.escaping import Markdown
from generators.escaping import markdown as escape
from generators.web.tables import html_table


def render_nodes(document: Document, heading_offset: int = 1, charts: dict[str, str] | None = None,
                 ids: str = "tabell", context: str = "") -> str:
    """The tree as Markdown; headings start at level 1 + heading_offset (the page title is level 1).

    Tables are HTML (see tables.py), numbered `ids`-1, -2, ... and captioned by the heading
    above them, or by `context` before the first heading."""
    parts: list[str] = []
    tables = 0
    previous = None
    for node in document.nodes:
        if isinstance(node, Heading):
            number = f"{escape(node.number)} " if node.number else ""
            parts.append(f"{'#' * min(node.level + heading_offset, 6)} {number}{escape(node.text)}")
            context = node.text
        elif isinstance(node, Paragraph):
            parts.append(_paragraph(node))
        elif isinstance(node, ListBlock) and node.indent and isinstance(previous, ListBlock):
            # under the last entry of the list before: indented, with no blank line between
            parts[-1] += "\n" + "\n".join(f"    {line}" for line in _list(node).splitlines())
        elif isinstance(node, ListBlock):
            parts.append(_list(node))
        elif isinstance(node, Table):
            tables += 1
            parts.append(html_table(node, f"{ids}-{tables}", context))
        elif isinstance(node, Chart):
            if charts and node.id in charts:
                parts.append(_figure(node, charts[node.id]))
        previous = node
    return Markdown("\n\n".join(parts) + "\n")


def _figure(node: Chart, source: str) -> str:
    """The chart and its numbered caption as one figure (md_in_html: both stay Markdown)."""
    caption = f'\n<figcaption markdown="span">{escape(node.caption)}</figcaption>' if node.caption else ""
    return f'<figure class="diagram" markdown="block">\n![{escape(node.alt)}]({source}){caption}\n</figure>'


def _paragraph(node: Paragraph) -> str:
    text = escape(node.text)
    if node.style == "label":
        return f"**{text}**"
    if node.style == "vision":
        return f"> {text}"
    if node.style == "signature":
        return f"*{text}*"
    if node.style == "footnote":
        return f"[^{node.mark}]: {text}"
    if node.style == "note":  # a note under a table: set apart, so it is read with the table
        return f'!!! note "Anmärkning"\n    {text}'
    return text


def _list(node: ListBlock) -> str:
    lines = []
    for index, entry in enumerate(node.entries):
        marker = f"{node.start + index}." if node.numbered else "-"
        note = f"[^{entry.mark}]" if entry.mark else ""
        lines.append(f"{marker} {escape(entry.text)}{note}")
    return "\n".join(lines)
