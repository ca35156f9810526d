"""The public website, built from the bundled content and opened in a real browser."""

from __future__ import annotations

import functools
import http.server
import re
import shutil
import subprocess
import sys
import threading
from pathlib import Path
from urllib.parse import urlparse

import pytest
import yaml

from generators.build import build
from tests.conftest import CONTENT

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
AXE = Path(__file__).resolve().parent / "browser" / "node_modules" / "axe-core" / "axe.min.js"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]
PLANS = ["verksamhetsplan-2007", "verksamhetsplan-2021", "mal-och-inriktningsplan-2022-2026"]


@pytest.fixture(scope="module")
def out(tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("site") / "out"
    build(CONTENT, target)
    return target


@pytest.fixture(scope="module")
def server(out):
    handler = functools.partial(_QuietHandler, directory=str(out / "site"))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.skip("Chromium is installed by .ci/run")
    from playwright.sync_api import sync_playwright
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, server):
    context = browser.new_context(locale="sv-SE")
    page = context.new_page()
    page.requests = []
    page.on("request", lambda request: page.requests.append(request.url))
    yield page
    context.close()


def html_files(out: Path) -> list[Path]:
    return sorted((out / "site").rglob("*.html"))


def it_declares_swedish_on_every_page_and_searches_in_swedish(out):
    for path in html_files(out):
        assert '<html lang="sv"' in path.read_text(encoding="utf-8"), path
    config = (out / "site" / "search" / "search_index.json").read_text(encoding="utf-8")
    assert '"lang":["sv"]' in config.replace(" ", "")


def it_loads_nothing_from_other_hosts(out):
    loads = re.compile(r'<(?:script|link|img|iframe|source)\b[^>]*\b(?:src|href)="(https?:)?//', re.IGNORECASE)
    for path in html_files(out):
        assert not loads.search(path.read_text(encoding="utf-8")), path


def it_has_a_word_file_behind_every_download_link(out):
    links = 0
    for path in html_files(out):
        for target in re.findall(r'href="([^"]+\.docx)"', path.read_text(encoding="utf-8")):
            links += 1
            assert (path.parent / target).resolve().read_bytes()[:2] == b"PK", (path, target)
    assert links >= 3 + 1 + 2  # every plan, the review and every change page


def it_builds_the_same_pages_with_zensical(out, tmp_path):
    zensical = Path(sys.executable).parent / "zensical"
    if not zensical.exists():
        pytest.skip("zensical is a test dependency")
    copy = tmp_path / "out"
    shutil.copytree(out, copy, ignore=shutil.ignore_patterns("site"))
    result = subprocess.run([str(zensical), "build", "-f", str(copy / "mkdocs.yml")], capture_output=True,
                            text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    for plan in PLANS:
        page = (copy / "site" / "planer" / plan / "index.html").read_text(encoding="utf-8")
        assert '<html lang="sv"' in page and f"../../nedladdningar/{plan}.docx" in page


def it_shows_the_vision_on_the_start_page(page, server):
    page.goto(server + "/")
    assert "skall bidra till ett socialt hållbart och ett jämställt samhälle" in page.inner_text("article")
    assert page.title().startswith("RAR Sörmland")
    _only_local(page, server)


def it_reaches_every_version_through_the_navigation(page, server):
    page.goto(server + "/")
    titles = {"verksamhetsplan-2007": "Verksamhetsplan med budget 2007",
              "verksamhetsplan-2021": "Verksamhetsplan budget 2021",
              "mal-och-inriktningsplan-2022-2026": "Mål- och inriktningsplan 2022–2026"}
    for plan, title in titles.items():
        page.goto(server + "/")
        page.locator("nav.md-nav--primary").get_by_role("link", name=title, exact=True).first.click()
        page.wait_for_url(f"**/planer/{plan}/")
        assert page.locator("article h1").inner_text() == title
    banner = page.locator("article .admonition").first.inner_text()
    assert "Gäller" in banner
    page.goto(server + "/planer/verksamhetsplan-2021/")
    assert "Ersatt" in page.locator("article .admonition").first.inner_text()
    assert "Mål- och inriktningsplan 2022–2026" in page.locator("article .admonition").first.inner_text()


def it_finds_malgrupp_with_the_search(page, server):
    page.goto(server + "/")
    page.locator("label.md-search__icon, .md-search__input").first.click()
    # Type only when the search worker has its index: under load it takes a moment.
    page.wait_for_function("""() => {
        const meta = document.querySelector('.md-search-result__meta');
        return meta && meta.textContent.trim() !== '' && !/nitiali/i.test(meta.textContent);
    }""", timeout=30000)
    page.locator("input.md-search__input").press_sequentially("målgrupp", delay=20)
    results = page.locator(".md-search-result__item")
    results.first.wait_for(timeout=30000)
    assert results.count() >= 1
    assert "målgrupp" in page.locator(".md-search-result").inner_text().lower()


def it_downloads_a_word_file(page, server):
    page.goto(server + "/planer/verksamhetsplan-2021/")
    with page.expect_download() as download:
        page.get_by_role("link", name="Ladda ned som Word-fil (.docx)").click()
    path = download.value.path()
    assert Path(path).read_bytes()[:2] == b"PK"
    assert download.value.suggested_filename == "verksamhetsplan-2021.docx"


def it_sorts_the_project_table(page, server):
    page.goto(server + "/projekt/")
    page.get_by_role("button", name="Total kostnad kkr, sortera").click()
    first = page.locator(".sortable tbody tr").first.locator("td").nth(4).inner_text()
    assert first == "100"
    assert page.locator(".sortable tbody tr").last.inner_text().startswith("Summa:")


@pytest.mark.parametrize("path", ["/", "/planer/mal-och-inriktningsplan-2022-2026/", "/budget/"])
def it_has_no_serious_accessibility_violations(page, server, path):
    if not AXE.exists():
        pytest.skip("axe-core is installed by .ci/run (npm)")
    page.goto(server + path)
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("""async () => await axe.run(document, {
        runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})""")
    serious = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
               for v in result["violations"] if v["impact"] in ("serious", "critical")]
    assert serious == []
    _only_local(page, server)


