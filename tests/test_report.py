"""The change report as a board member reads it: where each change is, the text itself, the
changed sentences only, document order, moves, budget lines paired by what they are with
amounts in one unit, correct Swedish and a summary first; the same in every format."""

from __future__ import annotations

import html
import json
import re

import pytest

from generators.changes.render import as_markdown
from tests.report_pairs import changed, minimal, readable, real, renderings, report, text

# --- crafted pairs -------------------------------------------------------------------------------


def goals(data):
    return data["avsnitt"][1]["innehall"][0]["mal"]


def target_groups(data):
    return data["avsnitt"][1]["avsnitt"][0]["innehall"][0]["malgrupper"]


def budget(data):
    return data["avsnitt"][2]["innehall"][0]["budget"]


def section_lines(report: str, heading: str) -> list[str]:
    """The lines under a group heading, up to the next blank line."""
    lines = report.splitlines()
    start = lines.index(heading)
    end = lines.index("", start) if "" in lines[start:] else len(lines)
    return lines[start + 1:end]


def it_names_the_section_of_a_reworded_goal_and_marks_the_words():
    report = changed(lambda d: goals(d)[0].update(id="arbete-eller-studier",
                                                  text="Deltagande ska leda till arbete eller studier."))
    assert section_lines(report, "2 Mål") == [
        "  Ny lydelse av målet: Deltagande ska leda till [-arbete.-] {+arbete eller studier.+}"]
    assert "Mål: 1 med ny lydelse." in report


def it_shows_only_the_changed_sentence_of_a_rewording():
    report = changed(lambda d: d["avsnitt"][0]["innehall"][0].update(
        vision="Alla i Sörmland får det stöd de behöver. Uppföljning sker årligen i SUS."))
    assert section_lines(report, "1 Vision") == ["  Ny lydelse av visionen: Uppföljning sker {+årligen+} i SUS."]
    assert "Alla i Sörmland" not in report


def it_shows_each_changed_sentence_of_a_paragraph_on_its_own_line():
    def reword(data):
        data["avsnitt"][1]["innehall"].insert(0, {"stycke": "Ett. Två tre. Fyra fem. Sex."})
    old = minimal()
    reword(old)
    new = minimal()
    reword(new)
    new["avsnitt"][1]["innehall"][0]["stycke"] = "Ett. Två fyra. Fyra fem. Sju."
    assert section_lines(text(old, new), "2 Mål") == [
        "  Ny lydelse av stycket:", "    – Två [-tre.-] {+fyra.+}", "    – [-Sex.-] {+Sju.+}"]


def it_shows_the_whole_text_of_what_was_added_and_struck():
    def add(data):
        goals(data).append({"id": "nytt", "text": "Ett nytt mål.", "delmal": [{"id": "d", "text": "att delmålet nås."}]})
        data["avsnitt"].insert(1, {"nummer": "2", "rubrik": "Grunder för samverkan", "innehall": [
            {"stycke": "Verksamheten ska:"},
            {"principer": [{"id": "tillit", "text": "bygga på tillit"}, {"id": "behov", "text": "utgå från behov"}]},
            {"punktlista": ["en punkt", "en till"]}]})
        data["avsnitt"][0]["innehall"].clear()
        data["avsnitt"][0]["innehall"].append({"stycke": "Ingen vision längre."})
    report = changed(add)
    assert section_lines(report, "2 Grunder för samverkan – nytt avsnitt") == [
        "    Verksamheten ska:", "  Ny princip: bygga på tillit", "  Ny princip: utgå från behov",
        "    • en punkt", "    • en till"]
    assert "  Struken vision: Alla i Sörmland får det stöd de behöver. Uppföljning sker i SUS." in report
    assert "  Nytt mål: Ett nytt mål." in report and "  Nytt delmål: att delmålet nås." in report
    struck = changed(lambda d: d["avsnitt"].pop(0))
    assert section_lines(struck, "1 Vision – struket avsnitt") == [
        "  Struken vision: Alla i Sörmland får det stöd de behöver. Uppföljning sker i SUS."]


