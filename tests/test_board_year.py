"""The board's year on a copy of the bundled content: roll the plan forward, edit, check red
then green, build while the draft has errors, adopt, build and publish. The README walks
through the same commands."""

from __future__ import annotations

import datetime as dt
import difflib
import json
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from generators.authoring.adoption import Decision, adopted_text
from generators.authoring.rolling import parse_period
from generators.errors import UsageError
from generators.word.reading import blocks, text
from tests.conftest import ROOT

NBSP = "\u00a0"
DRAFT = "plans/verksamhetsplan-2027.yaml"
MID = "plans/mal-och-inriktningsplan-2025-2026.yaml"
EMPTY = "{2027: , 2028: , 2029: }"
# The office's figures for 2027–2029 (made up for the test; content/ never holds them), row by
# row in the table's order: four income rows and their sum, five cost rows and their sum, the result.
FIGURES = [8000, 4000, 4000, 2500, 18500, 3450, 300, 3500, 6000, 5250, 18500, 0]
TEXT_FIXES = {  # the office's edits of the text check points at
    "fortgå under 2021:": "fortgå under 2027:",
    "budgeterar förbundet 22,6 mkr i kostnader": "budgeterar förbundet 18,5 mkr i kostnader",
    "FoUIS": "FoUiS",
}
CONSULTED = {"status: utkast\n": "status: utkast\nsamrad: 2026-10-30\n"}
"""The members' consultation on the budget, ended before the board's decision (lag 2003:1210)."""
MID_FIXES = {  # the mid-period revision's text moved to 2025–2026 by hand, as check suggests
    "de kommande fem åren, år\n          2022–2026": "de kommande två åren, år\n          2025–2026",
    "under år 2022–2026:": "under år 2025–2026:",
    "Till år 2023": "Till år 2026",
}
# The sentence about when the dialog was held is history: acknowledged, not rewritten.
MID_ACKNOWLEDGEMENT = """kvitteringar:
  - regel: period-i-text
    plats: avsnitt[6].innehall[2].stycke
    motivering: Meningen säger när dialogen med huvudmännen hölls, inte vad som gäller nu.
"""


def _edit(path: Path, replacements: dict[str, str]) -> None:
    content = path.read_text(encoding="utf-8")
    for old, new in replacements.items():
        assert old in content, old
        content = content.replace(old, new)
    path.write_text(content, encoding="utf-8")


def _fill_in(path: Path) -> None:
    content = path.read_text(encoding="utf-8")
    assert content.count(EMPTY) == len(FIGURES)
    for figure in FIGURES:
        content = content.replace(EMPTY, f"{{2027: {figure}, 2028: {figure}, 2029: {figure}}}", 1)
    path.write_text(content, encoding="utf-8")


def _page(out: Path, path: str) -> str:
    """A built page's text as a reader sees it (tags removed, whitespace collapsed)."""
    html = (out / "site" / path).read_text(encoding="utf-8")
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", html).replace("&nbsp;", NBSP).split())


def _cover(docx: Path) -> list[str]:
    return [value for _, value in blocks(docx)][:8]


def _article(out: Path, path: str) -> str:
    """A built page's own text, without the header, menu and footer every page has."""
    html = (out / "site" / path).read_text(encoding="utf-8")
    return _page_text(re.search(r"<article\b.*?</article>", html, re.S).group(0))


def _page_text(html: str) -> str:
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", html).replace("&nbsp;", NBSP).split())


def _published(out: Path, version: str) -> dict[str, str]:
    """A version's text as published: its Word file, its PDF (where poppler is installed) and its page."""
    found = {"word": text(out / "word" / f"{version}.docx"),
             "site": _article(out, f"planer/{version}/index.html")}
    if shutil.which("pdftotext"):
        found["pdf"] = subprocess.run(["pdftotext", str(out / "pdf" / f"{version}.pdf"), "-"], capture_output=True,
                                      text=True, check=True).stdout
    return found


YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")


def _naming_earlier_years(published: str, first: int) -> list[str]:
    """The sentences that name a year before `first`, other than the decision (a plan for 2027
    is adopted in 2026) and the day the page last changed."""
    published = re.sub(r"Senast uppdaterad:? \d+ \w+ \d{4}", "", " ".join(published.split()))
    return [sentence for sentence in re.split(r"(?<=[.:!?])\s+", published)
            if "Antagen av styrelsen" not in sentence and any(int(year) < first for year in YEAR.findall(sentence))]


