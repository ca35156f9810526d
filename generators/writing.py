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
    """The rule for every output path the user names (diff -o, build --out, serve --out, schema
    --out): it must not lie in the content or in styrdok's own files, where writing would
    replace a plan or the program (symlinks and '..' resolved). What stands there is then
    written through, never replaced (write_bytes)."""
    target = Path(path).resolve()
    if target.is_relative_to(Path(content).resolve()):
        raise UsageError(f"{option} {path} ligger i innehållsmappen {content}, där styrdok bara skriver "
                         f"planer (new-revision, adopt, import): välj en plats utanför den")
    for name in PROGRAM:
        if target.is_relative_to(ROOT / name):
            raise UsageError(f"{option} {path} ligger i styrdoks egna filer ({name}): välj en plats utanför dem")


def write_bytes(path: Path, data: bytes) -> None:
    """Write to a temporary file beside the target, then rename it into place.

    A link is written through: its target gets the new bytes and the link stays a link. A
    target that is not a regular file (a device such as /dev/null, a pipe, /dev/stdout on a
    terminal) is refused: renaming over it would replace it for everyone. An OSError names the
    path as given, never the temporary file the user has not heard of."""
    shown = Path(path)
    path = Path(os.path.realpath(shown))
    if path.is_dir():
        raise IsADirectoryError(errno.EISDIR, "is a directory", str(shown))
    if _not_regular(shown):  # the kernel follows the link (/dev/stdout to a pipe, say)
        raise StyrdokError(f"{shown}: är ingen vanlig fil (en enhet, ett rör, en sockel eller en länk i en "
                           f"cirkel); ange en vanlig fil")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as error:
        raise type(error)(error.errno, error.strerror, str(shown)) from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.chmod(temporary, 0o666 & ~_umask())  # mkstemp makes 0600; a built file is for everyone
        os.replace(temporary, path)
    except BaseException as error:
        Path(temporary).unlink(missing_ok=True)
        if isinstance(error, OSError):
            raise type(error)(error.errno, error.strerror, str(shown)) from None
        raise


def _not_regular(path: Path) -> bool:
    """Whether something that is not a regular file stands at path (links followed)."""
    try:
        mode = os.stat(path).st_mode
    except (FileNotFoundError, NotADirectoryError):
        return False  # a new file: making it says what is wrong, if anything
    except OSError:
        return True  # links in a circle
    return not stat.S_ISREG(mode)


def write_text(path: Path, text: str) -> None:
    write_bytes(path, text.encode("utf-8"))


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
