"""The diff in words: one Swedish line per change, as text, Markdown or JSON, and a summary."""

from __future__ import annotations

import json
from collections import Counter

from generators import formatting
from generators.changes.diff import Change
from generators.content.model import VersionBase
from generators.formatting import escape
from generators.templating import Phrases


def field_name(change: Change, phrases: Phrases) -> str:
    """The changed field in Swedish: 'text' -> 'lydelse'."""
    return phrases.raw("diff.fields").get(change.field, change.field)


def reworded_label(change: Change, phrases: Phrases) -> str:
    """'Omformulerad (lydelse):', before a redline."""
    return phrases("diff.reworded", field=field_name(change, phrases), text="")


def _only_in(change: Change, old: VersionBase, new: VersionBase) -> VersionBase:
    """The version an area 'bara-i-gammal' or 'bara-i-ny' is in."""
    return old if change.kind == "bara-i-gammal" else new


def describe(change: Change, old: VersionBase, new: VersionBase, phrases: Phrases) -> str:
    p = lambda key, **values: phrases(f"diff.{key}", **values)  # noqa: E731
    if change.kind == "tillagd":
        return p("added", text=change.new)
    if change.kind == "borttagen":
        return p("removed", text=change.old)
    label = change.extra.get("rubrik", change.id)
    field = field_name(change, phrases)
    if change.kind == "omformulerad":
        return p("reworded", field=field, text=f"{change.old} → {change.new}")
    if change.kind == "flyttad":
        return p("moved", text=change.id, old=change.old, new=change.new)
    if change.kind in ("bara-i-gammal", "bara-i-ny"):
        title = _only_in(change, old, new).title
        return p("only_in_old" if change.kind == "bara-i-gammal" else "only_in_new", title=title,
                 count=change.old if change.kind == "bara-i-gammal" else change.new)
    if change.field.startswith("belopp["):
        extra = change.extra
        percent = extra.get("forandring_procent")
        return p("amount", text=label, year=change.field[7:-1],
                 old=formatting.money(change.old, extra["enhet_gammal"]),
                 new=formatting.money(change.new, extra["enhet_ny"]),
                 change=formatting.change(extra["forandring_kr"]),
                 percent=None if percent is None else f"{percent:+.1f}".replace(".", ",").replace("-", formatting.MINUS))
    if change.field == "ar":
        return p("years", text=label, old=", ".join(map(str, change.old)), new=", ".join(map(str, change.new)))
    return p("changed", text=label, field=field, old=change.old, new=change.new)


def by_area(changes: list[Change]) -> dict[str, list[Change]]:
    grouped: dict[str, list[Change]] = {}
    for change in changes:
        grouped.setdefault(change.area, []).append(change)
    return grouped


def summary(changes: list[Change], old: VersionBase, new: VersionBase, phrases: Phrases) -> list[str]:
    """One line per area: 'Mål: 1 tillagd, 7 borttagna.'"""
    if not changes:
        return [phrases("diff.none")]
    lines = []
    for area, found in by_area(changes).items():
        name = phrases(f"diff.areas.{area}")
        only = next((c for c in found if c.kind in ("bara-i-gammal", "bara-i-ny")), None)
        if only:
            title = _only_in(only, old, new).title
            lines.append(phrases("diff.summary_only", area=name, title=title))
            continue
        counts = Counter(c.kind for c in found)
        words = []
        for kind, count in counts.items():
            singular, plural = phrases.raw(f"diff.counted.{kind}")
            words.append(f"{count} {singular if count == 1 else plural}")
        lines.append(phrases("diff.summary_counts", area=name, counts=", ".join(words)))
    return lines


def as_json(changes: list[Change], old: VersionBase, new: VersionBase) -> str:
    data = {"old": old.id, "new": new.id, "changes": [change.as_json() for change in changes]}
    return json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n"


def as_markdown(changes: list[Change], old: VersionBase, new: VersionBase, phrases: Phrases,
                heading_level: int = 1) -> str:
    hashes = "#" * heading_level
    lines = [f"{hashes} {escape(phrases('diff.title', old=old.title, new=new.title))}", ""]
    if not changes:
        return "\n".join(lines + [escape(phrases("diff.none")), ""])
    for area, found in by_area(changes).items():
        lines += [f"{hashes}# {escape(phrases(f'diff.areas.{area}'))}", ""]
        for change in found:
            lines.append(f"- {_markdown_line(change, old, new, phrases)}")
        lines.append("")
    return "\n".join(lines)


def _markdown_line(change: Change, old: VersionBase, new: VersionBase, phrases: Phrases) -> str:
    if not change.redline:
        return escape(describe(change, old, new, phrases))
    marked = []
    for op, words in change.redline:
        text = escape(words)
        marked.append(text if op == "=" else f"<del>{text}</del>" if op == "-" else f"<ins>{text}</ins>")
    return f"{escape(reworded_label(change, phrases))} {' '.join(marked)}"


MARKERS = {"=": ("", ""), "-": ("[-", "-]"), "+": ("{+", "+}")}


def as_rich(changes: list[Change], old: VersionBase, new: VersionBase, phrases: Phrases, markers: bool = False):
    """A rich renderable for the terminal: areas as headings, redlines in colour, or marked
    [-so-] and {+so+} where there is no colour (a file, a pipe)."""
    from rich.console import Group
    from rich.text import Text

    parts = [Text(phrases("diff.title", old=old.title, new=new.title), style="bold")]
    if not changes:
        return Group(*parts, Text(phrases("diff.none")))
    for area, found in by_area(changes).items():
        parts.append(Text(""))
        parts.append(Text(phrases(f"diff.areas.{area}"), style="bold underline"))
        for change in found:
            line = Text("  • ")
            if change.redline:
                line.append(reworded_label(change, phrases) + " ")
                for op, words in change.redline:
                    style = {"=": "", "-": "red strike", "+": "green"}[op]
                    before, after = MARKERS[op] if markers else ("", "")
                    line.append(f"{before}{words}{after} ", style=style)
            else:
                style = {"tillagd": "green", "borttagen": "red"}.get(change.kind, "")
                line.append(describe(change, old, new, phrases), style=style)
            parts.append(line)
    return Group(*parts)
