"""A Word file that comes back with tracked changes or comments: import stops and lists them
with their place; --godkann-alla and --avvisa-alla give what LibreOffice's Accept All and Reject
All give (LibreOffice is the oracle); comments go with the draft and `check` reports them.

The tracked files are styrdok's own (`diff --format docx` of the real pairs): accepting all of
one gives the newer version's text, rejecting all the older one's.
"""

from __future__ import annotations

import io
import os
from collections import Counter
from pathlib import Path

import docx
import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from generators.authoring.lines import source_lines
from generators.content.loading import load_content
from generators.templating import phrases
from generators.word.output import tracked_docx
from generators.word.source import read_source
from tests.conftest import CONTENT
from tests import board_random as br
from tests.test_import_onto import CONTENT_NOW, own_docx, report

PAIRS = [("verksamhetsplan-2007", "verksamhetsplan-2021"), ("verksamhetsplan-2021", "mal-och-inriktningsplan-2022-2026")]


def tracked(old: str, new: str) -> bytes:
    content = load_content(CONTENT)
    return tracked_docx(content.version(old).model, content.version(new).model, content, phrases())


def it_stops_and_lists_each_pending_change_with_its_place(styrdok, bundled, tmp_path):
    source = tmp_path / "spårad.docx"
    source.write_bytes(tracked(*PAIRS[1]))
    for extra in ((), ("--ersatter", "verksamhetsplan-2021")):
        run = styrdok("import", source, "--id", "styrelsens-utkast", *extra, "--content", bundled)
        assert run.code == 1
        assert "Traceback" not in run.err and "internt fel" not in run.err
        assert f"{source}: stycket ”Mål- och inriktningsplan 2022–2026”: struket ”Verksamhetsplan budget 2021”, " \
               "infogat ”Mål- och inriktningsplan 2022–2026”" in run.err
        assert f"{source}: 6 Budget: struken tabellrad ”Staten | 8 000 | 8 000 | 8 000”" in run.err
        assert run.err.rstrip().endswith("kommentarerna följer då med utkastet. Inget skrevs.")
        assert not (bundled / "plans" / "styrelsens-utkast.yaml").exists()


@pytest.mark.parametrize("old,new", PAIRS)
def it_rejects_all_back_to_the_older_versions_own_text(styrdok, bundled, tmp_path, old, new):
    source = tmp_path / "spårad.docx"
    source.write_bytes(tracked(old, new))
    run = styrdok("import", source, "--ersatter", old, "--id", "styrelsens-utkast", "--avvisa-alla",
                  "--content", bundled)
    assert run.code == 0, run.err
    assert "0 ändringar i texten" in run.out


RAISED = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
"""The import reads a raised digit (a footnote mark) as ¹; LibreOffice's strings know no raised text."""


def _ours(data: bytes, action: str, tmp_path: Path) -> list[str]:
    path = tmp_path / f"{action}.docx"
    path.write_bytes(data)
    _, lines = source_lines(read_source(path, action))
    return [(" | ".join(" ".join(cell.split()) for cell in line.cells) if line.kind == "rad"
             else " ".join(line.text.split())).translate(RAISED) for line in lines if line.kind != "bild"]


def _libreoffice(answer: dict) -> list[str]:
    """LibreOffice's paragraphs and rows from the first heading (the import's reader reads a
    non-breaking hyphen as a hyphen)."""
    found, started = [], False
    for block in answer["blocks"]:
        if block[0] == "table":
            found += [" | ".join(" ".join(cell.replace("\u2011", "-").split()) for cell in row)
                      for row in block[1]] if started else []
            continue
        _, style, _, text = block
        started = started or style.startswith("Heading")
        if started and text.strip():
            found.append(" ".join(text.replace("\u2011", "-").split()))
    return found


