"""Follow-up figures from the spreadsheet: the template filled in with openpyxl as a person would
(mistakes included), read back into the review, and every figure found in the review's Word
text, PDF text and site page; reading twice changes nothing; a figure edited by hand is kept."""

from __future__ import annotations

import html
import re
import subprocess
from pathlib import Path

import pytest
import yaml
from openpyxl import load_workbook
from openpyxl.formula.translate import Translator

from generators.word.reading import text as word_text
from tests.machine import needs

NBSP = "\u00a0"
EFFORTS = (
    "insatser:\n"
    "  - id: unga-vuxna\n    namn: Unga vuxna i arbete\n    beslut: fortsatta\n"
    "  - id: vagen-in\n    namn: Vägen in\n    beslut: forlanga\n"
    "  - id: steget\n    namn: Steget\n    beslut: fortsatta\n"
)
# Budget 2023 (tkr) outcome per row id, and per effort and goal: women, men, planned ...
OUTCOME = {"staten": 8000, "regionen": 4000, "kommunerna": 4000, "esf-medel": 2300, "kansli": 2850,
           "samverkanskostnader": 250, "stod-esf-projekt": 3400, "beviljade-insatser": 100, "nya-insatser": 9800}
EFFORT_FIGURES = {"unga-vuxna": (18, 22, 45, 30, 25, 9, 4, 7), "vagen-in": (31, 17, 50, 20, 19, 6, 2, 5),
                  "steget": (12, 14, 20, 11, 13, 3, 1, 4)}
GOAL_FIGURES = {"arbete-utbildning-forsorjning": ("Deltagare till arbete eller studier", 41, 37, 90),
                "forbattrad-forvarvsformaga": ("Deltagare med bättre hälsa", 52, 48, 110),
                "likvardig-rehabilitering": ("Deltagare i rehabilitering", 120, 115, 220),
                "verksamheten-val-kand": ("Informationsträffar, deltagare", 63, 29, 80)}


@pytest.fixture
def year_2023(styrdok, bundled):
    """The bundled content with three efforts kept on in 2022 (in this copy only)."""
    review = bundled / "reviews" / "arlig-oversyn-2022.yaml"
    review.write_text(review.read_text(encoding="utf-8").replace("insatser: []\n", EFFORTS), encoding="utf-8")
    return bundled


def _rows(sheet) -> dict[str, int]:
    return {sheet.cell(row, 1).value: row for row in range(2, sheet.max_row + 1) if sheet.cell(row, 1).value}


def _headers(sheet) -> dict[str, int]:
    return {cell.value: cell.column for cell in sheet[1] if cell.value}


def fill(template: Path, target: Path, mistakes: bool = True, outcome: dict | None = None) -> None:
    """Fill every sheet as a person would; with mistakes: a number as text, '1 250,5', 'ca 300',
    an empty row, rows sorted differently and a sheet renamed."""
    book = load_workbook(template)
    budget, efforts, goals = book["Budget"], book["Insatser"], book["Mål"]
    rows = _rows(budget)
    for row_id, value in (outcome or OUTCOME).items():
        budget.cell(rows[row_id], 4, value)
    if mistakes:
        budget.cell(rows["kansli"], 4, "2 850")  # a number written as text, with a thousands space
        budget.cell(rows["stod-esf-projekt"], 4, "1 250,5")
        budget.cell(rows["samverkanskostnader"], 4, "ca 300")
    headers, rows = _headers(efforts), _rows(efforts)
    columns = ["Kvinnor", "Män", "Planerat", "Påbörjade", "Avslutade", "Till arbete", "Till studier",
               "Till annat stöd"]
    for effort, figures in EFFORT_FIGURES.items():
        for column, value in zip(columns, figures):
            efforts.cell(rows[effort], headers[column], value)
    if mistakes:
        efforts.cell(rows["vagen-in"], headers["Män"], " 17 ")
    headers, rows = _headers(goals), _rows(goals)
    for goal, (measure, women, men, planned) in GOAL_FIGURES.items():
        for column, value in zip(("Mått", "Kvinnor", "Män", "Planerat"), (measure, women, men, planned)):
            goals.cell(rows[goal], headers[column], value)
    if mistakes:
        _reverse(goals)
        goals.insert_rows(3)  # an empty row in the middle
        budget.title = "Budget 2023"
    book.save(target)


