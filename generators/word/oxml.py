"""Word XML plumbing python-docx has no API for: fields, bookmarks, numbering, table headers,
language and settings. Kept here, below the writer, the way python-docx keeps `oxml/`."""

from __future__ import annotations

import re

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

LANGUAGE = "sv-SE"


def _element(tag: str, **attributes) -> OxmlElement:
    element = OxmlElement(tag)
    for name, value in attributes.items():
        element.set(qn(f"w:{name}"), str(value))
    return element


def _insert(parent, element, successors: tuple[str, ...]) -> None:
    """Insert element before the first child the schema wants after it, else at the end."""
    tags = {qn(tag) for tag in successors}
    following = next((child for child in parent if child.tag in tags), None)
    (following.addprevious if following is not None else parent.append)(element)


TABLE_PROPERTIES = ("w:tblStyle", "w:tblpPr", "w:tblOverlap", "w:bidiVisual", "w:tblStyleRowBandSize",
                    "w:tblStyleColBandSize", "w:tblW", "w:jc", "w:tblCellSpacing", "w:tblInd", "w:tblBorders",
                    "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption", "w:tblDescription")


def _table_property(table, element) -> None:
    properties = table._tbl.tblPr
    for old in properties.findall(element.tag):
        properties.remove(old)
    position = [qn(tag) for tag in TABLE_PROPERTIES].index(element.tag)
    _insert(properties, element, TABLE_PROPERTIES[position + 1:])


def _field_char(paragraph: Paragraph, kind: str) -> None:
    paragraph.add_run()._r.append(_element("w:fldChar", fldCharType=kind))


def field_begin(paragraph: Paragraph, instruction: str, first: bool = False) -> None:
    """Start a complex field; its cached result is what follows until field_end (with `first`,
    everything already in the paragraph)."""
    count = len(paragraph._p)
    _field_char(paragraph, "begin")
    run = paragraph.add_run()
    text = _element("w:instrText")
    text.set(qn("xml:space"), "preserve")
    text.text = f" {instruction} "
    run._r.append(text)
    _field_char(paragraph, "separate")
    if first:
        added = list(paragraph._p)[count:]
        properties = paragraph._p.pPr
        for child in reversed(added):
            properties.addnext(child) if properties is not None else paragraph._p.insert(0, child)


def field_end(paragraph: Paragraph) -> None:
    _field_char(paragraph, "end")


def add_field(paragraph: Paragraph, instruction: str, result: str = "") -> None:
    """A whole field in one paragraph, e.g. PAGE or PAGEREF _Toc1 \\h, with a cached result."""
    field_begin(paragraph, instruction)
    paragraph.add_run(result)
    field_end(paragraph)


def add_bookmark(paragraph: Paragraph, name: str, bookmark_id: int) -> None:
    """Wrap the paragraph's content in a bookmark (a target for PAGEREF and TOC links)."""
    start = _element("w:bookmarkStart", id=bookmark_id, name=name)
    end = _element("w:bookmarkEnd", id=bookmark_id)
    p = paragraph._p
    properties = p.pPr
    if properties is not None:
        properties.addnext(start)
    else:
        p.insert(0, start)
    p.append(end)


def set_numbering(paragraph: Paragraph, num_id: int, level: int = 0) -> None:
    properties = paragraph._p.get_or_add_pPr()
    numbering = _element("w:numPr")
    numbering.append(_element("w:ilvl", val=level))
    numbering.append(_element("w:numId", val=num_id))
    style = properties.find(qn("w:pStyle"))
    (style.addnext if style is not None else lambda e: properties.insert(0, e))(numbering)


