"""Types, limits and links: what the reader refuses before building anything, what the model
refuses instead of coercing, and the findings on how versions link. Generated where a class
of input is meant, a named example where one is enough."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from generators.content.reading import MAX_DEPTH, MAX_DIGITS, ReadError, read_yaml
from tests.conftest import edit_yaml
from tests.memory import PROBE_PEAK


def errors(styrdok, content) -> list[dict]:
    run = styrdok("check", "--content", content, "--format", "json")
    found = [f for f in json.loads(run.out) if f["severity"] == "fel"]
    assert run.code == (1 if found else 0)
    return found


def refusal(text: str) -> ReadError:
    with pytest.raises(ReadError) as caught:
        read_yaml(text.encode("utf-8"))
    return caught.value


# --- the reader ---------------------------------------------------------------------------------

TAGS = st.sampled_from(["!!int", "!!bool", "!!float", "!!str", "!!null", "!!timestamp", "!!binary", "!!map",
                        "!!seq", "!", "!lokal", "!!python/object:os.system", "!<tag:yaml.org,2002:int>"])


@settings(max_examples=40, deadline=None)
@given(tag=TAGS, value=st.sampled_from(["abc", "kanske", "12", "2021-01-01", "", "ja"]), line=st.integers(0, 3))
def it_refuses_every_explicit_tag_where_it_stands(tag, value, line):
    text = "".join(f"a{i}: 1\n" for i in range(line)) + f"titel: {tag} {value}\n"
    error = refusal(text)
    assert error.message.startswith("taggen ") and "är inte tillåten" in error.message
    assert (error.line, error.column) == (line + 1, 8)


@settings(max_examples=30, deadline=None)
@given(digits=st.integers(MAX_DIGITS + 1, 20_000), sign=st.sampled_from(["", "-", "+"]),
       decimals=st.booleans())
def it_refuses_numbers_with_more_digits_than_an_amount_has(digits, sign, decimals):
    number = sign + "9" * digits + (".5" if decimals else "")
    error = refusal(f"belopp:\n  2030: {number}\n")
    assert f"talet har {digits + decimals} siffror" in error.message and error.line == 2


@settings(max_examples=30, deadline=None)
@given(code=st.sampled_from([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F, 0x85, 0x9F]),
       style=st.sampled_from(["x", "u", "U"]))
def it_refuses_control_characters_written_as_escapes(code, style):
    escape = {"x": f"\\x{code:02x}", "u": f"\\u{code:04x}", "U": f"\\U{code:08x}"}[style]
    error = refusal(f'id: plan\nstycke: "före{escape}efter"\n')
    assert f"styrtecknet U+{code:04X}" in error.message and (error.line, error.column) == (2, 9)


@settings(max_examples=15, deadline=None)
@given(depth=st.integers(MAX_DEPTH + 1, 5000), flow=st.booleans(), kind=st.sampled_from("[{"))
def it_refuses_nesting_deeper_than_any_plan_before_building_it(depth, flow, kind):
    depth = depth if flow else min(depth, 800)  # indented, deeper would pass the size limit first
    if flow:
        opening, closing = ("[", "]") if kind == "[" else ("{a: ", "}")
        text = "a: " + opening * depth + "1" + closing * depth + "\n"
    else:
        text = "".join(" " * level + "- " if kind == "[" else " " * (2 * level) + "a:\n" for level in range(depth))
        text += " " * (2 * depth) + "1\n"
    assert "nästlade djupare än" in refusal(text).message


def it_refuses_a_second_document_in_swedish():
    error = refusal("id: a\n---\nid: b\n")
    assert "mer än ett YAML-dokument" in error.message and error.line == 2


@pytest.mark.parametrize("text", ["a: [1, 2\n", "a: 'x\n", "a: \"\\q\"\n", "a:\n\t- 1\n", "a: b: c\n", "- a\nb: c\n",
                                  "a: @x\n", "%YAML 9.9\n---\na: 1\n", "!<>\n", "a: *x\n", "? a\n? a\n", "{a\n"])
def it_words_every_syntax_error_in_swedish(text):
    error = refusal(text)
    assert error.message and not any(word in error.message for word in ("found", "expected", "while", "YAMLError"))


def it_refuses_a_five_megabyte_flow_file_fast_and_in_little_memory(tmp_path):
    """The file of the issue: 4.8 MB of flow values. Refused in a fresh process in well under a
    second of reading and with tens of megabytes at most (it cost 8 s and 800 MB)."""
    path = tmp_path / "plan.yaml"
    path.write_text("a: [" + ",".join(["1"] * 2_400_000) + "]\n", encoding="utf-8")
    assert 4.7e6 < path.stat().st_size < 5 * 1024 * 1024
    probe = ("import sys, time\n" + PROBE_PEAK +
             "from generators.content.reading import read_yaml, ReadError\n"
             "before = _peak_kb()\n"
             "raw = open(sys.argv[1], 'rb').read()\n"
             "started = time.perf_counter()\n"
             "try:\n    read_yaml(raw)\nexcept ReadError as error:\n    print(error.message)\n"
             "print(time.perf_counter() - started, (_peak_kb() - before) / 1024)")
    result = subprocess.run([sys.executable, "-c", probe, str(path)], capture_output=True, text=True, timeout=60)
    message, figures = result.stdout.strip().splitlines()
    seconds, megabytes = map(float, figures.split())
    assert "rader och kommatecken" in message
    assert seconds < 1.0 and megabytes < 60, (seconds, megabytes)


# --- the model: refused, never coerced -----------------------------------------------------------

@pytest.mark.parametrize("value", [0, 1609459200, 20210301, 2021.5, True, "2021-3-1", "1 mars 2021", "2021-03-01T10:00",
                                   "٢٠٢١-٠٣-٠١", "2021-13-01"])
def it_takes_a_date_only_as_text_in_the_documented_form(styrdok, minimal, value):
    edit_yaml(minimal / "plans" / "plan.yaml", lambda d: d.update(antagen={"organ": "Styrelsen", "datum": value}))
    found = errors(styrdok, minimal)
    assert [(f["field"], f["line"] > 0) for f in found] == [("antagen.datum", True)]
    assert "datum" in found[0]["message"] and "1970" not in found[0]["message"]


@settings(max_examples=20, deadline=None)
@given(digits=st.text(alphabet="٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹०१२३४५६७८९０１２３", min_size=1, max_size=4))
def it_never_reads_other_scripts_digits_as_numbers(digits):
    data = read_yaml(f"startar: {digits}\nandel: {digits}/{digits}\n".encode()).data
    assert data["startar"] == digits  # text, which the model then refuses as a year
    from pydantic import ValidationError

    from generators.content.model import FundingShare
    with pytest.raises(ValidationError):
        FundingShare.model_validate({"grupp": "staten", "andel": data["andel"]})


@pytest.mark.parametrize("share, words", [("1/0", "mellan 0 och 1"), ("3/2", "mellan 0 och 1"),
                                          ("1/1234567", "ska vara ett bråk")])
def it_refuses_a_funding_share_that_is_not_a_share(styrdok, minimal, share, words):
    edit_yaml(minimal / "organisation.yaml", lambda d: d["finansiering"]["andelar"][0].update(andel=share))
    found = errors(styrdok, minimal)
    assert any(f["field"] == "finansiering.andelar[0].andel" and words in f["message"] for f in found), found


@settings(max_examples=15, deadline=None)
@given(headings=st.integers(1, 5), cells=st.lists(st.integers(0, 7), min_size=1, max_size=4))
def it_refuses_a_table_row_not_as_wide_as_its_headings(headings, cells):
    from pydantic import ValidationError

    from generators.content.model import Table
    data = {"rubriker": [f"k{i}" for i in range(headings)], "rader": [[f"c{i}"] * n for i, n in enumerate(cells)]}
    if all(n == headings for n in cells):
        Table.model_validate(data)
        return
    with pytest.raises(ValidationError, match=f"rad {next(i for i, n in enumerate(cells) if n != headings) + 1} har"):
        Table.model_validate(data)


@pytest.mark.parametrize("where", ["titel", "rubrik"])
@pytest.mark.parametrize("blank", ["", " ", "\n", "\t"])
def it_refuses_an_empty_title_or_heading(styrdok, minimal, where, blank):
    def change(data):
        (data if where == "titel" else data["avsnitt"][0])[where] = blank
    edit_yaml(minimal / "plans" / "plan.yaml", change)
    found = errors(styrdok, minimal)
    field = "titel" if where == "titel" else "avsnitt[0].rubrik"
    assert [(f["field"], f["message"]) for f in found] == [(field, "får inte vara tom")]


def it_says_in_swedish_how_many_items_a_list_may_have(styrdok, minimal):
    edit_yaml(minimal / "plans" / "plan.yaml",
              lambda d: d["avsnitt"][2]["innehall"][1]["projekt"]["kolumner"].append("Sjunde"))
    found = errors(styrdok, minimal)
    assert [f["message"] for f in found] == ["får ha högst 6 punkter (har 7)"]


# --- links between versions ----------------------------------------------------------------------

def _second_plan(minimal, **changes):
    data = yaml.safe_load((minimal / "plans" / "plan.yaml").read_text(encoding="utf-8"))
    data.update(changes)
    (minimal / "plans" / f"{data['id']}.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


def it_reports_a_cycle_of_replacements(styrdok, minimal):
    edit_yaml(minimal / "plans" / "plan.yaml", lambda d: d.update(ersatter="plan-2030-b"))
    _second_plan(minimal, id="plan-2030-b", ersatter="plan-2030")
    found = [f for f in errors(styrdok, minimal) if f["rule"] == "versionskedja"]
    assert len(found) == 2 and all("ersatter bildar en cirkel" in f["message"] for f in found)
    assert {f["field"] for f in found} == {"ersatter"}


def it_reports_two_plans_for_one_period_unless_one_replaces_the_other(styrdok, minimal):
    _second_plan(minimal, id="plan-2030-b")
    found = [f for f in errors(styrdok, minimal) if f["rule"] == "versionskedja"]
    assert len(found) == 1 and "ange med ersatter vilken som ersätter vilken" in found[0]["message"]
    _second_plan(minimal, id="plan-2030-b", ersatter="plan-2030")
    assert not [f for f in errors(styrdok, minimal) if f["rule"] == "versionskedja"]


# --- ids, periods and amounts at their limits build --------------------------------------------------

def it_builds_what_check_accepts_at_the_limits(styrdok, minimal, tmp_path):
    from generators.content.model import ID_MAX_LENGTH

    def stretch(data):
        data["id"] = "p" * ID_MAX_LENGTH
        data["startar"], data["slutar"] = 1900, 2200
        data["titel"] = "Mål- och inriktningsplan 1900–2200"  # a title names its period
        budget = data["avsnitt"][2]["innehall"][0]["budget"]
        budget["kostnader"]["rader"][0]["belopp"][2030] = int("9" * MAX_DIGITS)
        budget["kostnader"].pop("summa", None)
        budget.pop("resultat", None)
    edit_yaml(minimal / "plans" / "plan.yaml", stretch)
    for path in (minimal / "reviews").glob("*.yaml"):
        path.unlink()
    assert not errors(styrdok, minimal)
    run = styrdok("build", "--content", minimal, "--out", tmp_path / "out")
    assert run.code == 0, run.err
    assert (tmp_path / "out" / "word" / f"{'p' * ID_MAX_LENGTH}.docx").stat().st_size > 0

