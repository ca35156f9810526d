"""Download buttons for each document, as Word and (where the build makes one) as PDF, with
the file's size.

The pages are written before the Word and PDF files exist (MkDocs runs while they render), so
a button carries a marker that fill_sizes replaces with the size once the files are there.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from generators import output_paths
from generators.escaping import Markdown

FOLDER = output_paths.DOWNLOADS
FORMATS = ((output_paths.word, "Word-fil"), (output_paths.pdf, "PDF"))
"""Each format's name for a document (from the one place outputs are named) and its label."""
_MARK = re.compile(r"%%storlek:([\w.-]+)%%")


def buttons(name: str, outputs: set[str], depth: int, what: str = "") -> str:
    """Markdown buttons for every format the build makes of `name` (e.g. 'verksamhetsplan-2021')."""
    lines = []
    for named, label in FORMATS:
        output = named(name)
        if output in outputs:
            file, suffix = Path(output).name, Path(output).suffix
            target = f"{'../' * depth}{output_paths.download(output)}"
            lines.append(f"[Ladda ned {what}som {label} ({suffix}, %%storlek:{file}%%)]({target})"
                         "{ .md-button }")
    return Markdown(" ".join(lines))


def size_text(size: int) -> str:
    """38 412 -> '38 kB', 1 234 567 -> '1,2 MB' (Swedish decimal comma; a no-break space, so
    that a button's label never ends a line between the figure and its unit)."""
    if size >= 1_000_000:
        return f"{size / 1_000_000:.1f}\u00a0MB".replace(".", ",")
    return f"{max(1, round(size / 1000))}\u00a0kB"


def fill_sizes(root: Path, downloads: Path) -> None:
    """Put each file's size in place of its marker in the pages under root (Markdown, HTML and
    the search index). Files are replaced, never changed in place: they may be hard links."""
    sizes = {path.name: size_text(path.stat().st_size) for path in downloads.glob("*") if path.is_file()}
    for path in root.rglob("*"):
        if path.suffix not in (".md", ".html", ".json") or not path.is_file():
            continue
        text = path.read_text(encoding="utf-8")
        if "%%storlek:" not in text:
            continue
        filled = _MARK.sub(lambda match: sizes.get(match.group(1), "storlek okänd"), text)
        temporary = path.with_name(path.name + ".tmp")
        temporary.write_text(filled, encoding="utf-8")
        os.replace(temporary, path)
