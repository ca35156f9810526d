"""The board's year on a copy of the bundled content: roll the plan forward, edit, check red
then green, build while the draft has errors, adopt, build and publish. The README walks
through the same commands."""

from __future__ import annotations

import datetime as dt
import difflib
import json
import re
import zipfile
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from generators.authoring.adoption import Decision, adopted_text
from generators.authoring.rolling import parse_period
from generators.errors import UsageError
from generators.word.reading import blocks, tables, text
from tests.conftest import ROOT

NBSP = "\u00a0"
DRAFT = "plans/verksamhetsplan-2022.yaml"
FIXES = {  # the office's edits: the 2024 figures, and the cost rows made to add up to the totals
    "{2022: 8000, 2023: 8000, 2024: }": "{2022: 8000, 2023: 8000, 2024: 8000}",
    "{2022: 4000, 2023: 4000, 2024: }": "{2022: 4000, 2023: 4000, 2024: 4000}",
    "{2022: 2500, 2023: 2500, 2024: }": "{2022: 2500, 2023: 2500, 2024: 2500}",
    "{2022: 18500, 2023: 18500, 2024: }": "{2022: 18500, 2023: 18500, 2024: 18500}",
    "{2022: 3000, 2023: 3000, 2024: }": "{2022: 3450, 2023: 3450, 2024: 3450}",
    "{2022: 300, 2023: 300, 2024: }": "{2022: 300, 2023: 300, 2024: 300}",
    "{2022: 3500, 2023: 3500, 2024: }": "{2022: 3500, 2023: 3500, 2024: 3500}",
    "{2022: 6000, 2023: 0, 2024: }": "{2022: 6000, 2023: 0, 2024: 0}",
    "{2022: 5250, 2023: 11250, 2024: }": "{2022: 5250, 2023: 11250, 2024: 11250}",
    "{2022: 0, 2023: 0, 2024: }": "{2022: 0, 2023: 0, 2024: 0}",
    "FoUIS": "FoUiS",
}


def _edit(path: Path, replacements: dict[str, str]) -> None:
    content = path.read_text(encoding="utf-8")
    for old, new in replacements.items():
        assert old in content, old
        content = content.replace(old, new)
    path.write_text(content, encoding="utf-8")


def _page(out: Path, path: str) -> str:
    """A built page's text as a reader sees it (tags removed, whitespace collapsed)."""
    html = (out / "site" / path).read_text(encoding="utf-8")
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", html).replace("&nbsp;", NBSP).split())


