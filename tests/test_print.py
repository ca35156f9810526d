"""The Word files as a board member prints them, with LibreOffice as the independent oracle:
the contents page has page numbers that match the headings' pages, header words and dates are
never broken, short tables stay on one page, and a lead-in stays with its list."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from generators.word.reading import tables
from tests.conftest import CONTENT
from tests.machine import needs

DOCUMENTS = ["verksamhetsplan-2007", "verksamhetsplan-2021", "mal-och-inriktningsplan-2022-2026", "arlig-oversyn-2022"]
TRACKED = "andringar-verksamhetsplan-2007-verksamhetsplan-2021"
DATE = re.compile(r"\d{4}-\d{2}-\d{2}")

pytestmark = pytest.mark.skipif(not (shutil.which("soffice") and shutil.which("pdftotext")),
                                reason="LibreOffice and poppler are installed by .ci/run")


@pytest.fixture(scope="module")
def word(tmp_path_factory) -> Path:
    from generators.build import build
    out = tmp_path_factory.mktemp("build") / "out"
    build(CONTENT, out)
    return out / "word"


@pytest.fixture(scope="module")
def print_folder(word, tmp_path_factory) -> Path:
    """Each Word file printed to PDF by LibreOffice, with the fonts the tests bring (tests/machine.py)."""
    folder = tmp_path_factory.mktemp("printed")
    files = [str(word / f"{name}.docx") for name in [*DOCUMENTS, TRACKED]]
    subprocess.run(["soffice", f"-env:UserInstallation=file://{folder}/lo", "--headless", "--convert-to", "pdf",
                    "--outdir", str(folder), *files], check=True, capture_output=True, timeout=300)
    return folder


@pytest.fixture(scope="module")
def printed(print_folder) -> dict[str, list[str]]:
    """Each Word file as LibreOffice prints it: the text of each page."""
    folder = print_folder
    result = {}
    for name in [*DOCUMENTS, TRACKED]:
        text = subprocess.run(["pdftotext", "-layout", str(folder / f"{name}.pdf"), "-"],
                              capture_output=True, text=True, check=True).stdout
        result[name] = text.split("\f")[:-1]
    return result


def squeeze(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def contents(pages: list[str]) -> list[tuple[str, str]]:
    """(title, page number) for each line of the contents page."""
    page = next(page for page in pages if re.search(r"^\s*Innehåll\s*$", page, re.M))
    return re.findall(r"^\s*(\S.*?)\s?(?:\. ?){3,}\s*(\d*)\s*$", page, re.M)


def page_of(pages: list[str], title: str) -> int | None:
    """The first page after the contents whose lines begin with the heading (Word may print
    an automatic number as '4.1.' where the contents say '4.1'; pdftotext may read a space
    after a quotation mark that the font sets close: '” Drivbänk')."""
    words = [r"\s?".join(map(re.escape, word)) if "”" in word else re.escape(word) for word in squeeze(title).split()]
    pattern = re.compile(r"(^|\n)\s*" + r"\.?\s+".join(words))
    return next((index + 1 for index, page in enumerate(pages) if index > 1 and pattern.search(page)), None)


@needs("pdffonts")
def it_prints_arial_with_the_arimo_the_tests_bring_whatever_fonts_the_machine_has(print_folder):
    """Page breaks depend on Arial's metrics: Arimo has them, DejaVu Sans (a fallback) does not."""
    fonts = subprocess.run(["pdffonts", str(print_folder / "verksamhetsplan-2021.pdf")], capture_output=True,
                           text=True, check=True).stdout
    assert "Arimo" in fonts and "DejaVu" not in fonts, fonts


@pytest.mark.parametrize("document", DOCUMENTS)
def it_prints_the_contents_with_the_pages_libreoffice_puts_the_headings_on(printed, document):
    entries = contents(printed[document])
    assert len(entries) >= 8
    assert all(number for _, number in entries), "a contents line without a page number"
    real = [page_of(printed[document], title) for title, _ in entries]
    off = [(title, number, page) for (title, number), page in zip(entries, real) if page != int(number)]
    assert all(page is not None and abs(page - int(number)) <= 1 for _, number, page in off), off
    assert len(off) <= len(entries) // 10, off


def it_numbers_the_contents_of_a_tracked_changes_file(printed):
    """Each line carries its page number, the old one struck and the new one inserted where it
    moved, so that accepting or rejecting every change gives a version's own contents page
    (test_tracked.py checks that)."""
    entries = contents(printed[TRACKED])
    assert entries and all(number for _, number in entries)
    assert "Sidnumren saknas här" not in squeeze(" ".join(printed[TRACKED]))


@pytest.mark.parametrize("document", DOCUMENTS)
def it_never_breaks_a_header_word_or_a_date(word, printed, document):
    words = squeeze(" ".join(printed[document])).split(" ")
    for table in tables(word / f"{document}.docx"):
        for heading in table[0]:
            for part in heading.split():
                assert part in words, f"{part!r} of the header {heading!r} is broken"
        for row in table[1:]:
            for date in DATE.findall(" ".join(row)):
                assert date in words, f"{date} is broken"


