"""Putting read figures into the review file, keeping every other line byte for byte.

A figure is written where the review has none, where it still says what the last read put
there, or with `overwrite`; a figure edited by hand since the last read is kept and reported.
The review's `inlast` block records what was read, so reading the same file twice changes
nothing and a later read knows what was typed by hand.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from generators.authoring.editing import Edits, scalar
from generators.authoring.follow_up.layout import Layout
from generators.content.model import AnnualReview


@dataclass
class Applied:
    text: str
    written: list[str] = field(default_factory=list)
    values: dict[str, object] = field(default_factory=dict)
    """What was written, by key: figures (int) and measures (text)."""
    """Keys whose figure changed."""
    kept: list[tuple[str, object, object]] = field(default_factory=list)
    """(key, the review's figure, the file's figure) where the review's was edited by hand."""


def current_values(layout: Layout) -> dict[str, object]:
    values = {f"budget.{line.id}": line.values.get("utfall") for line in layout.budget_lines}
    for prefix, lines in (("mal", layout.goal_lines), ("insats", layout.effort_lines)):
        values.update({f"{prefix}.{line.id}.{key}": value for line in lines for key, value in line.values.items()})
    return values


def apply_figures(text: str, layout: Layout, figures: dict[str, object], source: str,
                  overwrite: bool = False) -> Applied:
    review = layout.review
    now = current_values(layout)
    last = dict(review.last_read.values) if review.last_read else {}
    applied = Applied(text)
    record = dict(last)
    changes: dict[str, object] = {}
    for key, value in figures.items():
        current = now.get(key)
        if current == value:
            record[key] = value
        elif current is None or current == last.get(key) or overwrite:
            changes[key] = value
            record[key] = value
        else:
            applied.kept.append((key, current, value))
    applied.written = sorted(changes)
    applied.values = changes
    text = _write(text, review, changes, layout)
    if record != last or (review.last_read and review.last_read.file != source and changes):
        text = _record(text, source, record)
    applied.text = text
    return applied


def _write(text: str, review: AnnualReview, changes: dict[str, object], layout: Layout) -> str:
    """Values into existing places first; then new goal entries, in a second pass."""
    if review.budget_follow_up is None and any(key.startswith("budget.") for key in changes):
        text = _budget_block(text, layout)
    edits = Edits(text)
    new_goals: dict[str, list[tuple[str, str]]] = {}
    for key, value in changes.items():
        section, rest = key.split(".", 1)
        if section == "budget":
            path = ("budgetuppfoljning", "utfall")
            _set(edits, path, rest, scalar(value))
            continue
        item, column = rest.rsplit(".", 1)
        index = _index(review, section, item)
        sequence = "maluppfoljning" if section == "mal" else "insatser"
        if index is None:
            goal = item.split("#")[0]
            new_goals.setdefault(item, [("mal", goal)]).append((column, scalar(value)))
            continue
        _set(edits, (sequence, index), column, scalar(value))
    text = edits.apply()
    if new_goals:
        edits = Edits(text)
        if not edits.has(("maluppfoljning",)):
            raise ValueError("översynen saknar maluppfoljning")
        for pairs in new_goals.values():
            edits.append_item(("maluppfoljning",), pairs)
        text = edits.apply()
    return text


def _budget_block(text: str, layout: Layout) -> str:
    """`budgetuppfoljning` for a review that had none, before `medlemsuppfoljningar` (or last)."""
    edits = Edits(text)
    keys = [key.value for key, _ in edits.root.value]
    lines = [f"  plan: {layout.budget_plan}", f"  ar: {layout.year}", "  utfall: {}"]
    before = [key for key in keys if key not in ("medlemsuppfoljningar", "inlast")]
    edits.put_block("budgetuppfoljning", lines, after=before[-1])
    return edits.apply()


def _set(edits: Edits, mapping: tuple, key: str, text: str) -> None:
    if edits.has(mapping + (key,)):
        edits.fill(mapping + (key,), text)
    else:
        edits.add_key(mapping, key, text)


def _index(review: AnnualReview, section: str, item: str) -> int | None:
    if section == "insats":
        return next((i for i, e in enumerate(review.efforts) if e.id == item), None)
    goal, _, occurrence = item.partition("#")
    wanted, seen = int(occurrence or 1), 0
    for index, follow_up in enumerate(review.goal_follow_ups):
        if follow_up.goal == goal:
            seen += 1
            if seen == wanted:
                return index
    return None


def _record(text: str, source: str, record: dict[str, object]) -> str:
    edits = Edits(text)
    lines = [f"  fil: {scalar(source)}", "  varden:"]
    lines += [f"    {scalar(key)}: {scalar(value)}" for key, value in sorted(record.items())]
    last_key = edits.root.value[-1][0].value
    if edits.has(("inlast",)):
        edits.put_block("inlast", lines, after=last_key)
        return edits.apply()
    text = text if text.endswith("\n") else text + "\n"
    comment = "# Vad styrdok follow-up read senast förde in: en siffra som ändrats för hand sedan dess skrivs inte över."
    return text + "\n".join([comment, "inlast:", *lines]) + "\n"
