"""Tracked changes that resolve exactly, with LibreOffice itself as the oracle and the document
judged as a reader gets it (saved, reopened and rendered to PDF, read by pdftotext): accepting
every change in the tracked file gives, line by line with list labels and page breaks, the new
version's own Word file rendered the same way, and rejecting every change the old one's. On
the real pairs, on crafted pairs (reorders, moves, renumbering, footnotes, tables, title and
period) and on generated pairs; list moves are generated in test_tracked_moves.py."""

from __future__ import annotations

import copy
import io
import time

import docx
import pytest
import yaml
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from hypothesis import given, settings

from generators.cache import RenderCache
from generators.content.loading import load_content
from generators.content.model import PlanVersion
from generators.templating import phrases
from generators.word.output import plan_docx, tracked_docx
from tests.conftest import CONTENT, FIXTURES
from tests.test_properties import examples, plans

WORDS = phrases()
BUNDLED = load_content(CONTENT)
REAL_PAIRS = [("verksamhetsplan-2007", "verksamhetsplan-2021"),
              ("verksamhetsplan-2021", "mal-och-inriktningsplan-2022-2026"),
              ("verksamhetsplan-2007", "mal-och-inriktningsplan-2022-2026")]


def assert_resolves(libreoffice, tracked: bytes, old_own: bytes, new_own: bytes) -> None:
    """Accepting every change renders line by line as NEW's own file, rejecting as OLD's."""
    accepted = libreoffice.rendered_mismatches(tracked, new_own, "accept")
    rejected = libreoffice.rendered_mismatches(tracked, old_own, "reject")
    assert (accepted, rejected) == ([], []), "\n".join(["accept:", *accepted, "reject:", *rejected])


LIBREOFFICE_LIMITS = """What LibreOffice 7.4 does otherwise than Word: it removes a deleted (or rejected) table
only after all the text changes, so the paragraphs on either side of it never join
(it_cannot_join_across_a_removed_table shows it on a minimal file); the empty paragraph left
is not seen in the rendered text unless it moves a page break. And where rejecting a
formatting change gives a kept paragraph its old list numbering back, it starts that list anew:
borders.settle_joins records such a change only on added entries that go when rejected, whose
look passes to the list entry they join, which LibreOffice then numbers on."""


def it_cannot_join_across_a_removed_table(libreoffice):
    """The first of LIBREOFFICE_LIMITS, on a minimal file: a kept paragraph, a deleted table
    and a deleted paragraph at the end; accepting leaves the last paragraph, emptied. Word joins
    them. Should a later LibreOffice join them too, this fails and the limit can go."""
    document = docx.Document()
    body = document.element.body
    for paragraph in body.findall(qn("w:p")):
        body.remove(paragraph)
    change = 'w:id="{}" w:author="x" w:date="2030-01-01T00:00:00Z"'
    deleted_mark = f'<w:pPr><w:rPr><w:del {change.format(1)}/></w:rPr></w:pPr>'
    cell = '<w:tc><w:p><w:del {}><w:r><w:delText>cell</w:delText></w:r></w:del></w:p></w:tc>'
    for xml in [f'<w:p {nsdecls("w")}>{deleted_mark}<w:r><w:t>kept</w:t></w:r></w:p>',
                f'<w:tbl {nsdecls("w")}><w:tblGrid><w:gridCol w:w="2000"/></w:tblGrid><w:tr><w:trPr>'
                f'<w:del {change.format(2)}/></w:trPr>{cell.format(change.format(3))}</w:tr></w:tbl>',
                f'<w:p {nsdecls("w")}><w:del {change.format(4)}><w:r><w:delText>gone</w:delText></w:r></w:del></w:p>']:
        body.find(qn("w:sectPr")).addprevious(parse_xml(xml))
    buffer = io.BytesIO()
    document.save(buffer)
    paragraphs = [block[3] for block in libreoffice.read(buffer.getvalue(), "accept")["blocks"]]
    assert paragraphs == ["kept", ""]


