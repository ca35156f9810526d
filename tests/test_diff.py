"""What changed between two versions: exact changes for crafted pairs, the yearly revision and
importing from Word. Tracked changes are checked with LibreOffice in test_tracked.py."""

from __future__ import annotations

import json

import pytest
import yaml

from generators.changes.diff import consecutive_pairs, redline
from generators.content.loading import load_content
from generators.templating import phrases
from tests.conftest import CONTENT


def add_new_version(content, change) -> None:
    """plans/ny.yaml: the minimal plan under id 'plan-ny', changed by `change`."""
    data = yaml.safe_load((content / "plans" / "plan.yaml").read_text(encoding="utf-8"))
    data["id"], data["ersatter"] = "plan-ny", "plan-2030"
    change(data)
    (content / "plans" / "ny.yaml").write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False),
                                               encoding="utf-8")


def report(styrdok, content, old="plan-2030", new="plan-ny", form="text") -> str:
    run = styrdok("diff", old, new, "--content", content, "--format", form)
    assert run.code == 0, run.err
    return run.out.replace("\u00a0", " ")


def entries(styrdok, content, old="plan-2030", new="plan-ny") -> list[dict]:
    groups = json.loads(report(styrdok, content, old, new, "json"))["groups"]
    return [entry for group in groups for entry in group["entries"]]


def goals(data):
    return data["avsnitt"][1]["innehall"][0]["mal"]


def target_groups(data):
    return data["avsnitt"][1]["avsnitt"][0]["innehall"][0]["malgrupper"]


def reword_goal(data):
    goals(data)[0].update(id="arbete-eller-studier", text="Deltagande ska leda till arbete eller studier.")


def remove_target_group(data):
    target_groups(data).append({"id": "aldre", "prioritet": 2, "text": "äldre"})
    data["_remove"] = True


def cost_line(data):
    data["avsnitt"][2]["innehall"][0]["budget"]["kostnader"]["rader"][0]["belopp"][2030] = 700


def move_section(data):
    """Vision from first to last; Mål and Budget keep their order."""
    data["avsnitt"].append(data["avsnitt"].pop(0))
    for number, section in enumerate(data["avsnitt"], 1):
        section["nummer"] = str(number)
    data["avsnitt"][0]["avsnitt"][0]["nummer"] = "1.1"


CRAFTED = [
    ("identical", lambda d: None, []),
    ("reworded goal", reword_goal,
     ["2 Mål", "  Ny lydelse av målet: Deltagande ska leda till [-arbete.-] {+arbete eller studier.+}"]),
    ("changed priority", lambda d: target_groups(d)[0].update(prioritet=2),
     ["2.1 Målgrupper", "  Ny prioritet: unga vuxna (1 → 2)"]),
    ("removed target group", lambda d: target_groups(d).clear() or target_groups(d).append(
        {"id": "vuxna", "prioritet": 1, "text": "personer med behov av samordnade insatser"}),
     ["2.1 Målgrupper", "  Struken målgrupp: unga vuxna (prioritet 1)",
      "  Ny målgrupp: personer med behov av samordnade insatser (prioritet 1)"]),
    ("changed budget line", cost_line,
     ["3 Budget", "  Ändrad budgetrad: Kansli 2030: 600 tkr → 700 tkr (+100 tkr, +16,7 %)"]),
    ("moved section", move_section,
     ["1 Mål (tidigare 2 Mål)", "  Nytt nummer: 2 → 1", "", "1.1 Målgrupper (tidigare 2.1 Målgrupper)",
      "  Nytt nummer: 2.1 → 1.1", "", "2 Budget (tidigare 3 Budget)", "  Nytt nummer: 3 → 2", "",
      "3 Vision (tidigare 1 Vision)", "  Flyttat avsnitt: står nu efter 2 Budget"]),
    ("changed project end", lambda d: d["avsnitt"][2]["innehall"][1]["projekt"]["projekt"][1].update(slut="2031-06-30"),
     ["3 Budget", "  Ändrat projekt: Beta: slut 2030-12-31 → 2031-06-30"]),
]


@pytest.mark.parametrize("name, change, expected", CRAFTED, ids=[c[0] for c in CRAFTED])
def it_reports_exactly_the_changes_of_a_crafted_pair(styrdok, minimal, name, change, expected):
    add_new_version(minimal, change)
    found = report(styrdok, minimal).splitlines()
    summary_end = found.index("", 3) if "" in found[3:] else len(found)
    assert found[summary_end + 1:] == expected


@pytest.mark.parametrize("name, change, expected", CRAFTED, ids=[c[0] for c in CRAFTED])
def it_counts_the_same_changes_both_ways(styrdok, minimal, name, change, expected):
    add_new_version(minimal, change)
    assert len(entries(styrdok, minimal)) == len(entries(styrdok, minimal, "plan-ny", "plan-2030"))


REAL_PAIRS = [(old.id, new.id) for old, new in consecutive_pairs([p.model for p in load_content(CONTENT).plans])]


def it_pairs_real_versions_by_what_they_replace():
    assert REAL_PAIRS == [("verksamhetsplan-2007", "verksamhetsplan-2021"),
                          ("verksamhetsplan-2021", "mal-och-inriktningsplan-2022-2026")]


