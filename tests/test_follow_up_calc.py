"""LibreOffice Calc, not openpyxl, recalculates the follow-up template's formulas: its totals,
result and differences are the ones the review prints from the same figures."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from openpyxl import load_workbook

from generators import formatting
from generators.content.loading import load_content
from generators.review import review_document
from generators.templating import phrases
from tests.test_follow_up import EFFORTS, OUTCOME, fill

CALC = Path("/usr/lib/libreoffice/program/libsclo.so")
pytestmark = pytest.mark.skipif(not (shutil.which("soffice") and CALC.exists()),
                                reason="needs LibreOffice Calc (libreoffice-calc-nogui, installed by .ci/run)")


def recalculated(path: Path, work: Path) -> Path:
    out = work / "omraknad"
    subprocess.run(["soffice", f"-env:UserInstallation=file://{work / 'lo-profil'}", "--headless",
                    "--convert-to", "xlsx", "--outdir", str(out), str(path)],
                   check=True, capture_output=True, timeout=180)
    return out / path.name


def it_recalculates_to_the_totals_the_review_prints(styrdok, bundled, tmp_path):
    review = bundled / "reviews" / "arlig-oversyn-2022.yaml"
    review.write_text(review.read_text(encoding="utf-8").replace("insatser: []\n", EFFORTS), encoding="utf-8")
    template, filled = tmp_path / "mall.xlsx", tmp_path / "ifylld.xlsx"
    assert styrdok("follow-up", "template", "2023", "-o", template, "--content", bundled).code == 0
    fill(template, filled, mistakes=False, outcome={**OUTCOME, "nya-insatser": 10_150})
    assert styrdok("follow-up", "read", filled, "--content", bundled).code == 0
    book = load_workbook(recalculated(filled, tmp_path), data_only=True)
    sheet = book["Budget"]
    calc = {}
    for row in range(2, sheet.max_row + 1):
        label, budget, outcome, change, share = (sheet.cell(row, column).value for column in range(2, 7))
        if label:
            calc[label] = (formatting.amount(int(budget)), formatting.amount(int(outcome)),
                           formatting.change(int(change)),
                           "–" if share in (None, "") else formatting.signed_percent(share * 100))
    content = load_content(bundled)
    document = review_document(content.version("arlig-oversyn-2023").model, content, None, phrases())
    table = next(n for n in document.nodes if getattr(n, "header", ("",))[0] == "Post")
    printed = {row.cells[0]: row.cells[1:] for row in table.rows if row.kind != "subheader"}
    assert set(printed) == set(calc)
    for label, cells in printed.items():
        assert cells == calc[label], label
    assert printed["Resultat (intäkter \u2212 kostnader)"][1] == formatting.amount(18_300 - 16_750)
    # Mål: the total and the difference against plan, as the review's goals table has them.
    goals = book["Mål"]
    headers = {cell.value: cell.column for cell in goals[1] if cell.value}
    calc_goals = {goals.cell(row, 1).value: (formatting.amount(goals.cell(row, headers["Totalt"]).value),
                                             formatting.change(goals.cell(row, headers["Skillnad mot plan"]).value))
                  for row in range(2, goals.max_row + 1) if goals.cell(row, 1).value}
    table = next(n for n in document.nodes if getattr(n, "header", ("",))[0] == "Mål")
    assert sorted(row.cells[4:7:2] for row in table.rows) == sorted(calc_goals.values())
