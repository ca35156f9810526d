"""Properties over generated valid content (hypothesis): building never fails, nothing is lost
on the way to Word or the site, a version does not differ from itself, a diff counts the same
both ways (tracked changes: test_tracked.py)."""

from __future__ import annotations

import html
import re
import shutil
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generators.build import build
from generators.changes.diff import diff_versions
from generators.content.loading import load_content
from generators.content.model import Organisation, PlanVersion
from generators.word.reading import text as docx_text
from tests.conftest import CONTENT

# Words with Swedish letters and the characters Markdown and HTML care about.
WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyzåäöÅÄÖ0123456789<>*_#&().,:", min_size=1, max_size=9)
TEXT = st.lists(WORD, min_size=1, max_size=7).map(" ".join)
def examples(count: int) -> settings:
    return settings(max_examples=count, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@st.composite
def budgets(draw, index: int) -> dict:
    years = [2030, 2031]
    rows = [{"id": f"r{i}", "text": draw(TEXT), "belopp": {y: draw(st.integers(0, 50_000)) for y in years}}
            for i in range(draw(st.integers(1, 4)))]
    total = {y: sum(row["belopp"][y] for row in rows) for y in years}
    return {"budget": {"id": f"b{index}", "enhet": "tkr", "ar": years,
                       "kostnader": {"rubrik": draw(TEXT), "rader": rows, "summa": {"text": draw(TEXT), "belopp": total}}}}


@st.composite
def blocks(draw, section: int) -> list[dict]:
    found = []
    for index in range(draw(st.integers(0, 4))):
        kind = draw(st.sampled_from(["stycke", "punktlista", "mal", "malgrupper", "budget"]))
        if kind == "stycke":
            found.append({"stycke": draw(TEXT)})
        elif kind == "punktlista":
            found.append({"punktlista": draw(st.lists(TEXT, min_size=1, max_size=4))})
        elif kind == "mal":
            found.append({"mal": [{"id": f"m{section}-{index}-{i}", "text": draw(TEXT)}
                                  for i in range(draw(st.integers(1, 3)))]})
        elif kind == "malgrupper":
            found.append({"malgrupper": [{"id": f"g{section}-{index}-{i}", "prioritet": i + 1, "text": draw(TEXT)}
                                         for i in range(draw(st.integers(1, 3)))]})
        else:
            found.append(draw(budgets(f"{section}-{index}")))
    return found


@st.composite
def plans(draw, plan_id: str = "plan-a") -> dict:
    sections = [{"rubrik": draw(TEXT), "innehall": draw(blocks(i))} for i in range(draw(st.integers(1, 4)))]
    return {"id": plan_id, "slag": "mal-och-inriktningsplan", "titel": draw(TEXT), "startar": 2030, "slutar": 2031,
            "status": "utkast", "avsnitt": sections}


def strings(data) -> list[str]:
    """Every text a reader should find again: the prose of the plan, not its ids and codes."""
    if isinstance(data, dict):
        return [s for key, value in data.items() if key not in ("id", "slag", "status", "enhet") for s in strings(value)]
    if isinstance(data, list):
        return [s for value in data for s in strings(value)]
    return [data] if isinstance(data, str) else []


ORGANISATION = load_content(CONTENT).organisation


def plan(data: dict) -> PlanVersion:
    return PlanVersion.model_validate(data)


def organisation() -> Organisation:
    return ORGANISATION.model


@examples(6)
@given(plans())
def test_building_never_fails_and_loses_nothing(data):
    root = Path(tempfile.mkdtemp())
    try:
        content = root / "content" / "plans"
        content.mkdir(parents=True)
        shutil.copy(CONTENT / "organisation.yaml", root / "content" / "organisation.yaml")
        (content / "plan.yaml").write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
        build(root / "content", root / "out", preview=True)  # a generated draft: on the internal preview site
        word = " ".join(docx_text(root / "out" / "word" / "plan-a.docx").split())
        page = (root / "out" / "site" / "planer" / "plan-a" / "index.html").read_text(encoding="utf-8")
        visible = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())
        for string in strings(data):
            assert string in word, string
            assert string in visible, string
    finally:
        shutil.rmtree(root)


@examples(30)
@given(plans())
def test_a_version_does_not_differ_from_itself(data):
    version = plan(data)
    assert diff_versions(version, version, organisation()) == []


@examples(30)
@given(plans("plan-a"), plans("plan-b"))
def test_a_diff_counts_the_same_changes_both_ways(first, second):
    a, b = plan(first), plan(second)
    assert len(diff_versions(a, b, organisation())) == len(diff_versions(b, a, organisation()))


