"""Every entry point behind the boundary: `serve` serves on whatever the content and the browser
do, and answers in Swedish; command-line values are checked like content."""

from __future__ import annotations

import functools
import socket
import threading
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generators.content.findings import ContentError, Finding
from generators.errors import StyrdokError
from generators.web.serve import QuietServer, SiteHandler, snapshot

from tests.machine import needs

ENGLISH = (b"Error response", b"Directory listing", b"Error code explanation", b"Message:", b"Nothing matches")


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """A small site: a start page, a folder with an index page, one without, and the site's 404."""
    root = tmp_path_factory.mktemp("site")
    (root / "index.html").write_text("<p>Start</p>", encoding="utf-8")
    (root / "planer").mkdir()
    (root / "planer" / "index.html").write_text("<p>Planer</p>", encoding="utf-8")
    (root / "nedladdningar").mkdir()
    (root / "nedladdningar" / "hemlig.docx").write_bytes(b"PK")
    (root / "404.html").write_text('<html lang="sv"><h1>Sidan finns inte</h1></html>', encoding="utf-8")
    server = QuietServer(("127.0.0.1", 0), functools.partial(SiteHandler, directory=str(root)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server.server_address[1]
    server.shutdown()
    server.server_close()


def ask(port: int, raw: bytes) -> bytes:
    with socket.create_connection(("127.0.0.1", port), timeout=10) as connection:
        connection.sendall(raw)
        answer = b""
        try:
            while chunk := connection.recv(65536):
                answer += chunk
        except (ConnectionError, TimeoutError):
            pass
    return answer


TOKEN = st.text(st.characters(codec="ascii", categories=("Lu", "Ll")), min_size=1, max_size=8)
PATHS = st.one_of(st.sampled_from(["/", "/planer/", "/planer", "/nedladdningar/", "/nedladdningar", "/finns-inte",
                                   "/../../etc/passwd", "/%2e%2e/", "/%ff", "//", "/?q=1", "/planer/%00"]),
                  st.text(st.characters(codec="ascii", exclude_characters=" \r\n"), max_size=30).map(lambda p: "/" + p))


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(method=st.one_of(st.sampled_from(["GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PATCH"]), TOKEN),
       path=PATHS, version=st.sampled_from(["HTTP/1.0", "HTTP/1.1", "HTTP/2.0", "HTTP/x", ""]))
def it_answers_every_request_in_swedish_and_never_lists_a_folder(site, method, path, version):
    answer = ask(site, f"{method} {path} {version}".strip().encode("ascii") + b"\r\nHost: x\r\n\r\n")
    assert not any(english in answer for english in ENGLISH), answer[:400]
    if not version:  # HTTP/0.9: a body without a status line, as the protocol has it
        return
    assert answer.startswith(b"HTTP/1."), answer[:400]
    if int(answer.split(b" ", 2)[1]) >= 400 and method != "HEAD":
        assert b'lang="sv"' in answer, answer[:400]
    assert b"hemlig.docx" not in answer


@settings(max_examples=100, deadline=None, suppress_health_check=list(HealthCheck))
@given(raw=st.binary(min_size=1, max_size=200))
def it_answers_a_request_it_cannot_read_in_swedish(site, raw):
    answer = ask(site, raw + b"\r\n\r\n")
    assert not any(english in answer for english in ENGLISH), answer[:400]
    if answer:
        assert b'lang="sv"' in answer, answer[:400]


def it_tells_an_unknown_method_and_a_bad_request_what_they_are(site):
    assert b"501" in ask(site, b"BREW / HTTP/1.1\r\n\r\n").split(b"\r\n")[0]
    assert "Metoden stöds inte".encode() in ask(site, b"BREW / HTTP/1.1\r\n\r\n")
    assert "Felaktig begäran".encode() in ask(site, b"GET / HTTP/x\r\n\r\n")
    assert "Sidan finns inte".encode() in ask(site, b"GET /nedladdningar/ HTTP/1.1\r\n\r\n")


def it_takes_no_notice_of_files_that_come_and_go_while_it_looks(tmp_path):
    """An editor's temporary files appear and vanish in content/ while serve compares snapshots."""
    stop = threading.Event()

    def churn():
        while not stop.is_set():
            for index in range(20):
                path = tmp_path / "plans" / f".#plan-{index}.yaml"
                path.parent.mkdir(exist_ok=True)
                path.write_text("x")
                path.unlink()
            (tmp_path / "plans").rmdir()
    worker = threading.Thread(target=churn)
    worker.start()
    try:
        for _ in range(300):
            snapshot([tmp_path])
    finally:
        stop.set()
        worker.join()


FAILURES = st.sampled_from([
    RuntimeError("a bug"), ValueError("min() arg is an empty sequence"), ContentError([Finding("yaml", "fel", "x", "f")]),
    StyrdokError("trasigt"), OSError(28, "No space left on device", "build"), KeyError("titel"), RecursionError(),
])


@settings(max_examples=20, deadline=None, suppress_health_check=list(HealthCheck))
@given(failures=st.lists(FAILURES, min_size=1, max_size=5))
def it_serves_on_whatever_a_rebuild_does(failures, monkeypatch, capsys, tmp_path_factory):
    """Every failed rebuild is told in Swedish and serving goes on, with the last good site."""
    import generators.cli as cli
    import generators.commands as commands
    calls = iter([None, *failures])

    def build(args):
        failure = next(calls)
        if failure is not None:
            raise failure
        return 0

    def serve(site, port, rebuild, folders):
        for _ in failures:
            rebuild()
    monkeypatch.setattr(commands, "run_build", build)
    monkeypatch.setattr("generators.web.serve.serve", serve)
    monkeypatch.setattr("generators.web.serve.port_free", lambda port: True)
    monkeypatch.delenv("STYRDOK_DEBUG", raising=False)
    assert cli.main(["serve", "--content", str(tmp_path_factory.mktemp("c")), "--out", "x"]) == 0
    said = capsys.readouterr().err
    assert said.count("webbplatsen visar den senaste fungerande versionen") + said.count(
        "Webbplatsen visar den senaste fungerande versionen") == len(failures), said
    assert "Traceback" not in said


# --- command-line values ------------------------------------------------------------------------

UNSHOWABLE = st.one_of(st.characters(min_codepoint=0, max_codepoint=0x1F), st.characters(min_codepoint=0x7F,
                       max_codepoint=0x9F), st.characters(min_codepoint=0xDC80, max_codepoint=0xDCFF),
                       st.sampled_from(["\x1b[31m", "\x1b]0;titel\x07", "\ud800", "\ufffe", "\r"]))
COMMANDS = {
    "adopt --paragraf": lambda value: ["adopt", "plan-2030", "--datum", "2026-12-10", "--paragraf", value],
    "adopt --organ": lambda value: ["adopt", "plan-2030", "--datum", "2026-12-10", "--paragraf", "§ 1", "--organ", value],
    "adopt --diarienummer": lambda value: ["adopt", "plan-2030", "--datum", "2026-12-10", "--paragraf", "§ 1",
                                           "--diarienummer", value],
    "new-revision --titel": lambda value: ["new-revision", "plan-2030", "--id", "plan-2031", "--titel", value],
    "new-revision --id": lambda value: ["new-revision", "plan-2030", "--id", value],
    "diff": lambda value: ["diff", "plan-2030", value],
    "check --content": lambda value: ["check", "--content", value],
    "build --out": lambda value: ["build", "--out", value],
}


@settings(max_examples=120, deadline=None, suppress_health_check=list(HealthCheck))
@given(command=st.sampled_from(sorted(COMMANDS)), before=st.text(max_size=6), bad=UNSHOWABLE,
       after=st.text(max_size=6))
def it_refuses_a_command_line_value_no_document_or_terminal_can_show(command, before, bad, after, capsys,
                                                                      tmp_path_factory):
    import re
    import shutil

    from generators.cli import main
    from tests.conftest import FIXTURES
    content = tmp_path_factory.mktemp("args") / "content"
    shutil.copytree(FIXTURES / "minimal", content)
    value = before + bad + after
    arguments = COMMANDS[command](str(content / value) if command.endswith(("--content", "--out")) else value)
    if "--content" not in arguments:
        arguments += ["--content", str(content)]
    code = main(arguments)
    said = capsys.readouterr()
    assert code == 2, said
    assert "argumentet " in said.err and ("är inte UTF-8" in said.err or "som inte kan visas" in said.err)
    assert not re.search("[\x00-\x09\x0b-\x1f\x7f-\x9f\ud800-\udfff]", said.out + said.err), said.err
    assert (content / "plans" / "plan.yaml").read_bytes() == (FIXTURES / "minimal" / "plans" / "plan.yaml").read_bytes()
    assert sorted(p.name for p in (content / "plans").iterdir()) == ["plan.yaml"]


# --- dates beyond the calendar ------------------------------------------------------------------

@settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck))
@given(commits=st.lists(st.integers(0, 99_999_999_999_999), min_size=1, max_size=3),
       mtime=st.one_of(st.integers(0, 2**33), st.integers(253_402_300_800, 2**62)))
