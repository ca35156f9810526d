"""Space on the page is set by paragraph properties, never by empty paragraphs: the Word file as
LibreOffice reads it has no empty paragraph outside a table cell, and what follows the cover's
organisation line and each table stands where the PDF puts it (poppler's word boxes)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from generators.build import build
from tests.conftest import CONTENT

pytestmark = pytest.mark.skipif(not (shutil.which("soffice") and shutil.which("pdftotext")),
                                reason="LibreOffice and poppler are installed by .ci/run")
DOCUMENTS = ["verksamhetsplan-2007", "verksamhetsplan-2021", "mal-och-inriktningsplan-2022-2026", "arlig-oversyn-2022"]
"""A file of tracked changes keeps a paragraph mark 1 pt high after each table, to which struck or
added lines after the table join when accepted or rejected (generators/word/tracked.py)."""
AFTER_TABLES = {
    # the first word of what follows a table, on the page of the table
    "verksamhetsplan-2007": ["Kommunernas", "Projekt", "Uppföljning"],
    "verksamhetsplan-2021": ["Anmärkning:"],
}


@pytest.fixture(scope="module")
def files(tmp_path_factory) -> tuple[Path, Path]:
    """The build's output and LibreOffice's PDF and HTML of its Word files."""
    out = tmp_path_factory.mktemp("build") / "out"
    build(CONTENT, out)
    read = tmp_path_factory.mktemp("libreoffice")
    for target in ("pdf", "html"):
        # A private profile: a LibreOffice already running with the default one would take the job.
        subprocess.run(["soffice", f"-env:UserInstallation=file://{read}/lo", "--headless", "--convert-to", target,
                        "--outdir", str(read), *[str(out / "word" / f"{name}.docx") for name in DOCUMENTS]],
                       check=True, capture_output=True, timeout=300)
    return out, read


@pytest.mark.parametrize("name", DOCUMENTS)
def it_has_no_empty_paragraph_outside_a_table(files, name):
    _, read = files
    saved = (read / f"{name}.html").read_text(encoding="utf-8")
    body = re.sub(r"<table\b.*?</table>", "", saved[saved.index("<body"):], flags=re.S)
    paragraphs = re.findall(r"<p\b[^>]*>(.*?)</p>", body, re.S)
    assert len(paragraphs) > 10
    empty = [p for p in paragraphs if not re.sub(r"<[^>]+>|&nbsp;", "", p).strip() and "<img" not in p]
    assert empty == []


def _tops(pdf: Path, word: str) -> list[tuple[int, float]]:
    """(page, top) of each place the word is printed."""
    found = []
    pages = int(re.search(r"Pages:\s+(\d+)", subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True,
                                                             check=True).stdout).group(1))
    for page in range(1, pages + 1):
        boxes = subprocess.run(["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(pdf), "-"],
                               capture_output=True, text=True, check=True).stdout
        if page == 2:  # the contents page: its lines are not what this test is about
            continue
        found += [(page, float(top)) for top in re.findall(rf'yMin="([\d.]+)"[^>]*>{re.escape(word)}</word>', boxes)]
    return found


@pytest.mark.parametrize("name", AFTER_TABLES)
def it_sets_the_cover_title_and_what_follows_a_table_where_the_pdf_does(files, name):
    out, read = files
    title = {"verksamhetsplan-2007": "Verksamhetsplan", "verksamhetsplan-2021": "Verksamhetsplan"}[name]
    for word in [title, *AFTER_TABLES[name]]:
        in_word, in_pdf = _tops(read / f"{name}.pdf", word), _tops(out / "pdf" / f"{name}.pdf", word)
        assert in_word and len(in_word) == len(in_pdf), (word, in_word, in_pdf)
        for (page_w, top_w), (page_p, top_p) in zip(in_word, in_pdf):
            assert page_w == page_p and abs(top_w - top_p) <= 2.5, (word, in_word, in_pdf)


def _gaps_under(pdf: Path, word: str) -> list[float]:
    """Points between the foot of each line that starts with word and the top of the next line."""
    gaps = []
    pages = int(re.search(r"Pages:\s+(\d+)", subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True,
                                                             check=True).stdout).group(1))
    for page in range(3, pages + 1):  # the body: the cover and the contents page have no figure
        boxes = subprocess.run(["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(pdf), "-"],
                               capture_output=True, text=True, check=True).stdout
        lines = [(float(top), float(foot), text) for top, foot, text in
                 re.findall(r'yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)</word>', boxes)]
        for index, (_, foot, text) in enumerate(lines):
            below = next((top for top, _, _ in lines[index:] if top > foot + 0.5), None)
            if text == word and below is not None:
                gaps.append(below - foot)
    return gaps


@pytest.mark.parametrize("name", ["verksamhetsplan-2007", "verksamhetsplan-2021"])
def it_sets_each_figure_caption_off_from_the_text_after_it(files, name):
    """A figure ends as a table does: its caption ('Figur 1. …') is followed by a table's space,
    not by the next paragraph a few points under it, where it read as that paragraph's first line."""
    out, read = files
    for pdf in (read / f"{name}.pdf", out / "pdf" / f"{name}.pdf"):
        gaps = _gaps_under(pdf, "Figur")
        assert gaps and min(gaps) >= 9, (pdf.name, gaps)
