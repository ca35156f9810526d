"""The styrdok command line: exit codes, Swedish usage errors, the JSON Schema."""

from __future__ import annotations

import json

import jsonschema
import pytest
import yaml

from tests.conftest import CONTENT


def it_exits_0_on_content_with_only_warnings(styrdok):
    assert styrdok("check", "--content", CONTENT).code == 0


def it_exits_1_on_content_with_errors(styrdok, minimal):
    (minimal / "plans" / "plan.yaml").write_text("id: [\n", encoding="utf-8")
    assert styrdok("check", "--content", minimal).code == 1


@pytest.mark.parametrize("args, words", [
    (["check", "--format", "xml"], "ogiltigt val: 'xml'"),
    (["rita"], "ogiltigt val: 'rita'"),
    ([], "följande argument krävs: KOMMANDO"),
    (["check", "--okand"], "okända argument: --okand"),
])
def it_exits_2_with_a_swedish_message_on_a_usage_error(styrdok, args, words):
    run = styrdok(*args)
    assert run.code == 2
    assert words in run.err
    assert "användning: styrdok" in run.err


def it_describes_itself_in_swedish(styrdok):
    run = styrdok("--help")
    assert run.code == 0
    assert "kontrollera innehållet" in run.out and "flaggor" in run.out


def it_writes_a_json_schema_that_accepts_the_bundled_content(styrdok, tmp_path):
    run = styrdok("schema", "--out", tmp_path)
    assert run.code == 0
    schema = json.loads((tmp_path / "plan.schema.json").read_text(encoding="utf-8"))
    for path in (CONTENT / "plans").glob("*.yaml"):
        data = _as_json(path)
        jsonschema.validate(data, schema)


def it_writes_a_json_schema_that_rejects_an_unknown_key(styrdok, tmp_path):
    styrdok("schema", "--out", tmp_path)
    schema = json.loads((tmp_path / "plan.schema.json").read_text(encoding="utf-8"))
    data = _as_json(CONTENT / "plans" / "mal-och-inriktningsplan-2022-2026.yaml")
    data["avsnitt"][0]["rubrikk"] = "fel"
    with pytest.raises(jsonschema.ValidationError, match="rubrikk"):
        jsonschema.validate(data, schema)


def _as_json(path):
    """YAML as an editor's YAML extension sees it: keys as strings, dates as strings."""
    return json.loads(json.dumps(yaml.safe_load(path.read_text(encoding="utf-8")), default=str))


def it_says_what_was_not_done_once_after_a_question(styrdok, minimal):
    """'menade du …?' ends its sentence; what was not done follows once."""
    run = styrdok("adopt", "plan-203", "--datum", "2030-01-10", "--paragraf", "§ 1", "--content", minimal)
    assert run.code == 2 and "?. " not in run.err and run.err.count("Inget antogs.") == 1, run.err
    assert run.err.rstrip().endswith("? Inget antogs.")
