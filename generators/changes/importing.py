"""`styrdok import`: a plan drafted in Word -> a draft content file for a person to refine.

pandoc reads the document tree (headings, paragraphs, lists, tables); the heading numbers,
which Word keeps in its numbering part rather than in the text, are read with python-docx.
Everything before the first heading (a cover page, a table of contents) is left out.
"""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

import docx
import yaml
from docx.opc.exceptions import PackageNotFoundError

from generators.content.model import id_problem
from generators.errors import UsageError
from generators.word.reading import heading_numbers


class WordImportError(UsageError):
    """The Word file cannot be read."""


def import_docx(path: Path, new_id: str, kind: str = "verksamhetsplan") -> dict:
    import pypandoc

    problem = id_problem(new_id)
    if problem:
        raise WordImportError(problem)
    if not path.is_file():
        raise WordImportError(f"{path} finns inte eller är ingen fil")
    try:
        tree = json.loads(pypandoc.convert_file(str(path), "json", format="docx"))
        title = _clean(docx.Document(str(path)).core_properties.title or "") or path.stem
        numbers = heading_numbers(path)
    except (RuntimeError, OSError, ValueError, KeyError, zipfile.BadZipFile, PackageNotFoundError):
        # pandoc's and python-docx's own words are English and name their internals
        raise WordImportError(f"{path} kan inte läsas som Word-fil: den är skadad eller inte en .docx") from None
    years = [int(y) for y in re.findall(r"\b(?:19|20)[0-9][0-9]\b", title)]
    sections = _sections(tree["blocks"], numbers)
    data = {
        "id": new_id, "slag": kind, "titel": title,
        "startar": years[0] if years else 2000, "slutar": years[-1] if years else 2000,
        "status": "utkast", "avsnitt": sections or [{"rubrik": title}],
    }
    return data


def _clean(text: str) -> str:
    """Word allows characters a content file does not (control characters, a line break in
    the title property): keep the words, drop the rest."""
    return re.sub(r"[ ]+", " ", re.sub(r"[\x00-\x1f\x7f-\x9f]", " ", text)).strip()


def as_yaml(data: dict) -> str:
    header = "# Importerad från Word med styrdok import: granska, lägg till id och semantik.\n"
    return header + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)


def _sections(blocks: list, numbers: list[str | None]) -> list[dict]:
    root: list[dict] = []
    stack: list[tuple[int, dict]] = []
    heading_index = 0
    for block in blocks:
        kind, content = block["t"], block.get("c")
        if kind == "Header":
            level, _, inlines = content
            number = numbers[heading_index] if heading_index < len(numbers) else None
            heading_index += 1
            if not _inlines(inlines):  # an empty heading paragraph: not a section of its own
                continue
            section: dict = {"rubrik": _inlines(inlines)}
            if number:
                section = {"nummer": number, **section}
            while stack and stack[-1][0] >= level:
                stack.pop()
            (stack[-1][1].setdefault("avsnitt", []) if stack else root).append(section)
            stack.append((level, section))
        elif stack:
            converted = _block(kind, content)
            if converted:
                stack[-1][1].setdefault("innehall", []).append(converted)
    return root


def _block(kind: str, content) -> dict | None:
    if kind in ("Para", "Plain"):
        text = _inlines(content)
        return {"stycke": text} if text else None
    if kind in ("BulletList", "OrderedList"):
        items = content if kind == "BulletList" else content[1]
        texts = [" ".join(_inlines(b["c"]) for b in item if b["t"] in ("Para", "Plain")) for item in items]
        return {"punktlista" if kind == "BulletList" else "numrerad_lista": [t for t in texts if t]}
    if kind == "Table":
        return _table(content)
    return None


def _table(content) -> dict | None:
    _, _, _, head, bodies, _ = content
    rows = [_row(r) for r in head[1]]
    for body in bodies:
        rows += [_row(r) for r in body[2] + body[3]]
    if not rows:
        return None
    return {"tabell": {"rubriker": rows[0], "rader": rows[1:]}}


def _row(row) -> list[str]:
    cells = []
    for cell in row[1]:
        cells.append("\n".join(_inlines(b["c"]) for b in cell[4] if b["t"] in ("Para", "Plain")))
    return cells


def _inlines(inlines) -> str:
    parts: list[str] = []
    for inline in inlines:
        kind, content = inline["t"], inline.get("c")
        if kind == "Str":
            parts.append(content)
        elif kind in ("Space", "SoftBreak"):
            parts.append(" ")
        elif kind == "LineBreak":
            parts.append("\n")
        elif kind in ("Emph", "Strong", "Underline", "Strikeout", "SmallCaps", "Superscript", "Subscript"):
            parts.append(_inlines(content))
        elif kind in ("Span", "Link"):
            parts.append(_inlines(content[1]))
        elif kind == "Quoted":
            parts.append(f"”{_inlines(content[1])}”")
        elif kind == "MetaInlines":
            parts.append(_inlines(content))
    return _clean("".join(parts)) if "\n" not in "".join(parts) else "\n".join(
        _clean(line) for line in "".join(parts).split("\n"))