def it_tells_title_period_status_and_adoption():
    report = changed(lambda d: d.update(titel="Mål- och inriktningsplan 2030–2032", slutar=2032, status="antagen",
                                        antagen={"organ": "Styrelsen", "datum": "2030-01-15", "paragraf": "§ 3/30"}))
    assert section_lines(report, "Hela dokumentet") == [
        "  Ny titel: Mål- och inriktningsplan [-2030–2031-] {+2030–2032+}",
        "  Ny period: 2030–2031 → 2030–2032",
        "  Ny status: Utkast → Antagen",
        "  Antagen av: saknas → Styrelsen",
        "  Beslutsdatum: saknas → 15 januari 2030",
        "  Paragraf: saknas → § 3/30"]
    assert "  • Status: Utkast → Antagen." in report


def it_tells_a_moved_section_and_the_renumbering_it_causes():
    def move(data):
        data["avsnitt"].append(data["avsnitt"].pop(0))
        for number, section in enumerate(data["avsnitt"], 1):
            section["nummer"] = str(number)
        data["avsnitt"][0]["avsnitt"][0]["nummer"] = "1.1"
    report = changed(move)
    assert section_lines(report, "3 Vision (tidigare 1 Vision)") == ["  Flyttat avsnitt: står nu efter 2 Budget"]
    assert section_lines(report, "1.1 Målgrupper (tidigare 2.1 Målgrupper)") == ["  Nytt nummer: 2.1 → 1.1"]
    assert report.index("1 Mål (tidigare") < report.index("2 Budget (tidigare") < report.index("3 Vision (tidigare")


def it_tells_reordered_principles_and_a_sub_goal_moved_to_another_goal():
    def with_parts(data, principles, sub_goals_of):
        data["avsnitt"][0]["innehall"].append({"principer": [{"id": p, "text": f"princip {p}"} for p in principles]})
        goals(data)[0]["delmal"] = [{"id": s, "text": f"att {s} nås."} for s in sub_goals_of["arbete"]]
        goals(data).append({"id": "halsa-mal", "text": "Hälsan ska öka.",
                            "delmal": [{"id": s, "text": f"att {s} nås."} for s in sub_goals_of["halsa-mal"]]})
    old, new = minimal(), minimal()
    with_parts(old, ["a", "b", "c"], {"arbete": ["x", "y"], "halsa-mal": ["z"]})
    with_parts(new, ["b", "a", "c"], {"arbete": ["x"], "halsa-mal": ["z", "y"]})
    report = text(old, new)
    assert "  Flyttad princip: princip a (nu nummer 2 i listan, tidigare nummer 1)" in report
    assert ("  Flyttat delmål: att y nås. (från målet ”Deltagande ska leda till arbete.” till målet ”Hälsan ska "
            "öka.”)") in report
    assert "Principer: 1 flyttad." in report and "Delmål: 1 flyttat." in report


def it_tells_a_goal_moved_to_another_section():
    def move(data):
        goal = goals(data).pop()
        data["avsnitt"][1]["avsnitt"][0]["innehall"].append({"mal": [goal]})
    report = changed(move)
    assert "  Flyttat mål: Deltagande ska leda till arbete. (från 2 Mål)" in section_lines(report, "2.1 Målgrupper")


def it_shows_a_budget_line_with_its_change_in_one_unit():
    report = changed(lambda d: budget(d)["kostnader"]["rader"][0]["belopp"].update({2030: 700}))
    assert section_lines(report, "3 Budget") == [
        "  Ändrad budgetrad: Kansli 2030: 600 tkr → 700 tkr (+100 tkr, +16,7 %)"]


def it_shows_the_amounts_of_a_budget_year_added_and_the_one_dropped():
    """A rolled plan's new year is read in the report, row by row, as well as the year that goes."""
    def roll(data):
        found = budget(data)
        found["ar"] = [2031, 2032]
        for part in ("intakter", "kostnader"):
            for row in found[part]["rader"] + [found[part]["summa"]]:
                row["belopp"] = {2031: row["belopp"][2031], 2032: row["belopp"][2031] + 50}
        del found["kostnader"]["rader"][0]["belopp"][2032]  # a figure not yet filled in
        found["resultat"]["belopp"] = {2031: 0, 2032: 0}
    found = renderings(report(minimal(), {**roll_plan(roll), "id": "plan-ny"}))
    lines = section_lines(readable(found["text"]), "3 Budget")
    assert "    – 2030–2031 → 2031–2032" in lines
    for expected in ("Nytt: Staten: 850 tkr (2032)", "Nytt: Summa intäkter: 1 650 tkr (2032)",
                     "Nytt: Kansli: saknas (2032)", "Struket: Staten: 800 tkr (2030)",
                     "Struket: Summa kostnader: 1 600 tkr (2030)"):
        assert f"    – {expected}" in lines
        assert expected in readable(found["markdown"]) and expected in readable(found["json"])


