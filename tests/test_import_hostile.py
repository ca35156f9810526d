"""Any file given to `styrdok import` ends in a draft or in one Swedish sentence and exit 1,
within a bound of time and memory: damaged and encrypted archives, zip bombs, entities, deep
XML, wrong roots, absurd numbering, and random mutations of a real Word file
(parts cut, bytes flipped, attributes set to huge or garbage values)."""

from __future__ import annotations

import io
import re
import time
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.memory import peak_kb, restart_peak
from tests.test_import_onto import own_docx

SECONDS = 20
"""The longest one file may take."""
MEMORY_MB = 400
"""The most one import may add to the test process's resident size at its peak (MB)."""


def _rezip(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _parts() -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(own_docx("verksamhetsplan-2021"))) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _with(name: str, change) -> bytes:
    parts = _parts()
    parts[name] = change(parts[name])
    return _rezip(parts)


def _bomb() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in _parts().items():
            if name != "word/document.xml":
                archive.writestr(name, data)
        with archive.open("word/document.xml", "w", force_zip64=True) as part:
            chunk = b"\0" * (1024 * 1024)
            for _ in range(300):
                part.write(chunk)
    return buffer.getvalue()


LAUGHS = (b'<?xml version="1.0"?><!DOCTYPE lol [<!ENTITY a "ha"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'
          b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r>'
          b'<w:t>&b;</w:t></w:r></w:p></w:body></w:document>')
W = b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
DEEP = (b'<?xml version="1.0"?><w:document ' + W + b'><w:body>' + b"<w:sdt><w:sdtContent>" * 5000
        + b"</w:sdtContent></w:sdt>" * 5000 + b"</w:body></w:document>")
CASES = {
    "not-a-zip": (b"Det h\xc3\xa4r \xc3\xa4r ingen Word-fil" * 20, "kan inte läsas som Word-fil"),
    "truncated": (own_docx("verksamhetsplan-2021")[:5000], "kan inte läsas som Word-fil"),
    "encrypted": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 4000, "lösenordsskyddad"),
    "entities": (_with("word/document.xml", lambda _: LAUGHS), "DOCTYPE med entiteter"),
    "deep": (_with("word/document.xml", lambda _: DEEP), "för djupt nästlad"),
    "broken-xml": (_with("word/document.xml", lambda d: d[: len(d) // 2]), "trasig"),
    "wrong-root": (_with("word/document.xml", lambda _: b'<?xml version="1.0"?><w:kropp ' + W + b"/>"),
                   "ingen brödtext"),
    "no-body": (_with("word/document.xml", lambda _: b'<?xml version="1.0"?><w:document ' + W + b"/>"),
                "ingen brödtext"),
    "broken-footnotes": (_with("word/styles.xml", lambda d: d[:100]), "trasig"),
    "pdf": (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n" * 10, "är en PDF-fil, ingen Word-fil"),
    "html": (b"<!DOCTYPE html><html><body>Plan</body></html>", "är en webbsida (HTML), ingen Word-fil"),
    "odt": (_rezip({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<x/>"}),
            "är ett OpenDocument-dokument (.odt), ingen Word-fil"),
}


def _run(styrdok, content: Path, path: Path):
    started = time.monotonic()
    run = styrdok("import", path, "--id", "fientlig", "--content", content, "--tillat-forlust", "--period", "2021")
    seconds = time.monotonic() - started
    assert seconds < SECONDS, f"{path.name} took {seconds:.1f} s"
    assert "Traceback" not in run.err and "internt fel" not in run.err, run.err
    assert run.code in (0, 1), run.err
    if run.code == 1:
        last = run.err.strip().splitlines()[-1]
        assert last.startswith("styrdok: fel: ") and re.search(r"[åäöÅÄÖ]|\b(och|är|inte|kan)\b", last), last
    return run


@pytest.mark.parametrize("case", sorted(CASES))
def it_refuses_a_hostile_file_in_one_swedish_sentence(styrdok, minimal, tmp_path, case):
    data, expected = CASES[case]
    path = tmp_path / f"{case}.docx"
    path.write_bytes(data)
    run = _run(styrdok, minimal, path)
    assert run.code == 1 and expected in run.err, run.err


def it_refuses_a_zip_bomb_before_unpacking_it(styrdok, minimal, tmp_path):
    path = tmp_path / "bomb.docx"
    path.write_bytes(_bomb())
    assert path.stat().st_size < 2 * 1024 * 1024
    run = _run(styrdok, minimal, path)
    assert run.code == 1 and "packas upp till 300 MB" in run.err


def it_counts_an_absurd_numbering_start_in_bounded_time(styrdok, minimal, tmp_path):
    """A start value of 10^13 in letters took minutes and gigabytes; Word's own limit is 32767."""
    def huge(numbering: bytes) -> bytes:
        numbering = re.sub(rb'<w:start w:val="\d+"/>', b'<w:start w:val="10000000000000"/>', numbering)
        return numbering.replace(b'w:val="decimal"', b'w:val="lowerLetter"')
    path = tmp_path / "numrering.docx"
    path.write_bytes(_with("word/numbering.xml", huge))
    _run(styrdok, minimal, path)


MUTATIONS = st.sampled_from(["cut", "flip", "attribute", "tag", "part"])


@settings(max_examples=int(__import__("os").environ.get("STYRDOK_EXAMPLES", "25")), deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(kind=MUTATIONS, part=st.sampled_from(["word/document.xml", "word/numbering.xml", "word/styles.xml",
                                             "[Content_Types].xml", "word/_rels/document.xml.rels"]),
       at=st.floats(0, 1), value=st.sampled_from([b"-1", b"99999999999999999999", b"x", b"", b"1e9", b"&amp;"]))
def it_survives_mutated_word_files(styrdok, minimal, tmp_path_factory, kind, part, at, value):
    parts = _parts()
    data = parts[part]
    spot = int(len(data) * at)
    if kind == "cut":
        parts[part] = data[:spot] + data[spot + 200:]
    elif kind == "attribute":
        parts[part] = re.sub(rb'(w:(?:val|numId|ilvl|start|gridSpan|abstractNumId)=")[^"]*"',
                             lambda m: m.group(1) + value + b'"', data, count=50)
    elif kind == "tag":
        parts[part] = data[:spot] + b"<w:p><w:tbl><w:tr><w:tc>" + data[spot:]
    elif kind == "part":
        del parts[part]
    file = _rezip(parts)
    if kind == "flip":
        flipped = bytearray(file)
        position = int(len(flipped) * at) % len(flipped)
        flipped[position] ^= 0xFF
        file = bytes(flipped)
    path = tmp_path_factory.mktemp("mutation") / "mutant.docx"
    path.write_bytes(file)
    content = tmp_path_factory.mktemp("content")
    import shutil
    shutil.copytree(minimal, content / "c")
    before = restart_peak()
    _run(styrdok, content / "c", path)
    added = (peak_kb() - before) / 1024
    assert added < MEMORY_MB, f"{added:.0f} MB"
