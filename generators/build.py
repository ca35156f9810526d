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

import hashlib
import os
import shutil
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from generators import ROOT
from generators import output_folder as folder
from generators import output_paths as paths
from generators.cache import key, user_cache
from generators.content.files import content_paths, digest, named_logo, stray_files
from generators.content.findings import ContentError, Finding
from generators.content.reading import MAX_BYTES
from generators.errors import internal_error, note
from generators.parallel import rendering

if TYPE_CHECKING:
    from generators.content.loading import Content

LOGO_BYTES = 20 * 1024 * 1024
"""Beyond this a logo is not read to tell whether it changed (its size and time tell it)."""
ROOT_CONFIG = ROOT / "mkdocs.yml"


def site_config(content_dir: Path) -> Path:
    """The site's settings: a project's own mkdocs.yml beside its content folder (`styrdok init`
    writes one), else styrdok's."""
    own = content_dir.resolve().parent / "mkdocs.yml"
    return own if own.is_file() else ROOT_CONFIG


SITE_FOLDERS = ("docs", "site", "mkdocs.yml")


@dataclass
class Output:
    path: str
    """Relative to the output folder, e.g. 'word/verksamhetsplan-2021.docx'."""
    inputs: tuple[str, ...]
    """Digests of the content files the output depends on."""
    render: Callable[[], bytes]
    stage: str
    """The stage that renders it: 'word' or 'pdf'."""
    draft: str = ""
    """The draft it shows, if any: its failure to render is the draft's, never the build's."""


@dataclass
class BuildReport:
    out: Path
    written: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    unrendered: list[str] = field(default_factory=list)
    """Drafts whose documents could not be built (they do not load, their ids do not hold, or
    rendering them failed)."""


def outputs(content: Content, findings: list[Finding], cache) -> list[Output]:
    """Every Word and PDF file the build makes; a new kind of output is one more line here (and
    its name in output_paths)."""
    from generators.changes.diff import consecutive_pairs

    from generators.validity import today, validity

    organisation = content.organisation.digest + _logo_digest(content)
    # One digest for many files, not their list: each output's inputs (and the manifest that
    # keeps them) stay one size however many versions there are. Where each version stands today
    # (in force, replaced, …) is on every cover and review.
    standing = _digest(*(f"{k}:{v.state}" for k, v in sorted(
        validity([v.model for v in content.versions], today()).items())))
    everything = (_digest(*(loaded.digest for loaded in content.files())), organisation, standing)
    by_id = {plan.model.id: plan for plan in content.plans}
    # A cover says when and by what a plan was replaced: it depends on every adopted plan.
    adopted = (_digest(*(plan.digest for plan in content.plans if plan.model.status == "antagen")), standing)
    result = []
    for stage, suffix in (("word", "docx"), ("pdf", "pdf")):
        name = getattr(paths, stage)
        result += [Output(name(plan.model.id), (plan.digest, organisation, *adopted),
                          _renderer(stage, f"plan_{suffix}", plan.model, content, cache=cache), stage,
                          _draft(plan.model)) for plan in content.plans]
        result += [Output(name(review.model.id), everything,
                          _renderer(stage, f"review_{suffix}", review.model, content, cache=cache), stage,
                          _draft(review.model)) for review in content.reviews]
    result += [Output(paths.tracked(old.id, new.id),
                      (by_id[old.id].digest, by_id[new.id].digest, organisation, *adopted),
                      _renderer("word", "tracked_docx", old, new, content, cache=cache), "word",
                      _draft(new) or _draft(old))
               for old, new in consecutive_pairs([plan.model for plan in content.plans])]
    return [replace(output, render=_contained(output)) if output.draft else output for output in result]


def _draft(version) -> str:
    return version.id if version.status != "antagen" else ""


def _contained(output: Output) -> Callable[[], bytes | None]:
    """A draft's renderer whose failure (a bug the draft's content brings out) is told and leaves
    its file unwritten: the build goes on with everything else (see _unwritten)."""
    render = output.render

    def attempt() -> bytes | None:
        try:
            return render()
        except Exception as error:  # noqa: BLE001 - the draft's alone; STYRDOK_DEBUG lets it through
            if os.environ.get("STYRDOK_DEBUG"):
                raise
            note(f"utkastet {output.draft}: {output.path} kunde inte byggas: {internal_error(error)}")
            return None
    return attempt


def _unwritten(changed: list[Output], staging: Path, keys: dict, report: BuildReport) -> bool:
    """Drafts' files that could not be rendered: not recorded as built (the next build tries
    again), and their drafts reported as not built. Whether there were any."""
    lost = [output for output in changed if output.draft and not (staging / output.path).exists()]
    for output in lost:
        keys.pop(output.path, None)
        report.written.remove(output.path)
    report.unrendered += sorted({output.draft for output in lost} - set(report.unrendered))
    return bool(lost)


