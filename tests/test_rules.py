"""Every rule of `styrdok check`: the minimal content passes it, one edit breaks it."""

from __future__ import annotations

import json
from fractions import Fraction

import pytest

from generators.content.checks import RULES
from generators.formatting import share_percent
from tests.conftest import edit_yaml


def budget(data):
    return data["avsnitt"][2]["innehall"][0]["budget"]


def projects(data):
    return data["avsnitt"][2]["innehall"][1]["projekt"]


def set_rows(part, **amounts):
    for row in part["rader"]:
        if row["id"] in amounts:
            row["belopp"] = amounts[row["id"]]


def add_subtotal(data):
    budget(data)["intakter"]["rader"].insert(2, {
        "id": "delsumma", "text": "Summa", "delsumma": True, "belopp": {2030: 1000, 2031: 1200}})


def swap_shares(data):
    set_rows(budget(data)["intakter"], staten={2030: 600, 2031: 800}, regionen={2030: 600, 2031: 400})


def move_project_cost(data):
    set_rows(budget(data)["kostnader"], kansli={2030: 700, 2031: 600}, projekt={2030: 900, 2031: 1000})


def glossary_misspelt(data):
    data["avsnitt"][0]["innehall"][0]["vision"] = "Uppföljning sker i Sus."


def former_name(data):
    data["avsnitt"][0]["innehall"][0]["vision"] = "Landstinget och kommunerna samverkar."


def duplicate_goal_id(data):
    data["avsnitt"][1]["innehall"][0]["mal"][0]["delmal"][0]["id"] = "arbete"


def stale_acknowledgement(data):
    data["kvitteringar"] = [{"regel": "budget-summa", "plats": "avsnitt[2]", "motivering": "Så antagen."}]


# (rule, file under the content folder, edit, field path the finding names)
CASES = [
    ("budget-summa", "plans/plan.yaml", lambda d: budget(d)["kostnader"]["summa"]["belopp"].update({2030: 1700}),
     "avsnitt[2].innehall[0].budget.kostnader.summa.belopp[2030]"),
    ("budget-i-text", "plans/plan.yaml", lambda d: d["avsnitt"][2]["innehall"].insert(
        0, {"stycke": "För verksamhetsåret 2030 budgeterar förbundet 1,7 mkr i kostnader."}),
     "avsnitt[2].innehall[0].stycke"),
    ("budget-delsumma", "plans/plan.yaml", add_subtotal, "budget.intakter.rader[2].belopp[2030]"),
    ("budget-resultat", "plans/plan.yaml", lambda d: budget(d)["resultat"]["belopp"].update({2031: 5}),
     "budget.resultat.belopp[2031]"),
    ("budget-ar", "plans/plan.yaml", lambda d: budget(d)["kostnader"]["rader"][0]["belopp"].pop(2031),
     "budget.kostnader.rader[0].belopp"),
    ("finansieringsandel", "plans/plan.yaml", swap_shares, "budget.intakter"),
    ("projekt-summa", "plans/plan.yaml", lambda d: projects(d)["summa"].update(total_kostnad=1500),
     "projekt.summa.total_kostnad"),
    ("projekt-i-budget", "plans/plan.yaml", move_project_cost, "budget.kostnader.rader[1].belopp[2030]"),
    ("datum", "plans/plan.yaml", lambda d: projects(d)["projekt"][0].update(slut="2031-02-30"),
     "projekt.projekt[0].slut"),
    ("projekt-ordning", "plans/plan.yaml", lambda d: projects(d)["projekt"][1].update(slut="2029-12-31"),
     "projekt.projekt[1].slut"),
    ("period", "plans/plan.yaml", lambda d: d.update(slutar=2029), "slutar"),
    ("beslutsdatum", "plans/plan.yaml", lambda d: d.update(
        status="antagen", antagen={"organ": "styrelsen", "datum": "2032-01-10", "paragraf": "§ 1"}), "antagen.datum"),
    ("fordelning-summa", "plans/plan.yaml",
     lambda d: d["avsnitt"][1]["avsnitt"][0]["innehall"][1]["fordelning"][0].update(andel=70), "fordelning"),
    ("rubriknumrering", "plans/plan.yaml", lambda d: d["avsnitt"][1]["avsnitt"][0].update(nummer="2.2"),
     "avsnitt[1].avsnitt[0].nummer"),
    ("nyckeltal", "member-follow-ups/uppfoljning.yaml", lambda d: d["nyckeltal"][0].update(varde="5"),
     "nyckeltal[0].varde"),
    ("terminologi", "plans/plan.yaml", glossary_misspelt, "avsnitt[0].innehall[0].vision"),
    ("tidigare-namn", "plans/plan.yaml", former_name, "avsnitt[0].innehall[0].vision"),
    ("unika-id", "plans/plan.yaml", duplicate_goal_id, "delmal[0].id"),
    ("referens", "plans/plan.yaml", lambda d: d.update(ersatter="finns-inte"), "ersatter"),
    ("referens", "reviews/oversyn.yaml", lambda d: d["maluppfoljning"][0].update(mal="okant-mal"),
     "maluppfoljning[0].mal"),
    ("referens", "reviews/oversyn.yaml", lambda d: d["budgetuppfoljning"]["utfall"].update({"okand-rad": 1}),
     "budgetuppfoljning.utfall"),
    ("oversyn-ar", "reviews/oversyn.yaml", lambda d: d["budgetuppfoljning"].update(ar=2031), "budgetuppfoljning.ar"),
    ("utfall-skala", "reviews/oversyn.yaml", lambda d: d["budgetuppfoljning"]["utfall"].update(kansli=590_000),
     "budgetuppfoljning.utfall.kansli"),
    ("kvittering", "plans/plan.yaml", stale_acknowledgement, "kvitteringar[0]"),
    ("kommentar", "plans/plan.yaml", lambda d: d.update(kommentarer=[{"avsnitt": "1 Inledning", "text": "Varför?"}]),
     "kommentarer[0]"),
    ("kontaktuppgifter", "organisation.yaml", lambda d: d["kontakt"].update(epost=None, telefon=None), "kontakt"),
    ("tecken", "plans/plan.yaml", lambda d: d["avsnitt"][0]["innehall"][0].update(vision="Samverkan 🏳️‍🌈 中"),
     "avsnitt[0].innehall[0].vision"),
    ("versionskedja", "plans/plan.yaml", lambda d: d.update(ersatter="plan-2030"), "ersatter"),
    ("versionskedja", "plans/plan.yaml", lambda d: d.update(ersatter="oversyn-2030"), "ersatter"),
    ("versionskedja", "reviews/oversyn.yaml", lambda d: d.update(foregaende_version="oversyn-2030"),
     "foregaende_version"),
    ("filnamn", "reviews/oversyn.yaml", lambda d: d.update(id="index"), "id"),
    ("lagens-andelar", "organisation.yaml", lambda d: d["finansiering"]["andelar"][0].update(andel="2/3"),
     "finansiering.andelar[0].andel"),
    ("medlemsnyckel", "organisation.yaml",
     lambda d: [m.update(nyckel=10) for m in d["medlemmar"] if m["grupp"] == "kommunerna"], "medlemmar["),
    ("farg", "organisation.yaml", lambda d: d.update(farg="#8a8a8a"), "farg"),
    ("att-skriva", "plans/plan.yaml",
     lambda d: d["avsnitt"][0]["innehall"][0].update(vision="[Att skriva: visionen]"), "avsnitt[0].innehall[0].vision"),
    ("budgetbeslut", "plans/plan.yaml", lambda d: d.update(
        slag="verksamhetsplan", status="antagen", antagen={"organ": "styrelsen", "datum": "2029-12-10"}), "antagen"),
]
WARNINGS = {"budgetbeslut"}
"""Rules about a decision already taken, which the content records but cannot undo."""