def it_runs_two_years_of_the_board(styrdok, bundled, tmp_path, monkeypatch):
    out = tmp_path / "build"
    # Year one, March 2025: a mid-period revision of the mål- och inriktningsplan for 2025–2026.
    monkeypatch.setenv("STYRDOK_IDAG", "2025-03-01")
    run = styrdok("new-revision", "mal-och-inriktningsplan-2022-2026", "--id", "mal-och-inriktningsplan-2025-2026",
                  "--period", "2025-2026", "--content", bundled)
    assert run.code == 0, run.err
    assert "flyttade 0 meningar" in run.out and "4 meningar nämner fortfarande förra perioden" in run.out
    found = json.loads(styrdok("check", "--content", bundled, "--format", "json").out)
    stale = [f for f in found if f["rule"] == "period-i-text"]
    assert len(stale) == 4 and all(f["file"].endswith(MID) for f in stale)
    assert any('"Till år 2023 är ambitionen' in f["message"] and 'förslag: "Till år 2026 är ambitionen' in f["message"]
               for f in stale)
    _edit(bundled / MID, MID_FIXES)
    (bundled / MID).write_text((bundled / MID).read_text(encoding="utf-8") + MID_ACKNOWLEDGEMENT, encoding="utf-8")
    run = styrdok("check", "--content", bundled)
    assert run.code == 0, run.out
    run = styrdok("adopt", "mal-och-inriktningsplan-2025-2026", "--datum", "2025-03-20", "--paragraf", "§ 12",
                  "--content", bundled)
    assert run.code == 0, run.err
    assert "mal-och-inriktningsplan-2022-2026 ersätts av mal-och-inriktningsplan-2025-2026 från 20 mars 2025" in run.out
    assert "obs: beslutsdatumet 2025-03-20 har inte kommit än" in run.out  # the meeting is prepared ahead
    monkeypatch.setenv("STYRDOK_IDAG", "2025-03-20")
    listed = {row["id"]: row for row in json.loads(styrdok("list", "--content", bundled, "--format", "json").out)}
    assert listed["mal-och-inriktningsplan-2022-2026"]["standing"] == (
        "Ersatt av Mål- och inriktningsplan 2025–2026 från 20 mars 2025")
    assert listed["mal-och-inriktningsplan-2025-2026"]["validity"] == "gäller"
    assert listed["verksamhetsplan-2021"]["standing"] == "Ersatt av Mål- och inriktningsplan 2022–2026 från 2022"

    # Year two, December 2026: next year's plan, rolled forward from 2021's and adopted for 2027.
    monkeypatch.setenv("STYRDOK_IDAG", "2026-12-02")
    run = styrdok("new-revision", "verksamhetsplan-2021", "--id", "verksamhetsplan-2027", "--period", "2027",
                  "--content", bundled)
    assert run.code == 0, run.err
    assert "flyttade 1 mening" in run.out and "1 mening nämner fortfarande förra perioden" in run.out
    assert "flyttad: För verksamhetsåret 2027 budgeterar förbundet" in run.out
    assert "kvar: Aktiviteter som är beslutade och som kommer att fortgå under 2021:" in run.out
    draft = yaml.safe_load((bundled / DRAFT).read_text(encoding="utf-8"))
    assert (draft["titel"], draft["startar"], draft["slutar"], draft["status"], draft["ersatter"]) == (
        "Verksamhetsplan budget 2027", 2027, 2027, "utkast", "verksamhetsplan-2021")

    # Check is red: the new years' figures, the inherited spelling, the text still in 2021.
    run = styrdok("check", "--content", bundled, "--format", "json")
    assert run.code == 1
    errors = [f for f in json.loads(run.out) if f["severity"] == "fel"]
    assert {f["file"].removeprefix(str(bundled) + "/") for f in errors} == {DRAFT}
    assert "Staten: belopp för 2027 saknas" in {f["message"] for f in errors}
    assert {f["rule"] for f in errors} == {"budget-ar", "terminologi", "period-i-text"}
    assert any('"Aktiviteter som är beslutade och som kommer att fortgå under 2021:"' in f["message"]
               and 'förslag: "Aktiviteter som är beslutade och som kommer att fortgå under 2027:"' in f["message"]
               for f in errors)

    # Build while the draft has errors: every adopted output and the site, the draft only in Word.
    run = styrdok("build", "--content", bundled, "--out", out)
    assert run.code == 0, run.err
    assert "belopp för 2027 saknas" in run.out
    assert "9 kvitterade fynd visas inte här" in run.out and "kvitterad:" not in run.out
    assert re.search(r"på \d+,\d\d s;", run.out)
    cover = _cover(out / "word" / "verksamhetsplan-2027.docx")
    assert "UTKAST" in cover and "Verksamhetsplan budget 2027" in cover and "Period: 2027" in cover
    assert not list((out / "site").rglob("*verksamhetsplan-2027*"))

    # The figures go in: now check compares the text's amount with the new year's table.
    _fill_in(bundled / DRAFT)
    found = json.loads(styrdok("check", "--content", bundled, "--format", "json").out)
    assert [f["message"] for f in found if f["rule"] == "budget-i-text" and f["severity"] == "fel"] == [
        f"texten anger 22,6 mkr i kostnader för 2027 men budgettabellens summa är 18{NBSP}500 tkr"]
    _edit(bundled / DRAFT, TEXT_FIXES)
    _edit(bundled / DRAFT, CONSULTED)
    run = styrdok("check", "--content", bundled)
    assert run.code == 0, run.out
    assert run.out.splitlines()[-1] == "0 fel, 0 varningar, 9 kvitterade"

    # A decision after the period it is for: refused, and the file untouched.
    before = (bundled / DRAFT).read_text(encoding="utf-8")
    run = styrdok("adopt", "verksamhetsplan-2027", "--datum", "2028-01-10", "--paragraf", "§ 45", "--content", bundled)
    assert run.code == 2 and "ligger efter periodens slut (31 december 2027)" in run.err, run.err
    assert run.err.rstrip().endswith("Inget antogs.")
    assert (bundled / DRAFT).read_text(encoding="utf-8") == before

    # Adopt in December for the next year.
    run = styrdok("adopt", "verksamhetsplan-2027", "--datum", "2026-11-26", "--paragraf", "§ 45",
                  "--content", bundled)
    assert run.code == 0, run.err
    assert "Antagen av styrelsen den 26 november 2026, § 45; gäller från 1 januari 2027" in run.out
    assert "budgetbeslut" not in run.out  # by 30 November, after the members were consulted
    _assert_only_the_decision_changed(before, (bundled / DRAFT).read_text(encoding="utf-8"))
    # The minutes say § 46: the decision is corrected, every other line as it was.
    adopted = (bundled / DRAFT).read_text(encoding="utf-8")
    run = styrdok("adopt", "verksamhetsplan-2027", "--ratta", "--paragraf", "§ 46", "--content", bundled)
    assert run.code == 0, run.err
    assert "Antagen av styrelsen den 26 november 2026, § 46; gäller från 1 januari 2027" in run.out
    assert _changed_lines(adopted, (bundled / DRAFT).read_text(encoding="utf-8")) == [
        "-   paragraf: § 45\n", "+   paragraf: § 46\n"]

    # Published on 15 December: adopted, in force from 1 January; the plans before it unchanged.
    monkeypatch.setenv("STYRDOK_IDAG", "2026-12-15")
    assert styrdok("build", "--content", bundled, "--out", out).code == 0
    cover = _cover(out / "word" / "verksamhetsplan-2027.docx")
    assert "Antagen av styrelsen den 26 november 2026, § 46; gäller från 1 januari 2027." in cover
    assert "UTKAST" not in text(out / "word" / "verksamhetsplan-2027.docx")
    page = _page(out, "planer/verksamhetsplan-2027/index.html")
    assert "Gäller från 1 januari 2027" in page and "är antagen men gäller först från 1 januari 2027" in page
    assert "Gällande plan: Mål- och inriktningsplan 2025–2026" in _page(out, "index.html")
    old_cover = _cover(out / "word" / "verksamhetsplan-2021.docx")
    assert "Ersatt av Mål- och inriktningsplan 2022–2026 från 2022." in old_cover

    # On 1 January 2027 the new plan is in force; the 2025–2026 plan's period is over. Nothing in
    # content/ changed, yet the build sees the day and rebuilds what it says.
    monkeypatch.setenv("STYRDOK_IDAG", "2027-01-01")
    run = styrdok("build", "--content", bundled, "--out", out)
    assert run.code == 0 and "byggde" in run.out, run.out
    home = _page(out, "index.html")
    assert "Gällande plan: Verksamhetsplan budget 2027" in home
    # No later mål- och inriktningsplan, though a later plan (the verksamhetsplan) is in force.
    assert "Perioden 2025–2026 är slut; ingen senare mål- och inriktningsplan är antagen." in _cover(
        out / "word" / "mal-och-inriktningsplan-2025-2026.docx")
    assert "Ingen senare mål- och inriktningsplan är antagen." in _page(
        out, "planer/mal-och-inriktningsplan-2025-2026/index.html")
    budget = _page(out, "budget.html" if (out / "site" / "budget.html").exists() else "budget/index.html")
    assert "Verksamhetsplan budget 2027 Gäller." in budget and "Ingen plan som gäller nu" not in budget
    versions = _page(out, "planer/index.html")
    assert "Antagen av styrelsen den 26 november 2026, § 46; gäller från 1 januari 2027" in versions
    assert "beslutsdatum saknas i källan" in versions  # the bundled plans: no date invented
    # The plan in force has no vision: the home page shows no empty one, and says whose goals it shows.
    assert "Vision" not in _article(out, "index.html")
    assert "Målen och målgrupperna nedan är ur Verksamhetsplan budget 2027 , som gäller nu." in home

    # Nothing published after the year names the period before as the current one: of the two
    # versions the year made, in Word, PDF and on the site, the one sentence that names an earlier
    # year than its period is the one acknowledged as history (when the dialog was held).
    for version, first, history in (("verksamhetsplan-2027", 2027, []),
                                    ("mal-och-inriktningsplan-2025-2026", 2025, ["hösten 2021 och våren 2022"])):
        for where, published in _published(out, version).items():
            earlier = _naming_earlier_years(published, first)
            assert len(earlier) == len(history) and all(h in e for h, e in zip(history, earlier)), (
                version, where, earlier)

    # January 2027: the review of 2026 starts itself from the plan in force that year, and is adopted
    # only when the board says so explicitly while its figures are still to come.
    run = styrdok("new-review", "2026", "--content", bundled)
    assert run.code == 0, run.err
    review = (bundled / "reviews" / "arlig-oversyn-2026.yaml").read_text(encoding="utf-8")
    assert "plan: mal-och-inriktningsplan-2025-2026" in review
    decision = ("adopt", "arlig-oversyn-2026", "--datum", "2027-01-01", "--paragraf", "§ 2", "--content", bundled)
    run = styrdok(*decision)
    assert run.code == 1 and "Inget antogs." in run.err
    assert styrdok(*decision, "--utan-siffror").code == 0
    assert styrdok("build", "--content", bundled, "--out", out).code == 0
    assert "Antagen av styrelsen den 1 januari 2027, § 2" in _page(out, "oversyner/arlig-oversyn-2026/index.html")

    # What the rebuild kept is what a build from nothing makes: no file is stale after the decision.
    fresh = tmp_path / "fresh"
    assert styrdok("build", "--content", bundled, "--out", fresh, "--force").code == 0
    for built in sorted((out / "word").glob("*.docx")):
        assert _body_xml(built) == _body_xml(fresh / "word" / built.name), built.name