def _digest(*digests: str) -> str:
    return hashlib.sha256("\0".join(digests).encode()).hexdigest()


def _logo_digest(content: Content) -> str:
    """The logo is on every cover: a new logo is a new cover."""
    from generators.content.logo import logo_path
    logo = logo_path(content)
    return digest(logo, LOGO_BYTES) if logo else ""


def _renderer(stage: str, name: str, *args, cache) -> Callable[[], bytes]:
    """A renderer that imports its stage (python-docx, Typst) only when it runs: a rebuild with
    nothing to do never pays for it, and the site's pages, written meanwhile, never wait for it."""
    def render() -> bytes:
        from importlib import import_module

        from generators.templating import phrases
        return getattr(import_module(f"generators.{stage}.output"), name)(*args, phrases(), cache)
    return render


def build(content_dir: Path, out: Path, progress: Callable[[str, str], None] = lambda *_: None,
          force: bool = False, preview: bool = False) -> BuildReport:
    """Build every adopted document and the site; drafts are built where they can be, and on
    the site only with preview (an internal preview, styrdok build --utkast)."""
    from generators.validity import today, within

    fingerprint = _fingerprint(content_dir, preview)
    manifest = folder.read_manifest(out)
    previous = {} if force else manifest
    broken = folder.damaged(out, manifest)
    if not within(previous.get("steady"), today()):  # a plan has come into force or been replaced since
        previous = {**previous, "content": None}
    if fingerprint == previous.get("content") and broken == set():
        # The same content, code and templates as the last build, every file as it was written:
        # nothing to load or render.
        findings = [Finding(**finding) for finding in previous.get("findings", [])]
        return BuildReport(out, skipped=sorted(previous["outputs"]) + ["site/"], findings=findings,
                           unrendered=previous.get("unrendered", []))
    from generators.web.mkdocs_run import SiteWorker
    worker = SiteWorker()
    try:
        return _build(content_dir, out, progress, manifest, previous, broken or set(), fingerprint, worker, preview)
    finally:
        worker.cancel()


def _build(content_dir: Path, out: Path, progress, manifest: dict, previous: dict, broken: set[str],
           fingerprint: str, worker, preview: bool = False) -> BuildReport:
    """previous is the last build's manifest, or empty with --force; manifest is it in any case
    (it says which files in the output folder are someone else's)."""
    from generators.content.checks import check_content
    from generators.content.loading import load_content
    from generators.drafts import select
    from generators.validity import steady, today

    loaded = load_content(content_dir, drafts_may_fail=True)
    checked = check_content(loaded)
    selection = select(loaded, checked, preview)
    if selection.blocking:
        raise ContentError(selection.blocking)
    folder.check_usable(out)
    folder.remove_leftovers(out)
    findings = checked + loaded.broken_drafts
    report = BuildReport(out, findings=findings, unrendered=selection.unrendered)
    cache = user_cache()
    content = selection.rendered
    planned = outputs(content, findings, cache)
    keys = {output.path: key(output.path, output.inputs) for output in planned}
    # Only the files of what the site shows are downloads on it: never a draft's on the public site.
    downloads = [output.path for output in outputs(selection.public, findings, cache)]
    staging = Staging(out.parent / f".{out.name}.staging-{os.getpid()}", paths.register_outputs(content))
    intact = lambda path: (out / path).exists() and path not in broken  # noqa: E731
    try:
        changed = []
        for output in planned:
            if previous.get("outputs", {}).get(output.path) == keys[output.path] and intact(output.path):
                staging.link(out / output.path, output.path)
                report.skipped.append(output.path)
                progress("oförändrad", output.path)
            else:
                progress("bygger", output.path)
                staging.claim(output.path)
                changed.append(output)
                report.written.append(output.path)
        # The site shows all the content, so it is unchanged exactly when the content is.
        site_unchanged = fingerprint == previous.get("content") and not any(
            path.startswith(("docs/", "site/")) or path == paths.SITE_CONFIG for path in broken)
        with rendering(sorted(changed, key=_cost), staging.root, _write) as join_rendering:
            # The helper renders while this process writes the pages and hands them to MkDocs.
            site = _start_site(selection.public, findings, cache, staging, out, site_unchanged, downloads,
                               progress, worker, preview)
            join_rendering()
        incomplete = _unwritten(changed, staging.root, keys, report)
        site.finish(staging, downloads)
        (report.written if site.rebuilt else report.skipped).append("site/")
        # Incomplete (a draft's file could not be rendered): the next build is no no-op, and tries again.
        written = {"content": "" if incomplete else fingerprint,
                   "steady": steady([v.model for v in loaded.versions], today()),
                   "outputs": keys, "files": folder.inventory(staging.root), "unrendered": report.unrendered,
                   "findings": [finding.as_json() for finding in findings]}
        folder.carry_over(out, staging.root, folder.foreign(out, manifest))
        folder.write_manifest(staging.root, written)
        folder.swap_in(staging.root, out)
    finally:
        worker.cancel()  # an interrupted MkDocs must stop writing into staging before it is removed
        shutil.rmtree(staging.root, ignore_errors=True)
    return report


