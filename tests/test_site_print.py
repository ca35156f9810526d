"""Every page of the site as Chromium prints it (A4), read back page by page with poppler: no
chart is split across two pages or printed apart from its caption, no heading is the last line of a
page, and no page holds only a note."""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import unicodedata
from urllib.parse import urlparse

import pytest

from tests.test_site import SUB, browser, out, server, site_pages  # noqa: F401 - fixtures

pytestmark = pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler is installed by .ci/run")


def squeeze(text: str) -> str:
    """One line of words, with poppler's ligatures ("ﬁ") as letters."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text)).strip()


def _pages(pdf: bytes, folder, name: str) -> list[str]:
    path = folder / f"{name}.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return [page for page in text.split("\f") if page.strip()]


def it_prints_every_page_with_charts_whole_headings_with_their_text_and_no_page_of_a_note_alone(
        browser, server, out, tmp_path):  # noqa: F811 - fixtures
    context = browser.new_context(locale="sv-SE")
    page = context.new_page()
    faults, charts = [], 0
    for path in site_pages(out):
        page.goto(server + path)
        page.wait_for_load_state("networkidle")
        headings = {squeeze(h) for h in page.locator("article :is(h1, h2, h3, h4, caption)").all_inner_texts()}
        notes = [squeeze(n) for n in page.locator("article :is(.admonition, .footnote)").all_inner_texts()]
        sources = page.locator("article img[src$='.svg']").evaluate_all("imgs => imgs.map(i => i.src)")
        captions = dict(page.locator("article figure.diagram").evaluate_all(
            "figures => figures.map(f => [f.querySelector('img').src, f.querySelector('figcaption').innerText])"))
        printed = _pages(page.pdf(format="A4"), tmp_path, path.strip("/").replace("/", "-") or "start")
        for number, text in enumerate(printed, 1):
            lines = [squeeze(line) for line in text.splitlines() if line.strip()]
            if number < len(printed) and lines and lines[-1] in headings:
                faults.append((path, number, "heading last on the page", lines[-1]))
            body = squeeze(text)
            if len(printed) > 1 and any(body and body in note for note in notes):
                faults.append((path, number, "a page with only a note", body[:60]))
        for source in sources:
            svg = (out / "site" / urlparse(source).path.removeprefix(SUB + "/")).read_text(encoding="utf-8")
            labels = {squeeze(html.unescape(t)) for t in re.findall(r"<text[^>]*>([^<]+)</text>", svg)}
            labels = {label for label in labels if len(label) > 6}  # words, not bare figures that recur
            holding = [n for n, text in enumerate(printed, 1) if any(label in squeeze(text) for label in labels)]
            whole = [n for n, text in enumerate(printed, 1) if all(label in squeeze(text) for label in labels)]
            charts += 1
            if not whole:
                faults.append((path, "chart split across pages", source.rsplit("/", 1)[-1], holding))
            elif not any(squeeze(captions[source]) in squeeze(printed[n - 1]) for n in whole):
                faults.append((path, "caption not on the chart's page", captions[source], whole))
    context.close()
    assert charts >= 3
    assert faults == [], "\n".join(map(str, faults))