def _body_xml(docx: Path) -> str:
    """word/document.xml without the changes' time stamps (a draft's are the time of the build)."""
    with zipfile.ZipFile(docx) as archive:
        return re.sub(r' w:date="[^"]*"', "", archive.read("word/document.xml").decode("utf-8"))


def _changed_lines(before: str, after: str) -> list[str]:
    return [line for line in difflib.ndiff(before.splitlines(keepends=True), after.splitlines(keepends=True))
            if line[:1] in "+-"]


def _assert_only_the_decision_changed(before: str, after: str) -> None:
    """Every line but `status:` byte for byte as it was; the decision block added after it."""
    changes = _changed_lines(before, after)
    assert changes == ["- status: utkast\n", "+ status: antagen\n", "+ antagen:\n", "+   organ: styrelsen\n",
                       "+   datum: '2026-11-26'\n", "+   paragraf: § 45\n"]


def it_says_at_adoption_when_a_budget_is_adopted_late_or_without_consultation(styrdok, bundled):
    """The law's dates are warnings (the decision is taken; the content records it): said by
    adopt at once, not first at the next check."""
    styrdok("new-revision", "verksamhetsplan-2021", "--id", "verksamhetsplan-2027", "--period", "2027",
            "--content", bundled)
    _fill_in(bundled / DRAFT)
    _edit(bundled / DRAFT, TEXT_FIXES)
    run = styrdok("adopt", "verksamhetsplan-2027", "--datum", "2026-12-10", "--paragraf", "§ 45", "--content", bundled)
    assert run.code == 0, run.out + run.err
    assert "varning: antagen.datum: budgeten för 2027 ska antas senast 30 november 2026" in run.out, run.out
    assert "samrådet med medlemmarna före budgetbeslutet är inte antecknat" in run.out