def it_runs_the_whole_year(styrdok, bundled, tmp_path):
    out = tmp_path / "build"
    # 1. Roll the plan forward a year.
    run = styrdok("new-revision", "verksamhetsplan-2021", "--id", "verksamhetsplan-2022", "--period", "2022",
                  "--content", bundled)
    assert run.code == 0, run.err
    draft = yaml.safe_load((bundled / DRAFT).read_text(encoding="utf-8"))
    assert (draft["titel"], draft["startar"], draft["slutar"], draft["status"], draft["ersatter"]) == (
        "Verksamhetsplan budget 2022", 2022, 2022, "utkast", "verksamhetsplan-2021")

    # 2. Check is red: the new year's figures are missing, the inherited inconsistencies are errors.
    run = styrdok("check", "--content", bundled, "--format", "json")
    assert run.code == 1
    errors = [f for f in json.loads(run.out) if f["severity"] == "fel"]
    assert {f["file"].removeprefix(str(bundled) + "/") for f in errors} == {DRAFT}
    assert "Staten: belopp för 2024 saknas" in {f["message"] for f in errors}
    assert {f["rule"] for f in errors} == {"budget-ar", "budget-summa", "terminologi"}

    # 3. Build while the draft has errors: every adopted output and the site, the draft only in Word.
    run = styrdok("build", "--content", bundled, "--out", out)
    assert run.code == 0, run.err
    assert "belopp för 2024 saknas" in run.out
    for plan in ("verksamhetsplan-2007", "verksamhetsplan-2021", "mal-och-inriktningsplan-2022-2026"):
        assert (out / "word" / f"{plan}.docx").exists() and (out / "site" / "planer" / plan / "index.html").exists()
    cover = [value for _, value in blocks(out / "word" / "verksamhetsplan-2022.docx")][:8]
    assert "UTKAST" in cover and "Verksamhetsplan budget 2022" in cover and "Period: 2022" in cover
    assert not (out / "site" / "planer" / "verksamhetsplan-2022").exists()
    assert not list((out / "site").rglob("*verksamhetsplan-2022*"))
    assert "Verksamhetsplan budget 2022" not in _page(out, "planer/index.html")
    assert "Verksamhetsplan budget 2022" not in _page(out, "index.html")
    budget = tables(out / "word" / "verksamhetsplan-2022.docx")[0]
    assert budget[0] == ["Intäkter", "2022", "2023", "2024"] and budget[1] == [
        "Staten", f"8{NBSP}000", f"8{NBSP}000", "–"]

    # 4. Edit until check is green.
    _edit(bundled / DRAFT, FIXES)
    run = styrdok("check", "--content", bundled)
    assert run.code == 0, run.out
    assert run.out.splitlines()[-1] == "0 fel, 0 varningar, 9 kvitterade"

    # 5. Adopt.
    before = (bundled / DRAFT).read_text(encoding="utf-8")
    run = styrdok("adopt", "verksamhetsplan-2022", "--datum", "2026-12-10", "--paragraf", "§ 45",
                  "--content", bundled)
    assert run.code == 0, run.err
    assert "Antagen av styrelsen den 10 december 2026, § 45" in run.out
    assert "verksamhetsplan-2021 är ersatt av verksamhetsplan-2022 den 10 december 2026" in run.out
    if dt.date.today() < dt.date(2026, 12, 10):  # said, not refused: the board may decide on a day set ahead
        assert "obs: beslutsdatumet 2026-12-10 har inte kommit än" in run.out
    _assert_only_the_decision_changed(before, (bundled / DRAFT).read_text(encoding="utf-8"))

    # 6. Build and publish: the decision on the cover and the site, the old version replaced.
    run = styrdok("build", "--content", bundled, "--out", out)
    assert run.code == 0, run.err
    cover = [value for _, value in blocks(out / "word" / "verksamhetsplan-2022.docx")][:8]
    assert "Antagen av styrelsen den 10 december 2026, § 45." in cover and "UTKAST" not in cover
    assert "UTKAST" not in text(out / "word" / "verksamhetsplan-2022.docx")
    old_cover = [value for _, value in blocks(out / "word" / "verksamhetsplan-2021.docx")][:8]
    assert "Ersatt av Verksamhetsplan budget 2022 den 10 december 2026." in old_cover
    page = _page(out, "planer/verksamhetsplan-2022/index.html")
    assert "Antagen av styrelsen den 10 december 2026, § 45" in page
    versions = _page(out, "planer/index.html")
    assert "Antagen av styrelsen den 10 december 2026, § 45" in versions
    assert "Ersatt av Verksamhetsplan budget 2022 den 10 december 2026" in versions
    assert "beslutsdatum saknas i källan" in versions  # the bundled plans: no date invented
    assert "ersatt av" in _page(out, "planer/verksamhetsplan-2021/index.html").lower()

    # 7. What the rebuild kept is what a build from nothing makes: no file is stale after the decision.
    fresh = tmp_path / "fresh"
    assert styrdok("build", "--content", bundled, "--out", fresh, "--force").code == 0
    for built in sorted((out / "word").glob("*.docx")):
        assert _body_xml(built) == _body_xml(fresh / "word" / built.name), built.name


def _body_xml(docx: Path) -> str:
    """word/document.xml without the changes' time stamps (a draft's are the time of the build)."""
    with zipfile.ZipFile(docx) as archive:
        return re.sub(r' w:date="[^"]*"', "", archive.read("word/document.xml").decode("utf-8"))


def _assert_only_the_decision_changed(before: str, after: str) -> None:
    """Every line but `status:` byte for byte as it was; the decision block added after it."""
    changes = [line for line in difflib.ndiff(before.splitlines(keepends=True), after.splitlines(keepends=True))
               if line[:1] in "+-"]
    assert changes == ["- status: utkast\n", "+ status: antagen\n", "+ antagen:\n", "+   organ: styrelsen\n",
                       "+   datum: '2026-12-10'\n", "+   paragraf: § 45\n"]


