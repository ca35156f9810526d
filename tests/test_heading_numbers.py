"""Every heading of every plan with the plan's own number, as a reader gets it: the Word file as
LibreOffice prints it and the PDF as poppler reads it ("4.1 Skapa samverkan" in the 2021 plan,
which writes "3.1." before it; Word's one format per level printed "4.1.")."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from generators.build import build
from generators.content.loading import load_content
from tests.conftest import CONTENT

pytestmark = pytest.mark.skipif(not (shutil.which("soffice") and shutil.which("pdftotext")),
                                reason="LibreOffice and poppler are installed by .ci/run")


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("build") / "out"
    build(CONTENT, out)
    return out


def _text(pdf: Path) -> list[str]:
    """The lines of the document's body: the contents page's dotted lines left out."""
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return [line for line in text.splitlines() if "....." not in line]


def _missing(lines: list[str], plan) -> list[str]:
    missing = []
    for _, _, section in plan.walk_sections():
        if not section.number:
            continue
        words = re.escape(section.heading.split()[0])
        if not any(re.match(rf"\s*{re.escape(section.number)}\s+{words}", line) for line in lines):
            missing.append(f"{section.number} {section.heading}")
    return missing


def it_prints_each_heading_with_the_plans_own_number_in_word_and_pdf(built, tmp_path):
    plans = [loaded.model for loaded in load_content(CONTENT).plans]
    numbered = [plan for plan in plans if any(s.number for _, _, s in plan.walk_sections())]
    assert len(numbered) >= 2
    # A private profile: a LibreOffice already running with the default one would take the job.
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/lo", "--headless", "--convert-to", "pdf",
                    "--outdir", str(tmp_path),
                    *[str(built / "word" / f"{plan.id}.docx") for plan in numbered]],
                   check=True, capture_output=True, timeout=300)
    found = {}
    for plan in numbered:
        for kind, pdf in (("Word", tmp_path / f"{plan.id}.pdf"), ("PDF", built / "pdf" / f"{plan.id}.pdf")):
            missing = _missing(_text(pdf), plan)
            if missing:
                found[f"{plan.id} ({kind})"] = missing
    assert found == {}