def _cost(output: Output) -> int:
    """Heaviest first: tracked changes (a diff), then Word files, then PDFs (whose layout the
    Word file of the same document has already made and cached)."""
    return 0 if "/andringar-" in output.path else 1 if output.path.endswith(".docx") else 2


class Staging:
    """The folder the new output is built in, swapped in whole at the end. It writes only the
    paths registered for the content, each once: two outputs cannot overwrite each other."""

    def __init__(self, root: Path, registered: paths.OutputPaths):
        self.root, self.registered = root, registered
        self.written: set[str] = set()

    def claim(self, path: str) -> Path:
        assert path in self.registered, f"{path} is written but not registered in output_paths"
        assert path not in self.written, f"{path} is written twice"
        self.written.add(path)
        return self.root / path

    def write(self, path: str, data: bytes) -> None:
        _write(self.claim(path), data)

    def link(self, source: Path, path: str) -> None:
        """Take an unchanged output over from the previous build without copying its bytes."""
        target = self.claim(path)
        target.parent.mkdir(parents=True, exist_ok=True)
        os.link(source, target)

    def link_tree(self, source: Path, name: str) -> None:
        """A whole folder of the previous build (the site MkDocs wrote) taken over unchanged."""
        target = self.root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if source.is_dir():
            shutil.copytree(source, target, copy_function=os.link, symlinks=True)
        else:
            os.link(source, target)


# --- the website ------------------------------------------------------------------------------

class _Site:
    """The site's part of the build: reused whole, or rebuilt by MkDocs in another process."""

    def __init__(self, worker=None, reused: bool = False):
        self.worker, self.rebuilt = worker, not reused

    def finish(self, staging: Staging, downloads: list[str]) -> None:
        if self.worker is not None:
            self.worker.wait()
        if self.rebuilt:  # the downloads were placeholders while MkDocs ran: put the real files in
            from generators.web.downloads import fill_sizes
            for path in [path for path in downloads if (staging.root / path).exists()]:  # a draft's may not be
                for target in (f"docs/{paths.download(path)}", f"site/{paths.download(path)}"):
                    (staging.root / target).unlink(missing_ok=True)
                    os.link(staging.root / path, staging.root / target)
            for name in ("docs", "site"):  # and their sizes beside the download buttons
                fill_sizes(staging.root / name, staging.root / "site" / paths.DOWNLOADS)


def _start_site(content: Content, findings, cache, staging: Staging, out: Path, unchanged: bool,
                downloads: list[str], progress, worker, preview: bool = False) -> _Site:
    if unchanged and all((out / name).exists() for name in SITE_FOLDERS):
        for name in SITE_FOLDERS:
            staging.link_tree(out / name, name)
        progress("oförändrad", "site/")
        return _Site(reused=True)
    from generators.templating import phrases
    from generators.web.pages import SitePages

    progress("bygger", "docs/")
    pages = SitePages(content, findings, phrases(), cache, downloads, preview=preview)
    for path, data in pages.render().items():
        staging.write(f"docs/{path}", data)
    for path in downloads:  # placeholders MkDocs can link to and copy; finish() puts the real files in
        staging.write(f"docs/{paths.download(path)}", b"")
    staging.write(paths.SITE_CONFIG, pages.config(site_config(content.root)).encode("utf-8"))
    progress("bygger", "site/")
    worker.build(staging.root / paths.SITE_CONFIG, cache.templates)
    return _Site(worker)


# --- files and folders ---------------------------------------------------------------------------

def _write(path: Path, data: bytes | None) -> None:
    if data is None:  # a draft's output that could not be rendered (_contained)
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)  # inside the staging folder: nobody sees it until the swap


def _fingerprint(content_dir: Path, preview: bool = False) -> str:
    """A hash of every content file's name and bytes and of the logo organisation.yaml names
    (and, through key, of styrdok itself), and of whether the site is the internal preview with
    drafts. Nothing else under content/ is read, and nothing before its size is known."""
    files = [(path.relative_to(content_dir).as_posix(), digest(path, MAX_BYTES))
             for path, _ in content_paths(content_dir) if os.path.lexists(path)]
    strays = [finding.file for finding in stray_files(content_dir)]
    logo = named_logo(content_dir)
    images = [(logo, digest(content_dir / logo, LOGO_BYTES))] if logo else []
    config = site_config(content_dir)  # a project's own mkdocs.yml is read for the site
    return key("content", tuple(files), tuple(strays), tuple(images), "utkast" if preview else "",
               digest(config, MAX_BYTES) if config != ROOT_CONFIG else "")
