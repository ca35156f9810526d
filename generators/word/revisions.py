"""Tracked changes and comments in a Word file someone sends back: found with their place,
and accepted or rejected all at once as Word's Accept All / Reject All does.

`pending(document)` lists each paragraph, table row or property with a pending change and each
comment, with the heading it stands under; `resolve(document, accept)` accepts or rejects every
change in the body: inserted text kept or dropped, deleted text dropped or kept, a paragraph
whose mark is deleted (accept) or inserted (reject) joined with the next one, rows inserted or
deleted, formatting changes kept or their former properties put back. Comments stay where they
are; `comments(document)` reads them with the text they are about.
"""

from __future__ import annotations

from dataclasses import dataclass

from docx.oxml.ns import qn
from lxml import etree

INSERTED = (qn("w:ins"), qn("w:moveTo"))
DELETED = (qn("w:del"), qn("w:moveFrom"))
MOVE_RANGES = tuple(qn(f"w:{name}") for name in ("moveFromRangeStart", "moveFromRangeEnd", "moveToRangeStart",
                                                 "moveToRangeEnd"))
PROPERTY_CHANGES = tuple(qn(f"w:{name}") for name in ("rPrChange", "pPrChange", "sectPrChange", "tblPrChange",
                                                      "tblGridChange", "trPrChange", "tcPrChange",
                                                      "numberingChange", "tblPrExChange"))
MARKERS = (qn("w:rPr"), qn("w:trPr"), qn("w:tcPr"))
"""Where w:ins and w:del mark a paragraph mark, a row or a cell rather than wrap text."""


@dataclass
class Pending:
    place: str
    """The heading the change or comment stands under ('' before the first heading)."""
    what: str
    """In Swedish: 'infogat ”…”', 'struket ”…”', 'kommentar av Anna: ”…”' ..."""


def _text(element) -> str:
    parts = [node.text or "" for node in element.iter(qn("w:t"), qn("w:delText"))]
    return " ".join("".join(parts).split())


def _short(text: str, limit: int = 70) -> str:
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def has_revisions(body) -> bool:
    tags = INSERTED + DELETED + PROPERTY_CHANGES + (qn("w:cellIns"), qn("w:cellDel"))
    return next(body.iter(*tags), None) is not None


def pending(body, heading_of, notes: dict[str, tuple[str, str]]) -> list[Pending]:
    """Every paragraph or row with a pending change, and every comment, in document order.
    heading_of(paragraph) is the paragraph's text if it is a heading, else None; notes are the
    comments by id: (author, text)."""
    found: list[Pending] = []
    place = ""
    rows: set = set()
    for paragraph in body.iter(qn("w:p")):
        heading = heading_of(paragraph)
        if heading:
            place = heading
        row = _marked_row(paragraph)
        if row is not None:  # the row is listed as a whole, once
            if row not in rows:
                rows.add(row)
                found.append(Pending(place, _row_change(row)))
            continue
        changes = []
        for element in paragraph.iter(*INSERTED, *DELETED):
            if element.getparent().tag in MARKERS:
                changes.append("nytt stycke" if element.tag in INSERTED else "styckena ihopslagna")
            elif _text(element):
                verb = "infogat" if element.tag in INSERTED else "struket"
                changes.append(f"{verb} ”{_short(_text(element))}”")
        if next(paragraph.iter(*PROPERTY_CHANGES), None) is not None and not changes:
            changes.append("ändrad formatering")
        if changes:
            shown = " ".join("".join(node.text or "" for node in paragraph.iter(qn("w:t"))).split()) or _text(paragraph)
            which = f"stycket ”{_short(shown)}”" if shown else "ett tomt stycke"
            found.append(Pending(place, f"{which}: {', '.join(_unique(changes))}"))
        for reference in paragraph.iter(qn("w:commentReference")):
            author, text = notes.get(reference.get(qn("w:id")), ("", ""))
            found.append(Pending(place, f"kommentar{' av ' + author if author else ''}: ”{_short(text)}”"))
    return found


def _marked_row(paragraph):
    """The table row the paragraph is in, if the row itself is inserted or deleted."""
    parent = paragraph.getparent()
    while parent is not None and parent.tag != qn("w:tr"):
        parent = parent.getparent()
    if parent is None or _row_marker(parent) is None:
        return None
    return parent


def _row_marker(row):
    properties = row.find(qn("w:trPr"))
    if properties is None:
        return None
    return next((child for child in properties if child.tag in (qn("w:ins"), qn("w:del"))), None)


def _row_change(row) -> str:
    verb = "infogad" if _row_marker(row).tag == qn("w:ins") else "struken"
    cells = " | ".join(_text(cell) for cell in row.findall(qn("w:tc")))
    return f"{verb} tabellrad ”{_short(cells)}”"


