"""A review that starts itself (`styrdok new-review YEAR`) and a review fit for the board: budget
against outcome with totals, result and differences, the decision on its page, no adoption of
an empty review without saying so, outcomes out of scale, and whole sentences."""

from __future__ import annotations

import re
from dataclasses import replace

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generators import formatting
from generators.content.loading import MODELS, load_content
from generators.document import ListBlock, Paragraph
from generators.review import review_document
from generators.templating import phrases
from tests.conftest import FIXTURES


def it_starts_the_review_of_a_year_from_the_plan_and_budget_in_force(styrdok, bundled):
    run = styrdok("new-review", "2023", "--content", bundled)
    assert run.code == 0, run.err
    path = bundled / "reviews" / "arlig-oversyn-2023.yaml"
    assert f"skrev {path}" in run.out
    text = path.read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    assert (data["plan"], data["ar"], data["status"]) == ("mal-och-inriktningsplan-2022-2026", 2023, "utkast")
    assert "ersatter" not in data
    assert [f["mal"] for f in data["maluppfoljning"]] == [
        "arbete-utbildning-forsorjning", "forbattrad-forvarvsformaga", "likvardig-rehabilitering",
        "verksamheten-val-kand"]
    # Every figure empty, the budget of the year and its lines, each with where its figure comes from.
    assert all(f[key] is None for f in data["maluppfoljning"] for key in ("kvinnor", "man", "planerat"))
    assert data["budgetuppfoljning"]["plan"] == "verksamhetsplan-2021"
    assert data["budgetuppfoljning"]["ar"] == 2023
    assert data["budgetuppfoljning"]["utfall"] == dict.fromkeys(
        ["staten", "regionen", "kommunerna", "esf-medel", "kansli", "samverkanskostnader", "stod-esf-projekt",
         "beviljade-insatser", "nya-insatser"])
    assert "    nya-insatser:  # Medel tillgängligt nya insatser, budget 11 250\n" in text
    assert "ur förbundets bokslut för 2023, i tkr" in text
    assert "Uppföljning Finsam" in text
    assert "uppgift saknas" not in text
    check = styrdok("check", "--content", bundled)
    assert check.code == 0 and check.out.splitlines()[-1] == "0 fel, 0 varningar, 9 kvitterade", check.out


def it_lists_the_years_members_follow_ups_and_the_efforts_kept_on(styrdok, bundled):
    review = bundled / "reviews" / "arlig-oversyn-2022.yaml"
    text = review.read_text(encoding="utf-8").replace("insatser: []\n", (
        "insatser:\n  - id: unga-vuxna\n    namn: Unga vuxna i arbete\n    beslut: fortsatta\n"
        "  - id: stangd\n    namn: Avslutad insats\n    beslut: avveckla\n"))
    review.write_text(text, encoding="utf-8")
    assert styrdok("new-review", "2023", "--content", bundled).code == 0
    data = yaml.safe_load((bundled / "reviews" / "arlig-oversyn-2023.yaml").read_text(encoding="utf-8"))
    assert [(e["id"], e["namn"], e["beslut"]) for e in data["insatser"]] == [("unga-vuxna", "Unga vuxna i arbete", None)]
    assert data["medlemsuppfoljningar"] == []
    assert styrdok("new-review", "2024", "--content", bundled).code == 0
    data = yaml.safe_load((bundled / "reviews" / "arlig-oversyn-2024.yaml").read_text(encoding="utf-8"))
    assert "budgetuppfoljning" not in data  # no adopted plan has a budget for 2024


def it_refuses_a_year_without_a_plan_or_with_a_review(styrdok, bundled):
    run = styrdok("new-review", "2030", "--content", bundled)
    assert run.code == 2 and "ingen antagen plan gäller år 2030" in run.err
    run = styrdok("new-review", "2022", "--content", bundled)
    assert run.code == 2 and "året 2022 har redan en årlig översyn: arlig-oversyn-2022" in run.err
    run = styrdok("new-review", "20x4", "--content", bundled)
    assert run.code == 2 and "'20x4' är inget år" in run.err
    assert sorted(p.name for p in (bundled / "reviews").iterdir()) == ["arlig-oversyn-2022.yaml"]


