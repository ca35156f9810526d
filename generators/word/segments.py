"""Text as the Word writers take it: segments of (op, text), op '=' plain, '+' inserted, '-'
deleted, so one writer serves a version's own file and its tracked changes."""

from __future__ import annotations

from generators.document import Row

Segments = tuple[tuple[str, str], ...]
TrackedRow = tuple[str, Row, tuple[Segments, ...]]
TocEntry = tuple[int, Segments, str, str, Segments]
"""A contents line: heading level, label, mark of the paragraph ('=', '+', '-'), bookmark name,
page number."""


def plain(text: str) -> Segments:
    return (("=", text),) if text else ()
