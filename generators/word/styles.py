"""The Word reference document: A4, Swedish, the styles every generated document uses.

Built from python-docx's default template by code, never edited by hand. To look at it in
Word: `python -m generators.word.styles referens.docx`.
"""

from __future__ import annotations

import io
import sys

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml.ns import qn
from docx.shared import Cm, Emu, Pt, RGBColor

from generators import layout
from generators.layout import PARAGRAPH_STYLES
from generators.word import oxml

FONT = "Arial"  # on every Windows machine; LibreOffice uses the metric-compatible Liberation Sans
ACCENT = RGBColor(0x1F, 0x38, 0x64)
TEXT_WIDTH = Emu(layout.TEXT_WIDTH)

RIGHT_ALIGNED = {name for name in PARAGRAPH_STYLES if name.endswith(" höger")}
"""Table cells get all their formatting from a paragraph style: it is both faster to write and
what an editor changes in one place."""
OUTLINE_LEVELS = {"Heading 1": 0, "Heading 2": 1, "Heading 3": 2}
KEEP_WITH_NEXT = {"Heading 1", "Heading 2", "Heading 3", "Underrubrik", "Caption", "TOC Heading"}


_built: dict[str, bytes] = {}


def reference_document(render_cache=None, accent: str = "") -> bytes:
    """The reference document's bytes, headings in `accent` (#rrggbb; '' for the house colour):
    built once per process, and kept in the render cache between processes (building it costs a
    tenth of a second, a third of a small document)."""
    if accent not in _built:
        from generators.cache import NO_CACHE, key
        _built[accent] = (render_cache or NO_CACHE).get_or_render(key("reference-docx", accent),
                                                                  lambda: _build(accent))
    return _built[accent]


def _build(accent: str = "") -> bytes:
    document = docx.Document()
    oxml.drop_styles_with_effects(document)
    _page_setup(document)
    _defaults(document)
    by_name = {style.name: style for style in document.styles}
    colour = RGBColor.from_string(accent[1:]) if accent else ACCENT
    for name, spec in PARAGRAPH_STYLES.items():
        _paragraph_style(document, by_name, name, *spec, colour)
    for style in document.styles.element.findall(qn("w:style")):
        oxml.set_run_language(_run_properties(style))
    document.core_properties.language = oxml.LANGUAGE
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


AFTER_RUN_PROPERTIES = tuple(qn(tag) for tag in ("w:tblPr", "w:trPr", "w:tcPr", "w:tblStylePr"))


def _run_properties(style):
    """A style's w:rPr, made in its schema place; plain lxml, as python-docx's is slow for 160 styles."""
    properties = style.find(qn("w:rPr"))
    if properties is None:
        properties = oxml._element("w:rPr")
        following = next((child for child in style if child.tag in AFTER_RUN_PROPERTIES), None)
        (following.addprevious if following is not None else style.append)(properties)
    return properties


def _page_setup(document) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.5)
    section.top_margin, section.bottom_margin = Cm(2.5), Cm(2.2)
    section.footer_distance = Cm(1.0)


def _defaults(document) -> None:
    defaults = document.styles.element.find(qn("w:docDefaults"))
    run_properties = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    fonts = run_properties.find(qn("w:rFonts"))
    for attribute in ("ascii", "hAnsi", "cs", "eastAsia"):
        fonts.set(qn(f"w:{attribute}"), FONT)
    for theme in ("asciiTheme", "hAnsiTheme", "cstheme", "eastAsiaTheme"):
        fonts.attrib.pop(qn(f"w:{theme}"), None)
    oxml.set_run_language(run_properties)


def _paragraph_style(document, by_name, name, base, size, bold, italic, before, after, accent=ACCENT) -> None:
    if name not in by_name:
        by_name[name] = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style = by_name[name]
    if base:
        style.base_style = by_name[base]
    style.quick_style = True
    font = style.font
    font.name, font.size, font.bold, font.italic = FONT, Pt(size), bold, italic
    fonts = style.element.get_or_add_rPr().find(qn("w:rFonts"))
    for theme in ("asciiTheme", "hAnsiTheme", "cstheme", "eastAsiaTheme"):  # a theme font would win over Arial
        fonts.attrib.pop(qn(f"w:{theme}"), None)
    font.color.rgb = accent if name.startswith(("Heading", "Title", "TOC Heading")) else RGBColor(0, 0, 0)
    paragraph = style.paragraph_format
    paragraph.space_before, paragraph.space_after = Pt(before), Pt(after)
    paragraph.keep_with_next = name in KEEP_WITH_NEXT
    paragraph.widow_control = True  # no lone first or last line of a paragraph on a page
    if name in RIGHT_ALIGNED:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    properties = style.element.get_or_add_pPr()
    for old in properties.findall(qn("w:outlineLvl")):
        properties.remove(old)
    if name in OUTLINE_LEVELS or name == "TOC Heading":
        level = oxml._element("w:outlineLvl", val=OUTLINE_LEVELS.get(name, 9))
        properties.append(level)
    if name.startswith("TOC ") and name != "TOC Heading":
        paragraph.left_indent = Cm(0.6 * (int(name[-1]) - 1))
        paragraph.tab_stops.add_tab_stop(TEXT_WIDTH, WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)
    if name in ("List Bullet", "List Number"):
        for numbering in properties.findall(qn("w:numPr")):  # lists get their numbering per paragraph
            properties.remove(numbering)
    _drop_template_look(style.element)


TEMPLATE_LOOK = {"w:pPr": ("w:pBdr", "w:numPr"), "w:rPr": ("w:spacing", "w:kern")}
"""What python-docx's template gives its Title and Subtitle beyond size and colour: a rule in the
template's own blue under the title, single line spacing, letter spacing, kerning and (the
subtitle) a list level. The PDF's cover has none of it; a style says only what PARAGRAPH_STYLES
says, its lines spaced as every other's."""


def _drop_template_look(style) -> None:
    for container, tags in TEMPLATE_LOOK.items():
        properties = style.find(qn(container))
        for tag in tags if properties is not None else ():
            for old in properties.findall(qn(tag)):
                properties.remove(old)
    spacing = style.find(qn("w:pPr") + "/" + qn("w:spacing"))
    for attribute in ("w:line", "w:lineRule") if spacing is not None else ():
        spacing.attrib.pop(qn(attribute), None)


if __name__ == "__main__":
    target = sys.argv[1] if len(sys.argv) > 1 else "referens.docx"
    with open(target, "wb") as stream:
        stream.write(reference_document())
    print(f"skrev {target}")
