"""The error boundary: every command, argument and environment ends with a Swedish message and
exit 1 or 2, never a traceback and never a hang. Run as a user runs them: a real process."""

from __future__ import annotations

import os
import shutil
import signal
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generators import ROOT
from generators.content.model import ID_MAX_LENGTH, id_problem
from tests.conftest import CONTENT


def styrdok_process(*args, env: dict | None = None, timeout: float = 120, **options) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "generators.cli", *map(str, args)], capture_output=True,
                          env={**os.environ, **(env or {})}, timeout=timeout, **options)


def no_traceback(result) -> str:
    both = (result.stdout + result.stderr).decode("utf-8", "replace")
    assert "Traceback" not in both and "internt fel" not in both, both
    return both


def it_stops_quietly_when_the_reader_of_a_pipe_goes_away():
    reader, writer = os.pipe()
    os.close(reader)  # like `| head -1` once head has its line: nobody reads any more
    check = subprocess.Popen([sys.executable, "-m", "generators.cli", "check", "--content", str(CONTENT)],
                             stdout=writer, stderr=subprocess.PIPE)
    os.close(writer)
    _, err = check.communicate(timeout=60)
    assert check.returncode == 1
    assert b"Traceback" not in err and b"Exception ignored" not in err
    assert "utskriften avbröts" in err.decode("utf-8")


@pytest.mark.parametrize("env", [{"PYTHONIOENCODING": "ascii"}, {"LANG": "C", "LC_ALL": "C", "PYTHONUTF8": "0"}])
def it_prints_on_a_terminal_that_is_not_utf8(env):
    result = styrdok_process("check", "--content", CONTENT, env=env)
    assert result.returncode == 0
    no_traceback(result)
    assert b"varning" in result.stdout and b"0 fel" in result.stdout


def it_refuses_an_output_file_that_is_a_folder(tmp_path):
    result = styrdok_process("diff", "verksamhetsplan-2021", "mal-och-inriktningsplan-2022-2026",
                             "--format", "docx", "-o", tmp_path)
    assert result.returncode == 1
    assert f"{tmp_path}: är en mapp, inte en fil" in no_traceback(result)


@pytest.mark.parametrize("target", ["plans/plan.yaml", "plans/ny.docx", "rapport.md"])
def it_never_writes_a_report_into_the_content_folder(minimal, target):
    """-o pointing into the content (a plan's own file, say) is refused before anything is read."""
    before = {path: path.read_bytes() for path in minimal.rglob("*") if path.is_file()}
    for output_format in ("text", "docx"):
        result = styrdok_process("diff", "plan-2030", "plan-2030", "--content", minimal, "--format", output_format,
                                 "-o", minimal / target)
        assert result.returncode == 2
        assert "ligger i innehållsmappen" in no_traceback(result)
    assert {path: path.read_bytes() for path in minimal.rglob("*") if path.is_file()} == before


def _special_files(folder: Path) -> list[Path]:
    """A named pipe, and a copy of /dev/null's device where the tests may make one (as root)."""
    os.mkfifo(folder / "ror.docx")
    found = [folder / "ror.docx"]
    try:
        os.mknod(folder / "null", 0o666 | stat.S_IFCHR, os.makedev(1, 3))
        found.append(folder / "null")
    except PermissionError:
        pass
    return found


@pytest.mark.parametrize("output_format", ["text", "docx"])
def it_never_replaces_a_device_or_a_pipe(tmp_path, output_format):
    """diff -o /dev/null once renamed a file over the device itself: a broken machine."""
    for special in _special_files(tmp_path):
        kind = stat.S_IFMT(os.lstat(special).st_mode)
        result = styrdok_process("diff", "verksamhetsplan-2021", "mal-och-inriktningsplan-2022-2026",
                                 "--format", output_format, "-o", special)
        assert result.returncode == 1
        assert f"{special}: är ingen vanlig fil" in no_traceback(result)
        assert stat.S_IFMT(os.lstat(special).st_mode) == kind


@pytest.mark.parametrize("command", [
    ["diff", "verksamhetsplan-2021", "mal-och-inriktningsplan-2022-2026", "-o", "templates/phrases.yaml"],
    ["diff", "verksamhetsplan-2021", "mal-och-inriktningsplan-2022-2026", "-o", "generators/../README.md"],
    ["build", "--out", "content/plans/nybygge"],
    ["build", "--out", "templates/bygge"],
])
def it_never_writes_into_styrdoks_own_files_or_the_content(command):
    before = {path: path.read_bytes() for folder in ("templates", "content") for path in (ROOT / folder).rglob("*")
              if path.is_file()} | {ROOT / "README.md": (ROOT / "README.md").read_bytes()}
    result = styrdok_process(*command, cwd=ROOT)
    assert result.returncode == 2
    assert "välj en plats utanför" in no_traceback(result)
    after = {path: path.read_bytes() for folder in ("templates", "content") for path in (ROOT / folder).rglob("*")
             if path.is_file()} | {ROOT / "README.md": (ROOT / "README.md").read_bytes()}
    assert after == before