def it_shows_script_in_the_content_as_text(browser, tmp_path):
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    plan = content / "plans" / "mal-och-inriktningsplan-2022-2026.yaml"
    data = yaml.safe_load(plan.read_text(encoding="utf-8"))
    data["avsnitt"][0]["innehall"][0]["stycke"] = "Farligt: <script>window.hackad = true</script> *inte kursivt*"
    plan.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    build(content, tmp_path / "out")
    html = (tmp_path / "out" / "site" / "planer" / "mal-och-inriktningsplan-2022-2026" / "index.html").read_text(
        encoding="utf-8")
    assert "&lt;script&gt;window.hackad = true&lt;/script&gt;" in html
    assert "<script>window.hackad" not in html
    page = browser.new_page()
    page.goto((tmp_path / "out" / "site" / "planer" / "mal-och-inriktningsplan-2022-2026" / "index.html").as_uri())
    assert page.evaluate("window.hackad === undefined")
    assert "<script>window.hackad = true</script> *inte kursivt*" in page.inner_text("article")
    page.close()


def _only_local(page, server) -> None:
    host = urlparse(server).netloc
    foreign = [url for url in page.requests if urlparse(url).scheme in ("http", "https") and urlparse(url).netloc != host]
    assert foreign == []


def it_serves_the_site_and_rebuilds_when_content_changes(tmp_path):
    import socket
    import time
    import urllib.request
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen([sys.executable, "-m", "generators.cli", "serve", "--content", str(content),
                                "--out", str(tmp_path / "out"), "--port", str(port)],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        url = f"http://127.0.0.1:{port}/planer/mal-och-inriktningsplan-2022-2026/"
        page = _fetch_when_up(url, process)
        assert "Grunder för samverkan" in page
        plan = content / "plans" / "mal-och-inriktningsplan-2022-2026.yaml"
        plan.write_text(plan.read_text(encoding="utf-8").replace("Grunder för samverkan", "Grunder för vår samverkan"),
                        encoding="utf-8")
        deadline = time.monotonic() + 90
        while "Grunder för vår samverkan" not in urllib.request.urlopen(url, timeout=10).read().decode("utf-8"):
            assert time.monotonic() < deadline, "the site was not rebuilt"
            time.sleep(0.5)
    finally:
        process.terminate()
        process.wait(timeout=30)


def _fetch_when_up(url: str, process) -> str:
    import time
    import urllib.error
    import urllib.request
    deadline = time.monotonic() + 120
    while True:
        try:
            return urllib.request.urlopen(url, timeout=10).read().decode("utf-8")
        except (urllib.error.URLError, ConnectionError):
            assert process.poll() is None, process.stdout.read()
            assert time.monotonic() < deadline, "styrdok serve did not start"
            time.sleep(0.5)