def roll_plan(change) -> dict:
    data = minimal()
    change(data)
    return data


def it_tells_a_unit_change_without_inventing_amount_changes():
    def to_kronor(data):
        found = budget(data)
        found["enhet"] = "kr"
        for part in ("intakter", "kostnader"):
            for row in found[part]["rader"] + [found[part]["summa"]]:
                row["belopp"] = {year: value * 1000 for year, value in row["belopp"].items()}
        found["resultat"]["belopp"] = {year: 0 for year in found["resultat"]["belopp"]}
    report = changed(to_kronor)
    assert section_lines(report, "3 Budget") == ["  Ny enhet i budgeten: tkr → kr"]
    assert "Budget: intäkter 1 600 tkr (2030), oförändrat; kostnader 1 600 tkr (2030), oförändrat." in report


def it_pairs_budget_lines_by_the_member_they_name_under_a_former_name():
    old, new = minimal(), minimal()
    old["startar"], old["slutar"] = 2017, 2018
    row = budget(old)["intakter"]["rader"][1]
    row.update(id="landstinget", text="Landstinget Sörmland", belopp={2017: 350, 2018: 350})
    del row["medlem"]
    for part in ("intakter", "kostnader"):
        for other in budget(old)[part]["rader"] + [budget(old)[part]["summa"]]:
            other["belopp"] = {2017 + i: value for i, value in enumerate(other["belopp"].values())}
    budget(old)["ar"] = [2017, 2018]
    budget(old)["resultat"]["belopp"] = {2017: 0, 2018: 0}
    report = text(old, new)
    assert "  Ändrad budgetrad: Regionen (tidigare Landstinget Sörmland): 350 tkr (2017) → 400 tkr (2030)" in report
    assert "  Oförändrad budgetrad: Kansli: 600 tkr (2017) → 600 tkr (2030)" in report


def it_shows_the_amounts_of_a_renamed_line():
    report = changed(lambda d: budget(d)["kostnader"]["rader"][0].update(text="Kansli och styrelse"))
    assert section_lines(report, "3 Budget") == [
        "  Ändrad budgetrad: Kansli och styrelse (tidigare Kansli): 600 tkr (2030), 600 tkr (2031)"]


def it_tells_duplicate_headings_apart():
    def add(data, text):
        data["avsnitt"].append({"rubrik": "Inriktning", "avsnitt": [{"rubrik": "Skapa samverkan", "innehall": [
            {"stycke": text}]}]})
        data["avsnitt"].append({"rubrik": "Mål för samverkan", "avsnitt": [{"rubrik": "Skapa samverkan", "innehall": [
            {"stycke": "Möten varje månad."}]}]})
    old, new = minimal(), minimal()
    add(old, "Samverkan med alla parter.")
    add(new, "Samverkan med alla parter och myndigheter.")
    report = text(old, new)
    assert section_lines(report, "Inriktning › Skapa samverkan") == [
        "  Ny lydelse av stycket: Samverkan med alla {+parter och myndigheter.+} [-parter.-]".replace(
            "{+parter och myndigheter.+} [-parter.-]", "[-parter.-] {+parter och myndigheter.+}")]


def it_matches_a_renamed_section_by_its_content():
    report = changed(lambda d: d["avsnitt"][1]["avsnitt"][0].update(rubrik="Prioriterade grupper"))
    assert section_lines(report, "2.1 Prioriterade grupper (tidigare 2.1 Målgrupper)") == [
        "  Ny rubrik: [-Målgrupper-] {+Prioriterade grupper+}"]


def it_says_nothing_changed_for_the_same_version():
    assert changed(lambda d: None).splitlines()[2:4] == ["Sammanfattning", "  • Versionerna säger samma sak."]


# --- the real pairs ---------------------------------------------------------------------------------

