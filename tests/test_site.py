"""The public website, built from the bundled content and opened in a real browser."""

from __future__ import annotations

import functools
import html
import re
import shutil
import subprocess
import sys
import threading
from pathlib import Path
from urllib.parse import urlparse

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from generators.build import build
from generators.web.serve import QuietServer, SiteHandler
from tests.conftest import CONTENT, edit_yaml
from tests.machine import needs

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


SUB = "/styrdokument"
"""The site is served under a sub-path, as a public body's web host would: nothing may assume the root."""


@pytest.fixture(scope="module")
def server(out):
    handler = functools.partial(_SubPathHandler, directory=str(out / "site"))
    httpd = QuietServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}{SUB}"
    httpd.shutdown()


class _SubPathHandler(SiteHandler):
    """The site under SUB; anything missing gets the site's 404.html with status 404, as
    Apache's ErrorDocument or GitHub Pages give it (and styrdok serve)."""

    def translate_path(self, path):
        if not (path + "/").startswith(SUB + "/"):
            return str(Path(self.directory) / "finns-inte")
        return super().translate_path(path[len(SUB):] or "/")


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


def it_names_the_way_back_from_a_footnote_in_swedish(out):
    """The 2007 plan's footnote links back to its mark with a Swedish name, not Python-Markdown's
    'Jump back to footnote 1 in the text'."""
    plan = (out / "site" / "planer" / "verksamhetsplan-2007" / "index.html").read_text(encoding="utf-8")
    assert 'class="footnote-backref"' in plan and 'title="Tillbaka till fotnot 1 i texten"' in plan
    assert not [path for path in html_files(out) if "Jump back" in path.read_text(encoding="utf-8")]


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
    assert links >= 3 + 2  # every plan and every change page (the bundled review is a draft)


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
        assert 'class="md-copyright styrdok-sidfot"' in page and 'href="../../tillganglighet/"' in page
        assert "Senast uppdaterad: <time" in page
        assert ('<table class="styrdok"' in page) == (plan != "mal-och-inriktningsplan-2022-2026")  # it has none
    assert "<h1>Sidan finns inte</h1>" in (copy / "site" / "404.html").read_text(encoding="utf-8")


def it_shows_the_vision_on_the_start_page(page, server):
    page.goto(server + "/")
    assert "skall bidra till ett socialt hållbart och ett jämställt samhälle" in page.inner_text("article")
    assert page.title().startswith("RAR Sörmland")
    _only_local(page, server)


def it_puts_the_plan_in_force_first_and_the_replaced_versions_in_the_archive(page, server):
    """The menu on every page has the plan in force and the archive, never every version: the
    archive page lists them, newest first, each marked."""
    page.goto(server + "/planer/verksamhetsplan-2021/")
    menu = page.locator("nav.md-nav--primary > ul > li")
    items = [" ".join(text.split()) for text in menu.all_inner_texts()]
    assert items[:3] == ["Start", "Gällande plan: Mål- och inriktningsplan 2022–2026", "Planer och tidigare versioner"]
    assert not [a for a in page.locator("nav.md-nav--primary a").all_inner_texts() if "ersatt" in a]
    page.locator("nav.md-nav--primary").get_by_role("link", name="Planer och tidigare versioner", exact=True).click()
    page.wait_for_url("**/planer/")
    listed = [" ".join(t.split()) for t in page.locator("article table a").all_inner_texts()]
    assert listed == ["Mål- och inriktningsplan 2022–2026", "Verksamhetsplan budget 2021",
                      "Verksamhetsplan med budget 2007"]
    for plan, title in (("verksamhetsplan-2007", "Verksamhetsplan med budget 2007"),
                        ("verksamhetsplan-2021", "Verksamhetsplan budget 2021")):
        page.goto(server + "/planer/")
        page.locator("article table").get_by_role("link", name=title, exact=True).click()
        page.wait_for_url(f"**/planer/{plan}/")
    page.goto(server + "/")
    page.locator("nav.md-nav--primary").get_by_role(
        "link", name="Gällande plan: Mål- och inriktningsplan 2022–2026", exact=True).first.click()
    page.wait_for_url("**/planer/mal-och-inriktningsplan-2022-2026/")
    assert "Gäller" in page.locator("article .admonition").first.inner_text()
    page.goto(server + "/planer/verksamhetsplan-2007/")
    banner = page.locator("article .admonition").first.inner_text()
    assert banner.startswith("Ersatt 2021") and "ersatt av Verksamhetsplan budget 2021" in banner
    assert "Planerna för 2008–2020 finns inte i arkivet" in banner