def it_compares_versions_of_different_kinds_on_what_they_share(styrdok):
    text = report(styrdok, CONTENT, "verksamhetsplan-2021", "mal-och-inriktningsplan-2022-2026")
    assert "  Nytt slag av dokument: Verksamhetsplan med budget → Mål- och inriktningsplan" in text
    assert "  Ny lydelse av målgruppen: [-Samordningsförbundets-] {+Övergripande+} målgrupp" in text


def it_names_members_as_they_were_called_in_each_period(styrdok):
    text = report(styrdok, CONTENT, "verksamhetsplan-2007", "verksamhetsplan-2021")
    assert "  Nytt namn på medlem: Landstinget Sörmland → Region Sörmland" in text
    assert "  Nytt namn på medlem: Länsarbetsnämnden → Arbetsförmedlingen" in text


def it_compares_words_on_ordinary_spaces_only():
    assert redline("bidrar med 8\u00a0000 kr", "bidrar med 9\u00a0000 kr") == (
        ("=", "bidrar med"), ("-", "8\u00a0000"), ("+", "9\u00a0000"), ("=", "kr"))


def it_prints_markdown_and_plain_text(styrdok, minimal):
    add_new_version(minimal, reword_goal)
    markdown = styrdok("diff", "plan-2030", "plan-ny", "--content", minimal, "--format", "markdown").out
    assert "## 2 Mål" in markdown and ('<del><span class="visuellt-dold" data-search-exclude>Struket: </span>arbete.</del> '
                                      '<ins><span class="visuellt-dold" data-search-exclude>Tillagt: </span>arbete eller studier.</ins>') in markdown
    text = styrdok("diff", "plan-2030", "plan-ny", "--content", minimal).out
    assert "[-arbete.-] {+arbete eller studier.+}" in text


def it_needs_a_file_for_docx_and_known_ids(styrdok, minimal, tmp_path):
    assert styrdok("diff", "plan-2030", "plan-2030", "--content", minimal, "--format", "docx").code == 2
    unknown = styrdok("diff", "plan-2030", "finns-inte", "--content", minimal)
    assert unknown.code == 2 and "versionen 'finns-inte' finns inte" in unknown.err
    run = styrdok("diff", "plan-2030", "plan-2030", "--content", minimal, "--format", "docx", "-o", tmp_path / "d.docx")
    assert run.code == 0 and (tmp_path / "d.docx").stat().st_size > 0


def it_starts_a_revision_that_says_the_same_until_edited(styrdok, bundled):
    run = styrdok("new-revision", "mal-och-inriktningsplan-2022-2026", "--id", "mal-och-inriktningsplan-2023",
                  "--content", bundled)
    assert run.code == 0
    path = bundled / "plans" / "mal-och-inriktningsplan-2023.yaml"
    assert str(path).endswith(run.out.strip().removeprefix("skrev "))
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert (data["id"], data["status"], data["ersatter"]) == ("mal-och-inriktningsplan-2023", "utkast",
                                                              "mal-och-inriktningsplan-2022-2026")
    assert "antagen" not in data and "kallor" not in data
    changed = entries(styrdok, bundled, "mal-och-inriktningsplan-2022-2026", "mal-och-inriktningsplan-2023")
    assert [(e["label"], e["text"]) for e in changed] == [("Ny status", ["Antagen → Utkast"]),
                                                         ("Antagen av", ["styrelsen → saknas"])]
    assert styrdok("check", "--content", bundled).code == 0
    again = styrdok("new-revision", "mal-och-inriktningsplan-2022-2026", "--id", "mal-och-inriktningsplan-2023",
                    "--content", bundled)
    assert again.code == 2 and "används redan" in again.err


def it_imports_the_generated_2021_plan_with_its_outline_and_text(styrdok, bundled, tmp_path):
    from generators.word.output import plan_docx
    content = load_content(bundled)
    original = content.version("verksamhetsplan-2021").model
    word = tmp_path / "plan.docx"
    word.write_bytes(plan_docx(original, content, phrases()))
    run = styrdok("import", word, "--id", "verksamhetsplan-2021-import", "--content", bundled)
    assert run.code == 1 and "fel: i avsnitt 6 Budget: en bild" in run.err  # the budget chart
    run = styrdok("import", word, "--id", "verksamhetsplan-2021-import", "--content", bundled, "--tillat-forlust")
    assert run.code == 0, run.err
    imported = load_content(bundled).version("verksamhetsplan-2021-import").model
    outline = lambda plan: [(depth, (s.number or "").rstrip("."), s.heading)  # noqa: E731
                            for _, depth, s in plan.walk_sections()]
    assert outline(imported) == outline(original)
    assert imported.title == original.title and imported.status == "utkast"
    from tests.fidelity import word_recall, words
    text = lambda plan: words(" ".join(b.paragraph or " ".join(i.text for i in (b.bullets or []))  # noqa: E731
                                       for _, b in plan.walk_blocks() if b.paragraph or b.bullets))
    assert word_recall(text(original), text(imported)) >= 0.99
    # The import acknowledges the document's own findings (FoUIS as the Word file spells it).
    assert styrdok("check", "--content", bundled).code == 0