def findings(styrdok, content) -> tuple[int, list[dict]]:
    run = styrdok("check", "--content", content, "--format", "json")
    return run.code, json.loads(run.out)


ELSEWHERE = {"period-i-text": "tests/test_board_year.py"}
"""Rules that need more than one file to break, with where their cases are."""


def it_has_a_case_for_every_rule():
    assert {case[0] for case in CASES} | set(ELSEWHERE) == set(RULES)


def it_passes_the_minimal_content(styrdok, minimal):
    code, found = findings(styrdok, minimal)
    assert (code, found) == (0, [])


@pytest.mark.parametrize("rule, file, change, field", CASES, ids=[f"{c[0]}:{c[3]}" for c in CASES])
def it_reports_a_broken_rule_with_file_line_and_field(styrdok, minimal, rule, file, change, field):
    edit_yaml(minimal / file, change)
    code, found = findings(styrdok, minimal)
    hits = [f for f in found if f["rule"] == rule]
    assert hits, found
    hit = hits[0]
    assert field in hit["field"]
    assert hit["file"].endswith(file) and hit["line"] > 0 and hit["column"] > 0
    # Every finding the content does not acknowledge is an error; in a member's own decision a warning.
    warning = file.startswith("member-follow-ups/") or rule in WARNINGS
    assert hit["severity"] == ("varning" if warning else "fel")
    assert code == (0 if warning else 1)


@pytest.mark.parametrize("rule, file, change, field", CASES, ids=[f"{c[0]}:{c[3]}" for c in CASES])
def it_makes_a_new_mistake_in_an_adopted_version_an_error(styrdok, minimal, rule, file, change, field):
    def adopt(data):
        data["status"] = "antagen"
        data["antagen"] = {"organ": "styrelsen", "datum": "2029-12-10", "paragraf": "§ 45"}
    edit_yaml(minimal / "plans/plan.yaml", adopt)
    edit_yaml(minimal / file, change)
    code, found = findings(styrdok, minimal)
    warning = file.startswith("member-follow-ups/") or rule in WARNINGS
    assert code == (0 if warning else 1)
    assert [f["severity"] for f in found if f["rule"] == rule][0] == ("varning" if warning else "fel")


