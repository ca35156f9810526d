"""`styrdok build`: gather and check everything, render every output in memory, then write.

Nothing is written when the content has errors. Outputs go to a staging folder that is
swapped in whole at the end, so a build that fails or is killed halfway leaves the previous
output exactly as it was.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import shutil
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Callable

from .cache import RenderCache, user_cache
from .checks import check_content
from .findings import ContentError, Finding
from .loading import Content, display_path, load_content
from .site_build import build_site
from .site_output import DOWNLOADS, SitePages
from .templating import Phrases, phrases
from .diff import consecutive_pairs
from .word_output import plan_docx, review_docx, tracked_docx
from .writing import write_bytes

MARKER = ".styrdok-build"
ROOT_CONFIG = Path(__file__).resolve().parent.parent / "mkdocs.yml"


class OutputFolderError(Exception):
    """The output folder cannot be used (it is not one styrdok made)."""


@dataclass
class Output:
    path: str
    """Relative to the output folder, e.g. 'word/verksamhetsplan-2021.docx'."""
    render: Callable[[], bytes]


@dataclass
class BuildReport:
    out: Path
    written: list[str] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)


def outputs(content: Content, findings: list[Finding], words: Phrases, cache: RenderCache) -> list[Output]:
    """Every file the build makes; a new kind of output is one more line here."""
    result = [Output(f"word/{plan.model.id}.docx", partial(plan_docx, plan.model, content, words, cache))
              for plan in content.plans]
    result += [Output(f"word/{review.model.id}.docx", partial(review_docx, review.model, content, findings, words, cache))
               for review in content.reviews]
    result += [Output(f"word/andringar-{old.id}-{new.id}.docx", partial(tracked_docx, old, new, content, words, cache))
               for old, new in consecutive_pairs([plan.model for plan in content.plans])]
    return result


def build(content_dir: Path, out: Path, progress: Callable[[str], None] = lambda _: None) -> BuildReport:
    content = load_content(content_dir)
    findings = check_content(content)
    errors = [f for f in findings if f.severity == "fel"]
    if errors:
        raise ContentError(errors)
    _check_output_folder(out)
    report = BuildReport(out, findings=findings)
    staging = out.parent / f".{out.name}.staging-{os.getpid()}"
    try:
        cache, words = user_cache(), phrases()
        rendered: dict[str, bytes] = {}
        for output in outputs(content, findings, words, cache):
            progress(output.path)
            rendered[output.path] = output.render()
        pages = SitePages(content, findings, words, cache)
        rendered.update({f"docs/{path}": data for path, data in pages.render().items()})
        for path, data in rendered.items():
            write_bytes(staging / path, data)
            report.written.append(path)
        (staging / "docs" / DOWNLOADS).mkdir(parents=True, exist_ok=True)
        for path in [p for p in rendered if p.startswith("word/")]:  # the site's downloads
            os.link(staging / path, staging / "docs" / DOWNLOADS / Path(path).name)
        write_bytes(staging / "mkdocs.yml", pages.config(ROOT_CONFIG).encode("utf-8"))
        progress("site/")
        build_site(staging / "mkdocs.yml")
        (staging / MARKER).write_text("styrdok\n", encoding="utf-8")
        _swap_in(staging, out)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return report


def _check_output_folder(out: Path) -> None:
    if out.exists() and (not out.is_dir() or (any(out.iterdir()) and not (out / MARKER).exists())):
        raise OutputFolderError(
            f"{display_path(out)} finns redan och är ingen utdatamapp från styrdok; välj en annan mapp med --out"
        )


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
