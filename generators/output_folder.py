"""The output folder: whether it can be used, what styrdok wrote there, and swapping a new
one in.

The manifest lists every file the last build wrote with its size and modification time, so
that a file truncated or deleted since is seen (a stat per file, no reading) and rebuilt,
and a file the build did not write is recognised as someone else's: it is carried over into
the new output, never deleted. Every check that can fail runs before the swap; after the
swap nothing reports failure.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import errno
import json
import os
import re
import shutil
import tempfile
from pathlib import Path

from generators.content.files import display_path
from generators.errors import StyrdokError, note, os_message
from generators.output_paths import MANIFEST


class OutputFolderError(StyrdokError):
    """The output folder cannot be used. exit_code 2: --out names the wrong folder; 1: the
    folder is styrdok's but cannot be written as it is."""

    def __init__(self, message: str, exit_code: int = 2):
        super().__init__(message)
        self.exit_code = exit_code


# --- before the build ----------------------------------------------------------------------------

def check_usable(out: Path) -> None:
    """Refuse, before anything is rendered, an output folder the swap would fail on."""
    shown = display_path(out)
    if out.is_symlink():
        raise OutputFolderError(
            f"{shown} är en symbolisk länk (till {os.readlink(out)}); styrdok byter ut hela utdatamappen i ett "
            f"steg och gör inte det genom en länk: ange mappen den pekar på med --out", 1)
    if out.is_dir() and mount_point(out):
        raise OutputFolderError(_MOUNTED.format(shown=shown))
    if out.exists() and (not out.is_dir() or (any(out.iterdir()) and not (out / MANIFEST).exists())):
        raise OutputFolderError(f"{shown} finns redan och är ingen utdatamapp från styrdok; välj en annan mapp med --out")
    parent = out.absolute().parent
    while not parent.exists():
        parent = parent.parent
    if not os.access(parent, os.W_OK | os.X_OK):
        raise OutputFolderError(f"kan inte skriva i {display_path(parent)}: mappen är skrivskyddad", 1)
    try:  # a folder can be made there (not so in /proc, say, whatever the permissions say)
        os.rmdir(tempfile.mkdtemp(dir=parent, prefix=".styrdok-prov-"))
    except OSError as error:
        reason = ("där går det inte att skapa mappar" if error.errno == errno.ENOENT
                  else os_message(type(error)(error.errno, error.strerror)))
        raise OutputFolderError(f"kan inte skapa utdatamappen {shown} i {display_path(parent)}: {reason}", 1) from None
    if out.exists():
        for folder, _, _ in os.walk(out):
            if not os.access(folder, os.W_OK | os.X_OK):
                raise OutputFolderError(
                    f"{display_path(Path(folder))} är skrivskyddad, så den förra utdatan kan inte bytas ut; "
                    f"gör den skrivbar eller välj en annan mapp med --out", 1)


MAX_MANIFEST = 50 * 1024 * 1024
"""A manifest lists a few hundred files; one larger than this is no manifest of styrdok's."""
SHAPE = {"content": str, "outputs": dict, "files": dict, "unrendered": list, "findings": list}
FINDING = {"rule": str, "severity": str, "message": str, "file": str, "line": int, "column": int, "field": str}


_MOUNTED = ("{shown} är en monteringspunkt (en egen disk eller en volym, som i Docker); styrdok byter ut hela "
            "utdatamappen i ett steg, och en monteringspunkt kan inte bytas ut: ange en mapp inuti den, till "
            "exempel --out {shown}/styrdok")


def mount_point(folder: Path) -> bool:
    """Whether a file system is mounted on folder: another device than its parent, or (a bind
    mount from the same device) listed in the system's table of mounts."""
    if os.path.ismount(folder):
        return True
    try:
        table = Path("/proc/self/mountinfo").read_text(encoding="utf-8", errors="surrogateescape")
    except OSError:
        return False
    real = os.path.realpath(folder)
    return any(len(fields) > 4 and _unescape(fields[4]) == real for fields in map(str.split, table.splitlines()))


def _unescape(field: str) -> str:
    """mountinfo writes a space in a path as \\040."""
    return re.sub(r"\\([0-7]{3})", lambda match: chr(int(match.group(1), 8)), field)


def read_manifest(out: Path) -> dict:
    """The last build's record, or {} (none, or damaged: said in a note, and everything is built
    anew, as the first time)."""
    path = out / MANIFEST
    try:
        if path.stat().st_size > MAX_MANIFEST:
            raise ValueError("too large")
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (FileNotFoundError, NotADirectoryError):
        return {}
    except (OSError, ValueError):
        manifest = None
    if not _well_formed(manifest):
        note(f"{display_path(path)} (vad förra bygget skrev) är skadad och bortses från; allt byggs på nytt")
        return {}
    return manifest


