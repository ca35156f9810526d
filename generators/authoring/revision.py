"""`styrdok new-revision`: start the board's yearly revision as a new draft content file.

The new file says what the old one says, line for line and with its comments, with a new
id, the status of a draft and a link to the version it replaces; `styrdok diff OLD NEW`
reports no change until someone edits it.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import sys
import tempfile
import threading
from dataclasses import replace
from pathlib import Path

import yaml

from generators.content.files import content_paths, is_regular, named_logo
from generators.content.findings import ContentError, Finding
from generators.content.loading import Content, display_path
from generators.content.model import AnnualReview, id_problem
from generators.authoring.rolling import parse_period, roll_forward
from generators.content.reading import MAX_BYTES
from generators.content.severity import INTEGRITY
from generators.errors import StyrdokError, UsageError
from generators.output_folder import alive
from generators.writing import write_text

# Findings that make a draft unusable: it does not load, or its ids and references do not hold.
BLOCKING = INTEGRITY | {"schema", "yaml"}

# Top-level keys that belong to the adopted version, not to a new draft of it.
DROPPED = ("antagen", "kallor", "kvitteringar")


class RevisionError(UsageError):
    """The revision cannot be started (unknown version, id taken, file exists)."""


def new_revision(content: Content, from_id: str, new_id: str, period: str | None = None,
                 title: str | None = None, moved: list[str] | None = None) -> Path:
    """Write the new draft; with a period ('2022', '2023-2026') its title, period, year tables
    and the sentences that state the period move with it (rolling; those sentences are added to
    `moved`), and `styrdok check` lists the figures and the text it still lacks."""
    problem = id_problem(new_id)
    if problem:
        raise RevisionError(problem)
    source = content.version(from_id)
    if source is None:
        from generators.suggestions import unknown
        raise RevisionError(unknown("versionen", from_id, [v.model.id for v in content.versions]))
    if isinstance(source.model, AnnualReview):
        # A copy would keep last year's plan, budget year and figures: a review starts from its year.
        raise RevisionError(f"{from_id} är en årlig översyn, som inte revideras: börja årets översyn med "
                            f"styrdok new-review ÅR, t.ex. styrdok new-review {_review_year(content, period)}")
    if content.version(new_id) is not None:
        raise RevisionError(f"id {new_id!r} används redan")
    target = content.root / "plans" / f"{new_id}.yaml"
    if target.exists():
        raise RevisionError(f"{display_path(target)} finns redan")
    text = revised_text(source.path.read_text(encoding="utf-8"), new_id, from_id)
    if period is not None or title is not None:
        start, end = parse_period(period) if period is not None else (source.model.start_year, source.model.end_year)
        text = roll_forward(text, source.model, start, end, title, moved)
    write_checked_draft(content.root, target, text, inherited=source.relative)
    return target


def _review_year(content: Content, period: str | None) -> int:
    """The year a refused copy of a review was meant for: the one asked for with --period, else
    the first year after the latest review (a year that has one cannot have another)."""
    if period is not None:
        return parse_period(period)[0]
    return max(review.model.year for review in content.reviews) + 1


def write_checked_draft(root: Path, target: Path, text: str, inherited: str | None = None) -> None:
    """Write a new draft only if it loads and its ids and references hold: checked first in a
    copy of the content folder. Its other findings (an adopted plan's published figures, now
    errors in a draft; the figures a rolled-forward plan still lacks) are the draft's work
    list: `styrdok check` shows them, and `styrdok adopt` refuses until they are gone."""
    new = [f for f in draft_errors(root, target, text, inherited) if f.rule in BLOCKING]
    if new:
        lines = "\n".join(f"  {f.line}:{f.column}: {f.field + ': ' if f.field else ''}{f.message} [{f.rule}]"
                          for f in new)
        raise StyrdokError(f"inget skrevs: styrdok check skulle vägra {display_path(target)}:\n{lines}")
    write_text(target, text)


def draft_errors(root: Path, target: Path, text: str, inherited: str | None = None) -> list[Finding]:
    """The errors `styrdok check` would report in a new draft, checked in a copy of the content
    files; with `inherited`, less those the version it revises already has."""
    relative = target.relative_to(root)
    with _scratch() as work:
        copy = Path(work) / root.name
        _copy_content(root, copy)
        (copy / relative).parent.mkdir(parents=True, exist_ok=True)
        (copy / relative).write_text(text, encoding="utf-8")
        findings = _findings(copy)
        new = [f for f in findings if f.file == display_path(copy / relative) and f.severity == "fel"]
        if inherited is not None:
            known = {(f.rule, f.field) for f in findings if f.file == display_path(copy.parent / inherited)}
            new = [f for f in new if (f.rule, f.field) not in known]
    # Messages name the real folder, never this temporary copy of it.
    return [replace(f, message=f.message.replace(display_path(copy), display_path(root))) for f in new]


SCRATCH = "styrdok-utkast-"
COPIED_BYTES = 4 * MAX_BYTES
"""Larger than any content file or logo the check accepts: a larger one is refused unread anyway."""


@contextlib.contextmanager
def _scratch():
    """A temporary folder named for this process, removed when the check ends, on Ctrl-C and on
    SIGTERM (which ends the process at once, with nothing written); one a killed run left (its
    process gone) is removed by the next run."""
    temporary = Path(tempfile.gettempdir())
    for leftover in temporary.glob(f"{SCRATCH}*"):
        pid = leftover.name[len(SCRATCH):].split("-", 1)[0]
        if pid.isdigit() and not alive(int(pid)):
            shutil.rmtree(leftover, ignore_errors=True)
    made: list[str] = []

    def terminate(signum, frame):
        for folder in made:
            shutil.rmtree(folder, ignore_errors=True)
        print("styrdok: fel: avbrutet; inget skrevs", file=sys.stderr, flush=True)
        os._exit(128 + signum)
    installed = threading.current_thread() is threading.main_thread()  # else a leftover goes next run
    previous = signal.signal(signal.SIGTERM, terminate) if installed else None
    try:
        made.append(tempfile.mkdtemp(prefix=f"{SCRATCH}{os.getpid()}-"))
        yield made[0]
    finally:
        for folder in made:
            shutil.rmtree(folder, ignore_errors=True)
        if installed:
            signal.signal(signal.SIGTERM, previous)


def _copy_content(root: Path, copy: Path) -> None:
    """The content files and the logo: what the check reads, never anything else in the folder
    (a stray file of any size is not copied). Links are copied as what they point to."""
    logo = named_logo(root)
    for path in [path for path, _ in content_paths(root)] + ([root / logo] if logo else []):
        if is_regular(path) and path.stat().st_size <= COPIED_BYTES:
            target = copy / path.relative_to(root)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)


def _findings(root: Path) -> list[Finding]:
    from generators.content.checks import check_content
    from generators.content.loading import load_content
    try:
        return check_content(load_content(root))
    except ContentError as error:
        return error.findings


def revised_text(text: str, new_id: str, from_id: str) -> str:
    lines = _drop_blocks(text.splitlines(keepends=True), DROPPED)
    text = "".join(lines)
    text = _set_key(text, "id", new_id)
    text = _set_key(text, "status", "utkast")
    return _set_key(text, "ersatter", from_id, after="status")


def _drop_blocks(lines: list[str], keys: tuple[str, ...]) -> list[str]:
    kept, skipping = [], False
    for line in lines:
        top_level = re.match(r"^([a-z_]+):", line)
        if top_level:
            skipping = top_level.group(1) in keys
        elif skipping and line.strip() and not line.startswith((" ", "#", "-")):
            skipping = False
        if not skipping:
            kept.append(line)
    return kept


def _set_key(text: str, key: str, value: str, after: str | None = None) -> str:
    """Replace a top-level key's value; the replacement is a function, so nothing in value is
    ever read as a regular-expression group reference."""
    line = yaml.safe_dump({key: value}, allow_unicode=True, width=1_000_000).strip()  # '0' stays text
    pattern = re.compile(rf"^{re.escape(key)}:.*$", re.MULTILINE)
    if pattern.search(text):
        return pattern.sub(lambda _: line, text, count=1)
    anchor = re.compile(rf"^{re.escape(after)}:.*$", re.MULTILINE)
    return anchor.sub(lambda m: f"{m.group(0)}\n{line}", text, count=1)