def it_keeps_the_2007_cost_table_on_one_page(printed):
    pages = printed["verksamhetsplan-2007"]
    holding = [index for index, page in enumerate(pages)
               if "Budget år 2007 (kkr)" in page or "Disponibelt belopp" in page or "Styrelsen  " in page]
    assert len(set(holding)) == 1, holding


def it_never_leaves_one_list_entry_alone_at_the_top_of_a_page(printed):
    for page in printed["verksamhetsplan-2021"][2:]:
        first = squeeze(page).split(" Sida ")[0]
        assert not first.startswith("• (lokal, föreläsare, fika och lunch)")


def _keeps_next(paragraph) -> bool:
    properties = paragraph.find(qn("w:pPr"))
    return properties is not None and properties.find(qn("w:keepNext")) is not None


@pytest.mark.parametrize("document", DOCUMENTS)
def it_marks_rows_unsplittable_and_short_tables_and_lead_ins_kept_together(word, document):
    body = docx.Document(str(word / f"{document}.docx")).element.body
    for table in body.iter(qn("w:tbl")):
        rows = table.findall(qn("w:tr"))
        assert all(row.find(f"{qn('w:trPr')}/{qn('w:cantSplit')}") is not None for row in rows)
        if len(rows) <= 21:
            assert all(_keeps_next(p) for row in rows[:-1] for p in row.iter(qn("w:p")))
    children = list(body)
    for paragraph, following in zip(children, children[1:]):
        style = following.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
        before = paragraph.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
        if (paragraph.tag == qn("w:p") and before is None and "".join(paragraph.itertext()).strip()
                and style is not None and style.get(qn("w:val")) in ("ListBullet", "ListNumber")):
            assert _keeps_next(paragraph), "".join(paragraph.itertext())


@pytest.mark.parametrize("document", DOCUMENTS)
def it_turns_on_widow_and_orphan_control(word, document):
    with zipfile.ZipFile(word / f"{document}.docx") as archive:
        styles = archive.read("word/styles.xml").decode("utf-8")
    normal = re.search(r'<w:style w:type="paragraph" w:default="1" w:styleId="Normal">.*?</w:style>', styles, re.S)
    assert normal and "<w:widowControl/>" in normal.group(0)


# --- the logo on the cover --------------------------------------------------------------------

def _with_logo(folder: Path, data: bytes | None) -> None:
    organisation = folder / "organisation.yaml"
    organisation.write_text(organisation.read_text(encoding="utf-8").replace(
        "kortnamn: RAR Sörmland\n", "kortnamn: RAR Sörmland\nlogotyp: logotyp.png\n"), encoding="utf-8")
    if data is not None:
        (folder / "logotyp.png").write_bytes(data)


def _png(text: str = "RAR") -> bytes:
    import io

    from matplotlib.figure import Figure
    figure = Figure(figsize=(2, 1))
    figure.text(0.5, 0.5, text, ha="center", va="center", fontsize=40)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=50)
    return buffer.getvalue()


def it_puts_the_logo_from_organisation_yaml_on_both_covers(bundled, tmp_path):
    import pikepdf

    from generators.build import build
    _with_logo(bundled, _png())
    build(bundled, tmp_path / "out")
    cover = docx.Document(str(tmp_path / "out" / "word" / "verksamhetsplan-2021.docx"))
    described = [element.get("descr") for element in cover.element.body.iter(
        "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr")]
    assert described[0] == "Logotyp för Samordningsförbundet RAR i Sörmland"
    with pikepdf.open(tmp_path / "out" / "pdf" / "verksamhetsplan-2021.pdf") as pdf:
        first = pdf.pages[0]
        assert any(name for name in first.images)
    text = subprocess.run(["pdftotext", "-l", "1", str(tmp_path / "out" / "pdf" / "verksamhetsplan-2021.pdf"), "-"],
                          capture_output=True, text=True).stdout
    assert "Samordningsförbundet RAR i Sörmland" in text
    (bundled / "logotyp.png").write_bytes(_png("Ny"))  # a new logo is a new cover
    again = build(bundled, tmp_path / "out")
    assert "word/verksamhetsplan-2021.docx" in again.written


@pytest.mark.parametrize("data", [None, b"GIF89a not a png", _png()[:-60]])
def it_says_where_a_missing_or_wrong_logo_is_named(bundled, styrdok, data):
    _with_logo(bundled, data)
    result = styrdok("check", "--content", bundled)
    assert result.code == 1
    assert re.search(r"organisation\.yaml:\d+:\d+: fel: logotyp: logotypen 'logotyp.png' (finns inte|är ingen hel PNG)",
                     result.out + result.err)