def it_refuses_to_adopt_a_draft_with_errors_and_writes_nothing(styrdok, bundled):
    styrdok("new-revision", "verksamhetsplan-2021", "--id", "verksamhetsplan-2022", "--period", "2022",
            "--content", bundled)
    before = (bundled / DRAFT).read_bytes()
    run = styrdok("adopt", "verksamhetsplan-2022", "--datum", "2026-12-10", "--paragraf", "§ 45", "--content", bundled)
    assert run.code == 1
    assert "belopp för 2024 saknas" in run.out + run.err
    assert (bundled / DRAFT).read_bytes() == before


@pytest.mark.parametrize("arguments, message", [
    (["--datum", "2026-13-10"], "finns inte i kalendern"),
    (["--datum", "10/12/2026"], "ÅÅÅÅ-MM-DD"),
    (["--datum", "2026-02-30"], "finns inte i kalendern"),
])
def it_refuses_a_decision_date_that_is_not_a_day(styrdok, minimal, arguments, message):
    run = styrdok("adopt", "plan-2030", *arguments, "--paragraf", "§ 1", "--content", minimal)
    assert run.code == 2 and message in run.err


def it_refuses_to_adopt_what_is_adopted_or_does_not_exist(styrdok, bundled):
    run = styrdok("adopt", "verksamhetsplan-2021", "--datum", "2026-12-10", "--paragraf", "§ 45", "--content", bundled)
    assert run.code == 2 and "redan antagen" in run.err
    run = styrdok("adopt", "finns-inte", "--datum", "2026-12-10", "--paragraf", "§ 45", "--content", bundled)
    assert run.code == 2 and "finns inte" in run.err


def it_adopts_the_minimal_draft_with_a_case_number_and_keeps_its_comments(styrdok, minimal):
    path = minimal / "plans" / "plan.yaml"
    before = path.read_text(encoding="utf-8")
    run = styrdok("adopt", "plan-2030", "--datum", "2029-12-10", "--paragraf", "§ 12", "--organ", "styrelsen",
                  "--diarienummer", "RAR 2029/7", "--content", minimal)
    assert run.code == 0, run.err + run.out
    after = path.read_text(encoding="utf-8")
    assert before.splitlines()[0].startswith("#") and after.splitlines()[0] == before.splitlines()[0]
    assert "Antagen av styrelsen den 10 december 2029, § 12 (diarienummer RAR 2029/7)" in run.out
    assert styrdok("check", "--content", minimal).code == 0


# Generated decisions: whatever the paragraph, organ and case number, only the decision changes.
TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Zl", "Zp")), min_size=1, max_size=30)


@settings(max_examples=60, deadline=None)
@given(paragraph=TEXT.filter(str.strip), body=TEXT.filter(str.strip), reference=st.none() | TEXT,
       day=st.dates())
def it_writes_any_decision_so_that_it_reads_back_and_nothing_else_moves(paragraph, body, reference, day):
    source = (ROOT / "tests" / "fixtures" / "minimal" / "plans" / "plan.yaml").read_text(encoding="utf-8")
    decision = Decision(day.isoformat(), paragraph, body, reference)
    after = adopted_text(source, decision)
    data = yaml.safe_load(after)
    assert data["status"] == "antagen"
    assert data["antagen"]["paragraf"] == paragraph and data["antagen"]["organ"] == body
    assert str(data["antagen"]["datum"]) == day.isoformat()
    assert data["antagen"].get("diarienummer") == (reference or None)
    kept = [line for line in after.splitlines() if line in source.splitlines()]
    assert len(kept) >= len(source.splitlines()) - 1


@pytest.mark.parametrize("text, expected", [("2022", (2022, 2022)), ("2023-2026", (2023, 2026)),
                                            ("2023–2026", (2023, 2026))])
def it_reads_a_period(text, expected):
    assert parse_period(text) == expected


@pytest.mark.parametrize("text", ["22", "2026-2023", "2023-", "tjugotjugotvå", "1800"])
def it_refuses_a_period_that_is_not_one(text):
    with pytest.raises(UsageError):
        parse_period(text)


