"""Importing Word files nobody generated: headings however they were made, the plan's parts,
the words kept, and what is lost said before anything is written.

The inputs are made with python-docx and raw WordprocessingML (tests/wordmaker.py,
tests/handwritten.py) and rewritten by LibreOffice; the words of a source are counted with
pandoc, not with styrdok's reader.
"""

from __future__ import annotations

import re
from collections import Counter
import shutil
import subprocess
from pathlib import Path

import docx
from docx.oxml.ns import qn
import pypandoc
import pytest
import yaml
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from generators.authoring.importing import import_docx
from generators.content.checks import check_content
from generators.content.loading import load_content
from generators.content.model import PlanVersion
from generators.templating import phrases
from generators.word.reading import text as docx_text
from tests import handwritten
from tests.conftest import CONTENT, FIXTURES
from tests.fidelity import content_words, word_recall, words
from tests.wordmaker import KINDS, Plan, Section, make

NUMBERED_KINDS = {"lankad-numrering", "inskrivna-nummer", "fetstil-med-nummer", "numrerade-stycken"}
PLAN = Plan("Verksamhetsplan 2024", [
    Section(1, "Inledning", ["Förbundet arbetar med samordnad rehabilitering i hela länet sedan många år.",
                             "Planen gäller ett år och följs upp av styrelsen varje halvår."]),
    Section(1, "Mål för verksamheten", ["Deltagarna ska komma närmare arbete eller studier."],
            ["fler deltagare i arbete", "kortare tid i insatserna", "jämställd fördelning av platser"]),
    Section(2, "Uppföljning", ["Resultaten redovisas könsuppdelat till styrelsen."]),
    Section(3, "Mätning och analys", ["Mätningen görs med samma enkät som i fjol."]),
    Section(2, "Samverkan", ["Parterna träffas i ledningsgruppen varje månad."]),
    Section(1, "Ekonomi", ["Budgeten antas av styrelsen i december och gäller kalenderåret."]),
])


def source_words(path: Path) -> list[str]:
    """The words of a Word file as pandoc reads it (not styrdok's reader)."""
    return words(pypandoc.convert_file(str(path), "plain", format="docx", extra_args=["--wrap=none"]))


def outline(sections: list[dict], depth: int = 1) -> list[tuple]:
    found = []
    for section in sections:
        found.append((depth, (section.get("nummer") or "").rstrip("."), section["rubrik"]))
        found += outline(section.get("avsnitt", []), depth + 1)
    return found


def expected_outline(plan: Plan, numbered: bool) -> list[tuple]:
    return [(s.level, n if numbered else "", s.heading) for s, n in zip(plan.sections, plan.numbers())]


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    """Every kind of document, and each as LibreOffice rewrites it, imported into one content copy."""
    folder = tmp_path_factory.mktemp("import")
    content = folder / "content"
    shutil.copytree(CONTENT, content)
    made = {kind: make(PLAN, kind, folder / f"{kind}.docx") for kind in KINDS}
    made["handskriven"] = handwritten.write(folder / "handskriven.docx")
    if shutil.which("soffice"):
        made.update(_libreoffice_variants(folder, made))
    from generators.cli import main
    runs = {}
    for name, path in made.items():
        new_id = f"import-{name}"
        kind = "mal-och-inriktningsplan" if name.startswith("handskriven") else "verksamhetsplan"
        runs[name] = (path, new_id, main(["import", str(path), "--id", new_id, "--content", str(content),
                                          "--slag", kind]))
    return content, runs