PAIRS = [("verksamhetsplan-2007", "verksamhetsplan-2021"),
         ("verksamhetsplan-2021", "mal-och-inriktningsplan-2022-2026"),
         ("verksamhetsplan-2007", "mal-och-inriktningsplan-2022-2026")]


@pytest.fixture(scope="module")
def reports():
    found = {pair: renderings(real(*pair)) for pair in PAIRS}
    for rendered in found.values():
        rendered["plain"] = readable(rendered["text"])
    return found


def it_pairs_2007_follow_up_with_2021_follow_up_by_content(reports):
    report = reports[PAIRS[0]]["plain"]
    assert "3.3. Uppföljning/Utvärdering (tidigare 9. Uppföljning och utvärdering)" in report
    assert "  Flyttat avsnitt: låg tidigare på huvudnivån, ligger nu under 3 Verksamhetsinriktning" in report
    assert "4.3 Uppföljning och utvärdering – nytt avsnitt" in report


def it_does_not_pair_sections_on_a_shared_word_alone(reports):
    report = reports[PAIRS[2]]["plain"]
    assert "\n5. Insatser – struket avsnitt\n" in report and "\nFördelning av insatser – nytt avsnitt\n" in report
    assert "\nInledning (tidigare 1. Inledning)\n" in report and "\nMål (tidigare 2. Mål)\n" in report


def it_pairs_2007_budget_lines_with_2021_by_member_and_financier(reports):
    lines = reports[PAIRS[0]]["plain"].splitlines()
    assert "  Ändrad budgetrad: Staten (tidigare Försäkringskassan/LÄN): 7 500 tkr (2007) → 8 000 tkr (2021)" in lines
    assert "  Ändrad budgetrad: Regionen (tidigare Landstinget): 3 750 tkr (2007) → 4 000 tkr (2021)" in lines
    assert "  Ändrad budgetrad: Summa intäkter (tidigare Totalt): 15 000 tkr (2007) → 18 700 tkr (2021)" in lines
    assert "  Ändrad budgetrad: Summa kostnader (tidigare Summa): 15 000 tkr (2007) → 22 300 tkr (2021)" in lines
    assert "  Struken budgetrad: Eskilstuna: 1 308 750 kr (2007), 1 308 750 kr (2008)" in lines


def it_reports_each_new_or_struck_budget_line_once(reports):
    """2007 -> 2021 changes the budget's years: the years' listing shows the lines both versions
    have; a line only one has is its own new or struck line, not listed a second time."""
    for name in ("text", "markdown"):
        shown = html.unescape(reports[PAIRS[0]][name]).replace("\u00a0", " ")
        for amounts in ("1 308 750 kr (2007)", "131 250 kr (2007)", "3 000 tkr (2021), 3 000 tkr (2022)",
                        "2 700 tkr (2021), 2 500 tkr (2022)", "1 350 tkr (2021)"):
            assert shown.count(amounts) == 1, (name, amounts)
    lines = reports[PAIRS[0]]["plain"].splitlines()
    assert "    – Nytt: Staten: 8 000 tkr (2021), 8 000 tkr (2022), 8 000 tkr (2023)" in lines
    assert "    – Struket: Försäkringskassan/LÄN: 7 500 000 kr (2007), 7 500 000 kr (2008)" in lines


def it_opens_with_a_summary_a_board_member_reads_in_a_minute(reports):
    first = reports[PAIRS[0]]["plain"].split("\n\n")[1].splitlines()
    assert first[0] == "Sammanfattning"
    assert "  • Mål: 7 nya, 5 strukna." in first
    assert ("  • Budget: intäkter 15 000 tkr (2007) → 18 700 tkr (2021); kostnader 15 000 tkr (2007) → "
            "22 300 tkr (2021).") in first
    second = reports[PAIRS[1]]["plain"].split("\n\n")[1].splitlines()
    assert "  • Mål: 1 nytt, 7 strukna." in second and "  • Delmål: 3 nya." in second
    assert "  • Budget: bara Verksamhetsplan budget 2021 har en budget: intäkter 18 700 tkr (2021), kostnader " \
           "22 300 tkr (2021)." in second
    assert len(first) <= 12 and len(second) <= 12