@pytest.mark.parametrize("old_id, new_id", REAL_PAIRS)
def it_resolves_the_real_pairs_to_each_versions_own_file(libreoffice, old_id, new_id):
    old, new = BUNDLED.version(old_id).model, BUNDLED.version(new_id).model
    started = time.perf_counter()
    tracked = tracked_docx(old, new, BUNDLED, WORDS, RenderCache(None))
    print(f"{old_id} → {new_id}: tracked file in {time.perf_counter() - started:.2f} s")
    assert_resolves(libreoffice, tracked, plan_docx(old, BUNDLED, WORDS), plan_docx(new, BUNDLED, WORDS))


# --- crafted pairs: the minimal plan, changed on one side or both -------------------------------

def minimal_plan() -> dict:
    return yaml.safe_load((FIXTURES / "minimal" / "plans" / "plan.yaml").read_text(encoding="utf-8"))


def sections(data):
    return data["avsnitt"]


def with_principles(data):
    sections(data)[0]["innehall"].append({"principer": [
        {"id": key, "text": text} for key, text in
        [("behov", "utgå från individens behov"), ("tillit", "bygga på tillit"),
         ("jamstalldhet", "ha fokus på jämställdhet"), ("hallbarhet", "genomsyras av hållbarhet")]]})


def reorder_principles(data):
    principles = sections(data)[0]["innehall"][-1]["principer"]
    principles.insert(0, principles.pop(2))


def drop_first_section(data):
    """Vision goes: Mål becomes 1 with 1.1, Budget 2 (numbers follow the place)."""
    sections(data).pop(0)
    for number, section in enumerate(sections(data), 1):
        section["nummer"] = str(number)
    sections(data)[0]["avsnitt"][0]["nummer"] = "1.1"


def lift_subsection(data):
    """2.1 Målgrupper becomes section 3, Budget 4: a heading changes level."""
    child = sections(data)[1].pop("avsnitt")[0]
    child["nummer"] = "3"
    sections(data).insert(2, child)
    sections(data)[3]["nummer"] = "4"


def with_footnotes(data):
    sections(data)[0]["innehall"].append({"punktlista": [
        {"text": "Uppföljning i SUS", "fotnot": "SUS är det nationella uppföljningssystemet."},
        "Självvärdering årligen",
        {"text": "Indikatorer halvårsvis", "fotnot": "Försörjningsmåttet per kommun."}]})


def change_footnotes(data):
    items = sections(data)[0]["innehall"][-1]["punktlista"]
    items[0] = "Uppföljning i SUS"
    items[1] = {"text": "Självvärdering årligen", "fotnot": "Redovisas för styrelsen."}


def with_table(data):
    sections(data)[0]["innehall"].append({"tabell": {"rubriker": ["Insats", "Ansvar"], "rader": [
        ["Kartläggning", "Kansliet"], ["Utbildning", "Medlemmarna"], ["Uppföljning", "Styrelsen"]]}})


def change_table(data):
    rows = sections(data)[0]["innehall"][-1]["tabell"]["rader"]
    rows.pop(0)
    rows[0][1] = "Kansliet och medlemmarna"
    rows.append(["Spridning", "Kansliet"])


def title_and_period(data):
    data.update(titel="Mål- och inriktningsplan 2032–2034", startar=2032, slutar=2034)


def move_goal_section(data):
    sections(data).append(sections(data).pop(0))


def remove_all_but_vision(data):
    del sections(data)[1:]


def with_two_lists(data):
    sections(data)[0]["innehall"] += [{"numrerad_lista": ["Kartläggning av behoven", "Samverkan i länet",
                                                          "Uppföljning varje år"]},
                                      {"punktlista": ["Spridning av resultat"]}]


def entry_to_other_list(data):
    """The second numbered entry becomes a bullet: the numbered list counts 1, 2 in the new
    version and 1, 2, 3 in the old."""
    blocks = sections(data)[0]["innehall"]
    blocks[-1]["punktlista"].insert(0, blocks[-2]["numrerad_lista"].pop(1))


def with_two_numbered_lists(data):
    sections(data)[0]["innehall"] += [{"numrerad_lista": ["Kartläggning av behoven", "Samverkan i länet"]},
                                      {"numrerad_lista": ["Uppföljning varje år", "Spridning av resultat"]}]


def first_list_made_bullets(data):
    """Each entry is struck and added with a bullet; rejecting, the added ones join the next
    list's first entry, which must stay numbered."""
    blocks = sections(data)[0]["innehall"]
    blocks[-2] = {"punktlista": blocks[-2]["numrerad_lista"]}


