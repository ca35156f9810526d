"""`styrdok import FIL.docx --ersatter ID --id NY`: a version's own Word file, edited as a board
member edits it in Word, comes back as a draft that keeps every id, kind and number, and whose
change report lists exactly the edits made.

The edits are made with python-docx on the Word file the build writes (tests/board_edits.py);
what each edit must show in the report is known from the edit itself, not from the import.
"""

from __future__ import annotations

import io
import re
from collections import Counter
from pathlib import Path

import docx
import pytest
import yaml
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st

from generators.authoring.onto import edits, import_onto
from generators.authoring.revision import revised_text
from generators.changes.diff import diff_versions
from generators.content.loading import load_content
from generators.content.model import PlanVersion
from generators.templating import phrases
from generators.word.output import plan_docx, review_docx
from tests import board_edits as be
from tests import board_random as br
from tests.conftest import CONTENT

CONTENT_NOW = load_content(CONTENT)
PLANS = [plan.model.id for plan in CONTENT_NOW.plans]
VERSIONS = [version.model.id for version in CONTENT_NOW.versions]
_OWN: dict[str, bytes] = {}


def own_docx(version_id: str) -> bytes:
    """The version's Word file as `styrdok build` writes it (contents with page numbers)."""
    if version_id not in _OWN:
        version = CONTENT_NOW.version(version_id).model
        make = plan_docx if version_id in PLANS else review_docx
        _OWN[version_id] = make(version, CONTENT_NOW, phrases())
    return _OWN[version_id]


def report(path: Path, version_id: str, content=CONTENT_NOW, revisions: str | None = None):
    result = import_onto(path, content, version_id, "styrelsens-utkast", phrases(), revisions)
    new = PlanVersion.model_validate(yaml.safe_load(result.text))
    return result, edits(diff_versions(content.version(version_id).model, new, content.organisation.model))


@pytest.mark.parametrize("version_id", VERSIONS)
def it_gives_no_change_for_a_versions_own_word_file(styrdok, bundled, tmp_path, version_id):
    source = tmp_path / f"{version_id}.docx"
    source.write_bytes(own_docx(version_id))
    run = styrdok("import", source, "--ersatter", version_id, "--id", "styrelsens-utkast", "--content", bundled)
    assert run.code == 0, run.err
    assert "0 ändringar i texten" in run.out
    folder = "plans" if version_id in PLANS else "reviews"
    written = (bundled / folder / "styrelsens-utkast.yaml").read_text(encoding="utf-8")
    original = (bundled / folder / f"{version_id}.yaml").read_text(encoding="utf-8")
    assert written == revised_text(original, "styrelsens-utkast", version_id)  # as new-revision writes it
    diff = styrdok("diff", version_id, "styrelsens-utkast", "--format", "json", "--content", bundled)
    assert diff.code == 0
    assert not edits_in_json(diff.out)


def edits_in_json(text: str) -> list:
    data = yaml.safe_load(text)
    return [change for group in data["groups"] for change in group["entries"]
            if not change["what"].startswith(("status", "antagen."))]


def it_gives_no_change_for_a_drafts_word_file_with_its_draft_marks(styrdok, bundled, tmp_path):
    """A draft's Word file says UTKAST on the cover and in every header: furniture, not text."""
    assert styrdok("new-revision", "verksamhetsplan-2021", "--id", "utkast-2022", "--period", "2022",
                   "--content", bundled).code == 0
    content = load_content(bundled)
    data = plan_docx(content.version("utkast-2022").model, content, phrases())
    assert b"UTKAST" in data or "UTKAST" in be.all_text(data)
    source = tmp_path / "utkast.docx"
    source.write_bytes(data)
    result, changes = report(source, "utkast-2022", content)
    assert changes == [] and not result.changed and result.losses == []


