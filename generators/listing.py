"""`styrdok list`: every version with its status, where it stands on the day (generators.validity,
worded as on the covers and the site) and the board's decision, as text columns or JSON."""

from __future__ import annotations

import datetime as dt
import json

from generators import formatting
from generators.content.loading import Content
from generators.escaping import terminal
from generators.cover import standings
from generators.templating import phrases


def rows(content: Content, day: dt.date) -> list[dict]:
    words = phrases()
    standing = standings([v.model for v in content.versions], words, day)
    return [{"id": v.model.id, "kind": v.model.kind, "title": v.model.title, "start_year": v.model.start_year,
             "end_year": v.model.end_year, "period": v.model.period, "status": v.model.status,
             "validity": standing[v.model.id].state, "standing": standing[v.model.id].label(words),
             "decision": standing[v.model.id].decision, "path": v.display, "day": day.isoformat()}
            for v in content.versions]


def as_json(listed: list[dict]) -> str:
    return terminal(json.dumps(listed, ensure_ascii=False, indent=2), keep="\n")


def as_text(listed: list[dict], day: dt.date) -> str:
    lines = [("id", "period", "status", "läge", "beslut", "fil")]
    lines += [tuple(terminal(cell) for cell in (row["id"], row["period"], row["status"], row["standing"],
                                                row["decision"] or "–", row["path"])) for row in listed]
    widths = [max(len(line[i]) for line in lines) for i in range(len(lines[0]))]
    table = ["  ".join(cell.ljust(width) for cell, width in zip(line, widths)).rstrip() for line in lines]
    return "\n".join([f"Läget den {formatting.prose_date(day)}:", *table])