def _reverse(sheet) -> None:
    """Sort the data rows the other way, formulas moving with their rows as in a spreadsheet."""
    last = max(_rows(sheet).values())
    snapshot = {row: [sheet.cell(row, column).value for column in range(1, sheet.max_column + 1)]
                for row in range(2, last + 1)}
    for row, values in snapshot.items():
        target = last + 2 - row
        for column, value in enumerate(values, start=1):
            if isinstance(value, str) and value.startswith("="):
                value = Translator(value, origin=f"A{row}").translate_formula(f"A{target}")
            sheet.cell(target, column, value)


@needs("pdftotext")  # the PDF's text is always among the outputs searched
def it_fills_reads_and_shows_every_figure(styrdok, year_2023, tmp_path):
    template = tmp_path / "uppfoljning-2023.xlsx"
    run = styrdok("follow-up", "template", "2023", "-o", template, "--content", year_2023)
    assert run.code == 0, run.err
    assert not (year_2023 / "reviews" / "arlig-oversyn-2023.yaml").exists()
    filled = tmp_path / "ifylld.xlsx"
    fill(template, filled)
    run = styrdok("follow-up", "read", filled, "--content", year_2023)
    assert run.code == 1
    assert f"Blad Budget 2023, cell D{_row(filled, 'Budget 2023', 'stod-esf-projekt')}: '1 250,5' har decimaler" in run.err
    assert f"Blad Budget 2023, cell D{_row(filled, 'Budget 2023', 'samverkanskostnader')}: 'ca 300' är inget belopp." \
        in run.err
    assert "Inget fördes in" in run.err
    assert "Traceback" not in run.err
    # Mended in the spreadsheet, the rest as it was: read into the review, which starts itself.
    book = load_workbook(filled)
    sheet = book["Budget 2023"]
    sheet.cell(_rows(sheet)["stod-esf-projekt"], 4, "3 400")
    sheet.cell(_rows(sheet)["samverkanskostnader"], 4, 250)
    book.save(filled)
    run = styrdok("follow-up", "read", filled, "--content", year_2023)
    assert run.code == 0, run.err
    figures = len(OUTCOME) + sum(len(f) for f in EFFORT_FIGURES.values()) + 3 * len(GOAL_FIGURES)
    assert f": {figures} siffror och {len(GOAL_FIGURES)} mått (text) förda in ur" in run.out, run.out
    path = year_2023 / "reviews" / "arlig-oversyn-2023.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert data["budgetuppfoljning"]["utfall"] == OUTCOME
    assert {e["id"]: (e["kvinnor"], e["man"], e["planerat"], e["paborjade"], e["avslutade"], e["till_arbete"],
                      e["till_studier"], e["till_annat_stod"]) for e in data["insatser"]} == EFFORT_FIGURES
    assert {g["mal"]: (g["matt"], g["kvinnor"], g["man"], g["planerat"]) for g in data["maluppfoljning"]} == GOAL_FIGURES
    # Reading the same file again changes nothing.
    before = path.read_bytes()
    run = styrdok("follow-up", "read", filled, "--content", year_2023)
    assert run.code == 0 and "inget ändrades" in run.out
    assert path.read_bytes() == before
    check = styrdok("check", "--content", year_2023)
    assert check.code == 0, check.out
    assert styrdok("adopt", "arlig-oversyn-2023", "--datum", "2024-03-20", "--paragraf", "§ 7",
                   "--content", year_2023).code == 0
    out = tmp_path / "build"
    assert styrdok("build", "--content", year_2023, "--out", out).code == 0
    word = word_text(out / "word" / "arlig-oversyn-2023.docx").replace(NBSP, " ")
    # The page a reader opens, not the Markdown it is made of.
    page = (out / "site" / "oversyner" / "arlig-oversyn-2023" / "index.html").read_text(encoding="utf-8")
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S)
    site = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).replace(NBSP, " ").split())
    pdf = subprocess.run(["pdftotext", "-layout", str(out / "pdf" / "arlig-oversyn-2023.pdf"), "-"],
                         capture_output=True, text=True, check=True).stdout.replace(NBSP, " ")
    outputs = {"Word": word, "PDF": pdf, "webbplatsen": site}
    expected = [_amount(v) for v in OUTCOME.values()]
    expected += [_amount(v) for figures in EFFORT_FIGURES.values() for v in figures]
    expected += [_amount(v) for (_, women, men, planned) in GOAL_FIGURES.values() for v in (women, men, planned)]
    expected += ["18 300", "16 400", "1 900"]  # income and costs added up, and the result
    for name, text in outputs.items():
        for figure in expected:
            assert figure in text, f"{figure} saknas i {name}"
        for measure, *_ in GOAL_FIGURES.values():
            # A PDF table cell wraps a long measure between other columns' text: its words are there.
            found = all(word in text for word in measure.split()) if name == "PDF" else measure in text
            assert found, f"{measure} saknas i {name}"


