"""Hostile text in every text field of the content is published as that text and nothing
else: no element or attribute on any page, in the search index or in the navigation comes
from it, and the site, the Word files and the charts show it.

The fields are found by walking the content model beside the YAML, not listed by hand: a
field added to the model is attacked too. A field that only accepts certain values (an id,
a rule name, a status) refuses the text in `styrdok check` and keeps its value. Each build
is compared with a build of the same content where every field holds a harmless marker:
the pages must have the same elements and attributes (line breaks aside)."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections import Counter
from pathlib import Path

import yaml
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from generators import escaping
from generators.build import build
from generators.content.checks import check_content
from generators.content.findings import ContentError, format_path
from generators.content.loading import load_content
from generators.content.reading import ReadError, read_yaml
from generators.word.reading import text as docx_text
from tests.conftest import FIXTURES
from tests.test_escaping import HOSTILE, Parsed, visible

EXAMPLES = int(os.environ.get("STYRDOK_INJECTION_EXAMPLES", "3"))


def text_slots(model, raw, path: tuple = ()):
    """(path in the YAML data, string) for every string the model holds, walking the model's
    fields (by their YAML names) beside the data they were read from."""
    if isinstance(raw, str) and isinstance(model, (str, BaseModel)):
        yield path, raw  # a string, or a list item written as plain text
    elif isinstance(model, BaseModel) and isinstance(raw, dict):
        for name, info in type(model).model_fields.items():
            key = info.alias or name
            if key in raw:
                yield from text_slots(getattr(model, name), raw[key], path + (key,))
    elif isinstance(model, (list, tuple)) and isinstance(raw, list):
        for index, (item, data) in enumerate(zip(model, raw)):
            yield from text_slots(item, data, path + (index,))
    elif isinstance(model, dict) and isinstance(raw, dict):
        for key, data in raw.items():
            if key in model:
                yield from text_slots(model[key], data, path + (key,))


def set_at(data, path: tuple, value) -> None:
    for part in path[:-1]:
        data = data[part]
    data[path[-1]] = value


class Injected:
    """A copy of the minimal content with a string of our choosing in every text field."""

    def __init__(self, root: Path, value_for):
        self.content = root / "content"
        shutil.copytree(FIXTURES / "minimal", self.content)
        loaded = load_content(self.content)
        self.files = {item.path: (item.display, item.document.data, list(text_slots(item.model, item.document.data)))
                      for item in loaded.files()}
        self.values: dict[tuple[Path, tuple], tuple[str, str, str]] = {}  # -> (marker, injected, original)
        number = 0
        for file, (_, data, slots) in self.files.items():
            for path, original in slots:
                number += 1
                marker, value = value_for(number)
                self.values[file, path] = (marker, value, original)
                set_at(data, path, value)
        self._write()
        self._restore_refused()

    def fields(self) -> set[tuple[str, str]]:
        return {(file.relative_to(self.content).as_posix(), format_path(path)) for file, path in self.values}

    def _write(self) -> None:
        for file, (_, data, _) in self.files.items():
            file.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")

    def _restore_refused(self) -> None:
        """Give fields that refuse free text (ids, statuses, rule names) their value back."""
        for _ in range(5):
            try:
                errors = [f for f in check_content(load_content(self.content)) if f.severity == "fel"]
            except ContentError as error:
                errors = error.findings
            if not errors:
                return
            restored = False
            for finding in errors:
                for (file, path), (_, _, original) in list(self.values.items()):
                    if self.files[file][0] == finding.file and format_path(path) == finding.field:
                        set_at(self.files[file][1], path, original)
                        del self.values[file, path]
                        restored = True
            assert restored, [f.format() for f in errors]
            self._write()
        raise AssertionError("fields kept refusing")


def markers(number: int) -> tuple[str, str]:
    marker = f"Fält{number}q x q{number}Fält"
    return marker, marker


def shows(shown: str, value: str) -> bool:
    """Every line of the value is in the shown text, in order (a page may join an address's
    lines with commas)."""
    position = 0
    for line in escaping.text(value).split("\n"):
        line = visible(line)
        if line:
            position = shown.find(line, position)
            if position < 0:
                return False
            position += len(line)
    return True


def structure(out: Path) -> dict[str, Counter]:
    """Per page (and per search index entry): how many of each element with which attributes."""
    found = {}
    for page in sorted((out / "site").rglob("*.html")):
        found[page.relative_to(out).as_posix()] = _elements(page.read_text(encoding="utf-8"))
    index = json.loads((out / "site" / "search" / "search_index.json").read_text(encoding="utf-8"))
    for number, entry in enumerate(index["docs"]):
        found[f"search {number}"] = _elements(entry.get("title", "")) + _elements(entry.get("text", ""))
    return found


def _elements(html: str) -> Counter:
    parsed = Parsed(html)
    return Counter(tag for tag in parsed.tags if tag != "br") + Counter(f"@{name}" for name in parsed.attributes)


def site_text(out: Path) -> str:
    return " ".join(Parsed(page.read_text(encoding="utf-8")).text() for page in sorted((out / "site").rglob("*.html")))


def word_text(out: Path) -> str:
    return " ".join(visible(docx_text(path)) for path in sorted((out / "word").glob("*.docx")))


def chart_text(out: Path) -> str:
    return " ".join(visible(" ".join(Parsed(path.read_text(encoding="utf-8")).data))
                    for path in sorted((out / "docs" / "diagram").glob("*.svg")))


def texts(out: Path) -> dict[str, str]:
    return {"webbplatsen": site_text(out), "Word": word_text(out), "diagrammen": chart_text(out)}


def baseline_build(root: Path) -> tuple[Injected, dict[str, Counter], dict[str, str]]:
    injected = Injected(root, markers)
    build(injected.content, root / "out")
    return injected, structure(root / "out"), texts(root / "out")


BASELINE: dict = {}


def baseline():
    if not BASELINE:
        root = Path(tempfile.mkdtemp(prefix="styrdok-baseline-"))
        BASELINE["root"] = root
        BASELINE["injected"], BASELINE["structure"], BASELINE["texts"] = baseline_build(root)
    return BASELINE["injected"], BASELINE["structure"], BASELINE["texts"]


def teardown_module() -> None:
    if BASELINE:
        shutil.rmtree(BASELINE["root"], ignore_errors=True)


def readable(text: str) -> bool:
    """Whether a content file may hold the text: control characters are refused where they
    stand (generators.content.reading), so they never reach a build."""
    try:
        read_yaml(yaml.safe_dump({"titel": text}, allow_unicode=True).encode("utf-8"))
    except ReadError:
        return False
    return True


def showable(text: str) -> str:
    """The text without the characters `check` refuses because the PDF cannot show them (U+FEFF)."""
    from generators.glyphs import unshowable
    refused = set(unshowable(set(text)))
    return "".join(char for char in text if char not in refused)


BUILDABLE = [showable(text) for text in HOSTILE if readable(text)]
SEPARATOR = st.sampled_from(["\n", " ", "", "\n\n"])


# No shrinking: each example is a whole build, and the draws in the report say what failed.
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck),
          phases=(Phase.explicit, Phase.reuse, Phase.generate))
@given(st.data())
def it_publishes_hostile_text_as_text_in_every_field(data):
    assert len(BUILDABLE) >= len(HOSTILE) - 3  # all but the control characters, a CR and the direction characters
    plain, plain_structure, plain_texts = baseline()
    root = Path(tempfile.mkdtemp(prefix="styrdok-injection-"))
    try:
        payloads = {}

        # Every hostile string in every field, in a drawn order with drawn separators (what
        # follows a newline differs from example to example), turned by one per field.
        order = data.draw(st.permutations(BUILDABLE), label="order")
        glue = data.draw(st.lists(SEPARATOR, min_size=len(order), max_size=len(order)), label="separators")

        def hostile(number: int) -> tuple[str, str]:
            turned = order[number % len(order):] + order[:number % len(order)]
            payloads[number] = "".join(part + sep for part, sep in zip(turned, glue))
            return markers(number)[0], f"Fält{number}q {payloads[number]} q{number}Fält"

        injected = Injected(root, hostile)
        assert len(injected.values) >= 60, "too few fields took the hostile text"
        assert injected.fields() == plain.fields()
        build(injected.content, root / "out")
        assert structure(root / "out") == plain_structure
        shown = texts(root / "out")
        for (file, path), (marker, value, _) in injected.values.items():
            for target, text in plain_texts.items():
                if marker in text:  # the field is shown there
                    assert shows(shown[target], value), (target, file.name, format_path(path))
    finally:
        shutil.rmtree(root, ignore_errors=True)


def it_publishes_a_hostile_title_from_an_imported_word_file_as_text(styrdok, minimal, tmp_path):
    import docx

    source = docx.Document()
    source.core_properties.title = "<script>alert(1)</script> Plan 2040 <img src=x onerror=alert(1)>"
    source.add_heading("<b>Inledning</b> $5 och $10", 1)
    source.add_paragraph("Första raden {{ 7*7 }}")
    source.save(tmp_path / "plan.docx")
    imported = styrdok("import", tmp_path / "plan.docx", "--id", "plan-2040", "--content", minimal)
    assert imported.code == 0, imported.err
    assert styrdok("build", "--utkast", "--content", minimal, "--out", tmp_path / "out").code == 0
    for page in (tmp_path / "out" / "site").rglob("*.html"):
        parsed = Parsed(page.read_text(encoding="utf-8"))
        assert "onerror" not in parsed.attributes and "b" not in parsed.tags, page
        assert not any("alert(1)" in data for data in parsed.data if "<script>" not in data), page
    page = Parsed((tmp_path / "out" / "site" / "planer" / "plan-2040" / "index.html").read_text(encoding="utf-8"))
    assert "<script>alert(1)</script> Plan 2040 <img src=x onerror=alert(1)>" in page.text()
    assert "<b>Inledning</b> $5 och $10" in page.text() and "Första raden {{ 7*7 }}" in page.text()
