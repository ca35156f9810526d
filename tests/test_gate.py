"""What `check` passes, `build` builds (issue 18): text with characters of every Unicode
category, in every free-text field of a plan and a review, adopted or draft, is either refused
by `check` with a Swedish finding that names file, line and field, or built into every output.
The characters the outputs can show are data the PDF stage declares (templates/pdf/characters.txt),
so the content stage imports no output stage: the import graph of generators/ has no circle."""

from __future__ import annotations

import ast
import contextlib
import io
import shutil
import tempfile
import unicodedata
import warnings
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from generators.cli import main
from tests.conftest import FIXTURES, ROOT

CATEGORIES = ("Lu", "Ll", "Lt", "Lm", "Lo", "Mn", "Mc", "Me", "Nd", "Nl", "No", "Pc", "Pd", "Ps", "Pe", "Pi",
              "Pf", "Po", "Sm", "Sc", "Sk", "So", "Zs", "Zl", "Zp", "Cc", "Cf", "Co", "Cn")
"""Every general category but Cs: a lone surrogate cannot be written in a UTF-8 file."""
ANY_CHARACTER = st.sampled_from(CATEGORIES).flatmap(lambda category: st.characters(categories=[category]))
# Letters and spaces between them, so a combining mark gets a base as often as not.
FREE_TEXT = st.lists(st.one_of(st.sampled_from(["a", "Å", "1", " ", "x", "\t", "\n"]), ANY_CHARACTER), min_size=1,
                     max_size=8).map("".join)
def _showable_characters() -> tuple[list[str], list[str]]:
    """The characters the PDF can show one by one, and those among them that join the one before."""
    from generators.glyphs import _ranges, joining
    chars = [chr(code) for first, last in zip(*_ranges("pdf")) for code in range(first, last + 1) if code > 0x20]
    return chars, sorted(joining(set(chars)))


SHOWN, JOINING = _showable_characters()
# Each character shown alone, put together with marks: a letter and its marks must share a font.
MARKED_TEXT = st.lists(st.one_of(st.sampled_from(SHOWN), st.sampled_from(JOINING)), min_size=1, max_size=6).map("".join)
FREE_KEYS = {"titel", "rubrik", "text", "vision", "delmal_rubrik", "namn", "inriktning", "kolumner", "matt",
             "motivering", "nummer", "stycke", "beslut", "kortnamn", "betydelse", "styrelse", "postadress"}
"""The fields a writer types prose into (in the minimal content's files)."""
FILES = ("organisation.yaml", "plans/plan.yaml", "reviews/oversyn.yaml", "member-follow-ups/uppfoljning.yaml")


