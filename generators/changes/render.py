"""A `Report` printed: plain text (struck words [-so-], new words {+so+}), Markdown for the
site (<del>, <ins>), JSON, and rich text for the terminal. Each is a thin walk over the same
report, so they cannot say different things."""

from __future__ import annotations

import json
from generators.changes.report import Entry, Report, Segments, plain
from generators.escaping import Markdown
from generators.escaping import markdown as escape

MARKERS = {"=": ("", ""), "-": ("[-", "-]"), "+": ("{+", "+}")}


def _joined(segments: Segments, mark) -> str:
    return " ".join(mark(op, text) for op, text in segments if text)


def _marked(op: str, text: str) -> str:
    before, after = MARKERS[op]
    return f"{before}{text}{after}"


def _rows(report: Report):
    """(prefix, segments, style) for every printed line, shared by plain text and the terminal."""
    yield "", plain(report.title), "bold"
    yield "", (), ""
    yield "", plain(report.summary_heading), "bold underline"
    for line in report.summary:
        yield "  • ", plain(line), ""
    for group in report.groups:
        yield "", (), ""
        yield "", plain(group.heading), "bold underline"
        for entry in group.entries:
            for prefix, line in _entry_rows(entry):
                yield prefix, line, ""


def _entry_rows(entry: Entry):
    if entry.style == "bullet":
        return [("    • ", line) for line in entry.lines]
    if entry.style == "paragraph":
        return [("    ", line) for line in entry.lines]
    if len(entry.lines) == 1:
        return [(f"  {entry.label}: ", entry.lines[0])]
    return [(f"  {entry.label}:", ())] + [("    – ", line) for line in entry.lines]


def as_text(report: Report) -> str:
    return "\n".join(prefix + _joined(line, _marked) for prefix, line, _ in _rows(report)) + "\n"


def _md_marked(op: str, text: str) -> str:
    """A struck or added passage says so in words too, for a screen reader, which reads <del>
    and <ins> as plain text (hidden on the site, where colour and line show it; left out of the
    search index, whose previews would show it)."""
    text = escape(text)
    if op == "=":
        return text
    tag, word = ("del", "Struket") if op == "-" else ("ins", "Tillagt")
    return f'<{tag}><span class="visuellt-dold" data-search-exclude>{word}: </span>{text}</{tag}>'


def as_markdown(report: Report, heading_level: int = 1) -> Markdown:
    hashes = "#" * heading_level
    out = [f"{hashes} {escape(report.title)}", ""]
    out += [f"{hashes}# {escape(report.summary_heading)}", ""]
    out += [f"- {escape(line)}" for line in report.summary] + [""]
    for group in report.groups:
        out += [f"{hashes}# {escape(group.heading)}", ""]
        body = [line for entry in group.entries for line in _md_entry(entry) + [""]]
        if group.status in WHOLE and body:
            # A struck or new section's own text set apart, so that struck text is never read as
            # text in force (the heading says which it is; the frame shows where it ends).
            body = [f'<div class="andring-{WHOLE[group.status]}" markdown>', ""] + body + ["</div>", ""]
        out += body
    return Markdown("\n".join(out))


WHOLE = {"removed": "struken", "added": "ny"}
"""The CSS class of a section only one version has, by the group's status."""


def _md_entry(entry: Entry) -> list[str]:
    lines = [_joined(line, _md_marked) for line in entry.lines]
    if entry.style == "bullet":
        return [f"- {line}" for line in lines]
    if entry.style == "paragraph":
        return lines
    label = f"**{escape(entry.label)}:**"
    if len(lines) == 1:
        return [f"{label} {lines[0]}"]
    return [label, ""] + [f"- {line}" for line in lines]


def as_json(report: Report) -> str:
    data = {
        "old": report.old.id, "new": report.new.id, "title": report.title,
        "summary_heading": report.summary_heading, "summary": list(report.summary),
        "groups": [{"heading": g.heading, "status": g.status, "old_place": g.old_place, "new_place": g.new_place,
                    "entries": [{"label": e.label, "kind": e.kind, "what": e.what, "id": e.id, "style": e.style,
                                 "lines": [[list(segment) for segment in line] for line in e.lines],
                                 "text": [_joined(line, _marked) for line in e.lines]}
                                for e in g.entries]}
                   for g in report.groups],
    }
    return json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n"


STYLES = {"=": "", "-": "red strike", "+": "green"}


def as_rich(report: Report):
    """For the terminal: the lines of as_text, struck words red and new words green."""
    from rich.console import Group
    from rich.text import Text

    parts = []
    for prefix, line, style in _rows(report):
        text = Text(prefix, style=style)
        for index, (op, words) in enumerate(line):
            text.append((" " if index else "") + words, style=STYLES[op] or style)
        parts.append(text)
    return Group(*parts)
