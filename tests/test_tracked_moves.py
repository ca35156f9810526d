"""Generated revisions of a plan's lists, judged as a reader gets them: list entries moved,
added and removed at random places (first, last, before a heading or a table, from one list to
another), and the tracked file, every change accepted (or rejected) in LibreOffice, saved,
reopened and exported to PDF, reads in poppler's text line by line, list labels and page
breaks included, as the new (old) version's own Word file exported the same way."""

from __future__ import annotations

import copy

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from generators.content.model import PlanVersion
from tests.conftest import CONTENT
from tests.test_properties import examples
from tests.test_tracked import own, tracked

PLAN = yaml.safe_load((CONTENT / "plans" / "mal-och-inriktningsplan-2022-2026.yaml").read_text(encoding="utf-8"))
NEW_ENTRIES = ["samverka med arbetsgivare i länet", "följa upp varje insats halvårsvis",
               "sprida resultat till medlemmarna", "ha ett tydligt deltagarperspektiv"]
EXAMPLES = 12


def base(numbered: bool) -> dict:
    """The 2022–2026 plan with two more lists: a bullet list before a table, and a numbered
    list alone in a section of its own (first after one heading, last before the next); its
    principles are a numbered list after a lead-in and before a heading. numbered: the sections
    carry numbers, so headings are numbered too."""
    data = copy.deepcopy(PLAN)
    sections = data["avsnitt"]
    working = next(section for section in sections if section["rubrik"] == "Arbetssätt")
    working["innehall"] += [
        {"stycke": "Arbetet följs upp genom:"},
        {"punktlista": ["uppföljning i SUS", "självvärdering årligen", "indikatorer halvårsvis"]},
        {"tabell": {"rubriker": ["Insats", "Ansvar"], "rader": [["Kartläggning", "Kansliet"],
                                                                ["Uppföljning", "Styrelsen"]]}}]
    index = next(i for i, section in enumerate(sections) if section["rubrik"] == "Jämställdhet")
    sections.insert(index, {"rubrik": "Uppföljning", "innehall": [
        {"numrerad_lista": ["rapport till styrelsen", "dialog med medlemmarna"]}]})
    if numbered:
        for number, section in enumerate(sections, 1):
            section["nummer"] = str(number)
    return data


def _lists(data: dict) -> list[tuple[list, int]]:
    """(blocks, index) of each list block the revisions work on, in document order."""
    return [(section["innehall"], index) for section in data["avsnitt"]
            for index, block in enumerate(section["innehall"])
            if {"principer", "punktlista", "numrerad_lista"} & block.keys()]


def _entries(block: dict) -> list:
    return next(block[key] for key in ("principer", "punktlista", "numrerad_lista") if key in block)


def _text(entry) -> str:
    return entry["text"] if isinstance(entry, dict) else entry


def _as_entry(block: dict, text: str, serial: int):
    return {"id": f"ny-{serial}", "text": text} if "principer" in block else text


def revise(data: dict, operations: list[tuple], whole_lists: bool = False) -> list[str]:
    """Apply the operations to the plan in place; what was done, for the failure message.
    whole_lists: a list's last entry may go too, and the list with it."""
    done = []
    for serial, (kind, source, position, target, place, text) in enumerate(operations):
        lists = _lists(data)
        if not lists:
            break
        blocks, index = lists[source % len(lists)]
        entries = _entries(blocks[index])
        if kind == "add":
            at = _place(place, len(entries))
            entries.insert(at, _as_entry(blocks[index], text, serial))
            done.append(f"add {text!r} to list {source % len(lists)} at {at}")
            continue
        if len(entries) == 1 and not whole_lists:  # see the known failure below
            continue
        entry = entries.pop(position % len(entries))
        if not entries:
            blocks.pop(index)
        if kind == "remove":
            done.append(f"remove {_text(entry)!r} from list {source % len(lists)}")
            continue
        lists = _lists(data)
        if not lists:
            break
        blocks, index = lists[target % len(lists)]
        entries = _entries(blocks[index])
        at = _place(place, len(entries))
        entries.insert(at, _as_entry(blocks[index], _text(entry), serial))
        done.append(f"move {_text(entry)!r} to list {target % len(lists)} at {at}")
    return done


def _place(place: int | str, length: int) -> int:
    return {"first": 0, "last": length}.get(place, place % (length + 1) if isinstance(place, int) else 0)


OPERATION = st.tuples(st.sampled_from(["move", "move", "add", "remove"]), st.integers(0, 3), st.integers(0, 5),
                      st.integers(0, 3), st.one_of(st.sampled_from(["first", "last"]), st.integers(0, 5)),
                      st.sampled_from(NEW_ENTRIES))


# The same 12 generated cases in every run (LibreOffice takes 5 s a case): CI judges the same
# ground each time; a wider search is a local run with more examples.
@settings(examples(EXAMPLES), derandomize=True)
@given(st.booleans(), st.lists(OPERATION, min_size=1, max_size=3))
def it_accepts_and_rejects_moved_list_entries_exactly_as_rendered(libreoffice, numbered, operations):
    old_data = base(numbered)
    new_data = copy.deepcopy(old_data)
    done = revise(new_data, operations)
    new_data["id"] = "plan-ny"
    old, new = PlanVersion.model_validate(old_data), PlanVersion.model_validate(new_data)
    document = tracked(old, new)
    accepted = libreoffice.rendered_mismatches(document, own(new), "accept")
    rejected = libreoffice.rendered_mismatches(document, own(old), "reject")
    assert (accepted, rejected) == ([], []), "\n".join(
        [f"numbered headings: {numbered}", *done, "accept:", *accepted, "reject:", *rejected])



@pytest.mark.parametrize("numbered", [False, True])
@pytest.mark.parametrize("direction", ["removed", "added"])
def it_resolves_a_list_that_goes_or_comes_altogether_before_a_heading(libreoffice, numbered, direction):
    """Both entries of the numbered list alone in its section move to the principles: the list
    is gone, and the next heading must not take its numbering ('1. Jämställdhet') when the
    changes are accepted; read backwards, the list comes back whole when they are rejected."""
    without = base(numbered)
    revise(without, [("move", 2, 0, 0, "first", ""), ("move", 2, 0, 0, "last", "")], whole_lists=True)
    without["id"] = "plan-ny"
    with_list = base(numbered)
    old_data, new_data = (with_list, without) if direction == "removed" else (without, with_list)
    old, new = PlanVersion.model_validate(old_data), PlanVersion.model_validate(new_data)
    document = tracked(old, new)
    assert libreoffice.rendered_mismatches(document, own(new), "accept") == []
    assert libreoffice.rendered_mismatches(document, own(old), "reject") == []
