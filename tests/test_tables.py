"""Tables as a reader meets them: a numbered caption that says what the table holds, its years
and its unit once ("Tabell 2. Intäkter 2007–2008, kr"), the same in Word, PDF and on the site,
figures without the unit in each cell, and the first column heading its rows: bold in Word as
LibreOffice renders it (Word's First Column), TH with row scope in the PDF's tag tree, and
`<th scope="row">` on the site."""

from __future__ import annotations

import html
import re
import shutil
import subprocess
from pathlib import Path

import pikepdf
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generators.build import build
from generators.content.model.budget import Budget
from generators.document import Heading, Row, Table, budget_table, number_captions, table_caption
from generators.templating import phrases
from tests.conftest import CONTENT

UNITS = ["kr", "tkr", "kkr", "mkr", "mnkr"]
CAPTIONS = {
    "verksamhetsplan-2007": ["Tabell 1. Befintliga projekt 2007, kkr", "Tabell 2. Intäkter 2007–2008, kr",
                             "Tabell 3. Kostnader 2007, kkr"],
    "verksamhetsplan-2021": ["Tabell 1. Budget 2021–2023, tkr"],
    "arlig-oversyn-2022": None,  # its tables are the review's: read from the PDF, compared with Word and site
}
CAPTION = re.compile(r"^\s*(Tabell \d+\. .+?)\s*$", re.MULTILINE)
needs_readers = pytest.mark.skipif(not (shutil.which("soffice") and shutil.which("pdftotext")),
                                   reason="LibreOffice and poppler are installed by .ci/run")


# --- the tree: numbering and captions for any document -------------------------------------------

words = st.text(st.characters(codec="utf-8", categories=("L", "N", "Zs")), min_size=1, max_size=20).map(str.strip).filter(bool)
nodes = st.lists(st.one_of(st.builds(lambda t: Heading(t, 1), words),
                           st.builds(lambda c: Table(("A", "B"), (Row(("x", "1")),), (False, True), c),
                                     st.one_of(st.just(""), words))), max_size=12)


@settings(max_examples=200, deadline=None)
@given(nodes)
def it_numbers_every_table_in_document_order_and_names_an_untitled_one_by_its_heading(made):
    numbered = number_captions(made, phrases())
    heading, number = "", 0
    for before, after in zip(made, numbered):
        if isinstance(before, Heading):
            heading = before.text
            assert after == before
            continue
        number += 1
        title = before.caption or heading
        assert after.caption == (f"Tabell {number}. {title}" if title else f"Tabell {number}")
        assert after.rows == before.rows and after.header == before.header


@settings(max_examples=200, deadline=None)
@given(words, st.lists(st.integers(1900, 2200), min_size=1, max_size=5), st.sampled_from(UNITS))
def it_says_the_years_and_the_unit_once_in_a_caption(title, years, unit):
    caption = table_caption(title, years, unit, phrases())
    assert caption.startswith(title) and caption.endswith(f", {unit}")
    assert caption.count(f", {unit}") == 1
    low, high = min(years), max(years)
    assert (str(low) in caption) and (str(high) in caption)
    if str(low) not in title or str(high) not in title:
        span = str(low) if low == high else f"{low}–{high}"
        assert caption == f"{title} {span}, {unit}"


amounts = st.integers(0, 10**9)


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(UNITS), st.lists(st.integers(1900, 2200), min_size=1, max_size=4, unique=True),
       st.lists(amounts, min_size=1, max_size=5))
def it_never_repeats_the_unit_in_a_cell(unit, years, figures):
    rows = [{"id": f"rad-{i}", "text": f"Rad {i}", "belopp": {year: figure for year in years}}
            for i, figure in enumerate(figures)]
    budget = Budget.model_validate({"id": "b", "enhet": unit, "ar": years,
                                    "intakter": {"rubrik": "Intäkter", "rader": rows,
                                                 "summa": {"text": "Summa", "belopp": {y: -sum(figures) for y in years}}}})
    table = budget_table(budget, phrases(), "Intäkter")
    cells = [cell for row in table.rows for cell in row.cells[1:]]
    assert not any(re.search(r"[a-z]", cell) for cell in cells), cells
    assert table.caption.endswith(f", {unit}")


# --- the built files, as readers get them ------------------------------------------------------------

@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("build") / "out"
    build(CONTENT, out)
    return out