@needs("git")
def it_dates_a_file_whatever_its_commits_and_time_say(tmp_path_factory, commits, mtime):
    """A commit dated after the year 9999 (or a file time beyond it) is no traceback from a thread."""
    import datetime as dt
    import os
    import subprocess

    from generators.web.dates import LastChanged
    folder = tmp_path_factory.mktemp("git")
    run = lambda *args, **env: subprocess.run(["git", "-C", str(folder), *args], check=True,  # noqa: E731
                                              capture_output=True, env={**os.environ, **env})
    run("init", "-q")
    for number, stamp in enumerate(commits):
        (folder / "plan.yaml").write_text(f"version {number}")
        run("add", "plan.yaml")
        run("-c", "user.name=a", "-c", "user.email=a@b", "commit", "-q", "-m", "x",
            GIT_COMMITTER_DATE=f"@{stamp} +0000", GIT_AUTHOR_DATE=f"@{stamp} +0000")
    try:
        os.utime(folder / "plan.yaml", (mtime, mtime))
    except (OverflowError, OSError):
        pass
    failures = []
    previous, threading.excepthook = threading.excepthook, lambda hook: failures.append(hook.exc_value)
    try:
        day = LastChanged(folder)(folder / "plan.yaml")
    finally:
        threading.excepthook = previous
    assert failures == [] and isinstance(day, dt.date)