class Numbering:
    """Adds abstract numbering definitions and instances to a document's numbering part."""

    def __init__(self, document):
        self.root = document.part.numbering_part.element
        abstract_ids = [int(a.get(qn("w:abstractNumId"))) for a in self.root.findall(qn("w:abstractNum"))]
        num_ids = [int(n.get(qn("w:numId"))) for n in self.root.findall(qn("w:num"))]
        self.next_abstract = max(abstract_ids, default=0) + 1
        self.next_num = max(num_ids, default=0) + 1

    def abstract(self, levels: list[dict]) -> int:
        """levels: [{'format': 'decimal', 'text': '%1.', 'indent': 360, 'hanging': 360, 'style': ...}]."""
        abstract_id = self.next_abstract
        self.next_abstract += 1
        definition = _element("w:abstractNum", abstractNumId=abstract_id)
        definition.append(_element("w:multiLevelType", val="multilevel" if len(levels) > 1 else "singleLevel"))
        for index, level in enumerate(levels):
            definition.append(self._level(index, level))
        first_num = self.root.find(qn("w:num"))
        if first_num is not None:
            first_num.addprevious(definition)  # the schema wants every abstractNum before any num
        else:
            self.root.append(definition)
        return abstract_id

    @staticmethod
    def _level(index: int, level: dict) -> OxmlElement:
        element = _element("w:lvl", ilvl=index)
        element.append(_element("w:start", val=1))
        element.append(_element("w:numFmt", val=level["format"]))
        if level.get("style"):
            element.append(_element("w:pStyle", val=level["style"]))
        element.append(_element("w:lvlText", val=level["text"]))
        element.append(_element("w:lvlJc", val="left"))
        paragraph = _element("w:pPr")
        paragraph.append(_element("w:ind", left=level.get("indent", 0), hanging=level.get("hanging", 0)))
        element.append(paragraph)
        if level.get("font"):
            run = _element("w:rPr")
            run.append(_element("w:rFonts", ascii=level["font"], hAnsi=level["font"], hint="default"))
            element.append(run)
        return element

    def instance(self, abstract_id: int, start: int | None = None) -> int:
        """A numbering instance; with start, a list that restarts at that number."""
        num_id = self.next_num
        self.next_num += 1
        num = _element("w:num", numId=num_id)
        num.append(_element("w:abstractNumId", val=abstract_id))
        if start is not None:
            override = _element("w:lvlOverride", ilvl=0)
            override.append(_element("w:startOverride", val=start))
            num.append(override)
        self.root.append(num)
        return num_id


def mark_header_row(row) -> None:
    """A header row: repeated on every page and announced as a header by screen readers."""
    properties = row._tr.get_or_add_trPr()
    properties.append(_element("w:cantSplit"))
    properties.append(_element("w:tblHeader"))


W_P, W_PPR, W_PSTYLE, W_VAL = qn("w:p"), qn("w:pPr"), qn("w:pStyle"), qn("w:val")


def _child(parent, tag: str, index: int):
    """parent's child tag, made and inserted at index if it has none."""
    element = parent.find(qn(tag))
    if element is None:
        element = OxmlElement(tag)
        parent.insert(index, element)
    return element


def set_paragraph_style(p, style_id: str) -> None:
    """paragraph.style = style_id without python-docx's search for the element's place, which
    costs a third of writing a document: w:pPr is a paragraph's first child, w:pStyle its."""
    _child(_child(p, "w:pPr", 0), "w:pStyle", 0).set(W_VAL, style_id)


def keep_with_next(p, keep: bool = True) -> None:
    """paragraph_format.keep_with_next = keep without python-docx's search for the element's
    place: w:keepNext comes right after w:pStyle, which set_paragraph_style puts first."""
    properties = _child(p, "w:pPr", 0)
    element = _child(properties, "w:keepNext", 1 if len(properties) and properties[0].tag == W_PSTYLE else 0)
    if keep:
        element.attrib.pop(W_VAL, None)
    else:
        element.set(W_VAL, "0")


def keep_row_together(row, with_next: bool = False) -> None:
    """A row never split across pages; with_next: on the same page as the next row too."""
    properties = row._tr.get_or_add_trPr()
    if properties.find(qn("w:cantSplit")) is None:
        properties.append(_element("w:cantSplit"))
    if with_next:
        for paragraph in row._tr.iter(W_P):
            keep_with_next(paragraph)


NUMBER_HYPHEN = re.compile(r"(?<=\d)-(?=\d)")


