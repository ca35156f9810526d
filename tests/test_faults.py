"""Faults are not failures: an unusable or damaged cache, a damaged record of the last build and
an output folder that is a mount point each end in a Swedish note or reason, never in "internt fel"."""

from __future__ import annotations

import errno
import json
import os
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generators.cache import RenderCache
from tests.conftest import FIXTURES
from tests.test_bad_input import snapshot

OUTPUTS = ("word/plan-2030.docx", "pdf/plan-2030.pdf", "word/oversyn-2030.docx", "site/index.html")


def outputs_whole(out: Path) -> bool:
    return all((out / path).is_file() and (out / path).stat().st_size > 0 for path in OUTPUTS)


# --- the cache ----------------------------------------------------------------------------------

DAMAGE = st.one_of(
    st.floats(0, 1).map(lambda at: ("cut", at)),
    st.tuples(st.floats(0, 1), st.integers(1, 255)).map(lambda flip: ("flip", flip)),
    st.binary(max_size=80).map(lambda junk: ("junk", junk)),
)


def damage(path: Path, how) -> None:
    raw = path.read_bytes()
    kind, detail = how
    if kind == "cut":
        path.write_bytes(raw[: int(detail * (len(raw) - 1))])
    elif kind == "flip":
        if not raw:  # an earlier damage cut the entry to nothing: no byte to flip
            return
        at, mask = detail
        index = int(at * (len(raw) - 1))
        path.write_bytes(raw[:index] + bytes([raw[index] ^ mask]) + raw[index + 1:])
    else:
        path.write_bytes(detail)


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.binary(max_size=2000), how=DAMAGE)
def it_never_gives_back_a_damaged_entry(tmp_path_factory, data, how):
    cache = RenderCache(tmp_path_factory.mktemp("cache"))
    assert cache.get_or_render("ab" * 32, lambda: data) == data
    [entry] = [path for path in cache.folder.rglob("*") if path.is_file()]
    whole = entry.read_bytes()
    damage(entry, how)
    fresh = data + b"-anew"
    assert cache.get_or_render("ab" * 32, lambda: fresh) == (data if entry.read_bytes() == whole else fresh)


def texts(path: Path) -> list[str]:
    import docx
    return [paragraph.text for paragraph in docx.Document(str(path)).paragraphs]


@pytest.fixture
def minimal_out(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "minimal", content)
    return content, tmp_path / "out"


@pytest.mark.parametrize("fault", ["not-a-folder", errno.EROFS, errno.ENOSPC, errno.EACCES, errno.EDQUOT, errno.EIO])
def it_builds_without_a_cache_it_cannot_use_and_says_so(styrdok, minimal_out, tmp_path, monkeypatch, fault):
    content, out = minimal_out
    cache = tmp_path / "cache"
    if fault == "not-a-folder":
        cache.write_text("ingen mapp")
    else:
        def refuse(path, data):
            raise OSError(fault, os.strerror(fault), str(path))
        monkeypatch.setattr("generators.cache.write_bytes", refuse)
    monkeypatch.setenv("STYRDOK_CACHE", str(cache))
    monkeypatch.setattr("generators.errors._noted", set())  # as in a new process
    said = ""
    for command in (("build", "--content", content, "--out", out), ("check", "--content", content)):
        run = styrdok(*command)
        assert run.code == 0 and "internt fel" not in run.err and "Traceback" not in run.err, run.err
        said += run.err
    assert outputs_whole(out)
    assert said.count(f"styrdok: obs: cachen {cache} kan inte användas") == 1, said


@settings(max_examples=6, deadline=None, suppress_health_check=list(HealthCheck))
@given(hows=st.lists(DAMAGE, min_size=1, max_size=6), which=st.randoms(use_true_random=False))
def it_builds_the_same_from_a_cache_with_damaged_entries(tmp_path_factory, hows, which):
    """Each build in a process of its own, as a user runs them: nothing is remembered but the cache."""
    import subprocess
    import sys
    root = tmp_path_factory.mktemp("damaged-cache")
    shutil.copytree(FIXTURES / "minimal", root / "content")
    environment = {**os.environ, "STYRDOK_CACHE": str(root / "cache")}

    def build(out: str) -> None:
        result = subprocess.run([sys.executable, "-m", "generators.cli", "build", "--content", str(root / "content"),
                                 "--out", str(root / out)], capture_output=True, text=True, env=environment,
                                timeout=600)
        assert result.returncode == 0 and "internt fel" not in result.stderr, result.stderr
    build("clean")
    # The entries with bytes (Typst's layout locks are empty files: nothing in them to damage).
    entries = sorted(path for path in (root / "cache").rglob("*")
                     if path.is_file() and "mallar" not in path.parts and path.stat().st_size)
    assert entries
    for how in hows:
        damage(which.choice(entries), how)
    build("again")
    assert outputs_whole(root / "again")
    for path in ("word/plan-2030.docx", "word/oversyn-2030.docx"):
        assert texts(root / "again" / path) == texts(root / "clean" / path)