def _row(path: Path, sheet: str, row_id: str) -> int:
    return _rows(load_workbook(path)[sheet])[row_id]


def _amount(value: int) -> str:
    return f"{value:,}".replace(",", " ")


def it_keeps_a_figure_edited_by_hand_since_the_last_read(styrdok, year_2023, tmp_path):
    template, filled = tmp_path / "mall.xlsx", tmp_path / "ifylld.xlsx"
    assert styrdok("follow-up", "template", "2023", "-o", template, "--content", year_2023).code == 0
    fill(template, filled, mistakes=False)
    assert styrdok("follow-up", "read", filled, "--content", year_2023).code == 0
    path = year_2023 / "reviews" / "arlig-oversyn-2023.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("    kansli: 2850", "    kansli: 2900"), encoding="utf-8")
    before = path.read_bytes()
    run = styrdok("follow-up", "read", filled, "--content", year_2023)
    assert run.code == 0
    assert "behöll budget.kansli = 2900, som ändrats för hand sedan förra inläsningen (filen säger 2850)" in run.err
    assert path.read_bytes() == before
    # A corrected spreadsheet overwrites what the last read wrote, but not the hand edit.
    book = load_workbook(filled)
    sheet = book["Budget"]
    sheet.cell(_rows(sheet)["staten"], 4, 8100)
    book.save(filled)
    assert styrdok("follow-up", "read", filled, "--content", year_2023).code == 0
    outcome = yaml.safe_load(path.read_text(encoding="utf-8"))["budgetuppfoljning"]["utfall"]
    assert (outcome["staten"], outcome["kansli"]) == (8100, 2900)
    assert styrdok("follow-up", "read", filled, "--skriv-over", "--content", year_2023).code == 0
    assert yaml.safe_load(path.read_text(encoding="utf-8"))["budgetuppfoljning"]["utfall"]["kansli"] == 2850


def it_keeps_every_line_it_does_not_change(styrdok, year_2023, tmp_path):
    assert styrdok("new-review", "2023", "--content", year_2023).code == 0
    path = year_2023 / "reviews" / "arlig-oversyn-2023.yaml"
    before = path.read_text(encoding="utf-8").splitlines()
    template, filled = tmp_path / "mall.xlsx", tmp_path / "ifylld.xlsx"
    assert styrdok("follow-up", "template", "2023", "-o", template, "--content", year_2023).code == 0
    fill(template, filled, mistakes=False)
    assert styrdok("follow-up", "read", filled, "--content", year_2023).code == 0
    after = path.read_text(encoding="utf-8").splitlines()
    # Every line before the record of the read is the old line, or the old line with its figure.
    body = after[:after.index("inlast:") - 1]
    assert len(body) == len(before)
    for old, new in zip(before, body):
        assert new == old or (old.rstrip().endswith(":") or "#" in old) and new.startswith(old.split("#")[0].rstrip()), \
            (old, new)


def it_reports_kronor_in_a_table_in_tkr_by_its_cell(styrdok, year_2023, tmp_path):
    template, filled = tmp_path / "mall.xlsx", tmp_path / "ifylld.xlsx"
    assert styrdok("follow-up", "template", "2023", "-o", template, "--content", year_2023).code == 0
    fill(template, filled, mistakes=False, outcome={**OUTCOME, "kansli": 3_140_000})
    run = styrdok("follow-up", "read", filled, "--content", year_2023)
    assert run.code == 1
    row = _row(filled, "Budget", "kansli")
    assert (f"Blad Budget, cell D{row}: Kansli: utfallet 3{NBSP}140{NBSP}000 tkr är mer än 100 gånger budgeten "
            f"3{NBSP}000 tkr; är det kronor? I tkr blir det 3{NBSP}140.") in run.err