def add_text(run, text: str) -> None:
    """Text for a run in which a hyphen between digits (2007-01-01) is Word's non-breaking
    hyphen, so a date never breaks at the end of a line; readers still see '-'."""
    parts = NUMBER_HYPHEN.split(text)
    for index, part in enumerate(parts):
        if index:
            run._r.append(_element("w:noBreakHyphen"))
        if part:
            run._r.add_t(part)


def shade_cell(cell, fill: str) -> None:
    properties = cell._tc.get_or_add_tcPr()
    properties.append(_element("w:shd", val="clear", color="auto", fill=fill))


def set_table_description(table, caption: str, description: str) -> None:
    """Alternative text of a table (Word: Table properties > Alt Text)."""
    for tag, value in (("w:tblCaption", caption), ("w:tblDescription", description)):
        _table_property(table, _element(tag, val=value))


def set_table_look(table, first_row: bool, first_column: bool) -> None:
    """Which parts of the table head it, as Word's table styles mark them (Table Design > Header
    Row, First Column): Word has no other markup for a column of row headers."""
    value = 0x20 * first_row + 0x80 * first_column + 0x400  # no banding in columns (noVBand)
    flags = {"firstRow": first_row, "lastRow": False, "firstColumn": first_column, "lastColumn": False,
             "noHBand": False, "noVBand": True}
    _table_property(table, _element("w:tblLook", val=f"{value:04X}", **{k: str(int(v)) for k, v in flags.items()}))


def set_run_language(run_properties, language: str = LANGUAGE) -> None:
    existing = run_properties.find(qn("w:lang"))
    if existing is not None:
        run_properties.remove(existing)
    run_properties.append(_element("w:lang", val=language, eastAsia=language, bidi="ar-SA"))


def drop_styles_with_effects(document) -> None:
    """python-docx's template carries a stale Word 2010 part that validators reject."""
    part = document.part
    for rel_id, rel in list(part.rels.items()):
        if rel.reltype.endswith("/stylesWithEffects"):
            part.drop_rel(rel_id)


def set_document_language(document) -> None:
    """Swedish as the language Word assumes for the theme's fonts."""
    settings = document.settings.element
    language = settings.find(qn("w:themeFontLang"))
    if language is not None:
        language.set(qn("w:val"), LANGUAGE)


def set_picture_description(inline_shape, title: str, description: str) -> None:
    properties = inline_shape._inline.docPr
    properties.set("title", title)
    properties.set("descr", description)


def set_column_widths(table, widths: list[int]) -> None:
    """Fixed column widths (EMU) that both Word and LibreOffice honour: grid, cells and table."""
    twips = [int(width / 635) for width in widths]
    for grid_column, width in zip(table._tbl.tblGrid.findall(qn("w:gridCol")), twips):
        grid_column.set(qn("w:w"), str(width))
    for row in table._tbl.tr_lst:  # the cells of a table just made, without python-docx's span bookkeeping
        for cell, width in zip(row.tc_lst, widths):
            cell.width = width
    _table_property(table, _element("w:tblW", w=sum(twips), type="dxa"))
    _table_property(table, _element("w:tblLayout", type="fixed"))


def set_cell_margins(table, twips: int) -> None:
    """Space above and below the text of every cell; left and right stay the style's."""
    margins = _element("w:tblCellMar")
    margins.append(_element("w:top", w=twips, type="dxa"))
    margins.append(_element("w:bottom", w=twips, type="dxa"))
    _table_property(table, margins)


def revision(tag: str, revision_id: int, author: str, date: str) -> OxmlElement:
    """A w:ins or w:del with the author and date Word shows beside the change."""
    return _element(tag, id=revision_id, author=author, date=date)


def track_run(run, change) -> None:
    """Wrap a run in a w:ins or w:del; a deleted run's text becomes w:delText."""
    if change.tag == qn("w:del"):
        for text in run.findall(qn("w:t")):
            text.tag = qn("w:delText")
        for text in run.findall(qn("w:instrText")):
            text.tag = qn("w:delInstrText")
    run.addprevious(change)
    change.append(run)


