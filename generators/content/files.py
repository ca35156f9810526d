"""Where the content lives: which files there are and what kind each holds.

Kept apart from loading so a rebuild can tell "nothing changed" without importing the model.
"""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path

from generators.content.findings import ContentError, Finding

ORGANISATION_FILE = "organisation.yaml"
FOLDERS = {"plans": "plan", "reviews": "review", "member-follow-ups": "member-follow-up"}
"""Folder under content/ -> the kind of file it holds."""


def display_path(path: Path) -> str:
    relative = os.path.relpath(path.absolute(), Path.cwd())
    return str(path) if relative.startswith("..") else relative


def is_regular(path: Path) -> bool:
    """A plain file (or a link to one): never a FIFO or a device, which reading would block on."""
    try:
        return stat.S_ISREG(path.stat().st_mode)
    except OSError:
        return False


def digest(path: Path, limit: int) -> str:
    """A hash of a file's bytes, read only after its size is known: a file over limit (which
    loading refuses) or no regular file is told by its size and time, never read."""
    try:
        info = path.stat()
    except OSError as error:
        return f"kan inte läsas: {error.errno}"
    if not stat.S_ISREG(info.st_mode) or info.st_size > limit:
        return f"läses inte: {stat.S_IFMT(info.st_mode)} {info.st_size} {info.st_mtime_ns}"
    hashed = hashlib.sha256()
    try:
        with path.open("rb") as stream:
            while chunk := stream.read(1 << 20):
                hashed.update(chunk)
    except OSError as error:
        return f"kan inte läsas: {error.errno}"
    return hashed.hexdigest()


def stray_files(root: Path) -> list[Finding]:
    """Files that look like content but would be silently skipped: x.yml, X.YAML."""
    findings = []
    for folder in [root, *(root / name for name in FOLDERS)]:
        if not folder.is_dir():
            continue
        for path in sorted(folder.iterdir()):
            if path.suffix.lower() in (".yml", ".yaml") and path.suffix != ".yaml":
                findings.append(Finding("filnamn", "fel", f"filen läses inte: innehållsfiler slutar på .yaml; "
                                        f"byt namn till {path.stem}.yaml", display_path(path)))
    return findings


def find_content(start: Path) -> Path | None:
    """The project's content folder seen from `start`, looking upward as git looks for its
    repository: start/content, or start itself inside it, or the same in a parent folder."""
    for folder in (start, *start.parents):
        if (folder / "content" / ORGANISATION_FILE).is_file():
            return folder / "content"
        if folder.name == "content" and (folder / ORGANISATION_FILE).is_file():
            return folder
    return None


def content_paths(root: Path) -> list[tuple[Path, str]]:
    """Every content file with its kind, in a fixed order."""
    if not root.is_dir():
        message = (f"innehållsmappen {root.absolute()} finns inte; kör styrdok i projektets mapp eller i en mapp "
                   f"under den (styrdok letar uppåt efter content/ med {ORGANISATION_FILE}), eller ange mappen "
                   f"med --content MAPP")
        raise ContentError([Finding("innehall-saknas", "fel", message, display_path(root))])
    files = [(root / ORGANISATION_FILE, "organisation")]
    for folder, kind in FOLDERS.items():
        files += [(path, kind) for path in sorted((root / folder).glob("*.yaml"))]
    return files


def named_logo(root: Path) -> str | None:
    """The logo file organisation.yaml names, read with the content's own reader and limits
    (without the model: a rebuild with nothing to do never imports it)."""
    from generators.content.reading import MAX_BYTES, ReadError, read_yaml
    path = root / ORGANISATION_FILE
    if digest(path, MAX_BYTES).startswith(("läses inte", "kan inte")):
        return None
    try:
        data = read_yaml(path.read_bytes()).data
    except (ReadError, OSError):
        return None
    logo = data.get("logotyp") if isinstance(data, dict) else None
    return logo if isinstance(logo, str) and logo and "/" not in logo and "\\" not in logo else None
