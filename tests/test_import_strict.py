"""Strict Open XML (Word: Save as "Strict Open XML Document") is read, not refused: the same
plan saved as Strict imports to the same draft as the ordinary .docx.

The Strict copies are made here from the ordinary files with the namespace table of ECMA-376
part 1, annex A, written out pair by pair; LibreOffice (the oracle) must read each copy to the
same paragraphs and tables as the original, so a copy that is not real Strict fails the test.
"""

from __future__ import annotations

import io
import shutil
import zipfile

import pytest

from tests.test_import_onto import own_docx

TRANSITIONAL_TO_STRICT = [
    (b"http://schemas.openxmlformats.org/wordprocessingml/2006/main", b"http://purl.oclc.org/ooxml/wordprocessingml/main"),
    (b"http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties",
     b"http://purl.oclc.org/ooxml/officeDocument/relationships/extendedProperties"),
    (b"http://schemas.openxmlformats.org/officeDocument/2006/relationships",
     b"http://purl.oclc.org/ooxml/officeDocument/relationships"),
    (b"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties",
     b"http://purl.oclc.org/ooxml/officeDocument/extendedProperties"),
    (b"http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes",
     b"http://purl.oclc.org/ooxml/officeDocument/docPropsVTypes"),
    (b"http://schemas.openxmlformats.org/officeDocument/2006/math", b"http://purl.oclc.org/ooxml/officeDocument/math"),
    (b"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
     b"http://purl.oclc.org/ooxml/drawingml/wordprocessingDrawing"),
    (b"http://schemas.openxmlformats.org/drawingml/2006/main", b"http://purl.oclc.org/ooxml/drawingml/main"),
    (b"http://schemas.openxmlformats.org/drawingml/2006/picture", b"http://purl.oclc.org/ooxml/drawingml/picture"),
]
VERSIONS = ["verksamhetsplan-2007", "verksamhetsplan-2021", "mal-och-inriktningsplan-2022-2026"]


def strict(data: bytes) -> bytes:
    """The ordinary .docx saved as Strict: names from the table, and the document says so."""
    target = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for entry in source.infolist():
            part = source.read(entry)
            if entry.filename.endswith((".xml", ".rels")):
                for transitional, strict_name in TRANSITIONAL_TO_STRICT:
                    part = part.replace(transitional, strict_name)
                if entry.filename == "word/document.xml":
                    part = part.replace(b"<w:document ", b'<w:document w:conformance="strict" ', 1)
            out.writestr(entry, part)
    return target.getvalue()


@pytest.mark.parametrize("version_id", VERSIONS)
def it_imports_a_strict_file_as_the_same_draft_as_the_ordinary_one(styrdok, minimal, libreoffice, tmp_path,
                                                                   version_id):
    ordinary = own_docx(version_id)
    saved_strict = strict(ordinary)
    with zipfile.ZipFile(io.BytesIO(saved_strict)) as archive:
        assert b"purl.oclc.org/ooxml/wordprocessingml/main" in archive.read("word/document.xml")
    assert libreoffice.read(saved_strict)["blocks"] == libreoffice.read(ordinary)["blocks"]
    drafts = {}
    for name, data in [("vanlig", ordinary), ("strikt", saved_strict)]:
        path, content = tmp_path / f"{name}.docx", tmp_path / name
        path.write_bytes(data)
        shutil.copytree(minimal, content)
        run = styrdok("import", path, "--id", "importerad", "--content", content, "--tillat-forlust")
        assert run.code == 0, run.err
        assert "Strict" not in run.err
        drafts[name] = (content / "plans" / "importerad.yaml").read_text(encoding="utf-8")
    assert drafts["strikt"] == drafts["vanlig"]