def _libreoffice_variants(folder: Path, made: dict[str, Path]) -> dict[str, Path]:
    """Each file through LibreOffice: .docx -> .odt -> .docx, styles rewritten by another producer."""
    odt, back = folder / "odt", folder / "lo"
    # A profile of its own, so that another LibreOffice running on the machine does not take the job.
    soffice = ["soffice", f"-env:UserInstallation=file://{folder / 'lo-profile'}", "--headless", "--convert-to"]
    files = [str(p) for p in made.values()]
    subprocess.run([*soffice, "odt", "--outdir", str(odt), *files], check=True, capture_output=True, timeout=300)
    subprocess.run([*soffice, "docx:MS Word 2007 XML", "--outdir", str(back), *map(str, sorted(odt.glob("*.odt")))],
                   check=True, capture_output=True, timeout=300)
    return {f"{name}-libreoffice": back / f"{path.stem}.docx" for name, path in made.items()}


def _data(content: Path, new_id: str) -> dict:
    return yaml.safe_load((content / "plans" / f"{new_id}.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("kind", KINDS)
def it_finds_the_headings_however_they_were_made(imported, kind):
    content, runs = imported
    for name in [kind, f"{kind}-libreoffice"]:
        if name not in runs:
            continue
        path, new_id, code = runs[name]
        assert code == 0, name
        data = _data(content, new_id)
        assert outline(data["avsnitt"]) == expected_outline(PLAN, kind in NUMBERED_KINDS), name
        assert data["titel"] == PLAN.title


@pytest.mark.parametrize("name", [*KINDS, "handskriven"])
def it_keeps_at_least_98_percent_of_the_words_counted_by_pandoc(imported, name):
    content, runs = imported
    def lettered(found: list[str]) -> list[str]:
        # pandoc prints Word's list numbers its own way ("1." for 2.1); the outline test checks numbers.
        return [word for word in found if not word.isdigit()]
    for variant in [name, f"{name}-libreoffice"]:
        if variant in runs:
            path, new_id, _ = runs[variant]
            recall = word_recall(lettered(source_words(path)), lettered(content_words(content / "plans" / f"{new_id}.yaml")))
            assert recall >= 0.98, f"{variant}: {recall:.3f}"


def it_writes_drafts_that_pass_check_and_build(imported, tmp_path):
    from generators.cli import main
    content, runs = imported
    assert main(["check", "--content", str(content)]) == 0
    assert main(["build", "--content", str(content), "--out", str(tmp_path / "out")]) == 0
    for name, (_, new_id, _) in runs.items():
        built = docx_text(tmp_path / "out" / "word" / f"{new_id}.docx")
        assert "Ekonomi" in built or "ESF-insatser" in built, name


def it_reports_the_words_it_kept(styrdok, minimal, tmp_path):
    path = make(PLAN, "rubrikformat", tmp_path / "plan.docx")
    run = styrdok("import", path, "--id", "importerad", "--content", minimal)
    assert run.code == 0, run.err
    kept, total = map(int, re.search(r"behöll (\d+) av (\d+) ord \(100,0 %\), räknat i pandocs läsning", run.out).groups())
    assert kept == total == len(source_words(path)) + len(words(PLAN.title))


def it_counts_with_its_own_reader_and_says_so_when_pandoc_cannot_read_the_file(styrdok, minimal, tmp_path,
                                                                                monkeypatch):
    from generators.authoring import word_count
    monkeypatch.setattr(word_count, "SECONDS", 0)  # pandoc never finishes in time
    path = make(PLAN, "rubrikformat", tmp_path / "plan.docx")
    run = styrdok("import", path, "--id", "importerad", "--content", minimal)
    assert run.code == 0, run.err
    assert "räknat i styrdoks läsning av filen (pandoc kunde inte läsa den)" in run.out


def it_recognises_the_parts_of_the_plan_typed_by_hand(imported):
    content, runs = imported
    bundled = load_content(CONTENT).version("mal-och-inriktningsplan-2022-2026").model
    for name in ["handskriven", "handskriven-libreoffice"]:
        if name not in runs:
            continue
        assert runs[name][2] == 0
        plan = load_content(content).version(runs[name][1]).model
        assert plan.blocks_of("vision") == bundled.blocks_of("vision"), name
        assert [p.text for p in plan.blocks_of("principer")[0]] == [p.text for p in bundled.blocks_of("principer")[0]]
        goal, = plan.goals
        original, = bundled.goals
        assert goal.text == original.text and goal.sub_goals_heading == original.sub_goals_heading
        assert [s.text for s in goal.sub_goals] == [s.text for s in original.sub_goals]
        prioritised = [(g.priority, g.text) for groups in plan.blocks_of("malgrupper") for g in groups]
        assert prioritised == [(g.priority, g.text) for groups in bundled.blocks_of("malgrupper")
                               for g in groups if g.priority], name
        shares = [(s.percent, s.text) for s in plan.blocks_of("fordelning")[0]]
        assert shares == [(s.percent, s.text) for s in bundled.blocks_of("fordelning")[0]]


@pytest.mark.parametrize("kind", ["rubrikformat", "bara-fetstil"])
def it_stops_on_images_and_merged_cells_unless_told(styrdok, minimal, tmp_path, kind):
    path = make(PLAN, kind, tmp_path / "plan.docx", images=True, merged=True)
    run = styrdok("import", path, "--id", "importerad", "--content", minimal)
    assert run.code == 1
    assert "fel: i avsnittet Ekonomi: en bild" in run.err
    assert "sammanfogade celler i en tabell (rad 1, kolumn 1–2)" in run.err
    assert "--tillat-forlust" in run.err and "Traceback" not in run.err
    assert not (minimal / "plans" / "importerad.yaml").exists()
    run = styrdok("import", path, "--id", "importerad", "--content", minimal, "--tillat-forlust")
    assert run.code == 0, run.err
    assert "varning: i avsnittet Ekonomi: en bild" in run.err
    assert styrdok("check", "--content", minimal).code == 0
    assert styrdok("build", "--content", minimal, "--out", tmp_path / "out").code == 0
    cells = [row for table in docx.Document(str(tmp_path / "out" / "word" / "importerad.docx")).tables
             for row in table.rows]
    assert any("cell20" in c.text for row in cells for c in row.cells)


def it_stops_when_it_would_keep_less_than_95_percent(styrdok, minimal, tmp_path):
    document = docx.Document()
    for index in range(12):
        document.add_paragraph(f"Omslagets rad nummer {index} med text som står före första rubriken.")
    document.add_heading("Inledning", 1)
    document.add_paragraph("Kort text.")
    path = tmp_path / "plan.docx"
    document.save(str(path))
    run = styrdok("import", path, "--id", "importerad", "--content", minimal)
    assert run.code == 1
    assert "före första rubriken: stycket ”Omslagets rad nummer 0" in run.err
    assert re.search(r"fel: bara \d+,\d % av orden följer med \(minst 95,0 % krävs\)", run.err)
    assert not (minimal / "plans" / "importerad.yaml").exists()


@pytest.mark.parametrize("content", [b"", b"not a zip", b"PK\x03\x04broken"])
def it_says_a_file_is_not_a_word_file_without_a_traceback(styrdok, minimal, tmp_path, content):
    path = tmp_path / "plan.docx"
    path.write_bytes(content)
    run = styrdok("import", path, "--id", "importerad", "--content", minimal)
    assert run.code == 1 and "kan inte läsas som Word-fil" in run.err


# --- generated structures ---------------------------------------------------------------------

WORDS = ["samverkan", "insatser", "målgrupp", "deltagare", "arbete", "hälsa", "förbundet", "styrelsen",
         "jämställdhet", "uppföljning", "region", "kommun", "stöd", "rehabilitering", "år", "länet"]
sentence = st.lists(st.sampled_from(WORDS), min_size=3, max_size=14).map(lambda w: " ".join(w).capitalize() + ".")
heading = st.lists(st.sampled_from(WORDS), min_size=1, max_size=4).map(lambda w: " ".join(w).capitalize())


@st.composite
def plans(draw) -> Plan:
    sections, level = [], 0
    for _ in range(draw(st.integers(1, 8))):
        level = draw(st.integers(1, min(level + 1, 3)))
        sections.append(Section(level, draw(heading), draw(st.lists(sentence, max_size=3)),
                                draw(st.lists(sentence.map(lambda s: s.rstrip(".").lower()), max_size=3))))
    return Plan("Verksamhetsplan 2025", sections)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture],
          phases=[Phase.explicit, Phase.reuse, Phase.generate])