def _free_fields(data, path=()):
    """Paths of the free-text strings in raw content data."""
    if isinstance(data, dict):
        for key, value in data.items():
            if key in FREE_KEYS and isinstance(value, str):
                yield path + (key,)
            elif key in FREE_KEYS and isinstance(value, list):
                yield from (path + (key, index) for index, item in enumerate(value) if isinstance(item, str))
            else:
                yield from _free_fields(value, path + (key,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _free_fields(value, path + (index,))


def _append(data, path, text: str) -> None:
    for part in path[:-1]:
        data = data[part]
    data[path[-1]] += text


@st.composite
def contents(draw) -> dict[str, dict]:
    """The minimal content with generated text added to one to three free-text fields."""
    files = {name: yaml.safe_load((FIXTURES / "minimal" / name).read_text(encoding="utf-8"))
             for name in FILES}
    if draw(st.booleans()):
        files["plans/plan.yaml"].update(status="antagen", antagen={"organ": "styrelsen"})
    places = [(name, path) for name, data in files.items() for path in _free_fields(data)]
    for name, path in draw(st.lists(st.sampled_from(places), min_size=1, max_size=3, unique=True)):
        _append(files[name], path, draw(FREE_TEXT))
    return files


def _run(*args) -> tuple[int, str]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        try:
            code = main([str(arg) for arg in args])
        except SystemExit as exit:
            code = exit.code
    return code, out.getvalue()


def _write(root: Path, files: dict[str, dict]) -> Path:
    content = root / "content"
    shutil.copytree(FIXTURES / "minimal", content)
    for name, data in files.items():
        (content / name).write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return content


def _refused_in_swedish(output: str) -> None:
    errors = [line for line in output.splitlines() if ": fel: " in line]
    assert errors, output
    for line in errors:  # file:line:column: fel: field: message [rule]
        place, _, rest = line.partition(": fel: ")
        assert place.split(":")[0].endswith(".yaml") and int(place.split(":")[1]) > 0, line
        assert "Traceback" not in output and "internt fel" not in output, output


EXAMPLES = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@settings(EXAMPLES, max_examples=40)
@given(files=contents())
def it_builds_every_output_of_what_check_passes(files):
    root = Path(tempfile.mkdtemp(prefix="styrdok-gate-"))
    try:
        content = _write(root, files)
        code, output = _run("check", "--content", content)
        if code != 0:
            _refused_in_swedish(output)
            event("check refuses")
            return
        event("check passes: built")
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            code, output = _run("build", "--content", content, "--out", root / "out", "--utkast")
        assert code == 0, output
        assert not [w for w in caught if "missing from font" in str(w.message)], [str(w.message) for w in caught]
        for made in ("word/plan-2030.docx", "pdf/plan-2030.pdf", "word/oversyn-2030.docx", "pdf/oversyn-2030.pdf",
                     "site/planer/plan-2030/index.html"):
            assert (root / "out" / made).stat().st_size > 0, made
    finally:
        shutil.rmtree(root)


@settings(EXAMPLES, max_examples=300)
@given(text=st.one_of(FREE_TEXT, MARKED_TEXT))
def it_typesets_every_text_check_accepts(text):
    """Many more texts than the whole build can take: what check passes, the PDF (the narrowest
    output for text) typesets as a title, a heading and a paragraph, and the chart draws as a
    budget row's label."""
    from generators.content.integrity import showable_characters
    from generators.glyphs import unset_clusters, unshowable
    from generators.pdf.markup import Markup, escape
    from generators.pdf.showable import _INPUTS
    from generators.pdf.typeset import typeset

    assert showable_characters  # the rule check runs, asked the same questions as below
    if unshowable(set(text)) or unset_clusters(text) \
            or any(unicodedata.category(c) in ("Cc", "Cs") and c not in "\t\n" for c in text):
        event("check refuses")
        return
    if not text.strip():  # a title or heading must show something (the model's Text)
        event("check refuses a blank title")
        return
    event("check passes: typeset")
    typeset(Markup(f"#heading(level: 1)[{escape(text)}]\n#par[{escape(text)}]\n#heading-pages()"),
            {**_INPUTS, "title": text}, None)
    if unshowable(set(text), "chart"):  # check refuses it in a budget row
        return
    event("check passes as a budget row: drawn")
    from generators import charts
    from generators.document import Chart, ChartPanel, Series
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        charts.render(Chart("b", (2030,), "tkr", (ChartPanel("Kostnader", (Series(text, (5,)),)),), "alt"), "png")
    assert not [w for w in caught if "missing from font" in str(w.message)], [str(w.message) for w in caught]


@pytest.mark.parametrize("text", ["\ufeff", "\U000110bd", "a\u20dd", "x\u20e3", "\u0f71", "\u0e31", "\u0600", "\u06dd",
                                  "\u070f", "\u08e2", "\U00013430"])
def it_refuses_the_characters_the_pdf_refuses_naming_file_line_and_field(tmp_path, text):
    files = {"plans/plan.yaml": yaml.safe_load((FIXTURES / "minimal" / "plans/plan.yaml").read_text(encoding="utf-8"))}
    files["plans/plan.yaml"]["titel"] += text
    code, output = _run("check", "--content", _write(tmp_path, files))
    assert code == 1
    codepoint = f"U+{ord(text[-1]):04X}"
    assert f"plan.yaml:3:8: fel: titel: kan inte visas i PDF-filen: {codepoint} " in output, output


@pytest.mark.parametrize("text, why", [
    ("\u25b1\u1abe", "PDF-filens typsnitt kan inte sätta tecknet och de kombinerande tecknen efter det tillsammans"),
    ("\ue22f\u0eca", "PDF-filens typsnitt kan inte sätta tecknet och de kombinerande tecknen efter det tillsammans"),
    ("\U0001d6a0\u0ec9", "PDF-filens typsnitt kan inte sätta tecknet och de kombinerande tecknen efter det tillsammans"),
])
def it_refuses_a_letter_and_a_mark_no_one_font_has(tmp_path, text, why):
    """Each character alone can be shown, but Typst sets a letter and its marks in one font."""
    files = {"plans/plan.yaml": yaml.safe_load((FIXTURES / "minimal" / "plans/plan.yaml").read_text(encoding="utf-8"))}
    files["plans/plan.yaml"]["titel"] += " " + text
    code, output = _run("check", "--content", _write(tmp_path, files))
    assert code == 1 and "plan.yaml:3:8: fel: titel: kan inte visas i PDF-filen: " in output and why in output, output


def it_refuses_an_invisible_character_with_nothing_before_it(tmp_path):
    files = {"plans/plan.yaml": yaml.safe_load((FIXTURES / "minimal" / "plans/plan.yaml").read_text(encoding="utf-8"))}
    files["plans/plan.yaml"]["titel"] = "\U000e0020" + files["plans/plan.yaml"]["titel"]
    code, output = _run("check", "--content", _write(tmp_path, files))
    assert code == 1 and "först i texten, utan ett tecken före" in output, output


def it_says_when_the_list_of_showable_characters_is_out_of_date():
    """The lists are Typst's answer for one Typst and one Arimo, and the chart font's characters:
    rerun the script when they change."""
    from generators.pdf.showable import fonts_stamp
    for path in ("pdf/characters.txt", "pdf/fonts.txt", "charts/characters.txt"):
        header = (ROOT / "templates" / path).read_text(encoding="utf-8")[:1000]
        assert fonts_stamp() in header, ("Typst, Arimo or matplotlib's DejaVu Sans has changed: run "
                                         "python -m generators.pdf.showable and commit templates/*/characters.txt")


def it_refuses_in_a_budget_row_what_the_chart_cannot_draw(tmp_path):
    """A character the PDF has but the chart's font has not: the row's bars would be labelled with a box."""
    from generators.glyphs import showable
    char = next(chr(code) for code in range(0x100, 0x3000)
                if unicodedata.category(chr(code)) == "Ll" and showable(chr(code)) and not showable(chr(code), "chart"))
    files = {"plans/plan.yaml": yaml.safe_load((FIXTURES / "minimal" / "plans/plan.yaml").read_text(encoding="utf-8"))}
    files["plans/plan.yaml"]["avsnitt"][2]["innehall"][0]["budget"]["kostnader"]["rader"][0]["text"] += char
    code, output = _run("check", "--content", _write(tmp_path, files))
    assert code == 1
    assert (f"fel: avsnitt[2].innehall[0].budget.kostnader.rader[0].text: kan inte visas i budgetdiagrammet "
            f"(typsnittet DejaVu Sans har inte tecknet): '{char}' U+{ord(char):04X} ") in output, output


def _imports(path: Path, module: str) -> set[str]:
    """The generators modules a file imports, at the top or inside a function."""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                base = ".".join(parts[:len(parts) - node.level + 1] + ([base] if base else []))
            found |= {base} | {f"{base}.{alias.name}" for alias in node.names}
    return found


def it_has_no_circle_in_the_import_graph_of_generators():
    modules = {}
    for path in (ROOT / "generators").rglob("*.py"):
        parts = path.relative_to(ROOT).with_suffix("").parts
        modules[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    graph = {name: {other for other in _imports(path, name) if other in modules and other != name}
             for name, path in modules.items()}
    done, trail = set(), []

    def visit(name):
        if name in trail:
            raise AssertionError("import circle: " + " -> ".join(trail[trail.index(name):] + [name]))
        if name not in done:
            trail.append(name)
            for other in sorted(graph[name]):
                visit(other)
            trail.pop()
            done.add(name)

    for name in sorted(graph):
        visit(name)
    assert "generators.content.checks" in graph and graph["generators.glyphs"] == {"generators"}