def it_reads_seven_edits_as_their_changes_and_keeps_ids_kinds_and_numbers(tmp_path):
    """A new section with its paragraph is a new section and a new paragraph in the report; the
    two sections after it are numbered anew, as Word numbers them."""
    document = docx.Document(io.BytesIO(own_docx("verksamhetsplan-2021")))
    normals = be.body_paragraphs(document, "Normal")
    bullets = be.body_paragraphs(document, "List Bullet")
    be.reword(normals[0], ("och", "i", "hela", "länet"))
    be.copy_after(normals[3], "En helt ny mening om förbundets arbete med alla parter i länet.")
    be.remove(normals[5])
    be.copy_after(bullets[3], "Ett nytt mål om rapportering till styrelsen varje kvartal.")
    be.remove(bullets[10])
    be.set_text(document.tables[0].rows[1].cells[1].paragraphs[0], "8 500")
    headings = [p for p in document.paragraphs if p.style.name == "Heading 1"]
    be.add_section(document, headings[4], "Lärande", "Förbundet lär av sina insatser och delar det.")
    source = tmp_path / "styrelsen.docx"
    document.save(source)
    result, changes = report(source, "verksamhetsplan-2021")
    found = Counter((change.kind, change.what) for change in changes)
    assert found == Counter({("reworded", "stycke"): 1, ("added", "stycke"): 2, ("removed", "stycke"): 1,
                             ("added", "mal"): 1, ("removed", "punkt"): 1, ("changed", "budgetrad"): 1,
                             ("added", "avsnitt"): 1, ("changed", "nummer"): 2}), changes
    data = yaml.safe_load(result.text)
    budget = data["avsnitt"][6]["innehall"][2]["budget"]
    assert budget["id"] == "budget-2021-2023"
    assert budget["intakter"]["rader"][0] == {"id": "staten", "text": "Staten", "finansiar": "staten",
                                              "belopp": {2021: 8500, 2022: 8000, 2023: 8000}}
    assert budget["intakter"]["rader"][1]["medlem"] == "region-sormland"
    goals = data["avsnitt"][3]["avsnitt"][2]["innehall"][0]["mal"]
    assert [goal["id"] for goal in goals] == ["samarbete-fouis", "ett-nytt-mal-rapportering", "rapportering-sus"]
    assert [s["nummer"] for s in data["avsnitt"][3]["avsnitt"]] == ["4.1", "4.2", "4.3", "4.4"]
    assert data["avsnitt"][0]["innehall"][0]["stycke"].startswith("Förbundets ändamål")
    assert "Kostnader: raderna blir" not in result.text  # the reader's note is styrdok's own