def it_writes_a_report_to_the_standard_output_with_a_dash():
    text = styrdok_process("diff", "verksamhetsplan-2021", "mal-och-inriktningsplan-2022-2026", "-o", "-", cwd=ROOT)
    assert text.returncode == 0 and "Sammanfattning" in no_traceback(text) and not (ROOT / "-").exists()
    word = styrdok_process("diff", "verksamhetsplan-2021", "mal-och-inriktningsplan-2022-2026", "--format", "docx",
                           "-o", "-", cwd=ROOT)
    assert word.returncode == 0 and word.stdout.startswith(b"PK") and not (ROOT / "-").exists()


@pytest.mark.parametrize("port", ["99999", "-1", "0", "åtta"])
def it_refuses_a_port_that_is_not_one(port):
    result = styrdok_process("serve", "--port", port, timeout=30)
    assert result.returncode == 2
    assert "ingen port" in no_traceback(result)


def it_names_the_output_folder_not_its_staging_when_it_cannot_be_made():
    result = styrdok_process("build", "--out", "/proc/styrdok-bygge")
    assert result.returncode == 1
    message = no_traceback(result)
    assert "kan inte skapa utdatamappen /proc/styrdok-bygge i /proc" in message and "staging" not in message


def it_refuses_tracked_changes_between_a_plan_and_a_review(tmp_path):
    result = styrdok_process("diff", "verksamhetsplan-2021", "arlig-oversyn-2022", "--format", "docx",
                             "-o", tmp_path / "x.docx")
    assert result.returncode == 2
    assert "arlig-oversyn-2022 är en årlig översyn" in no_traceback(result)
    assert not (tmp_path / "x.docx").exists()


def it_reports_a_fifo_named_like_a_content_file_without_waiting_for_it(minimal, tmp_path):
    os.mkfifo(minimal / "plans" / "ror.yaml")
    for command in (["check"], ["build", "--out", tmp_path / "out"]):
        result = styrdok_process(*command, "--content", minimal, timeout=60)
        assert result.returncode == 1
        assert "plans/ror.yaml: fel: är ingen vanlig fil" in no_traceback(result)
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("name", ["plan.yml", "PLAN.YAML"])
def it_reports_a_content_file_it_would_not_read(styrdok, minimal, name):
    shutil.copy(minimal / "plans" / "plan.yaml", minimal / "plans" / name)
    run = styrdok("check", "--content", minimal)
    assert run.code == 1
    assert f"plans/{name}: fel: filen läses inte: innehållsfiler slutar på .yaml" in run.out


def it_reports_an_unexpected_error_as_an_internal_error_in_swedish(styrdok, monkeypatch):
    import generators.commands as commands

    def broken(args):
        raise ZeroDivisionError("division by zero")
    monkeypatch.setattr(commands, "run_list", broken)
    run = styrdok("list")
    assert run.code == 1
    assert "styrdok: fel: internt fel i styrdok (ZeroDivisionError)" in run.err
    assert "Rapportera det" in run.err and "Traceback" not in run.err
    log = run.err.split("detaljerna finns i ")[1].split(". ")[0]
    assert "ZeroDivisionError" in open(log, encoding="utf-8").read()
    os.unlink(log)


