"""One escaping function per target. Every string from the content or from an imported Word
file reaches an output through one of these, and shows there as the same visible text,
whatever it contains: markup stays text, a newline is a line break and never starts a list,
a rule, a heading or a table cell, `$` is a dollar sign and `{{ }}` two braces.

    text(s)        what every target can hold: characters XML forbids removed, line ends as \\n
    markdown(s)    inline Markdown for the site's pages: a Markdown instance, never markup
    html(s)        HTML text or an attribute value; with lines=True a newline becomes <br>
    nav_title(s)   a title in the generated mkdocs.yml (MkDocs Material prints it as HTML)
    url(s)         an address MkDocs prints unescaped into attributes (site_url)
    word(s)        text for a run in a Word document
    word_property(s)  a Word document property (title, author): one line, at most 255 characters
    chart(s)       a label matplotlib draws (math text is off in charts.py as well)
    typst(s)       Typst markup for the PDF files
    terminal(s)    a line printed to a terminal: control, escape and direction characters as \\uXXXX

The site's templates escape every value with `markdown` unless it is a Markdown instance
already (templating.markdown_environment), so a new field cannot be forgotten.
"""

from __future__ import annotations

import dataclasses
import html as _html
import re
from typing import Callable
from urllib.parse import quote

# XML 1.0 forbids most C0 controls, lone surrogates and U+FFFE/U+FFFF; the other controls
# (DEL, C1) have no visible form in any of our outputs.
_INVISIBLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_LINE_END = re.compile(r"\r\n?")
_TYPST = {**{code: " " for code in [*range(32), 0x2028, 0x2029]}, ord("\n"): "\n"}

# Every character Python-Markdown (with the tables extension) lets a backslash escape, except
# '.', '-', '(' and ')', which mean something only where handled below; '<', '>' and '&' are
# escaped as HTML.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]#+!|])")
# What starts a block at the start of a line: a list item ('- ', '1. ', '1) '), a rule or a
# setext underline ('---', '==='), an indented code block (leading spaces).
_BLOCK_START = re.compile(r"^(\d+)([.)])|^([-=])")


class Markdown(str):
    """Text that is Markdown already: escaped content, or markup styrdok itself wrote."""


def text(value: object) -> str:
    """The text without characters no target can hold; \\r\\n and \\r as \\n."""
    return _INVISIBLE.sub("", _LINE_END.sub("\n", str(value)))


def markdown(value: object) -> Markdown:
    """The text as inline Markdown that renders to exactly that text. It stays on one line
    (a newline becomes <br>), so whatever follows a newline starts no block."""
    if isinstance(value, Markdown):
        return value
    escaped = _html.escape(text(value), quote=False)
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", escaped)
    lines = [line.strip() for line in escaped.split("\n")]  # edge spaces would end **bold** early
    return Markdown("<br>".join(_BLOCK_START.sub(_escape_block_start, line) for line in lines))


def _escape_block_start(match: re.Match) -> str:
    if match.group(1) is not None:
        return f"{match.group(1)}\\{match.group(2)}"
    return "\\-" if match.group(3) == "-" else "&#61;"


def html(value: object, lines: bool = False) -> str:
    """HTML text, safe in an element and in a quoted attribute."""
    escaped = _html.escape(text(value), quote=True)
    return escaped.replace("\n", "<br>") if lines else escaped


def nav_title(value: object) -> str:
    """A page title in mkdocs.yml's nav. MkDocs and Material treat a title as HTML (the menu
    prints it as it is), so it is HTML-escaped; a menu entry is one line. The page's <title>
    unescapes it again and is escaped in site/overrides/main.html."""
    return html(" ".join(text(value).split("\n")))


_TERMINAL = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def terminal(value: object, keep: str = "") -> str:
    """Text for the terminal with every character that could move the cursor, change colours or
    reorder the line (C0 and C1 controls, ESC, bidi marks, overrides and isolates) written as
    \\uXXXX, and a byte that is not UTF-8 (a lone surrogate from the command line) as \\xFF, so a
    file name or a title shows what it holds instead of acting on the terminal. In JSON output
    (keep="\\n") the same notation is the string's own escape, so the data is unchanged."""
    def shown(match: re.Match) -> str:
        character = match.group(0)
        if character in keep:
            return character
        if "\udc80" <= character <= "\udcff":
            return f"\\x{ord(character) - 0xDC00:02X}"
        return f"\\u{ord(character):04x}"
    return _TERMINAL.sub(shown, str(value))


def url(value: object) -> str:
    """An address with every character that could end an attribute or start a tag percent-
    encoded; the address itself is unchanged where it was a valid URL."""
    return quote(text(value), safe="/:?#[]@!$&()*+,;=%~-._")


def typst(value: object) -> str:
    """Plain text as Typst markup showing exactly this text: a string literal (#"…", where only
    a backslash and a quote need escaping and nothing is markup), one text node however long;
    a line break in the text becomes a forced line break, other control characters spaces.
    (Markup with every punctuation mark escaped was as safe, but each escape is a node of its
    own, and Typst took the square of their number to set a long paragraph.)"""
    lines = text(value).translate(_TYPST).split("\n")
    return "#linebreak()".join('#"' + line.replace("\\", "\\\\").replace('"', '\\"') + '"' for line in lines)


def each_string(value, escape: Callable[[str], str]):
    """value with escape applied to every string in it: in dataclasses (a document tree, a
    cover), tuples, lists and dict values. A stage applies its target's function at its entry
    this way, so a field added to the tree later is escaped too."""
    if isinstance(value, str):
        return escape(value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changed = {f.name: each_string(getattr(value, f.name), escape) for f in dataclasses.fields(value) if f.init}
        return dataclasses.replace(value, **changed)
    if isinstance(value, (list, tuple)):
        return type(value)(each_string(item, escape) for item in value)
    if isinstance(value, dict):
        return {key: each_string(item, escape) for key, item in value.items()}
    return value


def word(value: object) -> str:
    """Text for a Word run: python-docx refuses characters XML forbids."""
    return text(value)


def word_property(value: object) -> str:
    """A document property as Word (and python-docx) allows it: at most 255 characters, so a
    longer title is cut with an ellipsis there; the cover shows it whole."""
    line = " ".join(text(value).split("\n"))
    return line if len(line) <= 255 else line[:254] + "…"


def chart(value: object) -> str:
    """A label for matplotlib. Math text is switched off where the figure is made (charts.py),
    so '$5 och $10' is drawn as written; this removes what SVG cannot hold, and a tab, which the
    chart's font has no glyph for, is a space."""
    return text(value).replace("\t", " ")