def it_refuses_to_adopt_a_draft_with_errors_and_writes_nothing(styrdok, bundled):
    styrdok("new-revision", "verksamhetsplan-2021", "--id", "verksamhetsplan-2027", "--period", "2027",
            "--content", bundled)
    before = (bundled / DRAFT).read_bytes()
    run = styrdok("adopt", "verksamhetsplan-2027", "--datum", "2026-12-10", "--paragraf", "§ 45", "--content", bundled)
    assert run.code == 1
    assert "belopp för 2029 saknas" in run.out + run.err
    assert run.out.rstrip().endswith("Inget antogs.")
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
    # Nothing year-keyed left to fill in; the text that still names 2022 as current is listed.
    found = json.loads(styrdok("check", "--content", bundled, "--format", "json").out)
    assert {f["rule"] for f in found if f["severity"] == "fel"} == {"period-i-text"}
    assert "3 meningar nämner fortfarande förra perioden" in run.out


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
    path.write_text(path.read_text(encoding="utf-8").replace("titel: Mål- och inriktningsplan 2030–2031",
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
    sentence = f"För verksamhetsåret {start} budgeterar"  # the one sentence that states the period
    assert all(line[2:].strip().split(":")[0] in moved or length == 0 and sentence in line for line in changed), changed


def it_refuses_a_decision_before_the_one_it_replaces_in_adopt_and_check(styrdok, minimal):
    older = (minimal / "plans" / "plan.yaml").read_text(encoding="utf-8")
    older = older.replace("id: plan-2030", "id: plan-2029").replace("status: utkast", "status: antagen\nantagen:\n"
                          "  organ: styrelsen\n  datum: '2029-06-01'\n  paragraf: § 3")
    (minimal / "plans" / "plan-2029.yaml").write_text(older, encoding="utf-8")
    path = minimal / "plans" / "plan.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("status: utkast", "status: utkast\nersatter: plan-2029"),
                    encoding="utf-8")
    before = path.read_bytes()
    run = styrdok("adopt", "plan-2030", "--datum", "2029-05-01", "--paragraf", "§ 9", "--content", minimal)
    assert run.code == 2 and "ligger före beslutet om plan-2029, som den ersätter (1 juni 2029)" in run.err
    assert run.err.rstrip().endswith("Inget antogs.") and path.read_bytes() == before
    path.write_text(path.read_text(encoding="utf-8").replace(
        "status: utkast", "status: antagen\nantagen:\n  organ: styrelsen\n  datum: '2029-05-01'"), encoding="utf-8")
    found = json.loads(styrdok("check", "--content", minimal, "--format", "json").out)
    assert [(f["rule"], f["severity"], f["field"]) for f in found if f["rule"] == "beslutsdatum"] == [
        ("beslutsdatum", "fel", "antagen.datum")]


def it_suggests_the_nearest_id_for_a_typo_in_ersatter(styrdok, bundled):
    path = bundled / "plans" / "mal-och-inriktningsplan-2022-2026.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("ersatter: verksamhetsplan-2021",
                                                             "ersatter: verksamhetsplan-2012"), encoding="utf-8")
    run = styrdok("check", "--content", bundled)
    assert "versionen 'verksamhetsplan-2012' finns inte; menade du 'verksamhetsplan-2021'" in run.out