@given(plan=plans(), kind=st.sampled_from(KINDS))
def it_imports_generated_structures_to_drafts_that_check_and_render(tmp_path_factory, plan, kind):
    if kind == "numrerade-stycken":  # a numbered paragraph with no text after it is a list item
        plan = Plan(plan.title, [s if s.paragraphs or s.bullets else Section(s.level, s.heading, ["Text här."])
                                 for s in plan.sections])
    folder = tmp_path_factory.mktemp("generated")
    shutil.copytree(FIXTURES / "minimal", folder / "content")
    result = import_docx(make(plan, kind, folder / "plan.docx"), "importerad")
    assert outline(result.data["avsnitt"]) == expected_outline(plan, kind in NUMBERED_KINDS)
    assert result.kept_words == result.source_words
    written = folder / "content" / "plans" / "importerad.yaml"
    written.write_text(yaml.safe_dump(result.data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    content = load_content(folder / "content")
    assert [f for f in check_content(content) if f.severity == "fel"] == []
    from generators.word.output import plan_docx
    model = content.version("importerad").model
    (folder / "plan-built.docx").write_bytes(plan_docx(model, content, phrases()))
    expected = words(" ".join([s.heading for s in plan.sections] + [p for s in plan.sections for p in s.paragraphs]
                              + [b for s in plan.sections for b in s.bullets]))
    assert not Counter(expected) - Counter(words(docx_text(folder / "plan-built.docx")))


# --- Word's numbering, budgets and shares ------------------------------------------------------

def it_leaves_a_heading_with_no_numbering_unnumbered_and_counts_on(tmp_path):
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls
    path = make(PLAN, "lankad-numrering", tmp_path / "plan.docx")
    document = docx.Document(str(path))
    heading = next(p for p in document.paragraphs if p.text == "Samverkan")
    heading._p.get_or_add_pPr().append(parse_xml(f'<w:numPr {nsdecls("w")}><w:numId w:val="0"/></w:numPr>'))
    document.save(str(path))
    assert outline(import_docx(path, "importerad").data["avsnitt"]) == [
        (1, "1", "Inledning"), (1, "2", "Mål för verksamheten"), (2, "2.1", "Uppföljning"),
        (3, "2.1.1", "Mätning och analys"), (2, "", "Samverkan"), (1, "3", "Ekonomi")]


def _budget_document(path: Path, summa_kostnader: str) -> Path:
    document = docx.Document()
    document.add_paragraph("Verksamhetsplan 2025–2026", style="Title")
    document.add_heading("Budget", 1)
    document.add_paragraph("Belopp i tkr")
    rows = [["Intäkter", "2025", "2026"], ["Staten", "8 000", "8 000"], ["Regionen", "4 000", "4 000"],
            ["Summa intäkter", "12 000", "12 000"], ["Kostnader", "2025", "2026"], ["Insatser", "11 000", "11 500"],
            ["Kansli", "1 000", "500"], ["Summa kostnader", summa_kostnader, "12 000"], ["Resultat", "0", "0"]]
    table = document.add_table(rows=len(rows), cols=3)
    for row, values in zip(table.rows, rows):
        for cell, value in zip(row.cells, values):
            cell.text = value
    document.add_heading("Fördelning", 1)
    shares = document.add_table(rows=2, cols=2)
    for row, values in zip(shares.rows, [["60 %", "länsövergripande insatser"], ["40 %", "lokala insatser"]]):
        for cell, value in zip(row.cells, values):
            cell.text = value
    document.save(str(path))
    return path


def it_recognises_a_budget_table_and_a_table_of_shares(styrdok, minimal, tmp_path):
    path = _budget_document(tmp_path / "budget.docx", "12 000")
    run = styrdok("import", path, "--id", "importerad", "--content", minimal)
    assert run.code == 0, run.err
    assert "kände igen: budget 2025–2026 i tkr, fördelning i 2 andelar" in run.out
    assert re.search(r"behöll (\d+) av \1 ord \(100,0 %\)", run.out)
    plan = load_content(minimal).version("importerad").model
    budget, = plan.budgets
    assert (budget.unit, budget.years) == ("tkr", [2025, 2026])
    assert [(r.text, r.amounts) for r in budget.income.rows] == [("Staten", {2025: 8000, 2026: 8000}),
                                                                 ("Regionen", {2025: 4000, 2026: 4000})]
    assert budget.costs.total.amounts == {2025: 12000, 2026: 12000} and budget.result.amounts == {2025: 0, 2026: 0}
    assert [(s.percent, s.text) for s in plan.blocks_of("fordelning")[0]] == [(60, "länsövergripande insatser"),
                                                                              (40, "lokala insatser")]
    assert styrdok("check", "--content", minimal).code == 0
    assert styrdok("build", "--content", minimal, "--out", tmp_path / "out").code == 0
    built = docx.Document(str(tmp_path / "out" / "word" / "importerad.docx")).tables[0]
    assert [c.text for c in built.rows[1].cells] == ["Staten", "8\u00a0000", "8\u00a0000"]


def it_keeps_a_published_sum_that_does_not_add_up_and_acknowledges_it(styrdok, minimal, tmp_path):
    path = _budget_document(tmp_path / "budget.docx", "12 500")
    run = styrdok("import", path, "--id", "importerad", "--content", minimal)
    assert run.code == 0, run.err
    assert "kvitterad:" in run.err and "[budget-summa]" in run.err
    plan = load_content(minimal).version("importerad").model
    assert plan.budgets[0].costs.total.amounts[2025] == 12500
    assert [a.rule for a in plan.acknowledgements] == ["budget-summa", "budget-resultat"]
    check = styrdok("check", "--content", minimal)
    assert check.code == 0 and "kvitterad" in check.out


def it_takes_the_kind_of_plan_from_the_title(imported):
    content, runs = imported
    assert _data(content, runs["rubrikformat"][1])["slag"] == "verksamhetsplan"
    path = handwritten.write(content.parent / "utan-slag.docx")
    assert import_docx(path, "x").data["slag"] == "mal-och-inriktningsplan"


# --- files other programs write oddly ------------------------------------------------------------

ODD = {
    "dispositionsnivå som inte är ett tal": ("Heading1", "w:pPr", '<w:outlineLvl w:val="x"/>'),
    "numrering utan definition": ("Heading1", "w:pPr", '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="77"/></w:numPr>'),
    "nivå som inte är ett tal": ("Heading2", "w:pPr", '<w:numPr><w:ilvl w:val="nio"/><w:numId w:val="90"/></w:numPr>'),
    "format som bygger på sig självt": ("Heading1", None, '<w:basedOn w:val="Heading1"/>'),
    "teckenstorlek som inte är ett tal": ("Heading1", "w:rPr", '<w:sz w:val="stor"/>'),
}


@pytest.mark.parametrize("case", ODD)
def it_reads_odd_styles_without_a_traceback(styrdok, minimal, tmp_path, case):
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls
    style_id, parent, xml = ODD[case]
    path = make(PLAN, "lankad-numrering", tmp_path / "plan.docx")
    document = docx.Document(str(path))
    style = next(s for s in document.styles.element.findall(qn("w:style")) if s.get(qn("w:styleId")) == style_id)
    element = parse_xml(re.sub(r"^<([\w:]+)", lambda m: f'<{m.group(1)} {nsdecls("w")}', xml, count=1))
    if parent is None:
        for old in style.findall(qn("w:basedOn")):
            style.remove(old)
        style.append(element)
    else:
        container = style.find(qn(parent))
        if container is None:
            container = parse_xml(f'<{parent} {nsdecls("w")}/>')
            style.append(container)
        for old in container.findall(element.tag):
            container.remove(old)
        container.insert(0, element)
    document.save(str(path))
    run = styrdok("import", path, "--id", "importerad", "--content", minimal)
    assert run.code == 0, run.err
    assert "Traceback" not in run.err and "internt fel" not in run.err
    assert styrdok("check", "--content", minimal).code == 0


def it_splits_a_cell_merged_across_the_grid_never_wider_than_the_table(tmp_path):
    path = make(PLAN, "rubrikformat", tmp_path / "plan.docx", merged=True)
    result = import_docx(path, "importerad")
    table = next(b["tabell"] for s in result.data["avsnitt"] for b in s.get("innehall", []) if "tabell" in b)
    assert table["rubriker"] == ["cell00\ncell01", "", "cell02"]  # Word keeps both texts in the merged cell
    assert all(len(row) == 3 for row in table["rader"])
    assert [loss.what for loss in result.losses if loss.blocking] == [
        "sammanfogade celler i en tabell (rad 1, kolumn 1–2) är delade"]


# --- the plan's parts in generated plans -----------------------------------------------------------

item = st.lists(st.sampled_from(WORDS), min_size=2, max_size=10).map(" ".join)


@st.composite
def typed_plans(draw) -> dict:
    return {"vision": draw(sentence), "principles": draw(st.lists(item, min_size=2, max_size=6)),
            "goal": draw(sentence), "sub_goals": draw(st.lists(item, min_size=1, max_size=4)),
            "groups": draw(st.lists(item, min_size=1, max_size=4)),
            "headings": draw(st.sampled_from(["rubrikformat", "bara-fetstil"]))}


def _typed_plan(parts: dict, path: Path) -> Path:
    document = docx.Document()
    document.add_paragraph("Mål- och inriktningsplan 2027–2030", style="Title")

    def heading(text: str) -> None:
        if parts["headings"] == "bara-fetstil":
            document.add_paragraph().add_run(text).bold = True
        else:
            document.add_heading(text, 1)
    heading("Vision")
    document.add_paragraph(parts["vision"])
    heading("Grunder för samverkan")
    document.add_paragraph("Verksamheten ska:")
    for text in parts["principles"]:
        document.add_paragraph(text, style="List Number")
    heading("Mål")
    document.add_paragraph(parts["goal"])
    document.add_paragraph("Delmål:")
    for text in parts["sub_goals"]:
        document.add_paragraph(text, style="List Bullet")
    heading("Prioriterade målgrupper")
    for text in parts["groups"]:
        document.add_paragraph(text, style="List Number")
    document.save(str(path))
    return path


@settings(max_examples=20, deadline=None, phases=[Phase.explicit, Phase.reuse, Phase.generate])
@given(parts=typed_plans())
def it_recognises_the_parts_of_generated_plans_typed_by_hand(tmp_path_factory, parts):
    path = _typed_plan(parts, tmp_path_factory.mktemp("parts") / "plan.docx")
    result = import_docx(path, "importerad")
    plan = PlanVersion.model_validate(result.data)
    assert result.data["slag"] == "mal-och-inriktningsplan" and result.kept_words == result.source_words
    assert plan.blocks_of("vision") == [parts["vision"]]
    assert [p.text for p in plan.blocks_of("principer")[0]] == parts["principles"]
    goal, = plan.goals
    assert (goal.text, goal.sub_goals_heading) == (parts["goal"], "Delmål:")
    assert [s.text for s in goal.sub_goals] == parts["sub_goals"]
    groups, = plan.blocks_of("malgrupper")
    assert [(g.priority, g.text) for g in groups] == list(enumerate(parts["groups"], start=1))
