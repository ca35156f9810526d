"""What git shows is what is read (issue 18): a line break only YAML counts (U+2028, U+2029,
U+0085, a lone CR) or a character that reorders a line (bidi overrides and isolates) is
refused anywhere in a content file, comments included, at the line and column an editor shows;
and what `list` and `check` print never acts on the terminal."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import FIXTURES

HIDDEN_BREAKS = ["\u2028", "\u2029", "\x85", "\r"]
DIRECTION = [chr(code) for code in [*range(0x202A, 0x202F), *range(0x2066, 0x206A)]]
PLAN = (FIXTURES / "minimal" / "plans" / "plan.yaml").read_text(encoding="utf-8")


def _editor_position(text: str, index: int) -> tuple[int, int]:
    """As an editor counts: lines end at LF only (CRLF being CR and an LF)."""
    before = text[:index]
    return before.count("\n") + 1, len(before) - (before.rfind("\n") + 1) + 1


@st.composite
def hidden_in_a_plan(draw):
    """The minimal plan, perhaps with CRLF line ends and comments at random line ends, with one
    hidden character put anywhere: in a value, a key, a comment, the indentation."""
    lines = PLAN.split("\n")
    for index in sorted(draw(st.lists(st.integers(0, len(lines) - 2), max_size=5, unique=True)), reverse=True):
        lines[index] += "  # anteckning"
    text = ("\r\n" if draw(st.booleans()) else "\n").join(lines)
    char = draw(st.sampled_from(HIDDEN_BREAKS + DIRECTION))
    where = draw(st.integers(0, len(text)))
    if char == "\r" and text[where:where + 1] == "\n":  # that makes a CRLF, which is a line end
        where += 1
    if text[where - 1:where] == "\r" and where < len(text):  # never between the CR and the LF of a CRLF
        where -= 1
    return text[:where] + char + text[where:], where, char


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(case=hidden_in_a_plan())
def it_refuses_a_hidden_break_or_direction_character_anywhere_where_the_editor_shows_it(minimal, styrdok, case):
    text, where, char = case
    (minimal / "plans" / "plan.yaml").write_bytes(text.encode("utf-8"))
    run = styrdok("check", "--content", minimal)
    line, column = _editor_position(text, where)
    assert run.code == 1
    assert f"plans/plan.yaml:{line}:{column}: fel: " in run.out, (line, column, run.out)
    expected = "ensamt CR" if char == "\r" else f"tecknet U+{ord(char):04X}"
    assert expected in run.out, run.out


@pytest.mark.parametrize("char", ["\u2028", "\u2029", "\x85", "\r"])
def it_lets_no_comment_hide_an_acknowledgement(minimal, styrdok, char):
    """A comment after `status` that carries `kvitteringar:` past a hidden break: git shows one
    comment line, YAML would read a key that acknowledges a real error."""
    plan, wrong = minimal / "plans" / "plan.yaml", PLAN.replace("Kansli, belopp: {2030: 600", "Kansli, belopp: {2030: 601")
    plan.write_text(wrong, encoding="utf-8")
    finding = json.loads(styrdok("check", "--content", minimal, "--format", "json").out)[0]
    acknowledgement = ["kvitteringar:", "  - regel: " + finding["rule"], "    plats: " + finding["field"],
                       "    motivering: Som antaget."]
    plain = wrong.replace("status: utkast\n", "status: utkast\n" + "\n".join(acknowledgement) + "\n")
    plan.write_text(plain, encoding="utf-8")
    assert styrdok("check", "--content", minimal).code == 0  # the acknowledgement works when it is seen
    hidden = wrong.replace("status: utkast\n", "status: utkast\n# en anteckning" + char + char.join(acknowledgement) + "\n")
    plan.write_bytes(hidden.encode("utf-8"))
    run = styrdok("check", "--content", minimal)
    assert run.code == 1
    assert "plans/plan.yaml:8:16: fel: " in run.out, run.out
    assert ("ensamt CR" if char == "\r" else "också i en kommentar") in run.out, run.out


@pytest.mark.parametrize("char", DIRECTION)
def it_refuses_a_direction_character_written_as_an_escape(minimal, styrdok, char):
    plan = minimal / "plans" / "plan.yaml"
    plan.write_text(PLAN.replace("titel: Mål- och", f'titel: "Mål\\u{ord(char):04x}- och') .replace(
        "inriktningsplan 2030–2031\n", 'inriktningsplan 2030–2031"\n', 1), encoding="utf-8")
    run = styrdok("check", "--content", minimal)
    assert run.code == 1 and "plans/plan.yaml:4:8: fel: " in run.out and f"U+{ord(char):04X}" in run.out, run.out


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=st.lists(st.sampled_from(["\x1b", "[31m", "\x9b", "\x07", "\u202e", "\u2066", "a", "\r"]), min_size=1,
                     max_size=6).map("".join))
def it_prints_control_and_direction_characters_visibly(minimal, styrdok, name):
    """A file name can hold anything: `check` and `list` show it, they never send it to the terminal."""
    stray = minimal / "plans" / f"x{name}.yml"  # a finding names it
    stray.write_text("id: x\n", encoding="utf-8")
    for args in (("check",), ("check", "--format", "json"), ("list",), ("list", "--format", "json")):
        run = styrdok(*args, "--content", minimal)
        for char in "\x1b\x9b\x07\u202e\u2066\r":
            assert char not in run.out + run.err, (args, run.out)
    assert "\\u001b" in styrdok("check", "--content", minimal).out or "\x1b" not in name