def it_says_which_versions_the_archive_holds(page, server):
    page.goto(server + "/planer/")
    text = " ".join(page.locator("article").inner_text().split())
    assert "Arkivet innehåller 3 versioner: 2007, 2021 och 2022–2026." in text
    assert "Förbundet bildades 2005; planer för 2005–2006 och 2008–2020 finns inte här." in text
    rows = page.locator("article table tbody tr").all_inner_texts()
    assert [row.split("\t")[0] for row in rows] == [
        "Mål- och inriktningsplan 2022–2026", "Verksamhetsplan budget 2021", "Verksamhetsplan med budget 2007"]
    assert "Ersatt av Mål- och inriktningsplan 2022–2026 från 2022" in rows[1]
    assert "Ersatt av Verksamhetsplan budget 2021 från 2021" in rows[2]


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


def it_downloads_a_word_file_whose_size_it_states(page, server, out):
    page.goto(server + "/planer/verksamhetsplan-2021/")
    size = (out / "word" / "verksamhetsplan-2021.docx").stat().st_size
    name = f"Ladda ned som Word-fil (.docx, {round(size / 1000)} kB)"
    with page.expect_download() as download:
        page.get_by_role("link", name=name).click()
    path = download.value.path()
    assert Path(path).read_bytes()[:2] == b"PK"
    assert download.value.suggested_filename == "verksamhetsplan-2021.docx"


def it_sorts_the_project_table(page, server):
    page.goto(server + "/projekt/")
    page.get_by_role("button", name="Total kostnad kkr, sortera").click()
    first = page.locator(".sortable tbody tr").first.locator("td").nth(3).inner_text()
    assert first == "100"
    assert page.locator(".sortable tbody tr").last.inner_text().startswith("Summa:")


def site_pages(out: Path) -> list[str]:
    return sorted("/" + path.parent.relative_to(out / "site").as_posix().removeprefix(".") + "/"
                  for path in (out / "site").rglob("index.html"))


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
    import signal
    import socket
    import time
    import urllib.error
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
        with pytest.raises(urllib.error.HTTPError) as missing:  # the site's own page, as when published
            urllib.request.urlopen(f"http://127.0.0.1:{port}/finns-inte/", timeout=10)
        assert missing.value.code == 404 and "Sidan finns inte" in missing.value.read().decode("utf-8")
        process.send_signal(signal.SIGINT)  # Ctrl+C, as the message says: the end, not an error
        assert process.wait(timeout=30) == 0
        assert "webbplatsen visas inte längre" in process.stdout.read()
    finally:
        process.terminate()
        process.wait(timeout=30)


def it_serves_on_quietly_when_a_browser_goes_away(capsys):
    """socketserver prints a traceback for every request a browser abandons; styrdok serve does not."""
    server = QuietServer(("127.0.0.1", 0), SiteHandler)
    try:
        for error in (BrokenPipeError(32, "Broken pipe"), ConnectionResetError(104, "reset"), ValueError("trasig")):
            try:
                raise error
            except Exception:
                server.handle_error(None, ("127.0.0.1", 1))
    finally:
        server.server_close()
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err + captured.out
    assert captured.err.strip() == "styrdok: fel när en sida skulle visas: ValueError: trasig"