# --- Points in time: a generated chain of versions, seen on many days ---------------------------

LABELS = {"gäller": "Gäller", "kommande": "Antagen, gäller från ", "ersatt": "Ersatt av ", "utgången": "Perioden ",
          "utkast": "Utkast"}
KINDS = {"verksamhetsplan": "verksamhetsplan med budget", "mal-och-inriktningsplan": "mål- och inriktningsplan"}
BOXES = {"gäller": '!!! success "Gäller"', "kommande": '!!! info "Gäller från ', "ersatt": '!!! warning "Ersatt ',
         "utgången": '!!! warning "Perioden är slut"', "utkast": '!!! danger "Utkast'}


@st.composite
def chains(draw):
    """Plans that follow one another: periods of one to four years that may leave gaps, decisions
    before the period starts, within it, or not in the source; the last one perhaps a draft. Each
    is a verksamhetsplan or a mål- och inriktningsplan, as in the bundled content, where a plan of
    one kind replaces one of the other only by naming it in `ersatter`."""
    plans, start, decided = [], draw(st.integers(2000, 2010)), dt.date(1999, 1, 1)
    for index in range(draw(st.integers(1, 5))):
        start += draw(st.integers(0 if index == 0 else 1, 3))
        end = start + draw(st.integers(0, 3))
        first, last = max(decided, dt.date(start - 1, 9, 1)), dt.date(end, 12, 31)
        day = draw(st.none() | st.dates(first, last)) if first <= last else None  # no later day to decide on
        draft = index > 0 and draw(st.booleans()) and draw(st.booleans())
        kind = draw(st.sampled_from(["verksamhetsplan", "mal-och-inriktningsplan"]))
        plan = {"id": f"plan-{index}", "slag": kind, "titel": f"Plan {index} {start}",
                "startar": start, "slutar": end, "status": "utkast" if draft else "antagen",
                "avsnitt": [{"rubrik": "Inledning", "innehall": [{"stycke": "Text."}]}]}
        if not draft:
            plan["antagen"] = {"organ": "styrelsen", **({"datum": day.isoformat()} if day else {})}
            decided = day or decided
        if index and draw(st.booleans()):
            plan["ersatter"] = f"plan-{index - 1}"
        if draw(st.booleans()):
            years = list(range(start, end + 1))
            row = lambda name: {"id": name, "text": name.title(), "belopp": {y: 100 for y in years}}  # noqa: E731
            plan["avsnitt"][0]["innehall"].append({"budget": {
                "id": f"budget-{index}", "enhet": "tkr", "ar": years,
                "intakter": {"rubrik": "Intäkter", "rader": [{**row("staten"), "finansiar": "staten"}]},
                "kostnader": {"rubrik": "Kostnader", "rader": [row("kansli")]}}})
        plans.append(plan)
        if draft:
            break
    return plans


