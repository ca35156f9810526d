"""`styrdok build`: gather and check everything, render what changed, then swap it in.

Nothing is written when the content has errors. Every output has a key: a hash of the
content files it depends on and of styrdok's own code and templates. An output whose key is
the one recorded by the previous build is taken over from it (a hard link), so a rebuild
with nothing changed renders nothing and leaves the output folder untouched. Outputs go to a
staging folder swapped in whole at the end: a build that fails or is killed halfway leaves
the previous output exactly as it was.

The website is built by MkDocs in a second process while this one renders the Word files.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import hashlib
import json
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from generators import ROOT
from generators.cache import key, user_cache
from generators.content.files import content_paths, display_path, is_regular, stray_files
from generators.content.findings import ContentError, Finding
from generators.parallel import render_all
from generators.errors import UsageError

if TYPE_CHECKING:
    from generators.content.loading import Content

MANIFEST = ".styrdok-build"
IMAGES = (".png", ".jpg", ".jpeg")
"""Images in the content folder (a logo) count for "nothing changed" as the YAML files do."""
ROOT_CONFIG = ROOT / "mkdocs.yml"
SITE_FOLDERS = ("docs", "site", "mkdocs.yml")


class OutputFolderError(UsageError):
    """The output folder cannot be used (it is not one styrdok made)."""


@dataclass
class Output:
    path: str
    """Relative to the output folder, e.g. 'word/verksamhetsplan-2021.docx'."""
    inputs: tuple[str, ...]
    """Digests of the content files the output depends on."""
    render: Callable[[], bytes]


@dataclass
class BuildReport:
    out: Path
    written: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)


def outputs(content: Content, findings: list[Finding], cache) -> list[Output]:
    """Every Word and PDF file the build makes; a new kind of output is one more line here."""
    from generators.changes.diff import consecutive_pairs

    organisation = content.organisation.digest + _logo_digest(content)
    everything = tuple(loaded.digest for loaded in content.files()) + (organisation,)
    by_id = {plan.model.id: plan for plan in content.plans}
    result = []
    for stage, suffix in (("word", "docx"), ("pdf", "pdf")):
        result += [Output(f"{stage}/{plan.model.id}.{suffix}", (plan.digest, organisation),
                          _renderer(stage, f"plan_{suffix}", plan.model, content, cache=cache))
                   for plan in content.plans]
        result += [Output(f"{stage}/{review.model.id}.{suffix}", everything,
                          _renderer(stage, f"review_{suffix}", review.model, content, findings, cache=cache))
                   for review in content.reviews]
    result += [Output(f"word/andringar-{old.id}-{new.id}.docx",
                      (by_id[old.id].digest, by_id[new.id].digest, organisation),
                      _renderer("word", "tracked_docx", old, new, content, cache=cache))
               for old, new in consecutive_pairs([plan.model for plan in content.plans])]
    return result


def _logo_digest(content: Content) -> str:
    """The logo is on every cover: a new logo is a new cover."""
    from generators.content.integrity import logo_path
    logo = logo_path(content)
    return hashlib.sha256(logo.read_bytes()).hexdigest() if logo else ""


def _renderer(stage: str, name: str, *args, cache) -> Callable[[], bytes]:
    """A renderer that imports its stage (python-docx, Typst) only when it runs: a rebuild with
    nothing to do never pays for it."""
    def render() -> bytes:
        from importlib import import_module

        from generators.templating import phrases
        return getattr(import_module(f"generators.{stage}.output"), name)(*args, phrases(), cache)
    return render


def build(content_dir: Path, out: Path, progress: Callable[[str, str], None] = lambda *_: None,
          force: bool = False) -> BuildReport:
    fingerprint = _fingerprint(content_dir)
    previous = {} if force else _manifest(out)
    if fingerprint == previous.get("content") and _complete(out, previous.get("outputs", {})):
        # The same content, code and templates as the last build: nothing to load or render.
        findings = [Finding(**finding) for finding in previous.get("findings", [])]
        return BuildReport(out, skipped=sorted(previous["outputs"]) + ["site/"], findings=findings)
    from generators.web.mkdocs_run import SiteWorker
    worker = SiteWorker()
    try:
        return _build(content_dir, out, progress, previous, fingerprint, worker)
    finally:
        worker.cancel()


def _build(content_dir: Path, out: Path, progress, previous: dict, fingerprint: str, worker) -> BuildReport:
    from generators.content.checks import check_content
    from generators.content.loading import load_content

    content = load_content(content_dir)
    findings = check_content(content)
    errors = [f for f in findings if f.severity == "fel"]
    if errors:
        raise ContentError(errors)
    _check_output_folder(out)
    _remove_leftovers(out)
    report = BuildReport(out, findings=findings)
    cache = user_cache()
    planned = outputs(content, findings, cache)
    keys = {output.path: key(output.path, output.inputs) for output in planned}
    word_files = [output.path for output in planned]
    staging = out.parent / f".{out.name}.staging-{os.getpid()}"
    try:
        # The site shows all the content, so it is unchanged exactly when the content is.
        site_unchanged = fingerprint == previous.get("content")
        site = _start_site(content, findings, cache, staging, out, site_unchanged, word_files, progress, worker)
        changed = []
        for output in planned:
            if previous.get("outputs", {}).get(output.path) == keys[output.path] and (out / output.path).exists():
                _link(out / output.path, staging / output.path)
                report.skipped.append(output.path)
                progress("oförändrad", output.path)
            else:
                progress("bygger", output.path)
                changed.append(output)
                report.written.append(output.path)
        render_all(sorted(changed, key=_cost), staging, _write)
        site.finish(staging, word_files)
        (report.written if site.rebuilt else report.skipped).append("site/")
        manifest = {"content": fingerprint, "outputs": keys,
                    "findings": [finding.as_json() for finding in findings]}
        (staging / MANIFEST).write_text(json.dumps(manifest, indent=1), encoding="utf-8")
        _swap_in(staging, out)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return report


def _cost(output: Output) -> int:
    """Heaviest first: tracked changes (a diff), then Word files, then PDFs (whose layout the
    Word file of the same document has already made and cached)."""
    return 0 if "/andringar-" in output.path else 1 if output.path.endswith(".docx") else 2


# --- the website ------------------------------------------------------------------------------

class _Site:
    """The site's part of the build: reused whole, or rebuilt by MkDocs in another process."""

    def __init__(self, worker=None, reused: bool = False):
        self.worker, self.rebuilt = worker, not reused

    def finish(self, staging: Path, word_files: list[str]) -> None:
        if self.worker is not None:
            self.worker.wait()
        if self.rebuilt:  # the downloads were placeholders while MkDocs ran: put the real files in
            from generators.web.downloads import FOLDER, fill_sizes
            for path in word_files:
                for folder in (staging / "docs" / FOLDER, staging / "site" / FOLDER):
                    target = folder / Path(path).name
                    target.unlink(missing_ok=True)
                    os.link(staging / path, target)
            for folder in ("docs", "site"):  # and their sizes beside the download buttons
                fill_sizes(staging / folder, staging / "site" / FOLDER)