@pytest.mark.parametrize("old,new", PAIRS)
@pytest.mark.parametrize("action", ["godkann", "avvisa"])
def it_accepts_and_rejects_all_as_libreoffice_does(libreoffice, tmp_path, old, new, action):
    data = tracked(old, new)
    oracle = libreoffice.read(data, {"godkann": "accept", "avvisa": "reject"}[action])
    assert oracle["redlines"] == 0
    assert _ours(data, action, tmp_path) == _libreoffice(oracle)


def it_keeps_comments_with_the_draft_and_check_reports_them_until_removed(styrdok, bundled, tmp_path):
    document = docx.Document(io.BytesIO(own_docx("verksamhetsplan-2021")))
    paragraph = next(p for p in document.paragraphs if p.text.startswith("Förbundet ska skapa eller medverka"))
    document.add_comment(paragraph.runs, text="Gäller detta även nationella forum?", author="Anna Ledamot")
    source = tmp_path / "kommenterad.docx"
    document.save(source)
    stopped = styrdok("import", source, "--ersatter", "verksamhetsplan-2021", "--id", "styrelsens-utkast",
                      "--content", bundled)
    assert stopped.code == 1
    assert f"{source}: 3.1. Skapa samverkan: kommentar av Anna Ledamot: ”Gäller detta även nationella forum?”" \
        in stopped.err
    run = styrdok("import", source, "--ersatter", "verksamhetsplan-2021", "--id", "styrelsens-utkast",
                  "--godkann-alla", "--content", bundled)
    assert run.code == 0, run.err
    assert "0 ändringar i texten" in run.out and "1 kommentar från Word" in run.out
    draft = bundled / "plans" / "styrelsens-utkast.yaml"
    text = draft.read_text(encoding="utf-8")
    assert "kommentarer:\n  - avsnitt: 3.1. Skapa samverkan\n    citat: >-\n      Förbundet ska skapa eller medverka" in text
    assert "    text: Gäller detta även nationella forum?\n    av: Anna Ledamot\n" in text
    check = styrdok("check", "--content", bundled)
    assert check.code == 1
    assert "kommentar av Anna Ledamot i 3.1. Skapa samverkan (om ”Förbundet ska skapa" in check.out + check.err
    start = text.index("kommentarer:")
    end = text.index("avsnitt:\n")
    draft.write_text(text[:start] + text[end:], encoding="utf-8")
    after = styrdok("check", "--content", bundled)
    assert "[kommentar]" not in after.out + after.err


@settings(max_examples=int(os.environ.get("STYRDOK_EXAMPLES", "6")), deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(version_id=st.sampled_from([plan.model.id for plan in load_content(CONTENT).plans]),
       made=st.lists(st.tuples(st.sampled_from(br.RECORDED), st.integers(0, 1000),
                               st.lists(st.sampled_from(br.WORDS), min_size=5, max_size=8).map(tuple)),
                     min_size=1, max_size=6))
def it_reads_edits_recorded_by_libreoffice_accepted_and_rejected(libreoffice, tmp_path_factory, version_id, made):
    """Edits made in LibreOffice with Track Changes on: accepted they are exactly the changes
    made, rejected there is none."""
    own = own_docx(version_id)
    operations, expected = br.recorded(docx.Document(io.BytesIO(own)), CONTENT_NOW.version(version_id).model, made,
                                       CONTENT_NOW.organisation.model)
    for kind, what in set(expected):  # --hypothesis-show-statistics: how many examples made each change
        event(f"{kind} {what}")
    data, done = libreoffice.record(own, operations)
    assert done == len(operations)
    source = tmp_path_factory.mktemp("inspelad") / "styrelsen.docx"
    source.write_bytes(data)
    accepted, changes = report(source, version_id, revisions="godkann")
    assert Counter((c.kind, c.what) for c in changes) == Counter(expected), [(c.kind, c.what, c.new) for c in changes]
    assert accepted.losses == []
    rejected, changes = report(source, version_id, revisions="avvisa")
    assert changes == [] and not rejected.changed