def _well_formed(manifest) -> bool:
    if not isinstance(manifest, dict) or any(not isinstance(manifest.get(k), kind) for k, kind in SHAPE.items()):
        return False
    return (all(isinstance(k, str) and isinstance(v, str) for k, v in manifest["outputs"].items())
            and all(isinstance(k, str) and isinstance(v, list) and len(v) == 2
                    and all(type(n) is int for n in v) for k, v in manifest["files"].items())
            and all(isinstance(item, str) for item in manifest["unrendered"])
            and all(isinstance(f, dict) and f.keys() == FINDING.keys()
                    and all(type(f[k]) is kind for k, kind in FINDING.items())
                    and f["severity"] in ("fel", "varning", "kvitterad") for f in manifest["findings"]))


def inventory(folder: Path) -> dict[str, list[int]]:
    """{relative path: [size, mtime_ns]} of every file under folder but the manifest."""
    found = {}
    for directory, _, names in os.walk(folder):
        for name in names:
            path = Path(directory, name)
            relative = path.relative_to(folder).as_posix()
            if relative != MANIFEST:
                stat = path.lstat()
                found[relative] = [stat.st_size, stat.st_mtime_ns]
    return found


def damaged(out: Path, manifest: dict) -> set[str] | None:
    """The files of the last build that are missing or changed since; None without a manifest
    that lists them (every output is then rebuilt)."""
    files = manifest.get("files")
    if not isinstance(files, dict):
        return None
    broken = set()
    for relative, recorded in files.items():
        try:
            stat = os.lstat(out / relative)
        except OSError:
            broken.add(relative)
            continue
        if [stat.st_size, stat.st_mtime_ns] != recorded:
            broken.add(relative)
    return broken


def foreign(out: Path, manifest: dict) -> list[str]:
    """Files in the output folder the last build did not write (a user's notes, say)."""
    files = manifest.get("files")
    if not isinstance(files, dict) or not out.is_dir():
        return []
    return sorted(path for path in inventory(out) if path not in files)


def carry_over(out: Path, staging: Path, paths: list[str]) -> None:
    """Put files the build did not write into the new output; refuse, before the swap, if the
    build now writes a file at the same place."""
    for relative in paths:
        target = staging / relative
        if os.path.lexists(target) or any(p.exists() and not p.is_dir() for p in target.parents):
            raise OutputFolderError(
                f"{display_path(out / relative)} skrevs inte av styrdok, men bygget skriver nu en fil där; "
                f"flytta eller byt namn på den och bygg igen", 1)
    for relative in paths:
        target = staging / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(out / relative, target, follow_symlinks=False)
        except OSError:
            shutil.copy2(out / relative, target, follow_symlinks=False)


def write_manifest(staging: Path, manifest: dict) -> None:
    (staging / MANIFEST).write_text(json.dumps(manifest, indent=1, ensure_ascii=False), encoding="utf-8")


# --- the swap ------------------------------------------------------------------------------------

def remove_leftovers(out: Path) -> None:
    """Staging and old folders of builds that were killed: their process is gone."""
    for pattern in (f".{out.name}.staging-*", f".{out.name}.old-*"):
        for leftover in out.parent.glob(pattern):
            pid = leftover.name.rsplit("-", 1)[-1]
            if pid.isdigit() and not alive(int(pid)):
                shutil.rmtree(leftover, ignore_errors=True)


def alive(pid: int) -> bool:
    """Whether a process with this id runs (a leftover named for a dead one may go)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


_RENAME_EXCHANGE = 2


def swap_in(staging: Path, out: Path) -> None:
    """Put staging in place of out in one step where the system allows, then drop the old output.

    Removing the old output is tidying up: the new one is in place, so a failure there is not
    the build's failure (a later build removes what is left)."""
    out.parent.mkdir(parents=True, exist_ok=True)
    if not out.exists():
        os.rename(staging, out)
        return
    if _exchange(staging, out):
        shutil.rmtree(staging, ignore_errors=True)  # staging now holds the previous output
        return
    old = out.parent / f".{out.name}.old-{os.getpid()}"
    try:
        os.rename(out, old)
    except OSError as error:  # a mount point after all: nothing is swapped, the previous output stands
        if error.errno in (errno.EBUSY, errno.EXDEV):
            raise OutputFolderError(_MOUNTED.format(shown=display_path(out))) from None
        raise
    os.rename(staging, out)
    shutil.rmtree(old, ignore_errors=True)


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