def with_a_numbered_list(data):
    sections(data)[0]["innehall"].append({"numrerad_lista": ["Kartläggning av behoven", "Samverkan i länet",
                                                             "Uppföljning varje år", "Spridning av resultat"]})


def head_of_list_made_bullets(data):
    """Rejecting, the added bullets join the third entry, which must count on as 3."""
    blocks = sections(data)[0]["innehall"]
    entries = blocks[-1]["numrerad_lista"]
    blocks[-1:] = [{"punktlista": entries[:2]}, {"numrerad_lista": entries[2:]}]


def roll_budget_years(data):
    """The budget moves on a year, as every annual revision does: 2030–2031 → 2031–2032."""
    found = sections(data)[2]["innehall"][0]["budget"]
    found["ar"] = [2031, 2032]
    for part in ("intakter", "kostnader"):
        for row in found[part]["rader"] + [found[part]["summa"]]:
            row["belopp"] = {2031: row["belopp"][2031], 2032: row["belopp"][2031]}
    found["resultat"]["belopp"] = {2031: 0, 2032: 0}


def replace_budget(data):
    """The budget's tables go, a text comes after them: every paragraph joins something."""
    sections(data)[2]["innehall"] = [{"stycke": "Budgeten för perioden beslutas i december."},
                                     {"signatur": "Styrelsen"}]


def add_goal(data):
    sections(data)[1]["innehall"][0]["mal"].append(
        {"id": "halsa-mal", "stil": "stycke", "text": "Deltagarna ska må bättre.", "delmal_rubrik": "Delmål:",
         "delmal": [{"id": "somn", "text": "att deltagarna sover bättre."}]})


CRAFTED = [
    ("identical", None, lambda d: None),
    ("reworded goal", None, lambda d: sections(d)[1]["innehall"][0]["mal"][0].update(
        text="Deltagande ska leda till arbete eller studier.")),
    ("reordered principle", with_principles, reorder_principles),
    ("renumbered headings", None, drop_first_section),
    ("heading changes level", None, lift_subsection),
    ("moved section", None, move_goal_section),
    ("footnotes changed", with_footnotes, change_footnotes),
    ("footnotes added", None, with_footnotes),
    ("table changed", with_table, change_table),
    ("table added", None, with_table),
    ("title and period", None, title_and_period),
    ("everything after the vision removed", None, remove_all_but_vision),
    ("budget tables replaced by text", None, replace_budget),
    ("list entry moved to another list", with_two_lists, entry_to_other_list),
    ("numbered list made bullets before another", with_two_numbered_lists, first_list_made_bullets),
    ("head of a numbered list made bullets", with_a_numbered_list, head_of_list_made_bullets),
    ("budget years move on", None, roll_budget_years),
    ("goal with sub-goals added", None, add_goal),
    ("budget line", None, lambda d: sections(d)[2]["innehall"][0]["budget"]["kostnader"]["rader"][0][
        "belopp"].update({2030: 700})),
]


def versions(base, change) -> tuple[PlanVersion, PlanVersion]:
    old = minimal_plan()
    if base:
        base(old)
    new = copy.deepcopy(old)
    change(new)
    new["id"] = "plan-ny"
    return PlanVersion.model_validate(old), PlanVersion.model_validate(new)


def own(version: PlanVersion) -> bytes:
    """The version's own Word file, contents page numbers as printed."""
    return plan_docx(version, BUNDLED, WORDS)


def tracked(old: PlanVersion, new: PlanVersion) -> bytes:
    return tracked_docx(old, new, BUNDLED, WORDS)


@pytest.mark.parametrize("name, base, change", [pytest.param(*c, id=c[0]) for c in CRAFTED])
def it_resolves_crafted_pairs_both_ways(libreoffice, name, base, change):
    old, new = versions(base, change)
    assert_resolves(libreoffice, tracked(old, new), own(old), own(new))
    assert_resolves(libreoffice, tracked(new, old), own(new), own(old))


@settings(examples(12), derandomize=True)
@given(plans("plan-a"), plans("plan-b"))
def it_resolves_generated_pairs(libreoffice, first, second):
    """Derandomized: the same twelve pairs in every run. Random pairs found the layout case
    pinned below, which is not solved; CI must not fail on it by chance."""
    old, new = PlanVersion.model_validate(first), PlanVersion.model_validate(second)
    assert_resolves(libreoffice, tracked(old, new), own(old), own(new))


