"""The site ready for a real address: a description of its own and sharing tags on every page,
robots.txt, a sitemap dated by each page's own last change, and an internal preview with drafts
that no search engine indexes and no sitemap lists."""

from __future__ import annotations

import html
import re

from generators.build import build
from generators.web.describe import LONGEST, description
from tests.test_site import html_files, out  # noqa: F401 - fixture

SITE_DESCRIPTION = "Styrdokumenten för Samordningsförbundet RAR i Sörmland"


def _meta(page: str, key: str) -> str | None:
    found = re.search(rf'<meta (?:name|property)="{re.escape(key)}" content="([^"]*)"', page)
    return html.unescape(found.group(1)) if found else None


def it_describes_every_page_in_words_of_its_own_and_gives_it_sharing_tags(out):  # noqa: F811
    descriptions = {}
    for path in html_files(out):
        if path.name == "404.html":
            continue
        page = path.read_text(encoding="utf-8")
        said = _meta(page, "description")
        assert said and not said.startswith(SITE_DESCRIPTION) and len(said) <= LONGEST, (path, said)
        descriptions.setdefault(said, []).append(path)
        assert _meta(page, "og:description") == said
        title = html.unescape(re.search(r"<title>([^<]*)</title>", page).group(1))
        assert title.startswith(_meta(page, "og:title")), path
        assert _meta(page, "og:type") == "website" and _meta(page, "og:locale") == "sv_SE"
        assert 'name="robots"' not in page  # the public site may be indexed
    assert all(len(paths) == 1 for paths in descriptions.values()), descriptions
    assert "Disallow" not in (out / "site" / "robots.txt").read_text(encoding="utf-8")


def it_describes_a_page_by_its_heading_and_first_paragraph_in_plain_text():
    page = ("---\nx: 1\n---\n\n# Plan 2030\n\n!!! note \"Gäller\"\n    Banner.\n\n"
            "[Ladda ned](a.docx){ .md-button }\n\n## 1 Mål\n\nVi ska *nå* [målen](b.md) & mer: "
            + "ord " * 60 + "\n\nMer.\n")
    said = description(page)
    assert said.startswith("Plan 2030. Vi ska nå målen & mer: ord ord") and said.endswith("…")
    assert len(said) <= LONGEST
    assert description("# Ändringar\n\n## Sammanfattning\n\n- Titel: a → b.\n- Period: 1 → 2.\n") == \
        "Ändringar. Titel: a → b.; Period: 1 → 2."


def it_dates_each_page_in_the_sitemap_by_its_own_last_change_and_names_it_in_robots_txt(minimal, tmp_path):
    build(minimal, tmp_path / "out")
    site = tmp_path / "out" / "site"
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    entries = re.findall(r"<loc>https://styrdok\.example\.org/rar/([^<]*)</loc>\s*<lastmod>([^<]+)</lastmod>", sitemap)
    assert len(entries) == len(list(site.rglob("index.html")))
    for location, lastmod in entries:
        page = (site / location / "index.html").read_text(encoding="utf-8")
        assert f'Senast uppdaterad: <time datetime="{lastmod}">' in page, location
        assert f'<meta property="og:url" content="https://styrdok.example.org/rar/{location}">' in page
    assert (site / "robots.txt").read_text(encoding="utf-8") == (
        "User-agent: *\nAllow: /\nSitemap: https://styrdok.example.org/rar/sitemap.xml\n")


def it_keeps_the_preview_with_drafts_out_of_search_engines(minimal, tmp_path):
    build(minimal, tmp_path / "out", preview=True)
    site = tmp_path / "out" / "site"
    pages = html_files(tmp_path / "out")
    drafts = [p for p in pages if "Utkast" in p.read_text(encoding="utf-8")]
    assert drafts  # the minimal content's plan is a draft: it is in the preview
    for path in pages:
        assert '<meta name="robots" content="noindex' in path.read_text(encoding="utf-8"), path
    assert not (site / "sitemap.xml").exists() and not (site / "sitemap.xml.gz").exists()
    assert "Disallow: /" in (site / "robots.txt").read_text(encoding="utf-8")
