"""Outputs never overwrite each other: ids that would give two outputs one file are refused by
check, files the build did not write survive it, an unusable output folder is refused before
anything is swapped, and a damaged output is rebuilt by the next plain build."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import docx
import pytest
import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from generators.build import Staging, build
from generators.output_paths import MANIFEST, Origin, OutputPaths
from tests.conftest import FIXTURES, edit_yaml


def examples(count: int) -> settings:
    return settings(max_examples=count, deadline=None, suppress_health_check=list(HealthCheck))


def add_plan(content: Path, plan_id: str, title: str, year: int = 2032, budget_id: str = "budget",
             replaces: str | None = None) -> None:
    """A copy of the minimal plan under another id, title, year and budget id."""
    data = yaml.safe_load((FIXTURES / "minimal" / "plans" / "plan.yaml").read_text(encoding="utf-8"))
    data.update(id=plan_id, titel=title, startar=year, slutar=year + 1)
    if replaces:
        data["ersatter"] = replaces
    data["avsnitt"][2]["innehall"][0]["budget"]["id"] = budget_id
    data["avsnitt"][2]["innehall"][1]["projekt"]["id"] = f"projekt-{plan_id}"
    data["avsnitt"][2]["innehall"][0]["budget"]["kostnader"]["rader"][1]["avser_projekt"] = f"projekt-{plan_id}"
    path = content / "plans" / f"{plan_id}.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def filename_findings(styrdok, content: Path) -> list[dict]:
    run = styrdok("check", "--content", content, "--format", "json")
    return [f for f in json.loads(run.out) if f["rule"] == "filnamn"]


# --- ids that would collide with generated names ---------------------------------------------------

def it_refuses_a_plan_with_the_id_of_the_plans_list(styrdok, minimal):
    add_plan(minimal, "index", "Planen index")
    found = filename_findings(styrdok, minimal)
    assert len(found) == 1
    assert found[0]["file"].endswith("plans/index.yaml") and found[0]["line"] == 1 and found[0]["field"] == "id"
    assert found[0]["severity"] == "fel"
    assert "docs/planer/index.md" in found[0]["message"] and "förteckningen över planerna" in found[0]["message"]
    assert "välj ett annat id" in found[0]["message"]
    # A draft never stops the build: the draft that would overwrite the list is not built.
    run = styrdok("build", "--content", minimal, "--out", minimal.parent / "out")
    assert run.code == 0 and "[filnamn]" in run.out and "utkastet index har fel som hindrar att det byggs" in run.out
    assert not (minimal.parent / "out" / "word" / "index.docx").exists()
    assert "Planen index" not in (minimal.parent / "out" / "docs" / "planer" / "index.md").read_text(encoding="utf-8")


def it_refuses_a_plan_named_like_a_tracked_changes_file(styrdok, minimal):
    add_plan(minimal, "plan-2032", "Plan 2032", 2032)
    add_plan(minimal, "andringar-plan-2030-plan-2032", "Planen som heter som en ändringsfil", 2034)
    found = filename_findings(styrdok, minimal)
    assert [f["field"] for f in found] == ["id"]
    assert "word/andringar-plan-2030-plan-2032.docx" in found[0]["message"]
    assert "ändringarna från 'plan-2030' till 'plan-2032'" in found[0]["message"]


def it_refuses_a_plan_and_a_budget_whose_ids_make_another_charts_name(styrdok, minimal):
    add_plan(minimal, "plan-2030-budget", "Plan med budget", 2032, budget_id="x")
    edit_yaml(minimal / "plans" / "plan.yaml",
              lambda data: data["avsnitt"][2]["innehall"][0]["budget"].update(id="budget-x"))
    found = filename_findings(styrdok, minimal)
    assert len(found) == 1 and "docs/diagram/plan-2030-budget-x.svg" in found[0]["message"]
    assert found[0]["field"] == "avsnitt[2].innehall[0].budget.id"


def it_refuses_a_review_with_the_id_of_the_reviews_list(styrdok, minimal):
    edit_yaml(minimal / "reviews" / "oversyn.yaml", lambda data: data.update(id="index"))
    found = filename_findings(styrdok, minimal)
    assert len(found) == 1 and "docs/oversyner/index.md" in found[0]["message"]


BUDGET_IDS = st.sampled_from(["b", "b-b", "a-b", "x"])


@st.composite
def plan_ids(draw) -> list[tuple[str, str]]:
    """(plan id, budget id) in year order: two plans, and maybe a third whose id is a trap
    (the plans list, the first pair's tracked-changes file, another plan's chart name)."""
    ids = draw(st.lists(st.sampled_from(["a", "b", "a-b", "b-b", "b-a"]), min_size=2, max_size=2, unique=True))
    plans = [(plan_id, draw(BUDGET_IDS)) for plan_id in ids]
    trap = draw(st.sampled_from(["none", "index", "tracked", "chart"]))
    if trap == "index":
        plans.append(("index", draw(BUDGET_IDS)))
    elif trap == "tracked":
        plans.append((f"andringar-{ids[0]}-{ids[1]}", draw(BUDGET_IDS)))
    elif trap == "chart":
        plans[0] = (ids[0], "b-b")
        if f"{ids[0]}-b" in ids:
            plans[ids.index(f"{ids[0]}-b")] = (f"{ids[0]}-b", "b")
        else:
            plans.append((f"{ids[0]}-b", "b"))
    return plans


@examples(10)
@given(plan_ids())
def it_builds_every_output_to_its_own_file_or_check_says_why_not(plans):
    """Whatever the ids: either check names an id as the cause, or every plan's Word file, page
    and chart holds that plan's own title and figures after the build."""
    from generators.cli import main
    root = Path(tempfile.mkdtemp())
    try:
        content = root / "content"
        shutil.copytree(FIXTURES / "minimal", content)
        (content / "plans" / "plan.yaml").unlink()
        (content / "reviews" / "oversyn.yaml").unlink()
        for index, (plan_id, budget_id) in enumerate(plans):
            add_plan(content, plan_id, f"Plan nummer {index}", 2030 + 2 * index, budget_id)
        expected = naive_names(plans)
        clash = len(set(expected)) < len(expected)
        event("two outputs would share a file" if clash else "every output has its own file")
        # The plans are drafts, which never stop the build: a draft whose file another output
        # would share is left out, and check says why.
        report = build(content, root / "out", preview=True)
        findings = [f for f in report.findings if f.rule == "filnamn"]
        assert bool(findings) == clash, (expected, findings)
        assert all(f.line > 0 and f.field.endswith("id") for f in findings)
        if clash:
            assert report.unrendered and main(["check", "--content", str(content)]) == 1
        for index, (plan_id, budget_id) in enumerate(plans):
            if plan_id in report.unrendered:
                continue
            title = f"Plan nummer {index}"
            assert docx.Document(str(root / "out" / "word" / f"{plan_id}.docx")).core_properties.title == title
            page = (root / "out" / "site" / "planer" / plan_id / "index.html").read_text(encoding="utf-8")
            assert f">{title}</h1>" in page
            assert (root / "out" / "docs" / "diagram" / f"{plan_id}-{budget_id}.svg").exists()
    finally:
        shutil.rmtree(root)


