"""Known inconsistencies are acknowledged in the content; everything else fails `check`."""

from __future__ import annotations

import json

import pytest


@pytest.mark.parametrize("file, old, new, rule", [
    # A typo in a budget figure of an adopted plan: the rows no longer make the total.
    ("plans/verksamhetsplan-2021.yaml", "belopp: {2021: 3000, 2022: 3000, 2023: 3000}",
     "belopp: {2021: 3000, 2022: 3100, 2023: 3000}", "budget-summa"),
    # An impossible date typed into the adopted 2007 plan.
    ("plans/verksamhetsplan-2007.yaml", "slut: \"2008-01-31\"", "slut: \"2008-09-31\"", "datum"),
    # A misspelt term in the adopted plan in force.
    ("plans/mal-och-inriktningsplan-2022-2026.yaml", "Samordningsförbundet RAR Sörmland skall",
     "Samordningsförbundet Rar Sörmland skall", "terminologi"),
])
def it_turns_check_red_on_a_new_mistake_in_an_adopted_plan(styrdok, bundled, file, old, new, rule):
    path = bundled / file
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    run = styrdok("check", "--content", bundled, "--format", "json")
    assert run.code == 1
    errors = [f for f in json.loads(run.out) if f["severity"] == "fel"]
    new = [f for f in errors if f["rule"] == rule]
    assert len(new) == 1 and new[0]["file"].endswith(file) and new[0]["line"] > 0
    # A typo in an acknowledged table also leaves that acknowledgement without its finding.
    assert {f["rule"] for f in errors} <= {rule, "kvittering"}


def it_reads_zero_errors_zero_warnings_and_the_acknowledged(styrdok, bundled):
    run = styrdok("check", "--content", bundled)
    assert run.code == 0
    # The eight published inconsistencies and the missing contact details.
    assert run.out.splitlines()[-1] == "0 fel, 0 varningar, 9 kvitterade"


def it_turns_a_stale_acknowledgement_into_an_error(styrdok, bundled):
    path = bundled / "plans/verksamhetsplan-2021.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("belopp: {2021: 22300, 2022: 18500, 2023: 18500}",
                                 "belopp: {2021: 21850, 2022: 18500, 2023: 18500}"), encoding="utf-8")
    run = styrdok("check", "--content", bundled, "--format", "json")
    found = json.loads(run.out)
    assert run.code == 1
    stale = [f for f in found if f["rule"] == "kvittering"]
    # The sum's acknowledgement, and that of the text's 22,6 mkr, which named the old sum.
    assert sorted(f["message"].split()[2] for f in stale) == ["budget-i-text", "budget-summa"]
    assert all(f["severity"] == "fel" and "motsvarar inget fynd" in f["message"] for f in stale)