def it_says_at_once_when_the_port_is_taken(tmp_path):
    import socket
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run([sys.executable, "-m", "generators.cli", "serve", "--out", str(tmp_path / "out"),
                                 "--port", str(port)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert f"porten {port} används redan" in result.stderr
    assert not (tmp_path / "out").exists()  # no build spent first


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


# --- ready to go online: contact, footer, statement, 404, sitemap --------------------------------

def it_puts_organisation_contact_and_the_statement_in_every_footer(out):
    for path in html_files(out):
        html = path.read_text(encoding="utf-8")
        footer = html[html.index("<footer"):]
        assert "Samordningsförbundet RAR i Sörmland" in footer, path
        if path.name != "404.html":
            assert "Kontaktuppgifter saknas" in footer, path  # the bundled content has none: said plainly
            link = re.search(r'<a href="([^"]*)">Tillgänglighetsredogörelse</a>', footer).group(1)
            assert (path.parent / link / "index.html").resolve().exists(), (path, link)


def it_dates_the_statement_and_follows_diggs_model(page, server):
    page.goto(server + "/tillganglighet/")
    text = " ".join(page.locator("article").inner_text().split())
    for heading in ("Hur tillgänglig är webbplatsen?", "Vad kan du göra om du inte kan använda delar av webbplatsen?",
                    "Rapportera brister i webbplatsens tillgänglighet", "Tillsyn",
                    "Innehåll som inte är tillgängligt", "Hur vi testat webbplatsen"):
        assert heading in text
    assert "Myndigheten för digital förvaltning" in text
    assert re.search(r"WCAG 2\.1, \d\.\d\.\d+ [A-ZÅÄÖ]", text)
    assert re.search(r"Redogörelsen uppdaterades senast den \d{1,2} [a-z]+ 20\d\d", text)
    assert "Kontaktuppgifter saknas" in page.locator("article .admonition").first.inner_text()


def it_reports_that_the_statement_cannot_be_published_without_contact_details(styrdok, bundled):
    organisation = bundled / "organisation.yaml"
    edit_yaml(organisation, lambda data: data.pop("kvitteringar"))
    run = styrdok("check", "--content", bundled)
    assert run.code == 1
    assert re.search(r"organisation\.yaml:\d+:\d+: fel: kontakt: kontaktuppgifter saknas .*"
                     r"tillgänglighetsredogörelsen kan inte publiceras .*\[kontaktuppgifter\]", run.out + run.err)
    edit_yaml(organisation, lambda data: data.update(kontakt={"telefon": "0155-00 00 00"}))
    assert "kontaktuppgifter" not in styrdok("check", "--content", bundled).out


@pytest.mark.parametrize("value, ok", [("a@b.se", True), ("ingen adress", False), ("a@b", False)])
def it_checks_the_form_of_an_e_mail_address(styrdok, bundled, value, ok):
    def contact(data):
        data.update(kontakt={"epost": value})
        data.pop("kvitteringar")  # a stale acknowledgement is an error of its own
    edit_yaml(bundled / "organisation.yaml", contact)
    run = styrdok("check", "--content", bundled)
    assert (run.code == 0) == ok, run.out + run.err


def it_shows_a_swedish_404_page_that_works_under_a_sub_path(page, server, out):
    html = (out / "site" / "404.html").read_text(encoding="utf-8")
    assert not re.search(r'(?:href|src)="/', html)  # nothing from the domain root
    response = page.goto(server + "/finns/inte/alls/")
    assert response.status == 404
    assert page.locator("h1").inner_text() == "Sidan finns inte"
    assert page.locator("html").get_attribute("lang") == "sv"
    start = page.get_by_role("link", name="Gå till startsidan")
    start.wait_for()
    start.click()
    page.wait_for_url(server + "/")
    assert page.title().startswith("RAR Sörmland")


def it_writes_no_sitemap_and_no_canonical_links_without_a_public_address(out):
    assert not (out / "site" / "sitemap.xml").exists()
    assert not (out / "site" / "sitemap.xml.gz").exists()
    assert all('rel="canonical"' not in path.read_text(encoding="utf-8") for path in html_files(out))


def it_writes_a_sitemap_canonical_links_and_the_contact_details_from_organisation_yaml(minimal, tmp_path):
    build(minimal, tmp_path / "out")
    site = tmp_path / "out" / "site"
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    addresses = re.findall(r"<loc>([^<]+)</loc>", sitemap)
    assert "https://styrdok.example.org/rar/" in addresses and len(addresses) == len(list(site.rglob("index.html")))
    page = (site / "tillganglighet" / "index.html").read_text(encoding="utf-8")
    assert '<link rel="canonical" href="https://styrdok.example.org/rar/tillganglighet/">' in page
    assert '<a href="mailto:kansliet@example.org">kansliet@example.org</a>' in page
    assert "Kontaktuppgifter saknas" not in page
    assert "Box 0, 611 00 Exempelstad" in page[page.index("<footer"):]
    assert 'href="https://styrdok.example.org/rar/"' in (site / "404.html").read_text(encoding="utf-8")


def it_shows_when_every_page_was_last_updated(out):
    for path in html_files(out):
        if path.name != "404.html":
            assert re.search(r'Senast uppdaterad: <time datetime="20\d\d-\d\d-\d\d">\d{1,2} [a-z]+ 20\d\d</time>',
                             path.read_text(encoding="utf-8")), path


# --- tables ---------------------------------------------------------------------------------------

HEADERS_OF = """cell => (cell.getAttribute('headers') || '').split(' ').filter(Boolean)
    .map(id => document.getElementById(id).textContent.trim())"""


def it_gives_tables_a_caption_and_header_cells_for_rows_and_sub_header_rows(page, server):
    page.goto(server + "/planer/verksamhetsplan-2021/")
    table = page.locator("table", has=page.locator("caption", has_text="Budget 2021–2023, tkr")).first
    assert table.locator("caption").inner_text().strip() == "Tabell 1. Budget 2021–2023, tkr"
    kansli = table.locator("tr", has=page.locator("th[scope=row]", has_text="Kansli")).locator("td").nth(1)
    assert kansli.evaluate(HEADERS_OF) == ["Kostnader", "2022", "Kansli"]
    staten = table.locator("tr", has=page.locator("th[scope=row]", has_text="Staten")).locator("td").first
    assert staten.evaluate(HEADERS_OF) == ["Intäkter", "2021", "Staten"]
    assert table.locator("tbody").count() == 2


def it_lets_the_keyboard_scroll_a_table_wider_than_a_phone(browser, server):
    context = browser.new_context(locale="sv-SE", viewport={"width": 390, "height": 800})
    page = context.new_page()
    page.goto(server + "/planer/verksamhetsplan-2007/")
    box = page.locator(".styrdok-tabell.rullar").first
    box.wait_for()
    assert page.locator(".styrdok-ledtext").first.is_visible()
    box.focus()
    before = box.evaluate("b => b.scrollLeft")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    page.wait_for_function("b => b.scrollLeft > 0", arg=box.element_handle())
    assert box.evaluate("b => b.scrollLeft") > before
    context.close()


@pytest.mark.parametrize("width, path, column", [
    (1280, "/projekt/", "Kostnad 2007 kkr"),
    (390, "/planer/verksamhetsplan-2021/", "2023"),
])
def it_shows_the_last_column_or_lets_it_be_reached(browser, server, width, path, column):
    context = browser.new_context(locale="sv-SE", viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(server + path)
    header = page.locator("table.styrdok thead th", has_text=column).last
    box = header.locator("xpath=ancestor::div[contains(@class, 'styrdok-tabell')]")
    box.evaluate("b => { b.scrollLeft = b.scrollWidth; }")
    inside = header.evaluate("""th => { const b = th.closest('.styrdok-tabell').getBoundingClientRect();
        const r = th.getBoundingClientRect(); return r.left >= b.left - 1 && r.right <= b.right + 1; }""")
    assert inside
    if width == 1280:
        assert not box.evaluate("b => b.classList.contains('rullar')")  # all of it fits, nothing hidden
    context.close()


# --- focus, hover, print --------------------------------------------------------------------------

CONTRAST = """el => {
  const rgb = s => s.match(/[\\d.]+/g).slice(0, 4).map(Number);
  const lum = c => { const [r, g, b] = c.slice(0, 3).map(v => { v /= 255;
      return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
  let node = el, bg = null;
  while (node && node.nodeType === 1) { const c = rgb(getComputedStyle(node).backgroundColor);
    if (c.length < 4 || c[3] > 0) { bg = c; break; } node = node.parentElement; }
  bg = bg || [255, 255, 255];
  const fg = rgb(getComputedStyle(el).color);
  const [a, b] = [lum(fg), lum(bg)].sort((x, y) => y - x);
  return (a + 0.05) / (b + 0.05);
}"""


@pytest.mark.parametrize("state", ["focus", "hover"])
def it_keeps_focus_and_hover_states_at_4_5_to_1(page, server, state):
    page.goto(server + "/planer/verksamhetsplan-2021/")
    targets = [page.locator("article a.md-button").first, page.locator("nav.md-nav--primary a").nth(2),
               page.locator("article p a").first]
    for target in targets:
        if state == "focus":
            target.focus()
        else:
            target.hover()
        page.wait_for_timeout(300)  # Material's colour transitions
        assert target.evaluate(CONTRAST) >= 4.5, target


def it_prints_without_buttons_and_with_organisation_address_and_date(page, server):
    page.goto(server + "/planer/verksamhetsplan-2021/")
    page.emulate_media(media="print")
    assert not page.locator("article a.md-button").first.is_visible()
    heading = page.locator(".styrdok-utskrift")
    assert heading.is_visible()
    text = heading.inner_text()
    assert "Samordningsförbundet RAR i Sörmland" in text and "Postadress saknas" in text
    assert re.search(r"Senast uppdaterad \d{1,2} [a-z]+ 20\d\d", text)
    pdf = page.pdf()
    assert len(pdf) > 1000


# --- charts ---------------------------------------------------------------------------------------

def it_keeps_chart_text_at_12_px_or_more_on_a_320_px_phone(browser, server, out):
    context = browser.new_context(locale="sv-SE", viewport={"width": 320, "height": 800})
    page = context.new_page()
    checked = 0
    for path in ["/budget/", *[f"/planer/{plan}/" for plan in PLANS]]:
        page.goto(server + path)
        for image in page.locator("article img").all():
            source = image.evaluate("i => i.src")
            svg = (out / "site" / urlparse(source).path.removeprefix(SUB + "/")).read_text(encoding="utf-8")
            view_width = float(re.search(r'viewBox="0 0 ([\d.]+)', svg).group(1))
            smallest = min(float(size) for size in re.findall(r"font(?:-size)?:\s*(?:[a-z]+ )*([\d.]+)px", svg))
            shown = image.evaluate("i => i.getBoundingClientRect().width")
            assert smallest * shown / view_width >= 12, (path, source, smallest, shown)
            assert len(image.get_attribute("alt")) <= 160 and "tabellen" in image.get_attribute("alt")
            checked += 1
    assert checked >= 3
    context.close()


@settings(max_examples=12, deadline=None)
@given(st.lists(st.tuples(st.text(st.sampled_from("abcåäö ESF-$_^&<"), min_size=1, max_size=24).map(str.strip)
                          .filter(bool), st.lists(st.integers(0, 10**8), min_size=1, max_size=4)),
                min_size=1, max_size=12),
       st.sampled_from(["svg", "png"]))
def it_labels_every_bar_with_its_series_year_and_amount(series, fmt):
    from generators import charts, formatting
    from generators.document import Chart, ChartPanel, Series
    years = tuple(range(2021, 2021 + len(series[0][1])))
    panel = ChartPanel("Intäkter (kr)", tuple(Series(label, tuple((values * 4)[:len(years)]))
                                              for label, values in series))
    data = charts.render(Chart("x", years, "kr", (panel,), "alt"), fmt)
    if fmt == "png":
        assert data[:8] == b"\x89PNG\r\n\x1a\n"
        return
    texts = [html.unescape(t) for t in re.findall(r"<text[^>]*>([^<]*)</text>", data.decode("utf-8"))]
    for item in panel.series:
        assert item.label in texts
        for value in item.values:
            assert formatting.amount(value) in texts
    if len(years) > 1:
        assert texts.count(str(years[-1])) == len(panel.series)  # the year beside every bar: no colour key


@needs("git")
def it_dates_a_page_by_its_last_commit_or_else_by_the_file(tmp_path):
    import datetime as dt
    import os

    from generators.web.dates import LastChanged
    folder = tmp_path / "content"
    folder.mkdir()
    (folder / "a.yaml").write_text("a: 1\n", encoding="utf-8")
    (folder / "b.yaml").write_text("b: 1\n", encoding="utf-8")
    environment = {**os.environ, "GIT_COMMITTER_DATE": "2024-03-05T12:00:00", "GIT_AUTHOR_DATE": "2024-03-05T12:00:00",
                   "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
                   "GIT_COMMITTER_EMAIL": "t@example.org"}
    for command in (["init", "-q"], ["add", "."], ["commit", "-qm", "x"]):
        subprocess.run(["git", "-C", str(tmp_path), *command], check=True, env=environment)
    os.utime(folder / "b.yaml", (0, dt.datetime(2025, 6, 1, 12).timestamp()))
    (folder / "a.yaml").write_text("a: 2\n", encoding="utf-8")  # changed since the commit: the file's own date
    os.utime(folder / "a.yaml", (0, dt.datetime(2025, 7, 1, 12).timestamp()))
    last_changed = LastChanged(folder)
    assert last_changed(folder / "b.yaml") == dt.date(2024, 3, 5)
    assert last_changed(folder / "a.yaml") == dt.date(2025, 7, 1)
    assert last_changed(folder / "a.yaml", folder / "b.yaml") == dt.date(2025, 7, 1)
    outside = tmp_path.parent / "utanfor.yaml"
    outside.write_text("c: 1\n", encoding="utf-8")
    assert LastChanged(tmp_path.parent)(outside) == dt.date.fromtimestamp(outside.stat().st_mtime)


def it_says_under_the_2021_cost_table_why_the_chart_does_not_reach_the_total(page, server):
    page.goto(f"{server}/budget/")
    article = page.locator("article").inner_text()
    assert "Diagrammen visar samma siffror som tabellerna" not in article
    note = page.locator("article .admonition.note").first.inner_text()
    assert "2021 blir raderna 21\u00a0850 tkr men summan är 22\u00a0300 tkr" in note


def it_leaves_file_paths_and_rule_ids_out_of_every_page(out):
    for path in html_files(out):
        page = re.sub(r"<[^>]+>", " ", path.read_text(encoding="utf-8"))
        for leak in ("content/plans", "content/reviews", ".yaml:", "[budget-summa]", "[terminologi]", "[datum]"):
            assert leak not in page, (path, leak)


def it_gives_every_table_on_every_page_a_caption(out):
    for path in html_files(out):
        html = path.read_text(encoding="utf-8")
        tables, captions = html.count("<table"), html.count("<caption")
        assert tables == captions, f"{path.relative_to(out)}: {tables} tables, {captions} captions"


def it_says_so_instead_of_showing_an_empty_table(page, server):
    page.goto(server + "/oversyner/")  # the bundled review is a draft: nothing is published yet
    assert page.locator("article table").count() == 0
    assert "Ingen årlig översyn är publicerad än." in page.locator("article").inner_text()
    page.goto(server + "/andringar/")
    header = page.locator("article table thead").inner_text()
    assert "Läge" not in header  # a column nobody fills is left out
    page.locator("article table a", has_text="Verksamhetsplan budget 2021 → Mål- och").click()
    assert page.locator("h1").inner_text().startswith("Ändringar")


def it_tells_on_the_budget_page_that_the_plan_in_force_has_no_budget_table(page, server):
    page.goto(server + "/budget/")
    text = page.locator("article").inner_text()
    assert "Mål- och inriktningsplan 2022–2026, som gäller nu, har ingen budgettabell." in text
    assert "Ingen av budgetarna nedan hör till en plan som gäller nu" in text
    assert "Ersatt av Mål- och inriktningsplan 2022–2026 från 2022. Hela planen" in text
    assert "Ersatt av Verksamhetsplan budget 2021 från 2021. Hela planen" in text


def it_says_struck_and_added_in_words_a_screen_reader_reads(page, server, out):
    """Each <del> and <ins> on every change page begins with "Struket:" or "Tillagt:" in text
    that is in the accessibility tree but not drawn."""
    pages = [p for p in site_pages(out) if p.startswith("/andringar/") and p != "/andringar/"]
    assert pages
    for path in pages:
        page.goto(server + path)
        marks = page.locator("article del, article ins")
        assert marks.count() > 5, path
        for mark in marks.all():
            text = mark.evaluate("m => m.textContent")
            word = "Struket: " if mark.evaluate("m => m.tagName") == "DEL" else "Tillagt: "
            assert text.startswith(word), (path, text)
            hidden = mark.locator(".visuellt-dold")
            assert hidden.evaluate("s => s.getBoundingClientRect().width <= 1 && getComputedStyle(s).display !== 'none'")
            assert not mark.inner_text().startswith(word)  # not drawn


@pytest.mark.parametrize("contact", [False, True])
@pytest.mark.parametrize("address", [False, True])
@pytest.mark.parametrize("assessed", [[], ["Ett diagram saknar textalternativ (WCAG 2.1, 1.1.1 Icke-textuellt innehåll, nivå A)."]])
def it_never_says_no_known_problems_beside_problems_it_lists(bundled, tmp_path, monkeypatch, contact, address,
                                                             assessed):
    """The statement's level and its list of problems come from the same list: the content's gaps
    and the last assessment's findings (templates/site/accessibility.yaml)."""
    from generators.content.loading import load_content
    from generators.templating import phrases
    from generators.web import pages
    templates = tmp_path / "templates"
    shutil.copytree(pages.TEMPLATES, templates)
    edit_yaml(templates / "accessibility.yaml", lambda data: data.update(kanda_brister=assessed))
    monkeypatch.setattr(pages, "TEMPLATES", templates)

    def organisation(data):
        data.pop("kvitteringar", None)
        if contact:
            data["kontakt"] = {"epost": "kansliet@example.org"}
        if address:
            data["webbadress"] = "https://styrdok.example.org/"
    edit_yaml(bundled / "organisation.yaml", organisation)
    text = " ".join(pages.SitePages(load_content(bundled), [], phrases()).render()["tillganglighet.md"]
                    .decode("utf-8").split())
    section = text[text.index("### Innehåll som inte är tillgängligt"):text.index("Övrigt som är bra att veta")]
    listed = re.findall(r"^- ", section.replace(" - ", "\n- "), re.M)
    expected = (not contact) + (not address) + len(assessed)
    assert len(listed) == expected, section
    if expected:
        assert "delvis förenlig" in text and "Vi känner inte till några brister" not in text
        assert "helt förenlig" not in text
    else:
        assert "helt förenlig" in text and "Vi känner inte till några brister" in text and "delvis" not in text
    assert re.search(r"Senaste bedömningen gjordes den \d{1,2} [a-z]+ 20\d\d\.", text)
    assert "axe" in text and "tangentbordet" in text


@pytest.mark.parametrize("width", [320, 390, 768])
def it_shows_the_sites_whole_name_in_the_header_and_the_menu(page, server, width):
    """On a phone the site's name wraps instead of ending in "styrdokum…" in the header, and in
    the opened menu it stands whole under the logo, below the logo's focus ring."""
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(f"{server}/planer/verksamhetsplan-2021/")
    header = page.locator(".md-header__topic").first.locator(".md-ellipsis")
    assert header.evaluate("e => e.scrollWidth <= e.clientWidth && e.scrollHeight <= e.clientHeight")
    box, bar = header.bounding_box(), page.locator(".md-header").bounding_box()
    assert box["y"] >= bar["y"] and box["y"] + box["height"] <= bar["y"] + bar["height"]
    page.locator("[data-styrdok-for=__drawer]").click()
    title = page.locator(".md-nav--primary > .md-nav__title[for=__drawer]")
    title.wait_for(state="visible")
    assert title.evaluate("e => e.scrollWidth <= e.clientWidth && e.scrollHeight <= e.clientHeight")
    logo = title.locator(".md-logo").bounding_box()
    text_top = title.evaluate("""e => { const r = document.createRange(); r.selectNodeContents(e.lastChild);
                                         return r.getBoundingClientRect().top; }""")
    assert text_top >= logo["y"] + logo["height"] + 3, (text_top, logo)  # clear of a 3 px focus ring