def it_refuses_to_copy_a_review_and_points_to_new_review(styrdok, bundled):
    run = styrdok("new-revision", "arlig-oversyn-2022", "--id", "arlig-oversyn-2024", "--period", "2024",
                  "--content", bundled)
    assert run.code == 2
    assert "arlig-oversyn-2022 är en årlig översyn" in run.err and "styrdok new-review 2024" in run.err
    assert not (bundled / "reviews" / "arlig-oversyn-2024.yaml").exists()
    # Without a period: the first year with no review yet, not the year after the one copied.
    assert styrdok("new-review", "2023", "--content", bundled).code == 0
    run = styrdok("new-revision", "arlig-oversyn-2022", "--id", "kopia", "--content", bundled)
    assert run.code == 2 and "styrdok new-review 2024" in run.err, run.err


def it_refuses_to_adopt_a_review_without_figures_unless_told(styrdok, bundled):
    assert styrdok("new-review", "2023", "--content", bundled).code == 0
    path = bundled / "reviews" / "arlig-oversyn-2023.yaml"
    before = path.read_bytes()
    run = styrdok("adopt", "arlig-oversyn-2023", "--datum", "2024-03-20", "--paragraf", "§ 7", "--content", bundled)
    assert run.code == 1
    assert "har inga uppföljningssiffror" in run.err and run.err.count("Inget antogs.") == 1 and "--utan-siffror" in run.err
    assert path.read_bytes() == before
    run = styrdok("adopt", "arlig-oversyn-2023", "--datum", "2024-03-20", "--paragraf", "§ 7", "--utan-siffror",
                  "--content", bundled)
    assert run.code == 0, run.err
    assert yaml.safe_load(path.read_text(encoding="utf-8"))["status"] == "antagen"


def _filled(bundled, kansli: str = "2850"):
    """The 2023 review started, with every outcome of the budget and one goal filled in by hand."""
    path = bundled / "reviews" / "arlig-oversyn-2023.yaml"
    text = path.read_text(encoding="utf-8")
    outcomes = {"staten": 8000, "regionen": 4000, "kommunerna": 4000, "esf-medel": 2300, "kansli": kansli,
                "samverkanskostnader": 250, "stod-esf-projekt": 3400, "beviljade-insatser": 100,
                "nya-insatser": 9800}
    for row, value in outcomes.items():
        text = re.sub(rf"^    {row}:", f"    {row}: {value}", text, count=1, flags=re.MULTILINE)
    text = text.replace("  - mal: arbete-utbildning-forsorjning\n    matt:\n    kvinnor:\n    man:\n    planerat:\n",
                        "  - mal: arbete-utbildning-forsorjning\n    matt: Deltagare\n    kvinnor: 41\n    man: 37\n"
                        "    planerat: 90\n")
    path.write_text(text, encoding="utf-8")