def it_shows_the_new_policy_text_of_2022_in_full(reports):
    report = reports[PAIRS[1]]["plain"]
    assert "  Ny vision: Samordningsförbundet RAR Sörmland skall bidra till ett socialt hållbart" in report
    for principle in ("utgå från individens behov", "bygga på tillit", "ha fokus på jämställdhetsintegrering",
                      "genomsyras av hållbarhet", "ha en god ekonomisk hushållning"):
        assert f"  Ny princip: {principle}\n" in report
    assert section_lines(report, "Jämställdhet – nytt avsnitt")[0].startswith(
        "    Jämställdhet mellan kvinnor och män skapas där ordinarie beslut fattas")
    assert "  Ny lydelse av målgruppen: [-Samordningsförbundets-] {+Övergripande+} målgrupp" in report
    assert "3.1. Skapa samverkan – struket avsnitt" in report and "4.1 Skapa samverkan – struket avsnitt" in report


def it_follows_the_new_document_order(reports):
    report = reports[PAIRS[1]]["plain"]
    order = ["Inledning – nytt avsnitt", "Vision – nytt avsnitt", "Grunder för samverkan – nytt avsnitt",
             "Mål (tidigare 4 Mål)", "Arbetssätt – nytt avsnitt", "Prioriterade målgrupper (tidigare 2 Målgrupp)",
             "Fördelning av insatser – nytt avsnitt", "Jämställdhet – nytt avsnitt", "Ekonomi – nytt avsnitt",
             "ESF-insatser – nytt avsnitt"]
    assert [report.index(f"\n{heading}\n") for heading in order] == sorted(
        report.index(f"\n{heading}\n") for heading in order)
    assert report.index("\n4.1 Skapa samverkan – struket avsnitt\n") > report.index("\nMål (tidigare 4 Mål)\n")


LEAKS = [r"mål/", r"plats \d", r"::", r"intakter/", r"kostnader/", r"Borttagen", r"Tillagd",
         r"None", r"Ny mål\b", r"Struken mål\b", r"Nytt princip", r"Ny avsnitt", r"Struken avsnitt", r"Nytt målgrupp",
         r"st\.\)", r"Ny delmål", r"Flyttad (mål|avsnitt|delmål)\b"]


@pytest.mark.parametrize("pair", PAIRS)
def it_uses_correct_swedish_and_no_internal_keys(reports, pair):
    for name in ("text", "markdown", "json"):
        rendered = reports[pair][name]
        visible = rendered if name != "json" else " ".join(
            line for group in json.loads(rendered)["groups"] for e in group["entries"] for line in
            [group["heading"], e["label"], *e["text"]])
        for leak in LEAKS:
            assert not re.search(leak, visible), (name, leak)


def words_of_text(rendered: str) -> list[str]:
    return re.sub(r"\[-|-\]|\{\+|\+\}|•|–(?= )", " ", rendered).split()


def words_of_markdown(rendered: str) -> list[str]:
    # What only a screen reader hears ("Struket: ", "Tillagt: ") says what <del> and <ins> show.
    rendered = re.sub(r'<span class="visuellt-dold"[^>]*>[^<]*</span>', " ", rendered)
    plain = re.sub(r"<[^>]+>|^#+ |^- |\*\*", " ", rendered, flags=re.M)
    plain = html.unescape(re.sub(r"\\(.)", r"\1", plain))
    return re.sub(r"–(?= )", " ", plain).split()


def words_of_json(rendered: str) -> list[str]:
    data = json.loads(rendered)
    parts = [data["title"], data["summary_heading"], *data["summary"]]
    for group in data["groups"]:
        parts.append(group["heading"])
        for entry in group["entries"]:
            parts += ([entry["label"] + ":"] if entry["label"] else []) + entry["text"]
    return words_of_text(" ".join(parts))


@pytest.mark.parametrize("pair", PAIRS)
def it_says_the_same_in_text_markdown_and_json(reports, pair):
    found = reports[pair]
    assert found["text"].count("\n") > 20
    assert words_of_text(found["text"]) == words_of_markdown(found["markdown"]) == words_of_json(found["json"])