@pytest.fixture(scope="module")
def word_as_printed(built, tmp_path_factory) -> Path:
    """The Word files as LibreOffice prints them (PDF) and saves them as HTML."""
    folder = tmp_path_factory.mktemp("libreoffice")
    files = [str(built / "word" / f"{name}.docx") for name in CAPTIONS]
    for target in ("pdf", "html"):
        # A private profile: a LibreOffice already running with the default one would take the job.
        subprocess.run(["soffice", f"-env:UserInstallation=file://{folder}/lo", "--headless", "--convert-to", target,
                        "--outdir", str(folder), *files], check=True, capture_output=True, timeout=300)
    return folder


def _text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def _site_captions(built: Path, page: str) -> list[str]:
    text = (built / "site" / page / "index.html").read_text(encoding="utf-8")
    return [html.unescape(re.sub(r"<[^>]+>", "", caption)).strip()
            for caption in re.findall(r"<caption[^>]*>(.*?)</caption>", text, re.S)]


@needs_readers
@pytest.mark.parametrize("name", CAPTIONS)
def it_captions_each_table_alike_in_word_pdf_and_site(built, word_as_printed, name):
    in_pdf = CAPTION.findall(_text(built / "pdf" / f"{name}.pdf"))
    in_word = CAPTION.findall(_text(word_as_printed / f"{name}.pdf"))
    assert in_pdf, "no numbered caption in the PDF"
    if CAPTIONS[name] is not None:
        assert in_pdf == CAPTIONS[name]
    assert [int(c.split()[1].rstrip(".")) for c in in_pdf] == list(range(1, len(in_pdf) + 1))
    assert in_word == in_pdf
    if not name.startswith("arlig"):  # the site shows plans, not the board's reviews
        assert [c for c in _site_captions(built, f"planer/{name}") if c.startswith("Tabell ")] == in_pdf


@needs_readers
def it_says_kronor_once_in_the_caption_not_in_each_cell(built, word_as_printed):
    for text in (_text(built / "pdf" / "verksamhetsplan-2007.pdf"), _text(word_as_printed / "verksamhetsplan-2007.pdf")):
        eskilstuna = next(line for line in text.splitlines() if re.match(r"\s*Eskilstuna\s+1 308 750", line))
        assert re.sub(r"\s+", " ", eskilstuna).strip() == "Eskilstuna 1 308 750 1 308 750"
        assert not re.search(r"\d kr\b", text)


@needs_readers
def it_sets_the_first_column_bold_as_the_rows_headers_in_word(built, word_as_printed):
    """LibreOffice's HTML of the Word file: the first cell of a body row bold, a figure not."""
    saved = (word_as_printed / "verksamhetsplan-2021.html").read_text(encoding="utf-8")
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", saved, re.S)
    staten = next(row for row in rows if "Staten" in row)
    cells = re.findall(r"<td[^>]*>(.*?)</td>", staten, re.S)
    assert "<b>Staten</b>" in cells[0]
    assert "<b>" not in cells[1]
    import zipfile
    document = zipfile.ZipFile(built / "word" / "verksamhetsplan-2021.docx").read("word/document.xml").decode()
    looks = re.findall(r"<w:tblLook [^>]*/>", document)
    assert looks and all('w:firstColumn="1"' in look and 'w:firstRow="1"' in look for look in looks)


def _kids(element) -> list:
    kids = element.get("/K")
    listed = kids if isinstance(kids, pikepdf.Array) else [] if kids is None else [kids]
    return [kid for kid in listed if isinstance(kid, pikepdf.Dictionary) and "/S" in kid]


def _all(element, kind):
    for kid in _kids(element):
        if kid.get("/S") == kind:
            yield kid
        yield from _all(kid, kind)


def _table_attribute(cell, key):
    attributes = cell.get("/A")
    for dictionary in (attributes if isinstance(attributes, pikepdf.Array) else [attributes]):
        if isinstance(dictionary, pikepdf.Dictionary) and dictionary.get("/O") == "/Table":
            return dictionary.get(key)
    return None


@pytest.mark.parametrize("name", CAPTIONS)
def it_tags_the_first_cell_of_each_body_row_a_row_header_in_the_pdf(built, name):
    with pikepdf.open(built / "pdf" / f"{name}.pdf") as pdf:
        root = pdf.Root.StructTreeRoot
        ids = pikepdf.NameTree(root.IDTree)
        body_rows = 0
        for table in _all(root, "/Table"):
            for part in _kids(table):
                if part.get("/S") != "/TBody":
                    continue
                for row in _kids(part):
                    cells = _kids(row)
                    if all(cell.S == "/TH" for cell in cells):  # a sub-header row: column headers
                        continue
                    body_rows += 1
                    first = cells[0]
                    assert first.S == "/TH" and _table_attribute(first, "/Scope") == "/Row"
                    assert ids[str(first.ID)] == first
                    for cell in cells[1:]:
                        assert cell.S == "/TD"
                        assert str(first.ID) in [str(h) for h in _table_attribute(cell, "/Headers")]
        assert body_rows >= 1