def it_shows_budget_against_outcome_with_totals_result_and_differences(styrdok, bundled, tmp_path):
    assert styrdok("new-review", "2023", "--content", bundled).code == 0
    _filled(bundled)
    assert styrdok("check", "--content", bundled).code == 0
    content = load_content(bundled)
    document = review_document(content.version("arlig-oversyn-2023").model, content, None, phrases())
    table = next(n for n in document.nodes if getattr(n, "header", ("",))[0] == "Post")
    rows = {row.cells[0]: row.cells for row in table.rows}
    nb = "\u00a0"
    # 8000 + 4000 + 4000 + 2300 = 18 300 against 18 500; 2850 + 250 + 3400 + 100 + 9800 = 16 400 against 18 050.
    assert rows["Summa intäkter"] == ("Summa intäkter", f"18{nb}500", f"18{nb}300", "\u2212200", f"\u22121,1{nb}%")
    assert rows["Summa kostnader"] == ("Summa kostnader", f"18{nb}050", f"16{nb}400", "\u22121\u00a0650",
                                       f"\u22129,1{nb}%")
    assert rows["Resultat (intäkter \u2212 kostnader)"][1:4] == ("450", f"1{nb}900", f"+1{nb}450")
    assert rows["Beviljade insatser"][3:] == ("+100", "–")  # a budget of 0 has no percentage
    chart = next(n for n in document.nodes if type(n).__name__ == "Chart")
    assert chart.years == ("Budget", "Utfall")
    assert ("Kansli", (3000, 2850)) in [(s.label, s.values) for panel in chart.panels for s in panel.series]
    assert chart.caption == "Figur 1. Intäkter och kostnader, budget och utfall 2023, tkr"
    # The site's page: the same table, the chart and the decision with its date and paragraph.
    assert styrdok("adopt", "arlig-oversyn-2023", "--datum", "2024-03-20", "--paragraf", "§ 7",
                   "--content", bundled).code == 0
    out = tmp_path / "build"
    assert styrdok("build", "--content", bundled, "--out", out).code == 0
    page = (out / "docs" / "oversyner" / "arlig-oversyn-2023.md").read_text(encoding="utf-8")
    assert "Antagen av styrelsen den 20 mars 2024, § 7" in page
    assert f"16{nb}400" in page or "16&nbsp;400" in page
    assert "diagram/arlig-oversyn-2023-utfall-2023.svg" in page
    assert '<figcaption markdown="span">Figur 1. Intäkter och kostnader, budget och utfall 2023, tkr</figcaption>' in page
    assert (out / "docs" / "diagram" / "arlig-oversyn-2023-utfall-2023.svg").is_file()


def it_finds_an_outcome_in_kronor_typed_into_a_table_in_tkr(styrdok, bundled):
    assert styrdok("new-review", "2023", "--content", bundled).code == 0
    _filled(bundled, kansli="3140000")
    run = styrdok("check", "--content", bundled)
    assert run.code == 1
    assert ("budgetuppfoljning.utfall.kansli: Kansli: utfallet 3\u00a0140\u00a0000 tkr är mer än 100 gånger budgeten "
            "3\u00a0000 tkr; är det kronor? I tkr blir det 3\u00a0140 [utfall-skala]") in run.out


def _tool_paragraphs(document, introduction: list[str]) -> list[str]:
    """The paragraphs the review writes, less the office's introduction and a lead-in to a list."""
    nodes = document.nodes
    return [n.text for n, following in zip(nodes, [*nodes[1:], None])
            if isinstance(n, Paragraph) and n.style == "text" and n.text not in introduction
            and not (n.text.endswith(":") and isinstance(following, ListBlock))]


def it_writes_whole_sentences_in_the_review(styrdok, bundled):
    """Every paragraph the tool writes starts with a capital and ends with a full stop, in an
    empty draft, a half-filled review and the README's example."""
    assert styrdok("new-review", "2023", "--content", bundled).code == 0
    _filled(bundled)
    example = FIXTURES / "uppfoljning-exempel.yaml"
    review = bundled / "reviews" / "arlig-oversyn-2022.yaml"
    text = review.read_text(encoding="utf-8")
    for key in ("maluppfoljning: []\n", "insatser: []\n"):
        text = text.replace(key, "")
    text = text[:text.index("budgetuppfoljning:")] + text[text.index("medlemsuppfoljningar:"):]
    review.write_text(text + example.read_text(encoding="utf-8"), encoding="utf-8")
    content = load_content(bundled)
    checked = 0
    for loaded in content.reviews:
        document = review_document(loaded.model, content, None, phrases())
        for sentence in _tool_paragraphs(document, loaded.model.introduction):
            assert sentence[0].isupper() and sentence[-1] in ".!?", sentence
            checked += 1
    assert checked >= 10


@given(st.text(min_size=1).filter(lambda t: t.strip()))
def it_makes_any_text_a_whole_sentence(text):
    made = formatting.sentence(text)
    assert made[-1] in ".!?"
    assert made[0] == made[0].upper()
    assert made.startswith(text.strip()[0].upper())


