"""A page's description for search engines and link previews, from its own Markdown: its
heading and its first paragraph of running text, as plain text of at most LONGEST characters."""

from __future__ import annotations

import html
import re

LONGEST = 160

_SKIPPED = re.compile(r"^(#|!!!|\?\?\?|<|\||\[.*\]\(.*\)\{|---|    )")
"""Headings, admonitions, HTML (tables, frames), download buttons, rules and indented blocks."""


def description(markdown: str) -> str:
    heading = re.search(r"^# (.+)$", markdown, re.M)
    title = _plain(heading.group(1)) if heading else ""
    text = next(filter(None, map(_text, re.split(r"\n\s*\n", markdown[heading.end():] if heading else markdown))), "")
    if title and title.lower() not in text.lower():
        text = f"{title}. {text}" if text else title
    return _shortened(text)


def _text(block: str) -> str:
    """A paragraph's text, a list's items one after another, or "" for anything else."""
    block = block.strip("\n")
    if not block.strip() or _SKIPPED.match(block) or "<del" in block or "<ins" in block:
        return ""
    lines = block.splitlines()
    if all(line.startswith("- ") or line.startswith("  ") for line in lines):
        return "; ".join(_plain(line[2:]) for line in lines if line.startswith("- "))
    return _plain(block)


def _plain(markdown: str) -> str:
    text = re.sub(r"<[^>]+>", "", markdown)                    # inline HTML: the text only
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)(\{[^}]*\})?", r"\1", text)  # links: their text
    text = re.sub(r"^> ?", "", text, flags=re.M)               # quotes
    text = re.sub(r"[*_`]", "", text)                          # emphasis and code
    text = re.sub(r"\\(.)", r"\1", text)                       # Markdown escapes
    return " ".join(html.unescape(text).split())


def _shortened(text: str) -> str:
    if len(text) <= LONGEST:
        return text
    cut = text[:LONGEST - 1].rsplit(" ", 1)[0].rstrip(",;:–- ")
    return cut if cut.endswith(".") else cut + "…"