def _days(plans: list[dict], extra: list[dt.date]) -> list[dt.date]:
    """Each boundary of the chain (a decision, a period's first day, the day after it ends) and the
    day before it, and some days anywhere."""
    days = set(extra)
    for plan in plans:
        decided = plan.get("antagen", {}).get("datum")
        for day in filter(None, [decided and dt.date.fromisoformat(decided), dt.date(plan["startar"], 1, 1),
                                 dt.date(plan["slutar"] + 1, 1, 1)]):
            days |= {day, day - dt.timedelta(days=1)}
    return sorted(days)


@settings(max_examples=12, deadline=None)
@given(plans=chains(), extra=st.lists(st.dates(dt.date(1999, 1, 1), dt.date(2030, 12, 31)), max_size=2))
def it_says_the_same_about_every_day_everywhere(plans, extra, tmp_path_factory):
    import contextlib
    import io
    import os
    import shutil

    from generators.cli import main
    from generators.content.loading import load_content
    from generators.publication import cover
    from generators.templating import phrases
    from generators.validity import validity
    from generators.web.pages import SitePages

    folder = tmp_path_factory.mktemp("chain") / "content"
    (folder / "plans").mkdir(parents=True)
    shutil.copy(ROOT / "tests" / "fixtures" / "minimal" / "organisation.yaml", folder)
    for plan in plans:
        (folder / "plans" / f"{plan['id']}.yaml").write_text(yaml.safe_dump(plan, allow_unicode=True), encoding="utf-8")
    content = load_content(folder)
    models = [loaded.model for loaded in content.versions]
    saved = os.environ["STYRDOK_IDAG"]
    try:
        for day in _days(plans, extra):
            os.environ["STYRDOK_IDAG"] = day.isoformat()
            expected = validity(models, day)
            # The cover of each version.
            for model in models:
                lines = " ".join(cover(model, content, phrases()).lines)
                state = expected[model.id].state
                assert ("Ersatt av " in lines) == (state == "ersatt"), (day, model.id, lines)
                assert (f"Perioden {model.period} är slut" in lines) == (state == "utgången"), (day, lines)
                if state == "utgången" and expected[model.id].successor is None:  # none of its kind, not none at all
                    assert f"ingen senare {KINDS[model.kind]} är antagen" in lines, (day, lines)
                assert ("Utkast – inte antaget" in lines) == (state == "utkast")
            # styrdok list.
            printed = io.StringIO()
            with contextlib.redirect_stdout(printed):
                assert main(["list", "--format", "json", "--content", str(folder)]) == 0
            assert {row["id"]: row["validity"] for row in json.loads(printed.getvalue())} == {
                key: answer.state for key, answer in expected.items()}
            # The site: each plan's status box, the menu and the budget page.
            site = SitePages(content, [], phrases())
            pages = {path: data.decode("utf-8") for path, data in site.render().items()}
            for model in models:
                assert BOXES[expected[model.id].state] in pages[f"planer/{model.id}.md"], (day, model.id)
            in_force = sorted((m for m in models if expected[m.id].state == "gäller"),
                              key=lambda m: (m.start_year, m.end_year, m.id))
            menu = [entry for entry in site.nav if isinstance(entry, dict)]
            current = [title for entry in menu for title in entry if title.startswith("Gällande plan: ")]
            assert current == ([f"Gällande plan: {in_force[-1].title}"] if in_force else []), (day, current)
            # Every version on the archive page, in its row with its standing (the menu holds only
            # the plan in force, drafts and the archive: a menu of every version grows every page).
            rows = pages["planer/index.md"].split("<tr>")
            for model in models:
                row = next(r for r in rows if f"{model.id}.md" in r or f"{model.id}/" in r)
                assert LABELS[expected[model.id].state] in row, (day, model.id, row)
            budget = pages["budget.md"]
            with_budget = [m for m in models if m.budgets]
            for model in with_budget:
                assert f"## {model.title}\n\n{LABELS[expected[model.id].state]}" in budget, (day, model.id)
            none_in_force = bool(with_budget) and not any(expected[m.id].state == "gäller" for m in with_budget)
            assert ("Ingen plan som gäller nu har en budgettabell" in budget) == none_in_force, day
            assert "## Vision" not in pages["index.md"], day  # these plans have none: no empty one shown
    finally:
        os.environ["STYRDOK_IDAG"] = saved