def it_repeats_the_flow_the_next_year(styrdok, year_2023, tmp_path):
    template, filled = tmp_path / "mall-2023.xlsx", tmp_path / "ifylld-2023.xlsx"
    assert styrdok("follow-up", "template", "2023", "-o", template, "--content", year_2023).code == 0
    fill(template, filled, mistakes=False)
    assert styrdok("follow-up", "read", filled, "--content", year_2023).code == 0
    assert styrdok("adopt", "arlig-oversyn-2023", "--datum", "2024-03-20", "--paragraf", "§ 7",
                   "--content", year_2023).code == 0
    # The adopted review's figures are the board's decision: a changed file is refused.
    book = load_workbook(filled)
    book["Budget"].cell(_rows(book["Budget"])["kansli"], 4, 2700)
    book.save(filled)
    adopted = (year_2023 / "reviews" / "arlig-oversyn-2023.yaml").read_bytes()
    run = styrdok("follow-up", "read", filled, "--content", year_2023)
    assert run.code == 1 and "arlig-oversyn-2023 är antagen" in run.err and "Inget fördes in" in run.err
    assert (year_2023 / "reviews" / "arlig-oversyn-2023.yaml").read_bytes() == adopted
    template = tmp_path / "mall-2024.xlsx"
    assert styrdok("follow-up", "template", "2024", "-o", template, "--content", year_2023).code == 0
    book = load_workbook(template)
    efforts = book["Insatser"]
    assert sorted(_rows(efforts)) == ["steget", "unga-vuxna", "vagen-in"]
    assert all(efforts.cell(row, 3).value is None for row in _rows(efforts).values())  # a new year: empty
    efforts.cell(_rows(efforts)["steget"], 3, 9)
    book.save(filled)
    run = styrdok("follow-up", "read", filled, "--content", year_2023)
    assert run.code == 0, run.err
    data = yaml.safe_load((year_2023 / "reviews" / "arlig-oversyn-2024.yaml").read_text(encoding="utf-8"))
    assert next(e for e in data["insatser"] if e["id"] == "steget")["kvinnor"] == 9


def it_makes_a_template_a_person_can_fill_and_print(styrdok, year_2023, tmp_path):
    template = tmp_path / "mall.xlsx"
    run = styrdok("follow-up", "template", "2023", "-o", template, "--content", year_2023)
    assert run.code == 0 and f"skrev {template}" in run.out
    book = load_workbook(template)
    assert book.sheetnames == ["Instruktioner", "Budget", "Insatser", "Mål"]
    assert "styrdok follow-up read" in " ".join(str(c.value) for c in book["Instruktioner"]["A"])
    budget = book["Budget"]
    assert [c.value for c in budget[1]][1:] == ["Post", "Budget (tkr)", "Utfall (tkr)", "Skillnad (tkr)",
                                                "Skillnad (%)", "Medlem eller finansiär", "Del"]
    rows = _rows(budget)
    regionen = rows["regionen"]
    assert budget.cell(regionen, 7).value == "Region Sörmland"
    for name in ("Budget", "Insatser", "Mål"):
        sheet = book[name]
        assert sheet.column_dimensions["A"].hidden and sheet.protection.sheet
        assert sheet.print_title_rows == "$1:$1" and int(sheet.page_setup.paperSize) == 9  # A4
        assert sheet.data_validations.dataValidation, name
        label, figure = sheet.cell(2, 2), sheet.cell(2, 4)
        assert label.protection.locked and not figure.protection.locked, name
    assert budget.cell(rows["kansli"], 4).protection.locked is False
    totals = [budget.cell(row, 4).value for row in range(2, budget.max_row + 1)
              if str(budget.cell(row, 1).value).startswith("#")]
    assert len(totals) == 3 and all(str(value).startswith("=") for value in totals)
    # No plan in force: the template says so and writes nothing.
    run = styrdok("follow-up", "template", "2031", "-o", tmp_path / "ingen.xlsx", "--content", year_2023)
    assert run.code == 2 and "ingen antagen plan gäller år 2031" in run.err
    assert not (tmp_path / "ingen.xlsx").exists()
    run = styrdok("follow-up", "template", "2023", "-o", year_2023 / "mall.xlsx", "--content", year_2023)
    assert run.code == 2 and not (year_2023 / "mall.xlsx").exists()
    filled_before = template.read_bytes()
    run = styrdok("follow-up", "template", "2023", "-o", template, "--content", year_2023)
    assert run.code == 2 and "finns redan" in run.err and template.read_bytes() == filled_before
    run = styrdok("follow-up", "read", tmp_path / "finns-inte.xlsx", "--content", year_2023)
    assert run.code == 1 and "finns inte" in run.err and "Traceback" not in run.err
    (tmp_path / "trasig.xlsx").write_bytes(b"inte en zip")
    run = styrdok("follow-up", "read", tmp_path / "trasig.xlsx", "--content", year_2023)
    assert run.code == 1 and "är ingen Excel-fil" in run.err


