"""The one place that writes to disk: atomically, so a reader never sees half a file."""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from pathlib import Path

from generators import ROOT
from generators.errors import StyrdokError, UsageError

PROGRAM = ("generators", "templates", "site", "tests", "benchmarks", ".ci", ".git", "README.md", "mkdocs.yml",
           "pyproject.toml")
"""styrdok's own files: no output goes there."""


def refuse_protected(path: Path, content: Path, option: str) -> None:
    """An output path given by the user must not lie in the content or in styrdok's own files,
    where writing would replace a plan or the program (symlinks and '..' resolved)."""
    target = Path(path).resolve()
    if target.is_relative_to(Path(content).resolve()):
        raise UsageError(f"{option} {path} ligger i innehållsmappen {content}, där styrdok bara skriver "
                         f"planer (new-revision, adopt, import): välj en plats utanför den")
    for name in PROGRAM:
        if target.is_relative_to(ROOT / name):
            raise UsageError(f"{option} {path} ligger i styrdoks egna filer ({name}): välj en plats utanför dem")


def write_bytes(path: Path, data: bytes) -> None:
    """Write to a temporary file beside the target, then rename it into place.

    An OSError names the target, never the temporary file the user has not heard of."""
    path = Path(path)
    if path.is_dir():
        raise IsADirectoryError(errno.EISDIR, "is a directory", str(path))
    if _special(path):  # renaming over it would replace a device such as /dev/null, or a pipe, for everyone
        raise StyrdokError(f"{path}: är ingen vanlig fil (en enhet, ett rör eller en sockel); ange en vanlig fil")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as error:
        raise type(error)(error.errno, error.strerror, str(path)) from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.chmod(temporary, 0o666 & ~_umask())  # mkstemp makes 0600; a built file is for everyone
        os.replace(temporary, path)
    except BaseException as error:
        Path(temporary).unlink(missing_ok=True)
        if isinstance(error, OSError):
            raise type(error)(error.errno, error.strerror, str(path)) from None
        raise


def _special(path: Path) -> bool:
    try:
        mode = os.lstat(path).st_mode
    except OSError:
        return False
    return not (stat.S_ISREG(mode) or stat.S_ISLNK(mode))


def write_text(path: Path, text: str) -> None:
    write_bytes(path, text.encode("utf-8"))


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