def it_never_says_a_drafts_table_is_as_the_board_adopted_it():
    from generators.content.loading import load_content
    from generators.document import Paragraph, plan_document
    from generators.templating import phrases

    adopted = load_content(ROOT / "content").version("verksamhetsplan-2021").model  # its totals are kept as adopted
    for status, said in (("antagen", True), ("utkast", False)):
        notes = [node.text for node in plan_document(adopted.model_copy(update={"status": status}), phrases()).nodes
                 if isinstance(node, Paragraph) and node.style == "note"]
        assert any("raderna blir inte" in note for note in notes)
        assert any("som styrelsen antog dem" in note for note in notes) == said, notes
        assert any("Utkastet är inte antaget; rätta raderna eller summan" in note for note in notes) != said


def it_finds_the_content_folder_upward_and_says_where_it_looked(styrdok, bundled, tmp_path_factory, monkeypatch):
    monkeypatch.chdir(bundled / "plans")  # inside content/, as git finds its repository from a subfolder
    run = styrdok("list")
    assert run.code == 0, run.err
    assert run.out.splitlines()[0] == "Läget den 2 december 2026:"
    row = next(line for line in run.out.splitlines() if line.startswith("mal-och-inriktningsplan-2022-2026"))
    assert "Gäller" in row and "Antagen av styrelsen; beslutsdatum saknas i källan" in row
    elsewhere = tmp_path_factory.mktemp("annan")  # no content/ here nor above
    monkeypatch.chdir(elsewhere)
    run = styrdok("check")
    assert run.code == 1 and f"innehållsmappen {elsewhere / 'content'} finns inte" in run.out
    assert "letar uppåt efter content/" in run.out and "--content MAPP" in run.out


