"""An amount the text gives as a year's costs or income agrees with the budget table's sum, to
the precision the text writes it in (the minimal plan's table: 1 600 tkr each year)."""

from __future__ import annotations

import json

import pytest

from tests.conftest import edit_yaml


def check_with_paragraph(styrdok, minimal, text: str) -> list[dict]:
    edit_yaml(minimal / "plans/plan.yaml", lambda d: d["avsnitt"][2]["innehall"].insert(0, {"stycke": text}))
    run = styrdok("check", "--content", minimal, "--format", "json")
    return [f for f in json.loads(run.out) if f["rule"] == "budget-i-text"]


@pytest.mark.parametrize("text", [
    "För 2030 budgeterar förbundet 1,6 mkr i kostnader.",
    "År 2031 väntas 1 600 tkr i intäkter.",
    "Förbundet räknar med 1 600 000 kr i kostnader under 2030.",
    "För 2030 budgeteras 2 mkr i kostnader.",            # whole millions: 1,6 rounds to 2
    "För 2030 budgeteras 1,55 miljoner kronor i kostnader, 2031 lika mycket.",  # two years: which?
    "Förbundet har 1,7 mkr i kostnader.",                # no year
    "För 2032 budgeteras 9 mkr i kostnader.",            # not a year of the table
])
def it_accepts_an_amount_that_agrees_or_cannot_be_placed(styrdok, minimal, text):
    assert check_with_paragraph(styrdok, minimal, text) == []


@pytest.mark.parametrize("text, said", [
    ("För 2030 budgeterar förbundet 1,7 mkr i kostnader.", "1,7 mkr i kostnader för 2030"),
    ("År 2031 väntas 1 650 tkr i intäkter.", "1 650 tkr i intäkter för 2031"),
    ("För 2030 budgeteras 1,64 mkr i kostnader.", "1,64 mkr i kostnader för 2030"),
])
def it_reports_an_amount_that_disagrees_with_the_table(styrdok, minimal, text, said):
    found = check_with_paragraph(styrdok, minimal, text)
    assert len(found) == 1
    assert found[0]["message"] == f"texten anger {said} men budgettabellens summa är 1\u00a0600 tkr"
    assert found[0]["field"].endswith("avsnitt[2].innehall[0].stycke") and found[0]["line"] > 0
    assert found[0]["severity"] == "fel"


def it_is_reported_in_the_bundled_2021_plan_and_acknowledged(styrdok, bundled):
    run = styrdok("check", "--content", bundled, "--format", "json")
    found = [f for f in json.loads(run.out) if f["rule"] == "budget-i-text"]
    assert [(f["severity"], f["file"].split("/")[-1]) for f in found] == [("kvitterad", "verksamhetsplan-2021.yaml")]
    assert "22,6 mkr i kostnader för 2021" in found[0]["message"] and "22\u00a0300 tkr" in found[0]["message"]