def it_fills_a_review_written_by_hand(styrdok, bundled, tmp_path):
    """The bundled 2022 review: 'maluppfoljning: []' and 'utfall: {}' gain their figures, and every
    line it had stays as it was."""
    path = bundled / "reviews" / "arlig-oversyn-2022.yaml"
    before = path.read_text(encoding="utf-8").splitlines()
    template, filled = tmp_path / "mall.xlsx", tmp_path / "ifylld.xlsx"
    assert styrdok("follow-up", "template", "2022", "-o", template, "--content", bundled).code == 0
    book = load_workbook(template)
    budget, goals = book["Budget"], book["Mål"]
    outcome = {"kansli": 2850, "staten": 8000, "esf-medel": 2100}
    for row_id, value in outcome.items():
        budget.cell(_rows(budget)[row_id], 4, value)
    headers = _headers(goals)
    goals.cell(_rows(goals)["likvardig-rehabilitering"], headers["Kvinnor"], 120)
    goals.cell(_rows(goals)["likvardig-rehabilitering"], headers["Män"], 115)
    book.save(filled)
    run = styrdok("follow-up", "read", filled, "--content", bundled)
    assert run.code == 0, run.err
    after = path.read_text(encoding="utf-8")
    data = yaml.safe_load(after)
    assert data["budgetuppfoljning"]["utfall"] == outcome
    assert data["maluppfoljning"] == [{"mal": "likvardig-rehabilitering", "kvinnor": 120, "man": 115}]
    changed = [line for line in before if line not in after.splitlines()]
    assert changed == ["maluppfoljning: []", "  utfall: {}"]
    assert styrdok("check", "--content", bundled).code == 0
    again = path.read_bytes()
    assert styrdok("follow-up", "read", filled, "--content", bundled).code == 0
    assert path.read_bytes() == again


@pytest.mark.parametrize("measure", ["a: b", "# ingen kommentar", "'citerad'", "rad ett\nrad två", "- lista", "{x: 1}",
                                     "ÅÄÖ – ”citat” & <b>", "yes", "0123", "~", "@x", "%TAG"])
def it_keeps_a_measure_as_the_text_typed(styrdok, year_2023, tmp_path, measure):
    template, filled = tmp_path / "mall.xlsx", tmp_path / "ifylld.xlsx"
    assert styrdok("follow-up", "template", "2023", "-o", template, "--content", year_2023).code == 0
    book = load_workbook(template)
    goals = book["Mål"]
    goals.cell(_rows(goals)["likvardig-rehabilitering"], _headers(goals)["Mått"], measure)
    book.save(filled)
    run = styrdok("follow-up", "read", filled, "--content", year_2023)
    assert run.code == 0, run.err
    data = yaml.safe_load((year_2023 / "reviews" / "arlig-oversyn-2023.yaml").read_text(encoding="utf-8"))
    assert next(g for g in data["maluppfoljning"] if g["mal"] == "likvardig-rehabilitering")["matt"] == measure
    assert styrdok("check", "--content", year_2023).code == 0



def it_gives_a_review_without_a_budget_follow_up_the_years_budget(styrdok, bundled, tmp_path):
    path = bundled / "reviews" / "arlig-oversyn-2022.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("budgetuppfoljning:\n  plan: verksamhetsplan-2021\n  ar: 2022\n  utfall: {}\n", ""),
                    encoding="utf-8")
    template, filled = tmp_path / "mall.xlsx", tmp_path / "ifylld.xlsx"
    assert styrdok("follow-up", "template", "2022", "-o", template, "--content", bundled).code == 0
    book = load_workbook(template)
    budget = book["Budget"]
    budget.cell(_rows(budget)["kansli"], 4, 2850)
    book.save(filled)
    assert styrdok("follow-up", "read", filled, "--content", bundled).code == 0
    after = path.read_text(encoding="utf-8")
    assert "budgetuppfoljning:\n  plan: verksamhetsplan-2021\n  ar: 2022\n  utfall: {kansli: 2850}\n" \
           "medlemsuppfoljningar:" in after
    assert styrdok("check", "--content", bundled).code == 0


def it_says_the_file_is_another_years_template(styrdok, year_2023, tmp_path):
    """Last year's filled template read into this year's review: one sentence saying so, not a
    list of ids that do not match; nothing written."""
    template, filled = tmp_path / "mall-2023.xlsx", tmp_path / "ifylld-2023.xlsx"
    assert styrdok("follow-up", "template", "2023", "-o", template, "--content", year_2023).code == 0
    fill(template, filled, mistakes=False)
    assert styrdok("new-review", "2024", "--content", year_2023).code == 0
    review = year_2023 / "reviews" / "arlig-oversyn-2024.yaml"
    before = review.read_bytes()
    run = styrdok("follow-up", "read", filled, "--review", "arlig-oversyn-2024", "--content", year_2023)
    assert run.code == 2 and "är mallen för 2023, men översynen arlig-oversyn-2024 följer upp 2024" in run.err, run.err
    assert "finns inte i översynen" not in run.err and review.read_bytes() == before