@settings(max_examples=int(__import__("os").environ.get("STYRDOK_EXAMPLES", "12")), deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(version_id=st.sampled_from(PLANS),
       made=st.lists(st.tuples(st.sampled_from(sorted(br.KINDS)), st.integers(0, 1000),
                               st.lists(st.sampled_from(br.WORDS), min_size=5, max_size=8).map(tuple)),
                     min_size=1, max_size=8))
@example(version_id="verksamhetsplan-2021",  # the alignment keeps the moved entry, strikes the two it passed
         made=[("add_item", 107, ("kvartalsvis",) * 5), ("move_item", 925, ("kvartalsvis",) * 5)])
@example(version_id="verksamhetsplan-2007",  # a row of a budget whose section is gone is no row to add after
         made=[("remove_goal", 0, ("kvartalsvis",) * 5), ("remove_section", 252, ("kvartalsvis",) * 5),
               ("add_budget_row", 0, ("kvartalsvis",) * 5)])
def it_lists_exactly_the_edits_made_to_a_versions_word_file(tmp_path_factory, version_id, made):
    document = docx.Document(io.BytesIO(own_docx(version_id)))
    expected = br.apply(document, CONTENT_NOW.version(version_id).model, made, CONTENT_NOW.organisation.model)
    for kind, what in set(expected):  # --hypothesis-show-statistics: how many examples made each change
        event(f"{kind} {what}")
    source = tmp_path_factory.mktemp("redigerad") / "styrelsen.docx"
    document.save(source)
    result, changes = report(source, version_id)
    found = Counter((change.kind, change.what) for change in changes)
    assert found == Counter(expected), [(c.kind, c.what, c.old, c.new) for c in changes]
    assert result.losses == []


def it_links_a_new_budget_row_to_the_member_or_funder_its_label_names(tmp_path):
    """As the version's other income rows are linked; a cost row, or a label naming no one, is a plain row."""
    document = docx.Document(io.BytesIO(own_docx("verksamhetsplan-2021")))
    rows = {row.cells[0].text: row for row in document.tables[0].rows}
    for after, label in (("Kommunerna", "Eskilstuna"), ("ESF-medel", "Försäkringskassan och Arbetsförmedlingen"),
                         ("Regionen", "Landstinget Sörmland"), ("Staten", "Projektmedel"), ("Staten", "LÄN"),
                         ("Kansli", "Flen")):
        be.add_row_after(rows[after].cells[0], [label, "1 000", "1 100", "1 200"])
    source = tmp_path / "rader.docx"
    document.save(source)
    result, changes = report(source, "verksamhetsplan-2021")
    assert Counter((c.kind, c.what) for c in changes) == Counter({("added", "budgetrad"): 6}), changes
    budget = next(block["budget"] for section in yaml.safe_load(result.text)["avsnitt"]
                  for block in section.get("innehall", []) if "budget" in block)
    income = {row["text"]: row for row in budget["intakter"]["rader"]}
    assert income["Eskilstuna"] == {"id": "eskilstuna", "text": "Eskilstuna", "finansiar": "kommunerna",
                                    "medlem": "eskilstuna", "belopp": {2021: 1000, 2022: 1100, 2023: 1200}}
    assert income["Landstinget Sörmland"]["medlem"] == "region-sormland"
    assert (income["LÄN"]["medlem"], income["LÄN"]["finansiar"]) == ("arbetsformedlingen", "staten")
    assert income["Försäkringskassan och Arbetsförmedlingen"]["finansiar"] == "staten"
    assert "medlem" not in income["Försäkringskassan och Arbetsförmedlingen"]
    assert "finansiar" not in income["Projektmedel"]
    costs = {row["text"]: row for row in budget["kostnader"]["rader"]}
    assert set(costs["Flen"]) == {"id", "text", "belopp"}


def it_refuses_a_budget_column_that_names_no_year_rather_than_drop_its_amounts(styrdok, bundled, tmp_path):
    document = docx.Document(io.BytesIO(own_docx("verksamhetsplan-2021")))
    table = document.tables[0]
    be.add_year(table.rows[0].cells[0])
    be.set_text(table.rows[0].cells[4].paragraphs[0], "Prognos")
    source = tmp_path / "prognos.docx"
    document.save(source)
    run = styrdok("import", source, "--ersatter", "verksamhetsplan-2021", "--id", "styrelsens-utkast",
                  "--content", bundled)
    assert run.code == 1 and "Traceback" not in run.err
    assert "budgeten budget-2021-2023: raden ”Staten” har fler belopp än tabellen har år (2021, 2022, 2023): " \
           "”8\u00a0050”" in run.err, run.err
    assert not (bundled / "plans" / "styrelsens-utkast.yaml").exists()


def it_reports_a_paragraph_moved_within_its_section_as_moved(styrdok, bundled, tmp_path):
    document = docx.Document(io.BytesIO(own_docx("verksamhetsplan-2021")))
    normals = be.body_paragraphs(document, "Normal")
    normals[2]._p.addnext(normals[0]._p)
    source = tmp_path / "flyttat.docx"
    document.save(source)
    run = styrdok("import", source, "--ersatter", "verksamhetsplan-2021", "--id", "styrelsens-utkast",
                  "--content", bundled)
    assert run.code == 0, run.err
    diff = styrdok("diff", "verksamhetsplan-2021", "styrelsens-utkast", "--content", bundled)
    assert "1 Samordningsförbundet RAR i Sörmland\n  Flyttat stycke: Förbundets ändamål är att inom Sörmlands län " \
           "svara" in diff.out
    assert "(står nu efter ”Genom finansiell samordning ska samhällets resurser användas på …”)" in diff.out
    assert "Struket" not in diff.out and "Nytt stycke" not in diff.out


def it_points_to_ersatter_when_a_versions_own_file_is_imported_as_a_new_plan(styrdok, bundled, tmp_path):
    source = tmp_path / "egen.docx"
    source.write_bytes(own_docx("verksamhetsplan-2021"))
    run = styrdok("import", source, "--id", "styrelsens-utkast", "--content", bundled)
    assert run.code == 1
    assert "filen är en Word-fil från styrdok; läs in den med --ersatter ID" in run.err


def it_refuses_edits_to_an_annual_review_rather_than_losing_them(styrdok, bundled, tmp_path):
    review = next(v for v in VERSIONS if v not in PLANS)
    document = docx.Document(io.BytesIO(own_docx(review)))
    be.reword(be.body_paragraphs(document, "Normal")[0], ("och", "i", "hela", "länet"))
    source = tmp_path / "oversyn.docx"
    document.save(source)
    run = styrdok("import", source, "--ersatter", review, "--id", "styrelsens-utkast", "--content", bundled)
    assert run.code == 1
    assert "är en årlig översyn, och import läser bara in dess Word-fil oförändrad" in run.err
    assert not (bundled / "reviews" / "styrelsens-utkast.yaml").exists()


def it_reads_a_moved_section_as_moved_and_numbered_as_word_numbers_it(tmp_path):
    document = docx.Document(io.BytesIO(own_docx("verksamhetsplan-2021")))
    paragraphs = document.paragraphs
    moved = next(i for i, p in enumerate(paragraphs) if p.style.name == "Heading 2" and p.text == "Förvaltning")
    first = next(p for p in paragraphs if p.style.name == "Heading 2" and p.text == "Skapa samverkan")
    for element in [p._p for p in paragraphs[moved:moved + 3]]:  # the heading and its two paragraphs
        first._p.addprevious(element)
    source = tmp_path / "flyttad.docx"
    document.save(source)
    result, changes = report(source, "verksamhetsplan-2021")
    assert [(c.kind, c.what, c.old, c.new) for c in changes] == [
        ("moved", "avsnitt", "3.4. Förvaltning", "3.1. Förvaltning"), ("changed", "nummer", "3.1.", "3.2."),
        ("changed", "nummer", "3.2.", "3.3."), ("changed", "nummer", "3.3.", "3.4.")]
