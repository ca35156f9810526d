"""The document tree as Typst markup.

Every string from the content goes through `escape` and nothing else, so no heading, cell
or paragraph can start a Typst function, label, list or comment: it is always shown as the
text it is. Strings that Typst takes as arguments (the title, alt texts) go in as
`sys.inputs`, which are never parsed.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from generators.layout import (CHART_CAPTION_GAP, COVER_DROP, EMU_PER_CM, LOGO_CM, chart_width_cm, column_widths,
                               keeps_whole, spacing)
from generators.document import (SHORT_LIST, Chart, Document, Entry, Heading, ListBlock, Node, Paragraph, Table,
                                 leads_in)
from generators.escaping import typst as escape


def content(text: str) -> str:
    """A Typst content block holding the text: [..]."""
    return f"[{escape(text)}]"


def array(items: list[str]) -> str:
    """A Typst array of already-made values; the trailing comma keeps a single item an array."""
    return f"({', '.join(items)},)" if items else "()"


@dataclass
class Markup:
    """The body of the Typst file, the strings it reads from sys.inputs, and its images."""
    source: str
    inputs: dict[str, str] = field(default_factory=dict)
    images: dict[str, bytes] = field(default_factory=dict)


@dataclass
class CoverText:
    organisation: str
    title: str
    subtitle: str = ""
    lines: tuple[str, ...] = ()
    mark: str = ""
    logo: bytes | None = None
    logo_alt: str = ""


def document_markup(document: Document, cover: CoverText, contents_title: str,
                    chart_svg) -> Markup:
    """The whole document: cover, contents page, body; chart_svg(chart) gives a chart's SVG."""
    markup = Markup("")
    parts = [_cover(cover, markup), f"#contents(title: {content(contents_title)})"]
    after = None  # the body starts on a new page, with its first heading's space before
    for index, node in enumerate(document.nodes):
        following = document.nodes[index + 1] if index + 1 < len(document.nodes) else None
        before, next_after = spacing(node)
        # As LibreOffice lays the Word file out: the larger of the space after and the space before.
        parts.append(f"#v({before}pt)" if after is None else f"#v({max(after, before)}pt, weak: true)")
        parts.append(_node(node, following, markup, chart_svg))
        after = next_after
    parts.append("#heading-pages()")
    markup.source = "\n\n".join(parts) + "\n"
    return markup


def _cover(cover: CoverText, markup: Markup) -> str:
    arguments = [f"organisation: {content(cover.organisation)}", f"title: {content(cover.title)}",
                 f"lines: {array([content(line) for line in cover.lines])}", f"drop: {COVER_DROP:.2f}pt"]
    if cover.logo:  # the name is ours, its extension from the file's first bytes
        name = "logo.png" if cover.logo.startswith(b"\x89PNG") else "logo.jpg"
        markup.images[name] = cover.logo
        markup.inputs["logo-alt"] = cover.logo_alt
        arguments.append(f'logo: image("{name}", alt: sys.inputs.at("logo-alt"), height: {LOGO_CM}cm)')
    if cover.subtitle:
        arguments.append(f"subtitle: {content(cover.subtitle)}")
    if cover.mark:
        arguments.append(f"mark: {content(cover.mark)}")
    return f"#cover({', '.join(arguments)})"


def _node(node: Node, following: Node | None, markup: Markup, chart_svg) -> str:
    if isinstance(node, Heading):
        return _heading(node)
    if isinstance(node, Paragraph):
        return _paragraph(node, leads_in(node, following))
    if isinstance(node, ListBlock):
        return _list(node)
    if isinstance(node, Table):
        return _table(node)
    if isinstance(node, Chart):
        return _chart(node, markup, chart_svg)
    raise AssertionError(f"unknown node {node!r}")


def _heading(heading: Heading) -> str:
    numbering = f", numbering: (..n) => {content(heading.number)}" if heading.number else ""
    return f"#heading(level: {heading.level}{numbering}){content(heading.text)}"


def _paragraph(node: Paragraph, lead_in: bool) -> str:
    if node.style == "footnote":
        return f"#footnote-par({content(node.mark or '')}, {content(node.text)})"
    if node.style == "note":
        return f"#note-par{content(node.text)}"
    function = {"label": "label-par", "vision": "vision", "signature": "signature"}.get(node.style)
    if function is None and lead_in:
        function = "lead-in"
    return f"#{function}{content(node.text)}" if function else f"#par{content(node.text)}"


def _entry(entry: Entry) -> str:
    mark = f"#super{content(entry.mark)}" if entry.mark else ""
    return f"[{escape(entry.text)}{mark}]"


def _list(node: ListBlock) -> str:
    entries = ", ".join(_entry(entry) for entry in node.entries)
    nested = ", indent: 1.5cm, marker: [–]" if node.indent else ""  # as Word: level 2 at 1.5 cm
    made = f"enum(start: {node.start}, {entries})" if node.numbered else f"list({entries}{nested})"
    if len(node.entries) <= SHORT_LIST:  # as the Word file keeps it: on one page
        return f"#block(breakable: false, {made})"
    return f"#{made}"


def _table(node: Table) -> str:
    widths = array([f"{width / EMU_PER_CM:.3f}cm" for width in column_widths(node)])
    numeric = array(["true" if flag else "false" for flag in node.numeric])
    header = array([content(cell) for cell in node.header])
    rows = array([f'("{row.kind}", {array([content(cell) for cell in row.cells])})' for row in node.rows])
    caption = content(node.caption) if node.caption else "none"
    keep = "true" if keeps_whole(node) else "false"
    return (f"#data-table(caption: {caption}, widths: {widths}, numeric: {numeric}, header: {header}, "
            f"rows: {rows}, keep: {keep})")


def _chart(node: Chart, markup: Markup, chart_svg) -> str:
    number = len(markup.images) + 1
    path, alt = f"chart-{number}.svg", f"alt-{number}"
    markup.images[path] = chart_svg(node)
    markup.inputs[alt] = node.alt
    caption = content(node.caption) if node.caption else "none"
    return f'#chart("{path}", "{alt}", {chart_width_cm(node):.2f}cm, caption: {caption}, gap: {CHART_CAPTION_GAP}pt)'
