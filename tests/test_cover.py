"""Where a version stands, as the cover, the site and the versions list say it."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generators.content.loading import load_content
from generators.content.model import PlanVersion
from generators.cover import decision, standings
from generators.templating import phrases
from generators.word.output import plan_docx
from generators.word.reading import blocks

MONTHS = ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september",
          "oktober", "november", "december"]


def plan(**changes) -> PlanVersion:
    data = {"id": "plan-2026", "slag": "verksamhetsplan", "titel": "Verksamhetsplan 2026", "startar": 2026,
            "slutar": 2026, "status": "antagen", "avsnitt": [{"rubrik": "Inledning", "innehall": []}]}
    data.update(changes)
    return PlanVersion.model_validate(data)


@pytest.mark.parametrize("adopted, expected", [
    ({"organ": "styrelsen", "datum": "2026-12-10", "paragraf": "§ 45"},
     "Antagen av styrelsen den 10 december 2026, § 45"),
    ({"organ": "styrelsen", "datum": "2026-12-10", "paragraf": "§ 45", "diarienummer": "RAR 2026/12"},
     "Antagen av styrelsen den 10 december 2026, § 45 (diarienummer RAR 2026/12)"),
    ({"organ": "styrelsen"}, "Antagen av styrelsen; beslutsdatum saknas i källan"),
    ({"organ": "styrelsen", "paragraf": "§ 3"}, "Antagen av styrelsen, § 3; beslutsdatum saknas i källan"),
])
def it_words_the_decision_in_running_text(adopted, expected):
    assert decision(plan(antagen=adopted), phrases()) == expected


@settings(max_examples=40, deadline=None)
@given(st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2199, 12, 31)))
def it_writes_every_decision_date_with_the_swedish_month(day):
    text = decision(plan(startar=day.year, slutar=day.year,
                         antagen={"organ": "styrelsen", "datum": day.isoformat(), "paragraf": "§ 1"}), phrases())
    assert text == f"Antagen av styrelsen den {day.day} {MONTHS[day.month - 1]} {day.year}, § 1"


def it_replaces_a_plan_from_the_day_its_successor_was_adopted():
    old = plan(id="plan-2025", startar=2025, slutar=2025, antagen={"organ": "styrelsen"})
    new = plan(ersatter="plan-2025", antagen={"organ": "styrelsen", "datum": "2026-12-10", "paragraf": "§ 45"})
    draft = plan(id="plan-2027", startar=2027, slutar=2027, status="utkast", ersatter="plan-2026")
    before = standings([old, new, draft], phrases(), dt.date(2026, 12, 9))
    assert before["plan-2025"].label(phrases()) == (
        "Perioden 2025 är slut; ersätts av Verksamhetsplan 2026 från 10 december 2026")
    standing = standings([old, new, draft], phrases(), dt.date(2026, 12, 10))
    assert standing["plan-2025"].state == "ersatt" and standing["plan-2025"].successor is new
    assert standing["plan-2025"].label(phrases()) == "Ersatt av Verksamhetsplan 2026 från 10 december 2026"
    # A draft never replaces anything: the adopted plan stays in force until the draft is adopted.
    assert standing["plan-2026"].state == "gäller" and standing["plan-2027"].state == "utkast"


def _draft_docx(minimal: Path, tmp_path: Path) -> Path:
    content = load_content(minimal)
    path = tmp_path / "plan-2030.docx"
    path.write_bytes(plan_docx(content.version("plan-2030").model, content, phrases()))
    return path


def it_marks_a_draft_utkast_on_the_cover_and_in_the_header(minimal, tmp_path):
    path = _draft_docx(minimal, tmp_path)
    cover = [value for _, value in blocks(path)][:6]
    assert "UTKAST" in cover and "Utkast – inte antaget" in cover
    header = docx.Document(str(path)).sections[0].header
    assert [p.text for p in header.paragraphs] == ["UTKAST"]


@pytest.mark.skipif(not shutil.which("soffice") or not shutil.which("pdftotext"), reason="LibreOffice and poppler")
def it_prints_utkast_on_every_page_in_libreoffice(minimal, tmp_path):
    path = _draft_docx(minimal, tmp_path)
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/lo", "--headless", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(path)], check=True, capture_output=True, timeout=180)
    pages = subprocess.run(["pdftotext", str(tmp_path / "plan-2030.pdf"), "-"], capture_output=True,
                           text=True, check=True).stdout.split("\f")
    pages = [page for page in pages if page.strip()]
    assert len(pages) >= 2
    assert all("UTKAST" in page for page in pages)
