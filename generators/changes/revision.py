"""`styrdok new-revision`: start the board's yearly revision as a new draft content file.

The new file says what the old one says, line for line and with its comments, with a new
id, the status of a draft and a link to the version it replaces; `styrdok diff OLD NEW`
reports no change until someone edits it.
"""

from __future__ import annotations

import re
from pathlib import Path

from generators.content.loading import MODELS, Content, display_path
from generators.content.model import AnnualReview
from generators.content.reading import read_yaml
from generators.writing import write_text

# Top-level keys that belong to the adopted version, not to a new draft of it.
DROPPED = ("antagen", "kallor", "kvitteringar")


class RevisionError(Exception):
    """The revision cannot be started (unknown version, id taken, file exists)."""


def new_revision(content: Content, from_id: str, new_id: str) -> Path:
    source = content.version(from_id)
    if source is None:
        raise RevisionError(f"versionen {from_id!r} finns inte")
    if content.version(new_id) is not None:
        raise RevisionError(f"id {new_id!r} används redan")
    folder = "reviews" if isinstance(source.model, AnnualReview) else "plans"
    target = content.root / folder / f"{new_id}.yaml"
    if target.exists():
        raise RevisionError(f"{display_path(target)} finns redan")
    text = revised_text(source.path.read_text(encoding="utf-8"), new_id, from_id)
    MODELS["review" if folder == "reviews" else "plan"].model_validate(read_yaml(text.encode("utf-8")).data)  # never write a file check refuses
    write_text(target, text)
    return target


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
    pattern = re.compile(rf"^{key}:.*$", re.MULTILINE)
    if pattern.search(text):
        return pattern.sub(f"{key}: {value}", text, count=1)
    anchor = re.compile(rf"^{after}:.*$", re.MULTILINE)
    return anchor.sub(lambda m: f"{m.group(0)}\n{key}: {value}", text, count=1)