def it_stops_a_build_on_ctrl_c_with_one_swedish_line_and_the_old_output_whole(bundled, tmp_path):
    out = tmp_path / "out"
    assert styrdok_process("build", "--content", bundled, "--out", out).returncode == 0
    before = {p: p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}
    process = subprocess.Popen([sys.executable, "-m", "generators.cli", "build", "--force", "--content", str(bundled),
                                "--out", str(out)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               start_new_session=True)
    for line in process.stdout:  # MkDocs is running in its child process by now
        if line.startswith(b"bygger word/"):
            break
    os.killpg(process.pid, signal.SIGINT)  # as a terminal does: to the whole process group
    out_rest, err = process.communicate(timeout=120)
    if process.returncode == 0:  # the build was done first: then it ends as usual, its output whole
        assert b"byggde" in out_rest and err == b""
        assert not list(tmp_path.glob(".out.staging-*"))
        return
    # 1 as a rule; now and then (2 of 6 whole test runs one afternoon, never alone; not understood
    # yet) the process ends killed by the SIGINT after it has reported it: a status a shell shows as
    # 130, as for any program stopped with Ctrl+C. What the user reads is checked exactly either way.
    assert process.returncode in (1, -signal.SIGINT), err.decode("utf-8", "replace")
    assert err.decode("utf-8").strip() == f"styrdok: fel: avbrutet. Inget byggdes; {out}/ är som förut."
    assert {p: p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()} == before
    assert not list(tmp_path.glob(".out.staging-*"))


# --- one id rule: check, new-revision and import ---------------------------------------------------

BAD_IDS = st.one_of(
    st.sampled_from(["Ny Plan", "NY", "plan\\1", "a\\g<0>", "-plan", "plan 2027", "plan/2027", "../x", "",
                     "plan\n2027", "x" * (ID_MAX_LENGTH + 1), "plan٢٠٢٧", "planå"]),
    st.text(min_size=1, max_size=12).filter(lambda text: id_problem(text) is not None),
)


@settings(max_examples=25, deadline=None)
@given(new_id=BAD_IDS)
def it_refuses_an_invalid_new_id_before_writing_anything(tmp_path_factory, new_id):
    from generators.cli import main
    content = tmp_path_factory.mktemp("c") / "content"
    shutil.copytree(CONTENT, content)
    before = sorted(content.rglob("*"))
    for command in (["new-revision", "verksamhetsplan-2021"], ["import", content / "organisation.yaml"]):
        try:
            code = main([*map(str, command), f"--id={new_id}", "--content", str(content)])
        except SystemExit as usage:  # argparse itself
            code = usage.code
        assert code == 2
        assert sorted(content.rglob("*")) == before


def it_uses_the_same_id_rule_as_check(styrdok, minimal):
    from tests.conftest import edit_yaml
    edit_yaml(minimal / "plans" / "plan.yaml", lambda data: data.update(id="x" * (ID_MAX_LENGTH + 1)))
    run = styrdok("check", "--content", minimal)
    assert run.code == 1 and f"högst {ID_MAX_LENGTH} tecken" in run.out
    assert id_problem("x" * ID_MAX_LENGTH) is None and id_problem("x" * (ID_MAX_LENGTH + 1))


@settings(max_examples=10, deadline=None)
@given(new_id=st.from_regex(r"\A[a-z0-9][a-z0-9-]{0,30}\Z"))
def it_writes_a_revision_that_check_accepts(tmp_path_factory, new_id):
    from generators.cli import main
    content = tmp_path_factory.mktemp("c") / "content"
    shutil.copytree(CONTENT, content)
    taken = {path.stem for path in content.rglob("*.yaml")} | {"region-sormland-2022-118"}
    code = main(["new-revision", "mal-och-inriktningsplan-2022-2026", "--id", new_id, "--content", str(content)])
    if new_id in taken:
        assert code in (1, 2)  # the id is used: refused, nothing written
        return
    assert code == 0
    assert main(["check", "--content", str(content)]) == 0


# --- any argument: a Swedish message and exit 0, 1 or 2 --------------------------------------------

@pytest.fixture(scope="module")
def places(tmp_path_factory):
    """A content copy and paths of every kind a careless user might pass."""
    root = tmp_path_factory.mktemp("places")
    shutil.copytree(CONTENT, root / "content")
    (root / "folder").mkdir()
    (root / "folder" / "someone-elses.txt").write_text("mitt", encoding="utf-8")
    (root / "file.txt").write_bytes(b"PK\x03\x04 not really a zip")
    os.mkfifo(root / "fifo.docx")
    return root


PLACES = st.sampled_from(["folder", "file.txt", "fifo.docx", "missing/deeper/x.docx", "/dev/null", "/proc/version",
                          "/proc/nope/x.docx", "", ".", "content", "content/plans/verksamhetsplan-2021.yaml"])
VERSIONS = st.one_of(st.sampled_from(["verksamhetsplan-2021", "mal-och-inriktningsplan-2022-2026",
                                      "arlig-oversyn-2022", "verksamhetsplan-2007"]), st.text(max_size=12))
COMMANDS = st.one_of(
    st.tuples(st.just("diff"), VERSIONS, VERSIONS, st.sampled_from(["text", "markdown", "json", "docx"]), PLACES)
    .map(lambda c: ["diff", c[1], c[2], "--format", c[3], "-o", c[4]]),
    st.tuples(VERSIONS, st.text(max_size=12)).map(lambda c: ["new-revision", c[0], f"--id={c[1]}"]),
    st.tuples(PLACES, st.text(max_size=12)).map(lambda c: ["import", c[0], f"--id={c[1]}"]),
    st.sampled_from(["folder", "file.txt", "/dev/null", "/proc/version"]).map(lambda p: ["build", "--out", p]),
    PLACES.map(lambda p: ["schema", "--out", p]),
    PLACES.map(lambda p: ["check", "--content", p]),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(command=COMMANDS)
def it_answers_any_arguments_in_swedish_with_exit_0_1_or_2(places, command):
    import contextlib
    import io

    from generators.cli import main
    content = [] if "--content" in command else ["--content", str(places / "content")]
    before = os.getcwd()
    os.chdir(places)
    out, err = io.StringIO(), io.StringIO()
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main([*command, *content])
            except SystemExit as usage:
                code = usage.code
    finally:
        os.chdir(before)
    assert code in (0, 1, 2), (command, err.getvalue())
    assert "internt fel" not in err.getvalue() and "Traceback" not in err.getvalue(), (command, err.getvalue())
    if code:
        message = err.getvalue() + out.getvalue()
        assert "fel" in message, (command, message)
        for english in ("No such file", "Is a directory", "Permission denied", "Errno", "not a zip", "File is"):
            assert english not in message, (command, message)
