"""Accepting or rejecting every tracked change of a .docx, as Word's Review tab does."""

from __future__ import annotations

import io

import docx
from docx.oxml.ns import qn

W_INS, W_DEL = qn("w:ins"), qn("w:del")


def resolve(path_or_bytes, accept: bool):
    """A python-docx Document with every change accepted (accept=True) or rejected."""
    source = io.BytesIO(path_or_bytes) if isinstance(path_or_bytes, bytes) else str(path_or_bytes)
    document = docx.Document(source)
    body = document.element.body
    drop, keep = (W_DEL, W_INS) if accept else (W_INS, W_DEL)
    for row in list(body.iter(qn("w:tr"))):
        properties = row.find(qn("w:trPr"))
        if properties is not None and properties.find(drop) is not None:
            row.getparent().remove(row)
    for paragraph in list(body.iter(qn("w:p"))):
        mark = paragraph.find(f"{qn('w:pPr')}/{qn('w:rPr')}")
        if mark is not None and mark.find(drop) is not None:
            paragraph.getparent().remove(paragraph)  # styrdok never leaves kept text in such a paragraph
    for element in list(body.iter(drop)):
        element.getparent().remove(element)
    for element in list(body.iter(keep)):
        parent = element.getparent()
        if parent.tag in (qn("w:rPr"), qn("w:trPr")):
            parent.remove(element)
            continue
        for child in list(element):
            for text in child.iter(qn("w:delText")):
                text.tag = qn("w:t")
            element.addprevious(child)
        parent.remove(element)
    return document


def body_text(document) -> list[str]:
    """The text after the table of contents, paragraph by paragraph, table cells included."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph
    parts: list[str] = []
    children = list(document.element.body.iterchildren())
    last_toc = max(i for i, child in enumerate(children)
                   if child.tag == qn("w:p") and Paragraph(child, document).style.name.startswith("TOC"))
    for child in children[last_toc + 1:]:
        if child.tag == qn("w:p"):
            text = Paragraph(child, document).text
            if text:
                parts.append(text)
        elif child.tag == qn("w:tbl"):
            for row in Table(child, document).rows:
                parts.append(" | ".join(cell.text for cell in row.cells))
    return parts
