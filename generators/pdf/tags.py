"""What Typst's tag tree lacks, added to the PDF afterwards: row headers and footnotes as notes.

Typst tags the cells of `table.header` as column headers (TH, scope Column) and every other
cell TD, each TD naming its headers by id; its marking of a row header (`pdf.header-cell`)
needs a feature flag the `typst` package does not enable. So the first cell of each row is
retagged here as a TH with scope Row and an id of its own, which the other cells of the row
then name among their headers: a screen reader says "Kansli, 2022" for a figure, as the
site's `<th scope="row">` does.

A plan's footnotes are printed after their section, as in the Word file, not at the foot of
the page as Typst's `footnote` would set them: each is a paragraph that starts with its
superscript number (style.typ, footnote-par, the only paragraph that does). PDF/UA tags a
footnote as a Note with an id of its own; the number becomes its label (Lbl).
"""

from __future__ import annotations

import io
import re

HEADER_ID = re.compile(r"^(U\d+)x\d+y\d+$")


APPLICATION = "styrdok"
"""The application that made the document (Creator), as in the Word file; Typst, which wrote
the PDF, stays its Producer."""


def retagged(pdf_bytes: bytes) -> bytes:
    """The PDF with its tables' row headers and its footnotes tagged, made by styrdok; the same
    bytes in give the same bytes out."""
    import pikepdf

    with pikepdf.open(io.BytesIO(pdf_bytes)) as pdf:
        root = pdf.Root.get("/StructTreeRoot")
        tables = list(_elements(root, "/Table")) if root is not None else []
        footnotes = [p for p in _elements(root, "/P") if _is_footnote(p)] if root is not None else []
        if tables or footnotes:
            if "/IDTree" not in root:
                root.IDTree = pikepdf.NameTree.new(pdf).obj
            ids = pikepdf.NameTree(root.IDTree)
            for number, table in enumerate(tables, start=1):
                _tag_rows(table, ids, number)
            for number, paragraph in enumerate(footnotes, start=1):
                _tag_note(paragraph, ids, number)
        with pdf.open_metadata(set_pikepdf_as_editor=False) as metadata:  # the XMP and the info dictionary alike
            metadata["pdf:Producer"] = metadata.get("xmp:CreatorTool") or "Typst"
            metadata["xmp:CreatorTool"] = APPLICATION
        out = io.BytesIO()
        pdf.save(out, deterministic_id=True)
        return out.getvalue()


def _tag_rows(table, ids, number: int) -> bool:
    import pikepdf

    rows = [(part.S, row) for part in _kids(table) if part.get("/S") in ("/THead", "/TBody", "/TFoot")
            for row in _kids(part) if row.get("/S") == "/TR"]
    prefix = next((match.group(1) for _, row in rows for cell in _kids(row)
                   if (match := HEADER_ID.match(str(cell.get("/ID", "")))) is not None), f"R{number}")
    changed = False
    for y, (part, row) in enumerate(rows):
        cells = _kids(row)
        if part == "/THead" or not cells or cells[0].get("/S") != "/TD" or not _kids_or_content(cells[0]):
            continue
        first = cells[0]
        identifier = f"{prefix}x0y{y}"
        while identifier in ids:
            identifier += "r"
        first.S = pikepdf.Name("/TH")
        first.ID = pikepdf.String(identifier)
        _table_attributes(first).Scope = pikepdf.Name("/Row")
        ids[identifier] = first
        for cell in cells[1:]:
            attributes = _table_attributes(cell)
            headers = attributes.get("/Headers")
            if headers is None:
                attributes.Headers = pikepdf.Array()
                headers = attributes.Headers
            headers.append(pikepdf.String(identifier))
        changed = True
    return changed


def _is_footnote(paragraph) -> bool:
    """A paragraph whose first content is a raised span: its footnote number."""
    import pikepdf

    kids = paragraph.get("/K")
    first = kids[0] if isinstance(kids, pikepdf.Array) and len(kids) else kids
    if not isinstance(first, pikepdf.Dictionary) or first.get("/S") != "/Span":
        return False
    attributes = first.get("/A")
    listed = list(attributes) if isinstance(attributes, pikepdf.Array) else [attributes]
    return any(isinstance(a, pikepdf.Dictionary) and a.get("/O") == "/Layout" and float(a.get("/BaselineShift", 0)) > 0
               for a in listed)


def _tag_note(paragraph, ids, number: int) -> None:
    import pikepdf

    identifier = f"Fotnot {number}"
    while identifier in ids:
        identifier += "b"
    paragraph.S = pikepdf.Name("/Note")
    paragraph.ID = pikepdf.String(identifier)
    ids[identifier] = paragraph
    first = paragraph.K[0] if isinstance(paragraph.K, pikepdf.Array) else paragraph.K
    first.S = pikepdf.Name("/Lbl")


def _table_attributes(element):
    """The element's attribute dictionary owned by /Table, made if it has none."""
    import pikepdf

    attributes = element.get("/A")
    listed = list(attributes) if isinstance(attributes, pikepdf.Array) else [] if attributes is None else [attributes]
    for dictionary in listed:
        if isinstance(dictionary, pikepdf.Dictionary) and dictionary.get("/O") == "/Table":
            return dictionary
    made = pikepdf.Dictionary(O=pikepdf.Name("/Table"))
    element.A = pikepdf.Array([made, *listed])
    return element.A[0]


def _kids(element) -> list:
    """The structure elements directly under element (marked-content numbers left out)."""
    import pikepdf

    kids = element.get("/K")
    listed = kids if isinstance(kids, pikepdf.Array) else [] if kids is None else [kids]
    return [kid for kid in listed if isinstance(kid, pikepdf.Dictionary) and "/S" in kid]


def _kids_or_content(element) -> bool:
    kids = element.get("/K")
    return kids is not None and not (hasattr(kids, "__len__") and len(kids) == 0)


def _elements(element, kind: str):
    """Every structure element of a kind under element, in document order."""
    for kid in _kids(element):
        if kid.get("/S") == kind:
            yield kid
        else:
            yield from _elements(kid, kind)