def mark_paragraph(p, change) -> None:
    """Mark the paragraph mark of w:p itself inserted or deleted, so accepting or rejecting joins it."""
    properties = p.get_or_add_pPr()
    run_properties = properties.find(qn("w:rPr"))
    if run_properties is None:
        run_properties = _element("w:rPr")
        _insert(properties, run_properties, ("w:sectPr", "w:pPrChange"))
    run_properties.insert(0, change)


def mark_row(row, change) -> None:
    row._tr.get_or_add_trPr().append(change)


def track_properties(paragraph: Paragraph, change, style_id: str, numbering: tuple[int, int] | None) -> None:
    """Record the paragraph's former style and numbering (w:pPrChange), so that rejecting the
    change gives the old heading level or list back."""
    former = _element("w:pPr")
    former.append(_element("w:pStyle", val=style_id))
    if numbering is not None:
        numbers = _element("w:numPr")
        numbers.append(_element("w:ilvl", val=numbering[1]))
        numbers.append(_element("w:numId", val=numbering[0]))
        former.append(numbers)
    change.append(former)
    paragraph._p.get_or_add_pPr().append(change)


def paragraph_mark_change(p):
    """The w:ins or w:del on a paragraph's mark, or None."""
    properties = p.find(f"{qn('w:pPr')}/{qn('w:rPr')}")
    if properties is None:
        return None
    return next((child for child in properties if child.tag in (qn("w:ins"), qn("w:del"))), None)


def table_change(table) -> str | None:
    """'w:ins' or 'w:del' when every row of the table is tracked so, else None."""
    tags = set()
    for row in table.iter(qn("w:tr")):
        properties = row.find(qn("w:trPr"))
        change = None if properties is None else next(
            (child.tag for child in properties if child.tag in (qn("w:ins"), qn("w:del"))), None)
        tags.add(change)
    return tags.pop() if len(tags) == 1 and None not in tags else None


APP_PROPERTIES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
    'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
    "<Application>styrdok</Application><DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop>"
    "<LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged>"
    "</Properties>").encode("utf-8")
"""docProps/app.xml: made by styrdok. Page and word counts are left out rather than stated wrong
(the default template's say 1 page, 0 words); Word and LibreOffice count them when they open it."""


def drop_template_leftovers(document) -> None:
    """What python-docx's default template brings that is not this document's: its preview
    picture (blank), its empty bibliography part and its application properties ("Microsoft
    Macintosh Word")."""
    package = document.part.package
    for relationships in (package.rels, document.part.rels):
        for key, relationship in list(relationships.items()):
            kind = relationship.reltype.rsplit("/", 1)[-1]
            if kind in ("thumbnail", "customXml"):
                del relationships[key]
            elif kind == "extended-properties":
                relationship.target_part._blob = APP_PROPERTIES


SVG_BLIP = "{96DAC541-7B7A-43D3-8B79-37D633B846F1}"
"""The a:blip extension of Word 2016 and later: an SVG picture, with the blip's PNG for older readers."""
SVG_NAMESPACE = "http://schemas.microsoft.com/office/drawing/2016/SVG/main"


def add_svg_picture(inline_shape, document_part, svg: bytes) -> None:
    """The picture drawn from `svg` where the reader can (Word 2016+, LibreOffice), else from its PNG."""
    from docx.opc.constants import RELATIONSHIP_TYPE
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part
    from lxml import etree

    partname = document_part.package.next_partname("/word/media/diagram%d.svg")
    part = Part(PackURI(partname), "image/svg+xml", svg, document_part.package)
    relationship = document_part.relate_to(part, RELATIONSHIP_TYPE.IMAGE)
    blip = inline_shape._inline.graphic.graphicData.pic.blipFill.blip
    extensions = etree.SubElement(blip, qn("a:extLst"))
    extension = etree.SubElement(extensions, qn("a:ext"), uri=SVG_BLIP)
    svg_blip = etree.SubElement(extension, f"{{{SVG_NAMESPACE}}}svgBlip", nsmap={"asvg": SVG_NAMESPACE})
    svg_blip.set(qn("r:embed"), relationship)