FOUND = sorted((FIXTURES / "tracked_found").glob("*.yaml"))
"""Pairs random runs of it_resolves_generated_pairs once failed on, each solved since."""
KNOWN = FIXTURES / "tracked_known"
"""Pairs random runs found that are not solved, one of each kind."""
ONLY_THE_RENDERING = {"strict": True, "raises": AssertionError}
"""An unsolved pair fails on the rendered mismatch only, never on a broken fixture."""


def assert_pair_resolves(libreoffice, path) -> None:
    pair = yaml.safe_load(path.read_text(encoding="utf-8"))
    old, new = (PlanVersion.model_validate(pair[side]) for side in ("first", "second"))
    assert_resolves(libreoffice, tracked(old, new), own(old), own(new))


@pytest.mark.parametrize("path", FOUND, ids=[path.stem for path in FOUND])
def it_resolves_the_pairs_random_runs_found(libreoffice, path):
    assert_pair_resolves(libreoffice, path)


@pytest.mark.xfail(**ONLY_THE_RENDERING, reason="Not solved: after Accept All, a heading inserted before a "
                   "caption that a deleted heading was merged into (borders.py) stays last on its page in "
                   "LibreOffice, where the new version's own file moves it with the caption and table; every line "
                   "of the page stands where it does in the own file (pdftotext's boxes agree to 0.1 pt), so "
                   "LibreOffice decides the keep-with-next chain otherwise, not the file's geometry")
def it_keeps_a_heading_with_a_merged_caption_after_accepting(libreoffice):
    assert_pair_resolves(libreoffice, KNOWN / "heading-before-merged-caption.yaml")


# --- what the tracked file itself shows ---------------------------------------------------------

def _document(data: bytes):
    return docx.Document(io.BytesIO(data))


def it_names_every_bookmark_once():
    old, new = BUNDLED.version("verksamhetsplan-2007").model, BUNDLED.version("verksamhetsplan-2021").model
    body = _document(tracked_docx(old, new, BUNDLED, WORDS, RenderCache(None))).element.body
    names = [mark.get(qn("w:name")) for mark in body.iter(qn("w:bookmarkStart"))]
    assert len(names) > 20 and len(names) == len(set(names))


def it_keeps_the_summary_out_of_the_text(libreoffice):
    """The summary of what changed is in the file's properties, where accepting or rejecting
    cannot leave it behind; the changes are dated and signed by styrdok."""
    old, new = BUNDLED.version("verksamhetsplan-2021").model, BUNDLED.version("mal-och-inriktningsplan-2022-2026").model
    data = tracked_docx(old, new, BUNDLED, WORDS, RenderCache(None))
    document = _document(data)
    assert document.core_properties.comments.startswith("Sammanfattning av ändringarna")
    assert "Mål- och inriktningsplan 2022–2026" in document.core_properties.comments
    text = " ".join(block[3] for block in libreoffice.read(data)["blocks"] if block[0] == "p")
    assert "Sammanfattning" not in text
    authors = {element.get(qn("w:author")) for element in document.element.body.iter(qn("w:ins"), qn("w:del"))}
    assert authors == {"styrdok"}


def it_strikes_a_budget_whose_years_moved_on_and_inserts_the_new_one():
    """Not cell by cell: that would set 2030's figures against 2031's under one heading."""
    old, new = versions(None, roll_budget_years)
    body = _document(tracked(old, new)).element.body
    marks = [{change.tag for change in row.iter(qn("w:ins"), qn("w:del")) if change.getparent().tag == qn("w:trPr")}
             for table in body.iter(qn("w:tbl")) for row in table.iter(qn("w:tr"))
             if "Staten" in "".join(row.itertext())]
    assert marks == [{qn("w:ins")}, {qn("w:del")}]


def it_shows_the_old_and_new_title_on_the_cover(libreoffice):
    old, new = versions(None, title_and_period)
    cover_text = [block[3] for block in libreoffice.read(tracked(old, new))["blocks"][:6] if block[0] == "p"]
    title = next(line for line in cover_text if line.startswith("Mål- och inriktningsplan"))
    assert "2030" in title and "2032–2034" in title  # the old year struck, the new one inserted
