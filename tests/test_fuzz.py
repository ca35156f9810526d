"""A bounded fuzz test: the bundled content, broken at random places, run through `check` and
`build` in process. The only outcomes allowed: success, or exit 1 with Swedish findings and the
previous output byte for byte unchanged; and whatever `check` accepts, `build` builds.

About a minute in CI; STYRDOK_FUZZ_EXAMPLES=500 runs it longer, without the time budget
(STYRDOK_FUZZ_SECONDS sets one, STYRDOK_FUZZ_SEED=n varies the run)."""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import shutil
import time
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path
from types import SimpleNamespace

import pytest
import yaml
from hypothesis import HealthCheck, event, given, seed, settings
from hypothesis import strategies as st

from generators.cli import main
from generators.content.reading import read_yaml
from tests.conftest import CONTENT

EXAMPLES = int(os.environ.get("STYRDOK_FUZZ_EXAMPLES", "30"))
SECONDS = float(os.environ.get("STYRDOK_FUZZ_SECONDS", "45" if "STYRDOK_FUZZ_EXAMPLES" not in os.environ else "inf"))
"""In CI: 30 examples or 45 seconds of them, whichever comes first."""
FILES = sorted(path.relative_to(CONTENT).as_posix() for path in CONTENT.rglob("*.yaml"))

HOSTILE = [
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "$\\frac{a}$", "$5 och $10", "rad\n- punkt",
    "rad\n---\nrad", "{{ config }}", "{% raw %}", "[länk](javascript:alert(1))", "a | b | c", "# rubrik",
    "\\", "``kod``", "&amp; &lt;", "%s %(x)s {0}", "../../etc/passwd", "index", "andringar-a-b", "CON",
    "\u202eåäö", "\u200b", "🏳️‍🌈", "x" * 5000, "  ", "", "2021-02-30", "0000-01-01", "٢٠٣٠", "1/0",
    "\x01", "\ufeff", "\r\n", "null", "~", "true", "-", "3.1.", "9" * 40,
]
SCALARS = st.one_of(
    st.sampled_from(HOSTILE),
    st.integers(-10**6, 10**6), st.sampled_from([0, -1, 10**14, 10**15, 10**20, 2**63]),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
    st.booleans(), st.none(), st.text(max_size=30),
)
VALUES = st.one_of(SCALARS, st.lists(SCALARS, max_size=3), st.dictionaries(st.sampled_from(["id", "text", "x"]), SCALARS, max_size=2),
                   st.just([[[[[[[[[]]]]]]]]]))


def _paths(data, path=()):
    yield path
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _paths(value, path + (key,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _paths(value, path + (index,))


def _parent(data, path):
    for part in path[:-1]:
        data = data[part]
    return data


class Change:
    """One broken file; printed by what was done, not by its bytes, when hypothesis reports it."""

    def __init__(self, name: str, data: bytes, what: str):
        self.name, self.data, self.what = name, data, what

    def __repr__(self) -> str:
        return f"Change({self.name!r}, {self.what!r})"


@st.composite
def mutations(draw) -> Change:
    """(file, its new bytes, what was done) for one random change to one bundled file."""
    name = draw(st.sampled_from(FILES))
    raw = (CONTENT / name).read_bytes()
    kind = draw(st.sampled_from(["delete", "duplicate", "retype", "hostile", "bytes", "retype", "hostile"]))
    if kind == "bytes":
        offset = draw(st.integers(0, len(raw) - 1))
        noise = draw(st.binary(min_size=1, max_size=8))
        return Change(name, raw[:offset] + noise + raw[offset + len(noise):], f"bytes {noise!r} at {offset}")
    data = read_yaml(raw).data
    paths = [p for p in _paths(data) if p]
    path = draw(st.sampled_from(paths))
    parent, last = _parent(data, path), path[-1]
    if kind == "delete":
        del parent[last]
    elif kind == "duplicate":
        if isinstance(parent, list):
            parent.insert(last, json.loads(json.dumps(parent[last])))
        else:
            parent[last] = [parent[last], parent[last]]
    elif kind == "retype":
        parent[last] = draw(VALUES)
    else:
        parent[last] = draw(st.sampled_from(HOSTILE))
    return Change(name, yaml.safe_dump(data, allow_unicode=True, sort_keys=False).encode("utf-8"), f"{kind} {path}")


def _run(*args) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        try:
            code = main([str(arg) for arg in args])
        except SystemExit as usage:
            code = usage.code
    return code, out.getvalue(), err.getvalue()


def _snapshot(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


ENGLISH = re.compile(r"\b(should|Input|Field required|Extra inputs|Value error|expected|found|Traceback|"
                     r"Error|invalid|internt fel)\b")


@pytest.fixture(scope="module")
def workspace(tmp_path_factory):
    root = tmp_path_factory.mktemp("fuzz")
    code, out, err = _run("build", "--content", CONTENT, "--out", root / "out")
    assert code == 0, out + err
    return SimpleNamespace(root=root, deadline=time.monotonic() + SECONDS)


@settings(max_examples=EXAMPLES, deadline=None, derandomize="STYRDOK_FUZZ_SEED" not in os.environ,
          suppress_health_check=list(HealthCheck))
@given(change=mutations())
def it_checks_and_builds_or_refuses_in_swedish_leaving_the_output_alone(workspace, change):
    if time.monotonic() > workspace.deadline:
        return  # the time budget is spent: the examples left pass without running
    name, data, what = change.name, change.data, change.what
    content = workspace.root / "content"
    shutil.rmtree(content, ignore_errors=True)
    shutil.copytree(CONTENT, content)
    (content / name).write_bytes(data)
    out = workspace.root / "out"

    code, printed, err = _run("check", "--content", content, "--format", "json")
    assert code in (0, 1), (what, printed, err)
    assert not err, (what, err)
    findings = json.loads(printed)
    assert (code == 1) == any(f["severity"] == "fel" for f in findings), what
    for finding in findings:
        assert finding["file"] and finding["message"], (what, finding)
        assert not ENGLISH.search(finding["message"]), (what, finding)

    before = _snapshot(out)
    built, printed, err = _run("build", "--content", content, "--out", out)
    assert "Traceback" not in printed + err and "internt fel" not in err, (what, err)
    event(f"{what.split()[0]}: {'built' if built == 0 else 'refused'}")
    if code == 0:
        assert built == 0, (what, printed, err)  # whatever check accepts, build builds
    elif built == 0:  # only a draft has errors: the adopted outputs are built, the errors printed
        errors = [f for f in findings if f["severity"] == "fel"]
        assert errors and all(f["file"].endswith(name) for f in errors), (what, errors)
        assert b"\nstatus: utkast" in data and "fel:" in printed, (what, printed)
    else:
        assert built == 1 and "fel:" in printed + err, (what, printed, err)
        assert _snapshot(out) == before, what


if "STYRDOK_FUZZ_SEED" in os.environ:
    it_checks_and_builds_or_refuses_in_swedish_leaving_the_output_alone = seed(
        int(os.environ["STYRDOK_FUZZ_SEED"]))(it_checks_and_builds_or_refuses_in_swedish_leaving_the_output_alone)
