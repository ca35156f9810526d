"""styrdok build: the output folder, incremental rebuilds, --force, and refusing a foreign folder."""

from __future__ import annotations

from generators.build import build


def test_writes_word_docs_and_site(minimal, tmp_path):
    out = tmp_path / "out"
    report = build(minimal, out, preview=True)  # the minimal content is all drafts
    assert (out / "word" / "plan-2030.docx").exists() and (out / "word" / "oversyn-2030.docx").exists()
    assert (out / "pdf" / "plan-2030.pdf").exists() and (out / "pdf" / "oversyn-2030.pdf").exists()
    assert (out / "docs" / "index.md").exists() and (out / "docs" / "planer" / "plan-2030.md").exists()
    assert (out / "site" / "index.html").exists() and (out / "site" / "nedladdningar" / "plan-2030.docx").exists()
    assert (out / "site" / "nedladdningar" / "plan-2030.docx").read_bytes() == (out / "word" / "plan-2030.docx").read_bytes()
    assert "word/plan-2030.docx" in report.written and "site/" in report.written


def it_renders_nothing_when_nothing_changed(minimal, tmp_path):
    out = tmp_path / "out"
    build(minimal, out)
    before = {path: path.stat().st_mtime_ns for path in out.rglob("*")}
    report = build(minimal, out)
    assert report.written == []
    assert "word/plan-2030.docx" in report.skipped and "site/" in report.skipped
    assert {path: path.stat().st_mtime_ns for path in out.rglob("*")} == before
    assert [f.rule for f in report.findings] == []


def it_rebuilds_only_what_a_change_touches(minimal, tmp_path):
    out = tmp_path / "out"
    build(minimal, out, preview=True)
    follow_up = minimal / "member-follow-ups" / "uppfoljning.yaml"
    follow_up.write_text(follow_up.read_text(encoding="utf-8").replace("Stödet bör öka.", "Stödet bör öka mer."),
                         encoding="utf-8")
    report = build(minimal, out, preview=True)
    assert "word/oversyn-2030.docx" in report.written and "site/" in report.written
    assert "word/plan-2030.docx" in report.skipped
    assert "Stödet bör öka mer." in (out / "docs" / "oversyner" / "oversyn-2030.md").read_text(encoding="utf-8")


def it_rebuilds_everything_with_force(minimal, tmp_path):
    out = tmp_path / "out"
    build(minimal, out)
    report = build(minimal, out, force=True)
    assert report.skipped == [] and "word/plan-2030.docx" in report.written


def it_refuses_an_output_folder_that_styrdok_did_not_make(styrdok, minimal, tmp_path):
    foreign = tmp_path / "mina-dokument"
    foreign.mkdir()
    (foreign / "viktigt.txt").write_text("rör inte", encoding="utf-8")
    run = styrdok("build", "--content", minimal, "--out", foreign)
    assert run.code == 2 and "ingen utdatamapp från styrdok" in run.err
    assert [p.name for p in foreign.iterdir()] == ["viktigt.txt"]


def it_reports_what_it_wrote_and_kept(styrdok, minimal, tmp_path):
    first = styrdok("build", "--content", minimal, "--out", tmp_path / "out")
    assert first.code == 0 and "bygger word/plan-2030.docx" in first.out and "byggde 5 och behöll 0" in first.out  # two Word files, two PDFs and the site
    again = styrdok("build", "--content", minimal, "--out", tmp_path / "out")
    assert again.code == 0 and "inget har ändrats sedan förra bygget" in again.out


def it_renders_the_same_files_on_both_cores_as_in_one_process(tmp_path):
    """A fresh `styrdok build` renders on two processes; an in-process build (Typst's threads
    already started) on one. Both give the same files."""
    import subprocess
    import sys
    import zipfile

    from tests.conftest import CONTENT
    parallel, serial = tmp_path / "parallel", tmp_path / "serial"
    subprocess.run([sys.executable, "-m", "generators.cli", "build", "--content", str(CONTENT), "--out", str(parallel)],
                   check=True, capture_output=True, timeout=600)
    build(CONTENT, serial)
    for stage in ("word", "pdf"):
        names = sorted(p.name for p in (parallel / stage).iterdir())
        assert names == sorted(p.name for p in (serial / stage).iterdir()) and names
    for path in (parallel / "pdf").iterdir():
        assert path.read_bytes() == (serial / "pdf" / path.name).read_bytes()
    for path in (parallel / "word").iterdir():
        if path.name.startswith("andringar-"):
            continue  # changes not yet adopted are dated when they are made
        with zipfile.ZipFile(path) as one, zipfile.ZipFile(serial / "word" / path.name) as other:
            assert one.read("word/document.xml") == other.read("word/document.xml")


def it_keeps_the_theme_templates_compiled_but_never_a_stale_one(tmp_path):
    """MkDocs's templates are compiled once and kept in the cache: the site (pages and the
    theme's files) is the same as without the cache, and a changed template is compiled anew."""
    from generators.web.mkdocs_run import build_site

    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Hej\n\nEn sida.\n", encoding="utf-8")
    (tmp_path / "overrides").mkdir()
    template = tmp_path / "overrides" / "main.html"
    template.write_text('{% extends "base.html" %}{% block footer %}<p>första</p>{% endblock %}', encoding="utf-8")
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: Prov\ntheme:\n  name: material\n  custom_dir: overrides\n  font: false\n",
                      encoding="utf-8")
    cache, site = tmp_path / "mallar", tmp_path / "site"
    page = site / "index.html"
    build_site(config)
    uncached = {path.relative_to(site): path.read_bytes() for path in site.rglob("*") if path.is_file()}
    build_site(config, cache)
    assert any(cache.iterdir())
    build_site(config, cache)  # now from the compiled templates, the theme's files listed without its icons
    assert {path.relative_to(site): path.read_bytes() for path in site.rglob("*") if path.is_file()} == uncached
    assert "<p>första</p>" in page.read_text(encoding="utf-8")
    template.write_text(template.read_text(encoding="utf-8").replace("första", "andra"), encoding="utf-8")
    build_site(config, cache)
    assert "<p>andra</p>" in page.read_text(encoding="utf-8") and "första" not in page.read_text(encoding="utf-8")


def it_compiles_a_template_anew_when_its_cached_code_is_damaged_or_cannot_be_kept(tmp_path):
    """The compiled templates are only a cache: a damaged entry or a cache folder that cannot
    be written costs time, never the build."""
    import jinja2

    from generators.cache import compiled_templates

    (tmp_path / "mallar").mkdir()
    (tmp_path / "mallar" / "sida.md.j2").write_text("Hej {{ namn }}", encoding="utf-8")
    cache = tmp_path / "cache"

    def render(name: str) -> str:
        env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(tmp_path / "mallar")),
                                 bytecode_cache=compiled_templates(cache))
        return env.get_template("sida.md.j2").render(namn=name)

    assert render("Anna") == "Hej Anna" and any(cache.iterdir())
    for entry in cache.iterdir():
        entry.write_bytes(entry.read_bytes()[:20])  # cut off mid-entry
    assert render("Bo") == "Hej Bo"
    for entry in cache.iterdir():
        entry.unlink()
    cache.rmdir()
    cache.write_text("en fil där cachemappen skulle ligga", encoding="utf-8")
    assert render("Cia") == "Hej Cia"