def it_keeps_the_period_without_one_for_a_mid_period_revision(styrdok, bundled):
    run = styrdok("new-revision", "mal-och-inriktningsplan-2022-2026", "--id", "mal-och-inriktningsplan-2024",
                  "--content", bundled)
    assert run.code == 0
    data = yaml.safe_load((bundled / "plans" / "mal-och-inriktningsplan-2024.yaml").read_text(encoding="utf-8"))
    assert (data["titel"], data["startar"], data["slutar"]) == ("Mål- och inriktningsplan 2022–2026", 2022, 2026)


def it_moves_a_multi_year_plan_and_its_title(styrdok, bundled):
    run = styrdok("new-revision", "mal-och-inriktningsplan-2022-2026", "--id", "mal-och-inriktningsplan-2023-2026",
                  "--period", "2023-2026", "--content", bundled)
    assert run.code == 0, run.err
    path = bundled / "plans" / "mal-och-inriktningsplan-2023-2026.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert (data["titel"], data["startar"], data["slutar"]) == ("Mål- och inriktningsplan 2023–2026", 2023, 2026)
    assert styrdok("check", "--content", bundled).code == 0  # nothing year-keyed left to fill in


def it_moves_the_2007_project_table_and_empties_its_year_costs(styrdok, bundled):
    run = styrdok("new-revision", "verksamhetsplan-2007", "--id", "verksamhetsplan-2008", "--period", "2008",
                  "--titel", "Verksamhetsplan med budget 2008", "--content", bundled)
    assert run.code == 0, run.err
    data = yaml.safe_load((bundled / "plans" / "verksamhetsplan-2008.yaml").read_text(encoding="utf-8"))
    assert data["titel"] == "Verksamhetsplan med budget 2008"
    found = json.loads(styrdok("check", "--content", bundled, "--format", "json").out)
    mine = [f for f in found if "verksamhetsplan-2008" in f["file"]]
    assert any(f["rule"] == "projekt-summa" and "kostnad 2008 saknas" in f["message"] for f in mine)
    assert any(f["rule"] == "budget-ar" and "belopp för 2009 saknas" in f["message"] for f in mine)


def it_asks_for_a_title_when_the_old_one_does_not_name_the_period(styrdok, minimal):
    path = minimal / "plans" / "plan.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("titel: Mål- och inriktningsplan 2030",
                                                               "titel: Mål- och inriktningsplan"), encoding="utf-8")
    run = styrdok("new-revision", "plan-2030", "--id", "plan-2032", "--period", "2032-2033", "--content", minimal)
    assert run.code == 2 and "--titel" in run.err
    assert not (minimal / "plans" / "plan-2032.yaml").exists()


@settings(max_examples=25, deadline=None)
@given(shift=st.integers(-3, 5), length=st.integers(0, 4))
def it_keeps_the_figures_of_shared_years_and_leaves_new_years_empty(shift, length, tmp_path_factory):
    from generators.authoring.revision import revised_text
    from generators.authoring.rolling import roll_forward
    from generators.content.loading import load_content

    content = load_content(ROOT / "content")
    source = content.version("verksamhetsplan-2021")
    start = 2021 + shift
    rolled = roll_forward(revised_text(source.path.read_text(encoding="utf-8"), "ny", source.model.id),
                          source.model, start, start + length, None)
    data = yaml.safe_load(rolled)
    assert (data["startar"], data["slutar"]) == (start, start + length)
    old = source.model.budgets[0]
    block = next(b["budget"] for s in data["avsnitt"] for b in s.get("innehall", []) if "budget" in b)
    assert block["ar"] == [year + shift for year in old.years]
    for row, new in zip(old.costs.rows, block["kostnader"]["rader"]):
        for year in block["ar"]:
            assert new["belopp"][year] == row.amounts.get(year)  # shared years kept, new years empty (None)
    # Nothing but the period, the title and the year tables changes.
    moved = {"titel", "startar", "slutar", "ar", "belopp"}
    changed = [line for line in difflib.ndiff(revised_text(source.path.read_text(encoding="utf-8"), "ny",
                                                           source.model.id).splitlines(), rolled.splitlines())
               if line.startswith("+ ")]
    assert all(line[2:].strip().split(":")[0] in moved for line in changed), changed