def _unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))


def resolve(body, accept: bool) -> None:
    """Accept (or reject) every tracked change in the body, in place."""
    keep, drop = (INSERTED, DELETED) if accept else (DELETED, INSERTED)
    for row in list(body.iter(qn("w:tr"))):
        properties = row.find(qn("w:trPr"))
        if properties is None:
            continue
        if any(child.tag in drop for child in properties):
            row.getparent().remove(row)
        for child in [c for c in properties if c.tag in keep]:
            properties.remove(child)
    for cell in list(body.iter(qn("w:tc"))):
        properties = cell.find(qn("w:tcPr"))
        if properties is None:
            continue
        gone = properties.find(qn("w:cellDel" if accept else "w:cellIns"))
        if gone is not None and cell.getparent() is not None:
            cell.getparent().remove(cell)
            continue
        for child in [c for c in properties if c.tag in (qn("w:cellIns"), qn("w:cellDel"), qn("w:cellMerge"))]:
            properties.remove(child)
    for element in list(body.iter(*INSERTED, *DELETED)):
        parent = element.getparent()
        if parent is None or parent.tag in MARKERS:
            continue
        if element.tag in drop:
            parent.remove(element)
        else:
            _unwrap(element, restore=not accept)
    for paragraph in list(body.iter(qn("w:p"))):
        _paragraph_mark(paragraph, keep, drop)
    for change in list(body.iter(*PROPERTY_CHANGES)):
        if change.getparent() is None:
            continue
        if not accept and change.tag not in (qn("w:sectPrChange"), qn("w:numberingChange")):
            _restore(change)
        else:
            change.getparent().remove(change)
    for marker in list(body.iter(*MOVE_RANGES)):
        marker.getparent().remove(marker)


def _unwrap(element, restore: bool) -> None:
    """Put the element's children in its place; rejecting a deletion makes deleted text text again."""
    if restore:
        for node in element.iter(qn("w:delText")):
            node.tag = qn("w:t")
        for node in element.iter(qn("w:delInstrText")):
            node.tag = qn("w:instrText")
    parent = element.getparent()
    index = parent.index(element)
    for offset, child in enumerate(list(element)):
        parent.insert(index + offset, child)
    parent.remove(element)


def _paragraph_mark(paragraph, keep, drop) -> None:
    """A paragraph mark that goes (deleted and accepted, or inserted and rejected) joins the
    paragraph with the next one, which keeps its own properties, as Word does."""
    properties = paragraph.find(f"{qn('w:pPr')}/{qn('w:rPr')}")
    if properties is None:
        return
    markers = [child for child in properties if child.tag in keep + drop]
    goes = any(child.tag in drop for child in markers)
    for child in markers:
        properties.remove(child)
    following = paragraph.getnext()
    if not goes or following is None or following.tag != qn("w:p"):
        return
    content = [child for child in paragraph if child.tag != qn("w:pPr")]
    anchor = following.find(qn("w:pPr"))
    index = following.index(anchor) + 1 if anchor is not None else 0
    for offset, child in enumerate(content):
        following.insert(index + offset, child)
    paragraph.getparent().remove(paragraph)


def _restore(change) -> None:
    """Reject a formatting change: the properties the change record keeps come back."""
    current = change.getparent()
    former = change[0] if len(change) else None
    kept = {qn("w:rPr"), qn("w:sectPr")} if current.tag == qn("w:pPr") else set()
    for child in list(current):
        if child.tag not in kept:
            current.remove(child)
    if former is not None:
        for offset, child in enumerate(list(former)):
            current.insert(offset, child)


def comments(document) -> dict[str, tuple[str, str]]:
    """The comments by id: (author, text)."""
    for relationship in document.part.rels.values():
        if (relationship.reltype or "").endswith("/comments") and not relationship.is_external:
            root = etree.fromstring(relationship.target_part.blob, parser=_parser())
            return {note.get(qn("w:id")): (note.get(qn("w:author"), ""), _text(note))
                    for note in root.findall(qn("w:comment"))}
    return {}


def commented_text(body, comment_id: str) -> str:
    """The text a comment is about: between its range start and end."""
    inside, parts = False, []
    for node in body.iter(qn("w:commentRangeStart"), qn("w:commentRangeEnd"), qn("w:t")):
        if node.tag == qn("w:commentRangeStart") and node.get(qn("w:id")) == comment_id:
            inside = True
        elif node.tag == qn("w:commentRangeEnd") and node.get(qn("w:id")) == comment_id:
            break
        elif inside and node.tag == qn("w:t"):
            parts.append(node.text or "")
    return " ".join("".join(parts).split())


def _parser():
    return etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