# --- a killed new-revision ----------------------------------------------------------------------

@settings(max_examples=10, deadline=None, suppress_health_check=list(HealthCheck))
@given(delay=st.floats(0.05, 2.5), how=st.sampled_from(["TERM", "KILL"]))
def it_leaves_no_copy_of_the_content_when_new_revision_is_killed(tmp_path_factory, delay, how):
    """SIGTERM: the copy goes with the process. SIGKILL: the next run removes what it left."""
    import os
    import shutil
    import signal
    import subprocess
    import sys
    import time

    from tests.conftest import FIXTURES
    root = tmp_path_factory.mktemp("killed")
    shutil.copytree(FIXTURES / "minimal", root / "content")
    (root / "tmp").mkdir()
    env = {**os.environ, "TMPDIR": str(root / "tmp")}

    def revision(new_id: str) -> subprocess.Popen:
        return subprocess.Popen([sys.executable, "-m", "generators.cli", "new-revision", "plan-2030", "--id", new_id,
                                 "--content", str(root / "content")], env=env, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True)
    process = revision("plan-2031")
    time.sleep(delay)
    process.send_signal(getattr(signal, f"SIG{how}"))
    _, err = process.communicate(timeout=60)
    assert "Traceback" not in err
    if how == "TERM":
        assert not list((root / "tmp").glob("styrdok-utkast-*"))
    later = revision("plan-2032")
    assert later.wait(timeout=120) == 0, later.stderr.read()
    assert not list((root / "tmp").glob("styrdok-utkast-*"))
    assert not list((root / "content" / "plans").glob(".*.tmp"))  # no half-written draft either


# --- what reaches the terminal ------------------------------------------------------------------

HIDDEN = "[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]"


@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(name=st.text(st.characters(min_codepoint=1, max_codepoint=0x2070, exclude_characters="/"), min_size=1,
                    max_size=10).filter(lambda n: n not in (".", "..")),
       command=st.sampled_from(["check", "list", "build"]))
def it_shows_a_file_name_the_terminal_would_act_on_visibly(name, command, capsys, tmp_path_factory):
    """A content file named with an escape sequence or a direction mark: every line styrdok
    prints names it with the character written out, never sent to the terminal."""
    import re
    import shutil

    from generators.cli import main
    from tests.conftest import FIXTURES
    root = tmp_path_factory.mktemp("names")
    shutil.copytree(FIXTURES / "minimal", root / "content")
    plan = root / "content" / "plans" / f"{name}\x1b[31m\u202e.yaml"
    plan.write_text("id: [\n", encoding="utf-8")  # unreadable: named in every command's message
    extra = ["--out", str(root / "out")] if command == "build" else []
    code = main([command, "--content", str(root / "content"), *extra])
    said = capsys.readouterr()
    assert code == 1
    assert "\\u001b[31m\\u202e.yaml" in said.out + said.err
    assert not re.search(HIDDEN, said.out + said.err), said
