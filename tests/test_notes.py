"""A note the tool adds under adopted text (a total kept as adopted, a date with no such day) is
marked "Anmärkning:" in one style of one size in Word and in the PDF, and titled so on the site."""

from __future__ import annotations

import re
import shutil
import subprocess

import docx
import pytest

from generators.build import build
from generators.layout import PARAGRAPH_STYLES
from tests.conftest import CONTENT

LABEL = "Anmärkning:"


def it_marks_every_note_alike_in_word_pdf_and_on_the_site(tmp_path):
    if not shutil.which("pdftotext"):
        pytest.skip("poppler is installed by .ci/run")
    build(CONTENT, tmp_path / "out")
    out = tmp_path / "out"
    size = PARAGRAPH_STYLES["Anmärkning"][1]
    notes = 0
    for path in sorted((out / "word").glob("*.docx")):
        if path.stem.startswith("andringar-"):
            continue
        for paragraph in docx.Document(str(path)).paragraphs:
            if paragraph.style.name == "Anmärkning":
                notes += 1
                assert paragraph.text.startswith(LABEL + " "), (path.name, paragraph.text)
                assert paragraph.style.font.size.pt == size
            else:
                assert not paragraph.text.startswith(LABEL), (path.name, paragraph.style.name)
        pdf = out / "pdf" / f"{path.stem}.pdf"
        boxes = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True,
                               check=True).stdout
        heights = {word: float(bottom) - float(top) for top, bottom, word in re.findall(
            r'yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]+)</word>', boxes)}
        if LABEL in heights:  # a box's height is the font's size times its line height (Arial: 1.117)
            assert abs(heights[LABEL] / 1.117 - size) < 0.3, (pdf.name, heights[LABEL])
    assert notes >= 2
    budget = (out / "docs" / "budget.md").read_text(encoding="utf-8")
    assert '!!! note "Anmärkning"' in budget and '"Obs"' not in budget


def _heights(pdf, word: str) -> list[float]:
    boxes = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return [float(bottom) - float(top) for top, bottom in re.findall(
        rf'yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">{word}</word>', boxes)]


def it_prints_a_note_the_same_size_in_word_as_libreoffice_prints_it_as_in_the_pdf(tmp_path):
    """A box's height is the size times the font's line height, which differs between the fonts
    LibreOffice and Typst embed: so each file's note is measured against its own body text."""
    if not (shutil.which("pdftotext") and shutil.which("soffice")):
        pytest.skip("LibreOffice and poppler are installed by .ci/run")
    build(CONTENT, tmp_path / "out")
    name = "verksamhetsplan-2021"  # its cost table's total is kept as adopted: a note under it
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/lo", "--headless", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(tmp_path / "out" / "word" / f"{name}.docx")],
                   check=True, capture_output=True, timeout=300)
    expected = PARAGRAPH_STYLES["Anmärkning"][1] / PARAGRAPH_STYLES["Normal"][1]
    for pdf in (tmp_path / f"{name}.pdf", tmp_path / "out" / "pdf" / f"{name}.pdf"):
        notes, body = _heights(pdf, LABEL), _heights(pdf, "budgeterar")  # 'För verksamhetsåret 2021 budgeterar ...'
        assert notes and body, pdf.name
        assert all(abs(note / body[0] - expected) < 0.02 for note in notes), (pdf.name, notes, body)


def _structure(element, kind):
    import pikepdf
    kids = element.get("/K")
    for kid in (kids if isinstance(kids, pikepdf.Array) else [kids] if kids is not None else []):
        if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
            if kid.S == kind:
                yield kid
            yield from _structure(kid, kind)


def it_tags_each_footnote_in_the_pdf_as_a_note_labelled_with_its_number(tmp_path):
    """PDF/UA: a footnote is a Note with an id of its own; the 2007 plan prints its footnotes
    after their section, as its Word file does, and each is tagged so."""
    import pikepdf

    from generators.content.loading import load_content
    build(CONTENT, tmp_path / "out")
    plan = load_content(CONTENT).version("verksamhetsplan-2007").model
    footnotes = [item.footnote for _, block in plan.walk_blocks() if block.kind in ("punktlista", "numrerad_lista")
                 for item in block.value if item.footnote]
    assert footnotes
    with pikepdf.open(tmp_path / "out" / "pdf" / "verksamhetsplan-2007.pdf") as pdf:
        root = pdf.Root.StructTreeRoot
        notes = list(_structure(root, "/Note"))
        ids = pikepdf.NameTree(root.IDTree)
        assert len(notes) == len(footnotes)
        for note in notes:
            assert ids[str(note.ID)] == note
            assert note.K[0].S == "/Lbl"
        assert len({str(note.ID) for note in notes}) == len(notes)
        # every other paragraph stays a paragraph: a note is only a footnote
        assert len(list(_structure(root, "/P"))) >= 20
