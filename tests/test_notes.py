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
