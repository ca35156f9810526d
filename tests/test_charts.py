"""The budget charts as a reader meets them: one scale across the panels of a chart, a value axis
in Swedish numbers, letters in the documents' font at 9 pt or more at print size, vector in the
PDF and the Word file, a numbered caption under each chart that is the same in Word, PDF and on
the site, and each chart on the same page in the Word file (as LibreOffice prints it) as in the PDF."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generators import charts, formatting
from generators.content.loading import load_content
from generators.document import Chart, ChartPanel, Series, plan_document
from generators.layout import chart_width_cm
from generators.templating import phrases
from tests.conftest import CONTENT
from tests.machine import needs
from tests.test_heading_numbers import built  # noqa: F401 - the bundled content built once

CAPTIONS = {
    "verksamhetsplan-2007": ["Figur 1. Intäkter 2007–2008, kr", "Figur 2. Kostnader 2007, kkr"],
    "verksamhetsplan-2021": ["Figur 1. Intäkter och kostnader 2021–2023, tkr"],
}
"""What the bundled plans' charts show, in the budgets' own years and units."""

amounts = st.integers(0, 10**7)
panels = st.lists(st.lists(st.tuples(st.sampled_from(["Staten", "Region Sörmland", "Kansli", "ESF-medel"]), amounts),
                           min_size=1, max_size=5), min_size=1, max_size=2)


def _chart(parts: list[list[tuple[str, int]]], years: int) -> Chart:
    built = tuple(ChartPanel(f"Del {index} (tkr)", tuple(Series(label, (value,) * years) for label, value in part))
                  for index, part in enumerate(parts))
    return Chart("b", tuple(range(2021, 2021 + years)), "tkr", built, "alt", "Figur 1. Intäkter 2021, tkr")


@settings(max_examples=15, deadline=None)
@given(panels, st.integers(1, 3), st.sampled_from(["print", "svg"]))
def it_draws_equal_amounts_as_equally_long_bars_in_every_panel(parts, years, fmt):
    figure = charts.draw(_chart(parts, years), fmt)
    figure.canvas.draw()
    per_unit = set()
    for axis in figure.axes:
        assert axis.get_xlim() == figure.axes[0].get_xlim()
        for bar in axis.patches:
            if bar.get_width() > 0:
                per_unit.add(round(bar.get_window_extent().width / bar.get_width(), 6))
    assert len(per_unit) <= 1, per_unit


@settings(max_examples=10, deadline=None)
@given(panels, st.integers(1, 3))
def it_reads_the_value_axis_in_swedish_numbers_at_9_pt_or_more_in_arimo(parts, years):
    chart = _chart(parts, years)
    figure = charts.draw(chart, "print")
    figure.canvas.draw()
    assert figure.get_figwidth() * 2.54 == pytest.approx(chart_width_cm(chart))  # drawn at print size
    for axis in figure.axes:
        assert axis.spines["bottom"].get_visible() and axis.xaxis.get_visible()
        shown = [(tick, label.get_text()) for tick, label in zip(axis.get_xticks(), axis.get_xticklabels())
                 if axis.get_xlim()[0] <= tick <= axis.get_xlim()[1]]
        assert len(shown) >= 2
        assert all(text == formatting.amount(round(tick)) for tick, text in shown), shown
    texts = [t for t in figure.findobj(lambda o: hasattr(o, "get_fontname") and o.get_text())]
    assert texts
    assert all(t.get_fontsize() >= 9 and t.get_fontname() == "Arimo" for t in texts), \
        {(t.get_text(), t.get_fontsize(), t.get_fontname()) for t in texts}


def it_writes_thousands_on_the_axis_with_a_no_break_space():
    figure = charts.draw(_chart([[("Staten", 13500)]], 1), "print")
    figure.canvas.draw()
    labels = [label.get_text() for label in figure.axes[0].get_xticklabels()]
    assert "10\u00a0000" in labels, labels


def it_draws_the_letters_of_a_printed_chart_as_outlines():
    svg = charts.render(_chart([[("Kansli", 3000)], [("Staten", 8000)]], 2), "print").decode("utf-8")
    assert "<svg" in svg and "<text" not in svg
    assert re.search(r'width="453\.\d+pt"', svg)  # 16 cm


def it_numbers_the_captions_in_the_order_of_the_document():
    content = load_content(CONTENT)
    for plan_id, expected in CAPTIONS.items():
        nodes = plan_document(content.version(plan_id).model, phrases()).nodes
        assert [node.caption for node in nodes if isinstance(node, Chart)] == expected


# --- the built documents --------------------------------------------------------------------------

def _pdf_pages(pdf: Path) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return text.split("\f")[:-1]


def _caption_pages(pdf: Path) -> dict[str, int]:
    return {line.strip(): number for number, page in enumerate(_pdf_pages(pdf), 1)
            for line in page.splitlines() if line.strip().startswith("Figur ")}


@pytest.mark.parametrize("plan_id", CAPTIONS)
def it_puts_an_svg_picture_with_its_png_and_caption_in_the_word_file(built, plan_id):
    path = built / "word" / f"{plan_id}.docx"
    document = docx.Document(str(path))
    paragraphs = document.paragraphs
    pictures = [index for index, p in enumerate(paragraphs) if p._p.xpath(".//pic:pic")]
    assert [paragraphs[index + 1].text for index in pictures] == CAPTIONS[plan_id]
    for index in pictures:
        assert paragraphs[index].paragraph_format.keep_with_next  # the chart on its caption's page
        assert paragraphs[index + 1].style.name == "Caption"
        blips = paragraphs[index]._p.xpath(".//a:blip")
        svg_ids = blips[0].xpath("./a:extLst/a:ext/*[local-name()='svgBlip']/@r:embed")
        assert len(svg_ids) == 1
        svg = document.part.related_parts[svg_ids[0]]
        assert svg.content_type == "image/svg+xml" and b"<text" not in svg.blob and b"<svg" in svg.blob
        png = document.part.related_parts[blips[0].get(docx.oxml.ns.qn("r:embed"))]
        assert png.blob[:8] == b"\x89PNG\r\n\x1a\n"
    with zipfile.ZipFile(path) as archive:
        assert any(name.endswith(".svg") for name in archive.namelist())


@needs("pdftotext", "pdfimages")
@pytest.mark.parametrize("plan_id", CAPTIONS)
def it_draws_the_pdfs_charts_as_vectors_with_their_captions(built, plan_id):
    pdf = built / "pdf" / f"{plan_id}.pdf"
    images = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert len(images.splitlines()) == 2, images  # the header only: no picture is raster
    assert list(_caption_pages(pdf)) == CAPTIONS[plan_id]


def it_captions_the_sites_figures_as_the_documents(built):
    page = (built / "site" / "budget" / "index.html").read_text(encoding="utf-8")
    figures = re.findall(r'<figure class="diagram">\s*<p><img alt="[^"]+" src="[^"]+\.svg" ?/?></p>\s*'
                         r'<figcaption>([^<]+)</figcaption>\s*</figure>', page)
    assert figures == [*CAPTIONS["verksamhetsplan-2021"], *CAPTIONS["verksamhetsplan-2007"]]


@pytest.mark.skipif(not (shutil.which("soffice") and shutil.which("pdftotext")),
                    reason="LibreOffice and poppler are installed by .ci/run")
def it_prints_each_chart_on_the_same_page_in_word_and_pdf(built, tmp_path):
    # A private profile: a LibreOffice already running with the default one would take the job.
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/lo", "--headless", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), *[str(built / "word" / f"{plan}.docx") for plan in CAPTIONS]],
                   check=True, capture_output=True, timeout=300)
    for plan_id, captions in CAPTIONS.items():
        word, pdf = _caption_pages(tmp_path / f"{plan_id}.pdf"), _caption_pages(built / "pdf" / f"{plan_id}.pdf")
        assert list(word) == captions
        assert word == pdf, plan_id