def naive_names(plans: list[tuple[str, str]]) -> list[str]:
    """The file names a build of these plans makes, listed independently of output_paths:
    the oracle for whether two outputs would share one."""
    ids = [plan_id for plan_id, _ in plans]
    names = ["planer/index.md"]
    names += [f"word/{i}.docx" for i in ids] + [f"planer/{i}.md" for i in ids]
    names += [f"word/andringar-{a}-{b}.docx" for a, b in zip(ids, ids[1:])]
    names += [f"andringar/{a}-{b}.md" for a, b in zip(ids, ids[1:])]
    names += [f"diagram/{plan_id}-{budget_id}.svg" for plan_id, budget_id in plans]
    return names


def it_cannot_register_a_path_twice():
    registry = OutputPaths()
    registry.add("word/a.docx", Origin("planen 'a'"))
    with pytest.raises(AssertionError, match="two outputs share word/a.docx"):
        registry.add("word/a.docx", Origin("planen 'b'"))


def it_writes_only_registered_paths_and_each_once(tmp_path):
    registry = OutputPaths()
    registry.add("word/a.docx", Origin("planen 'a'"))
    staging = Staging(tmp_path / "staging", registry)
    staging.write("word/a.docx", b"1")
    with pytest.raises(AssertionError, match="written twice"):
        staging.write("word/a.docx", b"2")
    with pytest.raises(AssertionError, match="not registered"):
        staging.write("word/b.docx", b"3")


# --- the output folder --------------------------------------------------------------------------

def change_plan(content: Path, words: str) -> None:
    plan = content / "plans" / "plan.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("Deltagande ska leda till arbete.", words),
                    encoding="utf-8")


def it_keeps_files_it_did_not_write(styrdok, minimal, tmp_path):
    out = tmp_path / "out"
    assert styrdok("build", "--utkast", "--content", minimal, "--out", out).code == 0
    (out / "anteckningar.txt").write_text("mina anteckningar", encoding="utf-8")
    (out / "word" / "egen kopia.docx").write_bytes(b"min egen fil")
    (out / "site" / "planer" / "extra").mkdir()
    (out / "site" / "planer" / "extra" / "bild.png").write_bytes(b"png")
    change_plan(minimal, "Deltagande ska leda till arbete eller studier.")
    run = styrdok("build", "--utkast", "--content", minimal, "--out", out)
    assert run.code == 0, run.err
    assert "arbete eller studier" in (out / "docs" / "planer" / "plan-2030.md").read_text(encoding="utf-8")
    assert (out / "anteckningar.txt").read_text(encoding="utf-8") == "mina anteckningar"
    assert (out / "word" / "egen kopia.docx").read_bytes() == b"min egen fil"
    assert (out / "site" / "planer" / "extra" / "bild.png").read_bytes() == b"png"
    assert styrdok("build", "--utkast", "--content", minimal, "--out", out, "--force").code == 0
    assert (out / "anteckningar.txt").exists() and (out / "site" / "planer" / "extra" / "bild.png").exists()