def it_speaks_swedish_about_its_version(styrdok):
    run = styrdok("--version")
    assert run.code == 0 and run.out.startswith("styrdok version ")
    assert "visa versionsnumret och avsluta" in styrdok("--help").out


# --- Text that belongs to a period --------------------------------------------------------------

PHRASES = ["För verksamhetsåret {p} budgeterar förbundet 18,5 mkr i kostnader.",
           "Planen gäller de kommande åren, år {p}.", "Under perioden {p} prioriteras unga vuxna."]
HISTORY = ["Dialogen hölls under våren {y}.", "Till år {y} är ambitionen att fördelningen ska vara:"]


@settings(max_examples=80, deadline=None)
@given(old_start=st.integers(2000, 2040), old_length=st.integers(0, 4), move=st.integers(1, 6),
       new_length=st.integers(0, 4), phrase=st.sampled_from(PHRASES), history=st.sampled_from(HISTORY),
       offset=st.integers(0, 4))
def it_moves_what_states_the_period_and_flags_what_still_names_the_old_one(
        old_start, old_length, move, new_length, phrase, history, offset):
    from generators.content.period_text import moves, stale_sentences

    old, new = (old_start, old_start + old_length), (old_start + move, old_start + move + new_length)
    written = lambda period: str(period[0]) if period[0] == period[1] else f"{period[0]}–{period[1]}"  # noqa: E731
    stated = phrase.format(p=written(old))
    year = old[0] + min(offset, old_length)  # a year within the old period
    text = f"{stated} {history.format(y=year)}"
    moved = text
    for start, end, replacement in sorted(moves(text, old, new), reverse=True):
        moved = moved[:start] + replacement + moved[end:]
    flagged = [sentence for sentence, _ in stale_sentences(moved, old, new)]
    if old_length == new_length:  # the sentence that states the period moves with it, whole
        assert stated.replace(written(old), written(new)) in moved
        assert stated not in " ".join(flagged)
    else:  # 'verksamhetsåret 2021' is no 'verksamhetsåret 2022–2023': left, and flagged
        assert moved == text and [f for f in flagged if f == stated]
    # A year of the old period that is not one of the new one is flagged, with a suggestion, unless
    # it is the whole old period after 'år' ('Till år 2021' in the 2021 plan): then it moved.
    history_text = history.format(y=year)
    moved_too = "år {y}" in history and (year, year) == old and old_length == new_length
    assert (history_text in flagged) == (not new[0] <= year <= new[1] and not moved_too)
    for sentence, suggestion in stale_sentences(moved, old, new):
        assert suggestion != sentence


def it_refuses_to_adopt_a_second_draft_of_the_same_revision(styrdok, minimal):
    """Two competing drafts revise the plan in force: once one is adopted, the other cannot be,
    and content where both are adopted fails check."""
    assert styrdok("adopt", "plan-2030", "--datum", "2029-11-01", "--paragraf", "§ 1", "--content", minimal).code == 0
    assert styrdok("new-revision", "plan-2030", "--id", "plan-a", "--content", minimal).code == 0
    first_draft = (minimal / "plans" / "plan-a.yaml").read_text(encoding="utf-8")
    draft = minimal / "plans" / "plan-b.yaml"
    draft.write_text(first_draft.replace("id: plan-a\n", "id: plan-b\n", 1), encoding="utf-8")
    first = styrdok("adopt", "plan-a", "--datum", "2030-03-01", "--paragraf", "§ 2", "--content", minimal)
    assert first.code == 0, first.out + first.err
    before = draft.read_bytes()
    second = styrdok("adopt", "plan-b", "--datum", "2030-03-02", "--paragraf", "§ 3", "--content", minimal)
    assert second.code == 2 and "plan-a är redan antagen och ersätter plan-2030" in second.err, second.err
    assert draft.read_bytes() == before
    draft.write_text(before.decode("utf-8").replace("status: utkast", "status: antagen\nantagen:\n  organ: "
                     "styrelsen\n  datum: 2030-03-02\n  paragraf: § 3", 1), encoding="utf-8")
    run = styrdok("check", "--content", minimal)
    assert run.code == 1 and "plan-a är också antagen och ersätter plan-2030" in run.out, run.out