def it_publishes_the_same_report_on_the_site(tmp_path):
    from generators.content.loading import load_content
    from generators.templating import phrases
    from generators.web.pages import SitePages
    from tests.conftest import CONTENT

    pages = SitePages(load_content(CONTENT), [], phrases()).render()
    page = pages["andringar/verksamhetsplan-2007-verksamhetsplan-2021.md"].decode("utf-8")
    assert as_markdown(real(*PAIRS[0])) in page


# --- generated pairs ----------------------------------------------------------------------------------

from hypothesis import given  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from tests.test_properties import examples, plans  # noqa: E402

UNITS = ("kr", "tkr", "kkr", "mkr")


@examples(25)
@given(plans("plan-a"), plans("plan-b"))
def test_every_format_says_the_same_and_shows_what_was_added(first, second):
    found = report_of(first, second)
    rendered = renderings(found)
    assert words_of_text(rendered["text"]) == words_of_markdown(rendered["markdown"]) == words_of_json(
        rendered["json"])
    old_goals = {goal["text"] for goal in goal_dicts(first)}
    shown = [" ".join(text for op, text in line if op != "-") for group in found.groups for entry in group.entries
             for line in entry.lines if entry.what == "mal"]
    for goal in goal_dicts(second):
        if goal["text"] not in old_goals:  # a new or reworded goal reads as the new version has it
            assert any(goal["text"] in line for line in shown), (goal["text"], shown)
    for leak in ("None", "Borttagen", "Tillagd"):
        assert leak not in rendered["text"].replace(first["titel"], "").replace(second["titel"], "")


def goal_dicts(data: dict) -> list[dict]:
    return [goal for section in data["avsnitt"] for block in section["innehall"] for goal in block.get("mal", [])]


def report_of(first: dict, second: dict):
    from tests.report_pairs import report
    return report(first, second)


@st.composite
def budget_pairs(draw):
    """The minimal plan twice, each with its own unit, years and amounts."""
    pair = []
    for _ in range(2):
        data = minimal()
        unit = draw(st.sampled_from(UNITS))
        start = draw(st.integers(2000, 2040))
        years = [start, start + 1]
        data["startar"], data["slutar"] = years
        found = budget(data)
        found["enhet"], found["ar"] = unit, years
        for part in ("intakter", "kostnader"):
            for row in found[part]["rader"] + [found[part]["summa"]]:
                row["belopp"] = {year: draw(st.integers(0, 10**7)) for year in years}
        found["resultat"]["belopp"] = {year: draw(st.integers(-10**6, 10**6)) for year in years}
        pair.append(data)
    return pair


@examples(40)
@given(budget_pairs())
def test_budget_lines_show_their_amounts_in_one_unit(pair):
    rendered = readable(text(*pair))
    for line in rendered.splitlines():
        if "budgetrad" in line or line.startswith("  • Budget"):
            for part in line.split(";"):
                units = set(re.findall(r"\d (kr|tkr|kkr|mkr)\b", part))
                assert len(units) <= 1, line
    for row in ("Staten", "Regionen", "Kommunerna", "Kansli", "Summa intäkter"):
        lines = [line for line in rendered.splitlines() if f"budgetrad: {row}" in line]
        assert all(re.search(r"\d (kr|tkr|kkr|mkr)", line) for line in lines), lines


def it_compares_a_plan_with_an_annual_review_in_text(styrdok):
    from tests.conftest import CONTENT
    run = styrdok("diff", "verksamhetsplan-2021", "arlig-oversyn-2022", "--content", CONTENT)
    assert run.code == 0
    assert "  Nytt slag av dokument: Verksamhetsplan med budget → Årlig översyn" in run.out
    assert "4.4 Förvaltning – struket avsnitt" in run.out


def it_sets_the_text_of_a_struck_or_new_section_apart_on_the_site(reports):
    markdown = reports[PAIRS[0]]["markdown"]
    struck = markdown.split("## 1\\. Inledning › Uppdrag – struket avsnitt", 1)[1]
    assert struck.lstrip().startswith('<div class="andring-struken" markdown>')
    assert "Samordningsförbundets uppdrag är att stödja" in struck.split("</div>", 1)[0]
    new = markdown.split("## 2 Målgrupp – nytt avsnitt", 1)[1]
    assert new.lstrip().startswith('<div class="andring-ny" markdown>')
    assert '<div class="andring-struken" markdown>\n\n</div>' not in markdown  # nothing framed for nothing