def it_marks_row_headers_on_the_site(built):
    saved = (built / "site" / "planer" / "verksamhetsplan-2007" / "index.html").read_text(encoding="utf-8")
    row = re.search(r'<th scope="row"[^>]*>Eskilstuna</th>(.*?)</tr>', saved)
    assert row, "Eskilstuna is not a row header"
    cells = [html.unescape(cell) for cell in re.findall(r"<td[^>]*>(.*?)</td>", row.group(1))]
    assert cells == ["1\xa0308\xa0750", "1\xa0308\xa0750"]


def it_no_longer_lists_missing_row_headers_as_a_known_gap():
    from generators import ROOT
    assert "radrubrik" not in (ROOT / "templates" / "site" / "accessibility.yaml").read_text(encoding="utf-8")


cells = st.text(st.sampled_from("abcåäö 0123456789−–"), max_size=8)
generated_rows = st.lists(st.tuples(st.sampled_from(["body", "body", "total", "subheader"]), cells, cells),
                          min_size=1, max_size=8).filter(lambda rows: rows[-1][0] != "subheader")
"""Rows as budgets make them: a sub-header (a part's heading) always has rows under it."""


@settings(max_examples=12, deadline=None)
@given(generated_rows)
def it_tags_row_headers_in_any_table_the_pdf_prints(made):
    """Any mix of body, total and sub-header rows, empty first cells too: each body row with a
    first cell has it as its row's header, named by the other cells; pdfua finds nothing."""
    import tempfile

    import pdfua

    from generators.document import Document
    from generators.pdf.markup import CoverText, document_markup
    from generators.pdf.typeset import typeset
    # a sub-header names its group (a budget part's heading is never blank)
    rows = tuple(Row((first if kind != "subheader" or first.strip() else "Del", second), kind)
                 for kind, first, second in made)
    document = Document("T", [Heading("Tabeller", 1), Table(("Post", "Belopp"), rows, (False, True), "Tabell 1. T")])
    markup = document_markup(document, CoverText("Förbundet", "T"), "Innehåll", lambda chart: b"")
    pdf = typeset(markup, {"title": "T", "author": "", "keywords": "", "footer-before": "", "footer-between": "/",
                           "footer-after": "", "mark": "", "note-label": "Anmärkning:"}, None).pdf
    with tempfile.NamedTemporaryFile(suffix=".pdf") as file:
        file.write(pdf)
        file.flush()
        assert pdfua.validate(file.name).findings == ()
        with pikepdf.open(file.name) as opened:
            root = opened.Root.StructTreeRoot
            ids = pikepdf.NameTree(root.IDTree)
            table, = _all(root, "/Table")
            tagged = [_kids(row) for part in _kids(table) if part.get("/S") in ("/THead", "/TBody", "/TFoot")
                      for row in _kids(part)][1:]  # after the column headers' row
    assert len(tagged) == len(rows)
    for row, cells_tagged in zip(rows, tagged):
        if row.kind == "subheader":
            continue
        first = cells_tagged[0]
        if not row.cells[0].strip():
            continue  # an empty cell heads nothing
        assert first.S == "/TH" and _table_attribute(first, "/Scope") == "/Row"
        assert ids[str(first.ID)] is not None
        assert str(first.ID) in [str(h) for h in _table_attribute(cells_tagged[1], "/Headers")]


def it_takes_styrdoks_caption_as_the_budgets_unit_when_its_word_file_is_imported(built, styrdok, minimal):
    """A Word file styrdok made, read back by import: the numbered caption gives the budget its
    unit and is not kept as a paragraph of text."""
    import yaml
    run = styrdok("import", built / "word" / "verksamhetsplan-2021.docx", "--id", "importerad", "--content", minimal,
                  "--tillat-forlust")
    assert "kände igen: budget 2021–2023 i tkr" in run.out, run.err
    data = yaml.safe_load((minimal / "plans" / "importerad.yaml").read_text(encoding="utf-8"))
    assert "Tabell 1." not in yaml.safe_dump(data, allow_unicode=True)
