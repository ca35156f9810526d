"""Malformed content: a Swedish message naming file, line and field; exit 1; no traceback."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest

from tests.conftest import FIXTURES

BAD = FIXTURES / "bad"

# fixture (replaces plans/plan.yaml), line, field path, words the message must hold
CASES = [
    ("syntax_unclosed_quote.yaml", 10, "", "filen tar slut mitt i ett värde"),
    ("syntax_colon_in_value.yaml", 8, "", "kolon på fel ställe"),
    ("tab_indent.yaml", 9, "", "tabbtecken är inte tillåtna"),
    ("byte_order_mark.yaml", 1, "", "byte-order mark (BOM)"),
    ("not_utf8.yaml", 8, "", "filen är inte UTF-8"),
    ("empty.yaml", 1, "", "filen är tom"),
    ("only_comment.yaml", 1, "", "filen innehåller inget YAML-dokument"),
    ("top_level_list.yaml", 1, "", "ska vara en mappning (nyckel: värde) på översta nivån"),
    ("unknown_key_top.yaml", 7, "rubrikk", "okänt fält"),
    ("unknown_key_block.yaml", 10, "avsnitt[0].innehall[0]", "exakt en nyckel"),
    ("unknown_key_budget_row.yaml", 17, "budget.kostnader.rader[0].konto", "okänt fält"),
    ("amount_with_space.yaml", 17, "rader[0].belopp[2030]", "utan mellanslag"),
    ("negative_amount.yaml", 17, "rader[0].belopp[2030]", "får inte vara negativt (är -100)"),
    ("non_numeric_amount.yaml", 17, "rader[0].belopp[2030]", "ska vara ett heltal"),
    ("impossible_adoption_date.yaml", 9, "antagen.datum", "'2021-02-30' är inget giltigt datum"),
    ("duplicate_goal_id.yaml", 12, "avsnitt[0].innehall[0].mal[1].id", "id 'arbete' förekommer redan"),
    ("python_tag.yaml", 8, "", "taggen tag:yaml.org,2002:python/object/apply:os.system är inte tillåten"),
    ("alias_bomb.yaml", 7, "", "alias (*namn) används inte"),
    ("duplicate_key.yaml", 7, "", "nyckeln 'status' förekommer två gånger"),
    ("unknown_kind.yaml", 2, "slag", "ska vara en av"),
    ("invalid_id.yaml", 1, "id", "små bokstäver"),
    ("missing_title.yaml", 1, "titel", "fältet saknas"),
    ("list_expected.yaml", 11, "avsnitt[0].innehall[1].punktlista", "ska vara en lista"),
]


@pytest.mark.parametrize("fixture, line, field, words", CASES, ids=[c[0] for c in CASES])
def it_names_file_line_and_field_in_swedish(styrdok, minimal, fixture, line, field, words):
    shutil.copy(BAD / fixture, minimal / "plans" / "plan.yaml")
    run = styrdok("check", "--content", minimal, "--format", "json")
    assert run.code == 1
    found = json.loads(run.out)
    errors = [f for f in found if f["severity"] == "fel"]
    assert errors, found
    error = next((f for f in errors if words in f["message"]), errors[0])
    assert words in error["message"]
    assert error["file"].endswith("plans/plan.yaml")
    assert error["line"] == line
    assert field in error["field"]


def it_reports_errors_in_every_file_at_once(styrdok, minimal):
    shutil.copy(BAD / "empty.yaml", minimal / "plans" / "plan.yaml")
    shutil.copy(BAD / "tab_indent.yaml", minimal / "reviews" / "oversyn.yaml")
    run = styrdok("check", "--content", minimal)
    assert run.code == 1
    assert "plans/plan.yaml:1:1: fel: filen är tom [yaml]" in run.out
    assert "reviews/oversyn.yaml:9:1: fel: tabbtecken" in run.out


def it_refuses_a_missing_content_folder(styrdok, tmp_path):
    run = styrdok("check", "--content", tmp_path / "finns-inte")
    assert run.code == 1
    assert "innehållsmappen finns inte" in run.out


def it_refuses_a_file_larger_than_five_megabytes(styrdok, minimal):
    with open(minimal / "plans" / "plan.yaml", "a", encoding="utf-8") as stream:
        stream.write("# " + "x" * (6 * 1024 * 1024) + "\n")
    run = styrdok("check", "--content", minimal)
    assert run.code == 1
    assert "filen är för stor" in run.out


def it_refuses_a_link_to_a_file_outside_the_content_folder(styrdok, minimal, tmp_path):
    outside = tmp_path / "utanfor.yaml"
    shutil.copy(minimal / "plans" / "plan.yaml", outside)
    (minimal / "plans" / "plan.yaml").unlink()
    (minimal / "plans" / "plan.yaml").symlink_to(outside)
    run = styrdok("check", "--content", minimal)
    assert run.code == 1
    assert "länk till en plats utanför innehållsmappen" in run.out


@pytest.mark.parametrize("fixture", ["python_tag.yaml", "alias_bomb.yaml", "not_utf8.yaml"])
def it_prints_no_traceback_from_the_real_command(minimal, fixture):
    shutil.copy(BAD / fixture, minimal / "plans" / "plan.yaml")
    result = subprocess.run([sys.executable, "-m", "generators.cli", "check", "--content", str(minimal)],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert "fel:" in result.stdout