def _start_site(content: Content, findings, cache, staging: Path, out: Path, unchanged: bool,
                word_files: list[str], progress, worker) -> _Site:
    if unchanged and all((out / name).exists() for name in SITE_FOLDERS):
        for name in SITE_FOLDERS:
            _link(out / name, staging / name)
        progress("oförändrad", "site/")
        return _Site(reused=True)
    from generators.templating import phrases
    from generators.web.pages import DOWNLOADS, SitePages

    progress("bygger", "docs/")
    pages = SitePages(content, findings, phrases(), cache, word_files)
    for path, data in pages.render().items():
        _write(staging / "docs" / path, data)
    for path in word_files:  # placeholders MkDocs can link to and copy; finish() puts the real files in
        _write(staging / "docs" / DOWNLOADS / Path(path).name, b"")
    _write(staging / "mkdocs.yml", pages.config(ROOT_CONFIG).encode("utf-8"))
    progress("bygger", "site/")
    worker.build(staging / "mkdocs.yml")
    return _Site(worker)


# --- files and folders ---------------------------------------------------------------------------

def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)  # inside the staging folder: nobody sees it until the swap


def _link(source: Path, target: Path) -> None:
    """Take an unchanged output over from the previous build without copying its bytes."""
    target.parent.mkdir(parents=True, exist_ok=True)
    if source.is_dir():
        shutil.copytree(source, target, copy_function=os.link)
    else:
        os.link(source, target)


def _fingerprint(content_dir: Path) -> str:
    """A hash of every content file's name and bytes (and, through key, of styrdok itself)."""
    files = [(path.relative_to(content_dir).as_posix(),
              hashlib.sha256(path.read_bytes()).hexdigest() if is_regular(path) else "ingen vanlig fil")
             for path, _ in content_paths(content_dir) if path.exists()]
    strays = [finding.file for finding in stray_files(content_dir)]
    images = [(path.relative_to(content_dir).as_posix(), hashlib.sha256(path.read_bytes()).hexdigest())
              for path in sorted(content_dir.rglob("*")) if path.suffix.lower() in IMAGES and is_regular(path)]
    return key("content", tuple(files), tuple(strays), tuple(images))


def _manifest(out: Path) -> dict:
    try:
        return json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _complete(out: Path, keys: dict[str, str]) -> bool:
    return all((out / path).exists() for path in keys) and all((out / name).exists() for name in SITE_FOLDERS)


def _check_output_folder(out: Path) -> None:
    if out.exists() and (not out.is_dir() or (any(out.iterdir()) and not (out / MANIFEST).exists())):
        raise OutputFolderError(
            f"{display_path(out)} finns redan och är ingen utdatamapp från styrdok; välj en annan mapp med --out"
        )


def _remove_leftovers(out: Path) -> None:
    """Staging folders of builds that were killed: their process is gone."""
    for leftover in out.parent.glob(f".{out.name}.staging-*"):
        pid = leftover.name.rsplit("-", 1)[-1]
        if pid.isdigit() and not _alive(int(pid)):
            shutil.rmtree(leftover, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


_RENAME_EXCHANGE = 2


def _swap_in(staging: Path, out: Path) -> None:
    """Put staging in place of out in one step where the system allows, then drop the old output."""
    out.parent.mkdir(parents=True, exist_ok=True)
    if not out.exists():
        os.rename(staging, out)
        return
    if _exchange(staging, out):
        shutil.rmtree(staging)  # staging now holds the previous output
        return
    old = out.parent / f".{out.name}.old-{os.getpid()}"
    os.rename(out, old)
    os.rename(staging, out)
    shutil.rmtree(old)


def _exchange(first: Path, second: Path) -> bool:
    """Linux renameat2(RENAME_EXCHANGE): swap two paths atomically; False where unsupported."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd = -100
    result = renameat2(at_fdcwd, os.fsencode(first), at_fdcwd, os.fsencode(second), _RENAME_EXCHANGE)
    return result == 0
