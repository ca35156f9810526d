"""The Word files' properties are this document's: made by styrdok, created on the day of the
board's decision (or of the build, where the source gives none), and nothing left over from the
default template (its blank preview picture, empty bibliography part and "Microsoft Macintosh
Word" application properties)."""

from __future__ import annotations

import datetime as dt
import re
import zipfile

from generators.build import build
from generators.content.loading import load_content
from tests.conftest import CONTENT


def it_gives_every_word_file_its_own_properties_and_nothing_of_the_template(tmp_path):
    build(CONTENT, tmp_path / "out")
    decided = {loaded.model.id: loaded.model.adopted.date if loaded.model.adopted else None
               for loaded in [*load_content(CONTENT).plans, *load_content(CONTENT).reviews]}
    files = sorted((tmp_path / "out" / "word").glob("*.docx"))
    assert len(files) >= 5
    for path in files:
        with zipfile.ZipFile(path) as package:
            names = package.namelist()
            assert not [n for n in names if "thumbnail" in n or n.startswith("customXml/")], (path.name, names)
            relations = package.read("_rels/.rels").decode() + package.read("word/_rels/document.xml.rels").decode()
            assert "thumbnail" not in relations and "customXml" not in relations
            app = package.read("docProps/app.xml").decode()
            assert "<Application>styrdok</Application>" in app and "Microsoft" not in app and "<Pages>" not in app
            core = package.read("docProps/core.xml").decode()
        created = dt.date.fromisoformat(re.search(r"<dcterms:created[^>]*>(\d{4}-\d\d-\d\d)", core).group(1))
        decision = decided.get(path.stem)
        if decision:
            assert created == (decision if isinstance(decision, dt.date) else dt.date.fromisoformat(decision))
        else:
            assert abs((created - dt.date.today()).days) <= 1, (path.name, created)


def it_keeps_the_archives_remark_off_every_cover_and_in_the_documents_information(tmp_path):
    """Where the source gives no decision date, the Word and PDF covers say "Antagen av
    styrelsen." and nothing archival; the files' properties say the date is missing."""
    import shutil
    import subprocess

    import docx
    import pytest
    if not shutil.which("pdftotext"):
        pytest.skip("poppler is installed by .ci/run")
    build(CONTENT, tmp_path / "out")
    undated = [loaded.model.id for loaded in load_content(CONTENT).plans
               if loaded.model.adopted and not loaded.model.adopted.date]
    assert undated
    for name in undated:
        cover = subprocess.run(["pdftotext", "-l", "1", str(tmp_path / "out" / "pdf" / f"{name}.pdf"), "-"],
                               capture_output=True, check=True).stdout.decode("utf-8", "replace")
        assert "Antagen av styrelsen." in cover and "saknas" not in cover, (name, cover)
        info = subprocess.run(["pdfinfo", str(tmp_path / "out" / "pdf" / f"{name}.pdf")],
                              capture_output=True, check=True).stdout.decode("utf-8", "replace")
        assert re.search(r"^Subject:\s+Beslutsdatum saknas i källan\.$", info, re.M), info
        document = docx.Document(str(tmp_path / "out" / "word" / f"{name}.docx"))
        first = [p.text for p in document.paragraphs[:8]]
        assert "Antagen av styrelsen." in first and not [t for t in first if "saknas" in t], first
        assert document.core_properties.comments == "Beslutsdatum saknas i källan."


def it_tags_the_pdf_cover_with_the_title_as_the_first_heading_and_a_paragraph_per_line(tmp_path):
    """The cover's title is the document's first heading (H1), each cover line a paragraph and
    the word "Innehåll" a heading; lead-ins before lists are paragraphs."""
    import shutil
    import subprocess

    import pytest
    if not shutil.which("pdfinfo"):
        pytest.skip("poppler is installed by .ci/run")
    build(CONTENT, tmp_path / "out")
    for loaded in load_content(CONTENT).plans:
        tree = subprocess.run(["pdfinfo", "-struct-text", str(tmp_path / "out" / "pdf" / f"{loaded.model.id}.pdf")],
                              capture_output=True, check=True).stdout.decode("utf-8", "replace")
        first = re.search(r"^\s*(H\d?)\b.*\n\s*\"([^\"]*)\"", tree, re.M)
        assert first and first.group(1) == "H1" and first.group(2) == loaded.model.title, tree[:400]
        cover = tree[:tree.index("TOC")]
        assert re.search(r"P \(block\)\n\s*\"Period: ", cover), cover
        assert re.search(r"H\d .*\n\s*\"Innehåll\"", cover), cover
        # Whatever comes before a list (a lead-in, a label) is an element of its own, never loose text.
        top = re.findall(r"^  (\S+)", tree, re.M)
        loose = [top[i - 1] for i, kind in enumerate(top) if kind == "L" and i and not re.match(
            r"(P|H\d?|L|Table|Figure|TOC)$", top[i - 1])]
        assert not loose, (loaded.model.id, loose)


def it_dates_each_pdf_and_word_file_on_the_decision_else_the_build_day(bundled, tmp_path, monkeypatch):
    """pdfinfo's creation date (no longer 2000-01-01): the decision's day where the plan gives one,
    else the day of the build (STYRDOK_IDAG here, so the test repeats); the Word file's the same."""
    import shutil
    import subprocess

    import pytest

    from tests.conftest import edit_yaml
    if not shutil.which("pdfinfo"):
        pytest.skip("poppler is installed by .ci/run")
    edit_yaml(bundled / "plans" / "verksamhetsplan-2021.yaml",
              lambda data: data["antagen"].update(datum="2021-02-11"))
    monkeypatch.setenv("STYRDOK_IDAG", "2026-12-05")
    build(bundled, tmp_path / "out")
    expected = {"verksamhetsplan-2021": "2021-02-11", "verksamhetsplan-2007": "2026-12-05",
                "mal-och-inriktningsplan-2022-2026": "2026-12-05", "arlig-oversyn-2022": "2026-12-05"}
    for name, day in expected.items():
        info = subprocess.run(["pdfinfo", "-isodates", str(tmp_path / "out" / "pdf" / f"{name}.pdf")],
                              capture_output=True, check=True).stdout.decode("utf-8", "replace")
        assert re.search(rf"^CreationDate:\s+{day}T00:00:00", info, re.M), (name, info)
        assert re.search(r"^Creator:\s+styrdok$", info, re.M) and re.search(r"^Producer:\s+Typst", info, re.M), info
        with zipfile.ZipFile(tmp_path / "out" / "word" / f"{name}.docx") as package:
            core = package.read("docProps/core.xml").decode()
        assert re.search(rf"<dcterms:created[^>]*>{day}T", core), (name, core)


def it_sets_the_cover_as_the_pdf_does_without_the_templates_rule_or_letter_spacing(tmp_path):
    """The Word cover's title and subtitle are the PDF's: no rule in the default template's blue
    under the title, no letter spacing or kerning, no list level on the subtitle, and the
    title's lines spaced as every other paragraph's."""
    build(CONTENT, tmp_path / "out")
    for path in sorted((tmp_path / "out" / "word").glob("*.docx")):
        with zipfile.ZipFile(path) as package:
            styles = package.read("word/styles.xml").decode()
        for name in ("Title", "Subtitle"):
            style = re.search(rf'<w:style [^>]*w:styleId="{name}".*?</w:style>', styles, re.S).group(0)
            assert not re.search(r"<w:pBdr>|<w:numPr>|<w:kern |<w:spacing w:val=|w:line=", style), (path.name, style)