def it_refuses_to_write_over_a_file_it_did_not_write(styrdok, minimal, tmp_path):
    out = tmp_path / "out"
    assert styrdok("build", "--utkast", "--content", minimal, "--out", out).code == 0
    (out / "word" / "plan-2032.docx").write_bytes(b"en fil som redan fanns")
    before = snapshot(out)
    add_plan(minimal, "plan-2032", "Plan 2032")
    run = styrdok("build", "--utkast", "--content", minimal, "--out", out)
    assert run.code == 1 and "Traceback" not in run.err
    assert "plan-2032.docx skrevs inte av styrdok" in run.err and "flytta eller byt namn" in run.err
    assert snapshot(out) == before
    assert not list(tmp_path.glob(".out.*"))


def it_refuses_a_symlinked_output_folder_before_swapping_anything(styrdok, minimal, tmp_path):
    real = tmp_path / "riktig"
    assert styrdok("build", "--content", minimal, "--out", real).code == 0
    (tmp_path / "out").symlink_to(real)
    before = snapshot(real)
    change_plan(minimal, "Något nytt.")
    run = styrdok("build", "--content", minimal, "--out", tmp_path / "out")
    assert run.code == 1 and "Traceback" not in run.err + run.out
    assert "är en symbolisk länk" in run.err and "ange mappen den pekar på med --out" in run.err
    assert (tmp_path / "out").is_symlink() and snapshot(real) == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


def run_as_someone_else(*args: str, env: dict) -> subprocess.CompletedProcess:
    """The command as an ordinary user: root writes into read-only folders regardless."""
    command = [sys.executable, "-m", "generators.cli", *args]
    if os.geteuid() == 0:
        command = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", *command]
    return subprocess.run(command, capture_output=True, text=True, timeout=300, env=env,
                          cwd=Path(__file__).resolve().parent.parent)


@pytest.fixture
def open_folder():
    """A folder an ordinary user can reach (pytest's tmp_path is root's alone)."""
    folder = Path(tempfile.mkdtemp(prefix="styrdok-"))
    folder.chmod(0o777)
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@pytest.mark.skipif(os.geteuid() == 0 and not shutil.which("setpriv"), reason="needs setpriv to drop root")
@pytest.mark.parametrize("read_only", ["the folder above", "a folder inside"])
def it_refuses_a_read_only_output_folder_before_swapping_anything(open_folder, read_only):
    minimal, out = open_folder / "content", open_folder / "out"
    shutil.copytree(FIXTURES / "minimal", minimal)
    for path in [minimal, *minimal.rglob("*")]:
        path.chmod(0o777 if path.is_dir() else 0o666)
    env = {**os.environ, "STYRDOK_CACHE": str(open_folder / "cache"), "HOME": str(open_folder)}
    first = run_as_someone_else("build", "--content", str(minimal), "--out", str(out), env=env)
    assert first.returncode == 0, first.stderr
    change_plan(minimal, "Något nytt.")
    locked = open_folder if read_only == "the folder above" else out / "site"
    locked.chmod(0o555)
    before = snapshot(out)
    try:
        run = run_as_someone_else("build", "--content", str(minimal), "--out", str(out), env=env)
    finally:
        locked.chmod(0o777)
    assert run.returncode == 1 and "Traceback" not in run.stderr + run.stdout
    assert "skrivskyddad" in run.stderr
    assert snapshot(out) == before


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("built")
    shutil.copytree(FIXTURES / "minimal", root / "content")
    build(root / "content", root / "out")
    return root


def it_rebuilds_a_truncated_word_file_and_a_deleted_page(built):
    out = built / "out"
    word, page = out / "word" / "plan-2030.docx", out / "site" / "index.html"
    good_word, good_page = word.read_bytes(), page.read_bytes()
    word.write_bytes(b"")
    page.unlink()
    report = build(built / "content", out)
    assert "word/plan-2030.docx" in report.written and "site/" in report.written
    assert same(word, good_word) and page.read_bytes() == good_page
    assert build(built / "content", out).written == []


DAMAGE = st.sampled_from(["truncate", "delete", "append"])


@examples(6)
@given(st.data())
def it_rebuilds_any_damaged_output_with_a_plain_build(built, data):
    out = built / "out"
    files = sorted(json.loads((out / MANIFEST).read_text(encoding="utf-8"))["files"])
    victim = out / data.draw(st.sampled_from(files), label="file")
    how = data.draw(DAMAGE, label="damage")
    good = victim.read_bytes()
    if how == "delete":
        victim.unlink()
    else:
        victim.write_bytes(b"" if how == "truncate" else good + b"\0")
    build(built / "content", out)
    assert same(victim, good)


def same(path: Path, good: bytes) -> bool:
    """The file says what it said: a Word file's zip entries carry the time they were written."""
    if path.suffix != ".docx":
        return path.read_bytes() == good
    return unzipped(path.read_bytes()) == unzipped(good)


def unzipped(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}
