"""Looking at a .docx before anything parses it: a file from anyone may be damaged, encrypted,
in another format, or made to exhaust time and memory.

`check_package(path)` opens the zip archive only and refuses, with one Swedish sentence, a file
that is too big, not a zip, encrypted (a password-protected .docx is not a zip at all), has
parts that unpack to more than the limits (a zip bomb) or a part with a DOCTYPE (entities).
Nesting depth is bounded by the XML parser itself (lxml without huge_tree stops at 256 levels);
word/source.py turns its error into a sentence too.

`opened(path)` is what the reader then opens: the file itself, or for Strict Open XML (Word's
"Strict" save, ISO/IEC 29500 strict) a transitional copy in memory. Strict differs from the
transitional .docx python-docx reads in its namespace and relationship names; the elements
and attributes a reader of text uses are the same.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from pathlib import Path

MAX_FILE = 100 * 1024 * 1024
"""The largest .docx read (bytes on disk)."""
MAX_PART = 64 * 1024 * 1024
"""The largest part unpacked (bytes): a plan's document.xml is well under 1 MB."""
MAX_TOTAL = 256 * 1024 * 1024
MAX_PARTS = 5000
MAX_RATIO = 200
"""A part that unpacks to more than this many times its packed size (and over 1 MB) is a zip bomb."""
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
"""The start of an OLE compound file: an encrypted .docx, or an old .doc."""
OTHER_FORMATS = [(b"%PDF", "en PDF-fil"), (b"{\\rtf", "en RTF-fil"), (b"<?xml", "en XML-fil"),
                 (b"<html", "en webbsida (HTML)"), (b"<!DOCTYPE html", "en webbsida (HTML)"),
                 (b"\x89PNG", "en bild (PNG)"), (b"\xff\xd8\xff", "en bild (JPEG)")]
"""Files often given a .docx name by mistake, told by their first bytes."""
ZIPPED_FORMATS = {b"application/vnd.oasis.opendocument.text": "ett OpenDocument-dokument (.odt)",
                  b"application/vnd.oasis.opendocument.text-template": "en OpenDocument-mall (.ott)"}
"""Zip archives that are other office documents, told by their mimetype entry."""
STRICT = b"http://purl.oclc.org/ooxml/wordprocessingml/main"
STRICT_NAME = re.compile(rb"http://purl\.oclc\.org/ooxml/(officeDocument|wordprocessingml|drawingml|spreadsheetml|"
                         rb"presentationml|schemaLibrary)/([A-Za-z]+(?:/[A-Za-z]+)?)")
STRICT_EXCEPTIONS = {b"extendedProperties": b"extended-properties", b"customProperties": b"custom-properties"}
"""Strict names whose transitional twin is not spelled the same (ECMA-376 part 1, annex A)."""


class PackageError(Exception):
    """The file cannot be opened safely as a Word document (one Swedish sentence)."""


def check_package(path: Path) -> bool:
    """Whether the file is Strict Open XML; raises PackageError for a file not to be opened."""
    size = path.stat().st_size
    if size > MAX_FILE:
        raise PackageError(f"{path} är {size // (1024 * 1024)} MB; import läser högst {MAX_FILE // (1024 * 1024)} MB")
    with open(path, "rb") as file:
        start = file.read(16)
    if start[:8] == OLE:
        raise PackageError(f"{path} är lösenordsskyddad eller i det gamla .doc-formatet: spara den i Word "
                           f"utan lösenord som Word-dokument (.docx)")
    other = next((name for magic, name in OTHER_FORMATS if start.startswith(magic)), None)
    if other:
        raise PackageError(f"{path} är {other}, ingen Word-fil: öppna originalet i Word eller LibreOffice och "
                           f"spara det som Word-dokument (.docx)")
    try:
        with zipfile.ZipFile(path) as archive:
            entries = archive.infolist()
            _sizes(path, entries)
            names = {entry.filename for entry in entries}
            if "[Content_Types].xml" not in names and "mimetype" in names:
                kind = ZIPPED_FORMATS.get(archive.read("mimetype")[:100].strip())
                if kind:
                    raise PackageError(f"{path} är {kind}, ingen Word-fil: spara det i LibreOffice eller Word "
                                       f"som Word-dokument (.docx)")
            if "[Content_Types].xml" not in names:
                raise PackageError(f"{path} är ett zip-arkiv men ingen Word-fil (den saknar [Content_Types].xml)")
            strict = False
            for entry in entries:
                if entry.flag_bits & 0x1:
                    raise PackageError(f"{path} har krypterade delar ({entry.filename}) och kan inte läsas")
                if entry.filename.endswith((".xml", ".rels")):
                    strict = _xml_part(path, archive, entry) or strict
            return strict
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError, ValueError, zlib.error):
        raise PackageError(f"{path} kan inte läsas som Word-fil: zip-arkivet är skadat") from None
    except RuntimeError:  # zipfile: a password is needed
        raise PackageError(f"{path} har krypterade delar och kan inte läsas") from None


def _sizes(path: Path, entries: list) -> None:
    if len(entries) > MAX_PARTS:
        raise PackageError(f"{path} har {len(entries)} delar; en Word-fil har sällan fler än några hundra")
    total = 0
    for entry in entries:
        total += entry.file_size
        bomb = entry.file_size > 1024 * 1024 and entry.file_size > MAX_RATIO * max(entry.compress_size, 1)
        if entry.file_size > MAX_PART or bomb:
            raise PackageError(f"{path}: delen {entry.filename} packas upp till {entry.file_size // (1024 * 1024)} MB "
                               f"(från {entry.compress_size // 1024} kB); så stora delar läses inte")
    if total > MAX_TOTAL:
        raise PackageError(f"{path} packas upp till {total // (1024 * 1024)} MB; import läser högst "
                           f"{MAX_TOTAL // (1024 * 1024)} MB")


def _xml_part(path: Path, archive: zipfile.ZipFile, entry) -> bool:
    """A DOCTYPE (entities that expand or fetch) is refused; True for Strict OOXML's document part."""
    with archive.open(entry) as part:
        head = part.read(4096)
    if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
        raise PackageError(f"{path}: delen {entry.filename} har en DOCTYPE med entiteter, som en Word-fil "
                           f"aldrig har; filen läses inte")
    return entry.filename == "word/document.xml" and STRICT in head


def opened(path: Path, strict: bool):
    """The file to hand python-docx: itself, or a Strict file's transitional copy (in memory;
    check_package has bounded its size)."""
    if not strict:
        return str(path)
    copy = io.BytesIO()
    with zipfile.ZipFile(path) as archive, zipfile.ZipFile(copy, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in archive.infolist():
            data = archive.read(entry)
            if entry.filename.endswith((".xml", ".rels")):
                data = STRICT_NAME.sub(_transitional, data)
            target.writestr(entry.filename, data)
    copy.seek(0)
    return copy


def _transitional(match: re.Match) -> bytes:
    family, name = match.group(1), match.group(2)
    folder, _, last = name.rpartition(b"/")
    name = (folder + b"/" if folder else b"") + STRICT_EXCEPTIONS.get(last, last)
    return b"http://schemas.openxmlformats.org/%s/2006/%s" % (family, name)