def it_takes_the_budget_of_the_plan_adopted_for_the_year(styrdok, bundled):
    """After the year's verksamhetsplan is adopted, the review of the next year follows its
    budget, not the 2021 plan's, and the mål- och inriktningsplan's goals."""
    run = styrdok("new-revision", "verksamhetsplan-2021", "--id", "verksamhetsplan-2022", "--period", "2022",
                  "--content", bundled)
    assert run.code == 0, run.err
    plan = bundled / "plans" / "verksamhetsplan-2022.yaml"
    text = re.sub(r"2024: (?=[,}])", "2024: 100", plan.read_text(encoding="utf-8"))
    # Adopted in this copy by hand: what new-review reads is the decision, not how it was reached.
    plan.write_text(text.replace("status: utkast", "status: antagen\nantagen:\n  organ: styrelsen\n"
                                 "  datum: '2022-12-10'\n  paragraf: § 45", 1), encoding="utf-8")
    assert styrdok("new-review", "2024", "--content", bundled).code == 0
    data = yaml.safe_load((bundled / "reviews" / "arlig-oversyn-2024.yaml").read_text(encoding="utf-8"))
    assert data["plan"] == "mal-och-inriktningsplan-2022-2026"
    assert (data["budgetuppfoljning"]["plan"], data["budgetuppfoljning"]["ar"]) == ("verksamhetsplan-2022", 2024)
    assert "kansli" in data["budgetuppfoljning"]["utfall"]


_PHRASE_TEXT = st.text(st.sampled_from("abcåäöéxyzABCÅÄÖÉ 0123 .,:;!?-–()”'"), min_size=1, max_size=40).filter(
    lambda t: t.strip() and t.strip()[0].isalpha())


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(goals=st.lists(_PHRASE_TEXT, min_size=4, max_size=4), name=_PHRASE_TEXT, reason=_PHRASE_TEXT,
       comment=_PHRASE_TEXT, lower=st.booleans())
def it_writes_whole_sentences_whatever_the_plan_says(bundled, goals, name, reason, comment, lower):
    """Goal texts, effort names, reasons and comments in lower case, with or without a full
    stop: every paragraph the review writes around them is still a whole sentence."""
    if lower:
        goals, name, reason, comment = [g.lower() for g in goals], name.lower(), reason.lower(), comment.lower()
    content = load_content(bundled)
    plan_data = yaml.safe_load((bundled / "plans" / "mal-och-inriktningsplan-2022-2026.yaml").read_text("utf-8"))
    goal = plan_data["avsnitt"][3]["innehall"][0]["mal"][0]
    goal["text"] = goals[0]
    for sub, text in zip(goal["delmal"], goals[1:]):
        sub["text"] = text
    plan = MODELS["plan"].model_validate(plan_data)
    review = MODELS["review"].model_validate({
        "id": "arlig-oversyn-2023", "slag": "arlig-oversyn", "titel": "Årlig översyn 2023", "ar": 2023,
        "startar": 2023, "slutar": 2023, "status": "utkast", "plan": plan.id,
        "maluppfoljning": [{"mal": goal["delmal"][0]["id"], "kvinnor": 1, "man": 2, "kommentar": comment}],
        "insatser": [{"id": "a", "namn": name, "beslut": "fortsatta", "motivering": reason}, {"id": "b", "namn": name}],
        "budgetuppfoljning": {"plan": "verksamhetsplan-2021", "ar": 2023, "utfall": {"kansli": 1}}})

    class Swapped:
        organisation = content.organisation

        def version(self, version_id):
            loaded = content.version(version_id)
            return replace(loaded, model=plan) if version_id == plan.id else loaded

    document = review_document(review, Swapped(), None, phrases())
    sentences = _tool_paragraphs(document, [])
    assert len(sentences) >= 8
    for sentence in sentences:
        assert sentence[0] == sentence[0].upper() and sentence[-1] in ".!?", sentence
