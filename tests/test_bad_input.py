"""Malformed content: a Swedish message naming file, line and field; exit 1; no traceback."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
import zipfile

import pytest

from tests.conftest import FIXTURES

BAD = FIXTURES / "bad"

# fixture (replaces plans/plan.yaml unless TARGETS says otherwise), line, field path, words the message holds
TARGETS = {
    "unknown_key_review.yaml": "reviews/oversyn.yaml",
    "dangling_review_plan.yaml": "reviews/oversyn.yaml",
    "unknown_key_follow_up.yaml": "member-follow-ups/uppfoljning.yaml",
    "unknown_key_organisation.yaml": "organisation.yaml",
    "duplicate_id_across_files.yaml": "plans/kopia.yaml",
}
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
    ("syntax_bad_list_indent.yaml", 9, "", "indraget stämmer inte för listan"),
    ("syntax_unclosed_bracket.yaml", 11, "", "listan inom [ ] stängs inte rätt"),
    ("tab_in_nested_list.yaml", 10, "", "tabbtecken är inte tillåtna"),
    ("unknown_key_section.yaml", 9, "avsnitt[0].rubrk", "okänt fält"),
    ("unknown_key_goal.yaml", 13, "mal[0].delmaal", "okänt fält"),
    ("unknown_key_project.yaml", 16, "projekt.projekt[0].budget", "okänt fält"),
    ("unknown_key_review.yaml", 9, "maluppfoljnig", "okänt fält"),
    ("unknown_key_follow_up.yaml", 9, "onskemaal", "okänt fält"),
    ("unknown_key_organisation.yaml", 6, "adress", "okänt fält"),
    ("wrong_type_title_list.yaml", 3, "titel", "ska vara text (är ['Plan', 'Två'])"),
    ("wrong_type_year_text.yaml", 4, "startar", "ska vara ett heltal"),
    ("wrong_status.yaml", 6, "status", "ska vara en av: 'utkast' eller 'antagen' (är 'klar')"),
    ("null_title.yaml", 3, "titel", "ska vara text (är None)"),
    ("decimal_amount.yaml", 17, "rader[0].belopp[2030]", "ska vara ett heltal (är 100.5)"),
    ("decimal_comma_amount.yaml", 17, "rader[0].belopp[5]", "5 är inget år (1900–2200); står det ett belopp med decimalkomma"),
    ("negative_project_cost.yaml", 16, "projekt[0].total_kostnad", "får inte vara negativt (är -5)"),
    ("impossible_project_date.yaml", 16, "projekt[0].slut", "2031-02-30 finns inte: februari 2031 har 28 dagar"),
    ("project_ends_before_start.yaml", 16, "projekt[0].slut", "slutar 2030-06-30, före eller samma dag som det börjar"),
    ("budget_year_missing.yaml", 17, "rader[0].belopp", "belopp för 2031 saknas"),
    ("budget_sum_mismatch.yaml", 19, "kostnader.summa.belopp[2030]", "raderna 2030 blir 150 tkr men summan anges till 160"),
    ("dangling_member.yaml", 17, "rader[0].medlem", "medlemmen 'okand-kommun' finns inte"),
    ("dangling_replaces.yaml", 7, "ersatter", "versionen 'finns-inte' finns inte"),
    ("dangling_review_plan.yaml", 8, "plan", "planen 'finns-inte' finns inte"),
    ("duplicate_id_across_files.yaml", 2, "id", "id 'plan-2030' används redan av"),
    ("block_wrong_type.yaml", 10, "avsnitt[0].innehall[0].stycke", "ska vara text"),
    ("no_sections.yaml", 7, "avsnitt", "får inte vara tom"),
    ("goal_id_uppercase.yaml", 11, "mal[0].id", "ska vara ett id av små bokstäver"),
    ("share_not_percent.yaml", 11, "fordelning[0].andel", "ska vara högst 100 (är 175)"),
]


@pytest.mark.parametrize("fixture, line, field, words", CASES, ids=[c[0] for c in CASES])
def it_names_file_line_and_field_in_swedish(styrdok, minimal, fixture, line, field, words):
    shutil.copy(BAD / fixture, minimal / TARGETS.get(fixture, "plans/plan.yaml"))
    run = styrdok("check", "--content", minimal, "--format", "json")
    assert run.code == 1
    found = json.loads(run.out)
    errors = [f for f in found if f["severity"] == "fel"]
    assert errors, found
    error = next((f for f in errors if words in f["message"]), errors[0])
    assert words in error["message"]
    assert error["file"].endswith(".yaml") and "plans" in TARGETS.get(fixture, "plans") or \
        error["file"].endswith(TARGETS[fixture])
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
    assert f"innehållsmappen {tmp_path / 'finns-inte'} finns inte" in run.out and "--content MAPP" in run.out


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


def it_has_a_corpus_of_at_least_forty_named_cases():
    assert len(CASES) >= 40 and {case[0] for case in CASES} == {path.name for path in BAD.glob("*.yaml")}


@pytest.fixture(scope="module")
def previous_output(tmp_path_factory):
    """A good build of the minimal content, which every failing build below must leave alone."""
    from generators.build import build
    root = tmp_path_factory.mktemp("previous")
    shutil.copytree(FIXTURES / "minimal", root / "content")
    build(root / "content", root / "out")
    return root / "out"


def snapshot(folder) -> dict[str, bytes]:
    return {str(path.relative_to(folder)): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


@pytest.mark.parametrize("fixture", [case[0] for case in CASES])
def it_writes_nothing_when_the_content_is_bad(styrdok, minimal, previous_output, fixture):
    before = snapshot(previous_output)
    # As adopted versions: a draft's problems never stop the build (see the test below).
    plan = minimal / "plans" / "plan.yaml"
    plan.write_bytes(plan.read_bytes().replace(b"\nstatus: utkast", b"\nstatus: antagen"))
    data = (BAD / fixture).read_bytes().replace(b"\nstatus: utkast", b"\nstatus: antagen")
    (minimal / TARGETS.get(fixture, "plans/plan.yaml")).write_bytes(data)
    run = styrdok("build", "--content", minimal, "--out", previous_output)
    assert run.code == 1
    assert "Traceback" not in run.out + run.err
    assert snapshot(previous_output) == before
    assert not list(previous_output.parent.glob(".out.staging-*"))


@pytest.mark.parametrize("fixture", [case[0] for case in CASES if case[0] not in TARGETS])
def it_builds_the_rest_when_only_a_draft_is_bad(styrdok, minimal, tmp_path, fixture):
    """The same bad files as a draft beside an adopted plan: the adopted plan is built."""
    plans = minimal / "plans"
    adopted = (plans / "plan.yaml").read_text(encoding="utf-8").replace("status: utkast", "status: antagen")
    (plans / "antagen.yaml").write_text(adopted.replace("id: plan-2030", "id: plan-2029"), encoding="utf-8")
    shutil.copy(BAD / fixture, plans / "plan.yaml")
    if b"\nstatus: utkast" not in (plans / "plan.yaml").read_bytes():
        pytest.skip("the file does not say it is a draft: it blocks like an adopted one")
    run = styrdok("build", "--content", minimal, "--out", tmp_path / "out")
    assert "Traceback" not in run.out + run.err
    if not _readable(plans / "plan.yaml"):  # then nothing says it is a draft: it may be an adopted plan
        assert run.code == 1 and "plan.yaml:" in run.out
        assert (tmp_path / "out").exists() is False
        return
    assert run.code == 0, run.out
    assert (tmp_path / "out" / "word" / "plan-2029.docx").exists()
    assert (tmp_path / "out" / "site" / "planer" / "plan-2029" / "index.html").exists()
    assert not (tmp_path / "out" / "site" / "planer" / "plan-2030").exists()


def _readable(path) -> bool:
    from generators.content.reading import ReadError, read_yaml
    try:
        return isinstance(read_yaml(path.read_bytes()).data, dict)
    except ReadError:
        return False


def it_keeps_the_previous_output_whole_when_a_build_is_killed(minimal, previous_output):
    import signal
    before = snapshot(previous_output)
    plan = minimal / "plans" / "plan.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("Deltagande ska leda till arbete.",
                                                             "Deltagande ska leda till arbete eller studier."),
                    encoding="utf-8")
    process = subprocess.Popen([sys.executable, "-m", "generators.cli", "build", "--force", "--content",
                                str(minimal), "--out", str(previous_output)], stdout=subprocess.PIPE, text=True)
    for line in process.stdout:  # kill it while it renders, after staging has begun
        if line.startswith("bygger word/"):
            break
    process.send_signal(signal.SIGKILL)
    if process.wait(timeout=30) == 0:  # a fast build can finish first: then the new output is whole
        with zipfile.ZipFile(previous_output / "word" / "plan-2030.docx") as word:
            assert "arbete eller studier" in word.read("word/document.xml").decode("utf-8")
        return
    assert snapshot(previous_output) == before
    rebuilt = subprocess.run([sys.executable, "-m", "generators.cli", "build", "--content", str(minimal),
                              "--out", str(previous_output)], capture_output=True, text=True, timeout=300)
    assert rebuilt.returncode == 0, rebuilt.stderr
    assert not list(previous_output.parent.glob(".out.staging-*"))  # the killed build's leftovers are gone


ORPHAN = """
import multiprocessing, os, sys, time
from pathlib import Path
from generators.parallel import die_with_parent

def helper(marker):
    time.sleep(1.0)  # the build is killed in the moment between the fork and die_with_parent
    die_with_parent()
    time.sleep(1.0)
    Path(marker).write_text("still rendering")

if __name__ == "__main__":
    multiprocessing.get_context("fork").Process(target=helper, args=(sys.argv[1],)).start()
    time.sleep(0.2)
    os.kill(os.getpid(), 9)
"""


def it_stops_a_render_helper_whose_build_was_killed_before_it_could_ask_to_be(tmp_path):
    """A helper forked just before the build is killed must not render on into a dead build's
    staging folder (a later build's clean-up would find it growing again)."""
    marker = tmp_path / "marker"
    script = tmp_path / "orphan.py"
    script.write_text(ORPHAN, encoding="utf-8")
    killed = subprocess.run([sys.executable, str(script), str(marker)], cwd=FIXTURES.parent.parent, timeout=30)
    assert killed.returncode == -9
    time.sleep(3)
    assert not marker.exists(), "the helper went on after its build was killed"