def it_lists_an_acknowledged_finding_as_acknowledged(styrdok, minimal):
    def acknowledge(data):
        set_rows(budget(data)["kostnader"], kansli={2030: 700, 2031: 600})
        data["kvitteringar"] = [{"regel": "budget-summa", "plats": "avsnitt[2].innehall[0].budget.kostnader",
                                 "motivering": "Summan är antagen så."}]
    edit_yaml(minimal / "plans/plan.yaml", acknowledge)
    code, found = findings(styrdok, minimal)
    assert code == 0
    assert [(f["rule"], f["severity"]) for f in found] == [("budget-summa", "kvitterad")]
    assert "Summan är antagen så." in found[0]["message"]


def it_never_lets_an_integrity_error_be_acknowledged(styrdok, minimal):
    def acknowledge(data):
        data["ersatter"] = "finns-inte"
        data["kvitteringar"] = [{"regel": "referens", "plats": "ersatter", "motivering": "Nej."}]
    edit_yaml(minimal / "plans/plan.yaml", acknowledge)
    code, found = findings(styrdok, minimal)
    assert code == 1
    assert ("referens", "fel") in [(f["rule"], f["severity"]) for f in found]


def it_reports_the_same_version_id_in_two_files(styrdok, minimal):
    (minimal / "plans/kopia.yaml").write_text((minimal / "plans/plan.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    code, found = findings(styrdok, minimal)
    assert code == 1
    assert any(f["rule"] == "unika-id" and "används redan" in f["message"] for f in found)


def it_lets_a_member_follow_up_acknowledge_its_published_figures(styrdok, minimal):
    def acknowledge(data):
        data["nyckeltal"][0]["varde"] = "5"
        data["kvitteringar"] = [{"regel": "nyckeltal", "plats": "nyckeltal[0]", "motivering": "Så i beslutet."}]
    edit_yaml(minimal / "member-follow-ups/uppfoljning.yaml", acknowledge)
    code, found = findings(styrdok, minimal)
    assert (code, [(f["rule"], f["severity"]) for f in found]) == (0, [("nyckeltal", "kvitterad")])


@pytest.mark.parametrize("place, acknowledged", [
    ("avsnitt[2].innehall[0].budget.kostnader", True),
    ("avsnitt[2].innehall[0].budget.kostnader.summa.belopp[2030]", True),
    ("avsnitt[2].innehall[0].budget.kostnader.summa.belopp[2031]", False),
    ("avsnitt[2].innehall[0].budget.kost", False),
    ("avsnitt[2].innehall[0].budget.kostnader.summa.belopp[203", False),
])
def it_acknowledges_only_the_place_it_names_and_what_lies_within(styrdok, minimal, place, acknowledged):
    def acknowledge(data):
        budget(data)["kostnader"]["summa"]["belopp"].update({2030: 1700})
        budget(data)["resultat"]["belopp"].update({2030: -100})
        data["kvitteringar"] = [{"regel": "budget-summa", "plats": place, "motivering": "Antagen så."}]
    edit_yaml(minimal / "plans/plan.yaml", acknowledge)
    code, found = findings(styrdok, minimal)
    severities = sorted(f["severity"] for f in found)
    assert severities == (["kvitterad"] if acknowledged else ["fel", "fel"])
    assert code == (0 if acknowledged else 1)


@pytest.mark.parametrize("fraction, shown", [(Fraction(1, 2), "50,0\u00a0%"), (Fraction(1, 3), "33,3\u00a0%"),
                                             (Fraction(2, 3), "66,7\u00a0%"), (Fraction(1), "100,0\u00a0%")])
def it_words_a_financing_share_in_swedish(fraction, shown):
    assert share_percent(fraction) == shown


@pytest.mark.parametrize("title, start, end, severity", [
    ("Verksamhetsplan budget 2027", 2027, 2072, "varning"), ("Mål- och inriktningsplan 2030–2031", 2030, 2032, "fel"),
    ("Mål- och inriktningsplan 2030–2031", 2029, 2031, "fel"), ("Verksamhetsplan 2031", 2030, 2030, "fel")])
def it_finds_a_period_the_title_does_not_name(styrdok, minimal, title, start, end, severity):
    """A mistyped year ('slutar: 2072' in a plan titled 2027) would publish the wrong period."""
    path = minimal / "plans" / "plan.yaml"
    text = path.read_text(encoding="utf-8").replace("titel: Mål- och inriktningsplan 2030–2031", f"titel: {title}")
    path.write_text(text.replace("startar: 2030", f"startar: {start}").replace("slutar: 2031", f"slutar: {end}"),
                    encoding="utf-8")
    run = styrdok("check", "--content", minimal)
    assert f"{severity}: " in run.out and f"titeln ”{title}” anger" in run.out and "[period]" in run.out, run.out
    assert run.code == (1 if severity == "fel" else 0)