# --- the record of the last build ---------------------------------------------------------------

JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=8),
                    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
                    max_leaves=8)


@settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck))
@given(field=st.sampled_from(["content", "outputs", "files", "unrendered", "findings", None, "whole"]), value=JSON)
def it_ignores_a_damaged_record_of_the_last_build_with_a_note(styrdok, tmp_path_factory, field, value):
    root = tmp_path_factory.mktemp("manifest")
    shutil.copytree(FIXTURES / "minimal", root / "content")
    out = root / "out"
    assert styrdok("build", "--content", root / "content", "--out", out).code == 0
    record = out / ".styrdok-build"
    manifest = json.loads(record.read_text(encoding="utf-8"))
    if field == "whole":
        record.write_bytes(json.dumps(value).encode()[: len(json.dumps(value)) // 2 or 1])
    elif field is None:
        manifest = value
    elif isinstance(manifest[field], dict) and manifest[field]:
        manifest[field][next(iter(manifest[field]))] = value
    elif isinstance(manifest[field], list):
        manifest[field].append(value)
    else:
        manifest[field] = value
    if field != "whole":
        record.write_text(json.dumps(manifest), encoding="utf-8")
    run = styrdok("build", "--content", root / "content", "--out", out)
    assert run.code == 0 and "internt fel" not in run.err, run.err
    assert outputs_whole(out)


def it_says_when_it_ignores_the_record(styrdok, minimal_out):
    content, out = minimal_out
    assert styrdok("build", "--content", content, "--out", out).code == 0
    (out / ".styrdok-build").write_text('{"outputs": []}', encoding="utf-8")
    run = styrdok("build", "--content", content, "--out", out)
    assert run.code == 0 and "(vad förra bygget skrev) är skadad och bortses från; allt byggs på nytt" in run.err


# --- an output folder that is a mount point ---------------------------------------------------------

def it_refuses_a_mount_point_before_any_work(styrdok, minimal_out, monkeypatch):
    content, out = minimal_out
    assert styrdok("build", "--content", content, "--out", out).code == 0
    before = snapshot(out)
    (content / "plans" / "plan.yaml").write_text((content / "plans" / "plan.yaml").read_text(encoding="utf-8")
                                                 .replace("unga vuxna", "unga"), encoding="utf-8")
    real = os.path.ismount
    monkeypatch.setattr(os.path, "ismount", lambda path: Path(path) == out or real(path))
    run = styrdok("build", "--content", content, "--out", out)
    assert run.code == 2 and "är en monteringspunkt" in run.err and f"--out {out}/styrdok" in run.err
    assert "bygger word/" not in run.out  # refused before rendering anything
    assert snapshot(out) == before


@pytest.mark.parametrize("code", [errno.EBUSY, errno.EXDEV])
def it_keeps_the_previous_output_when_the_folder_cannot_be_swapped(styrdok, minimal_out, monkeypatch, code):
    """A mount point the checks did not see: the swap's rename fails, and nothing is lost."""
    content, out = minimal_out
    assert styrdok("build", "--content", content, "--out", out).code == 0
    before = snapshot(out)
    (content / "plans" / "plan.yaml").write_text((content / "plans" / "plan.yaml").read_text(encoding="utf-8")
                                                 .replace("unga vuxna", "unga"), encoding="utf-8")
    rename = os.rename

    def busy(source, target, *rest):
        if Path(source) == out:
            raise OSError(code, os.strerror(code), str(source))
        return rename(source, target, *rest)
    monkeypatch.setattr("generators.output_folder._exchange", lambda first, second: False)
    monkeypatch.setattr(os, "rename", busy)
    run = styrdok("build", "--content", content, "--out", out)
    assert run.code == 2 and "är en monteringspunkt" in run.err, run.err
    assert snapshot(out) == before
    assert not list(out.parent.glob(".out.*"))
