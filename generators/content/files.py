"""Where the content lives: which files there are and what kind each holds.

Kept apart from loading so a rebuild can tell "nothing changed" without importing the model.
"""

from __future__ import annotations

import os
from pathlib import Path

from generators.content.findings import ContentError, Finding

ORGANISATION_FILE = "organisation.yaml"
FOLDERS = {"plans": "plan", "reviews": "review", "member-follow-ups": "member-follow-up"}
"""Folder under content/ -> the kind of file it holds."""


def display_path(path: Path) -> str:
    relative = os.path.relpath(path.absolute(), Path.cwd())
    return str(path) if relative.startswith("..") else relative


def content_paths(root: Path) -> list[tuple[Path, str]]:
    """Every content file with its kind, in a fixed order."""
    if not root.is_dir():
        raise ContentError([Finding("innehall-saknas", "fel", "innehållsmappen finns inte", display_path(root))])
    files = [(root / ORGANISATION_FILE, "organisation")]
    for folder, kind in FOLDERS.items():
        files += [(path, kind) for path in sorted((root / folder).glob("*.yaml"))]
    return files
