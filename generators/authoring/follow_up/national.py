"""The national follow-up's CSV export: participants per effort by women and men, as Swedish
Excel and Uppföljning Finsam (earlier SUS) write it: semicolons, decimal comma, UTF-8 with
or without BOM, or Windows-1252.

Columns (the header row names them; case, spaces and order do not matter):
    Insats            the effort's name as in the review (or its id)          required
    Kvinnor, Män      participants                                            required
    År                the year; every row must be the review's year           optional
    Totalt            checked against Kvinnor + Män                           optional
    Påbörjade, Avslutade, Till arbete, Till studier, Till annat stöd          optional
An effort name that matches none of the review's efforts is reported with the nearest names.
"""

from __future__ import annotations

import csv
import difflib
import io
from pathlib import Path

from generators.authoring.follow_up.commands import apply_reading, find_review
from generators.authoring.follow_up.layout import layout
from generators.authoring.follow_up.numbers import NotANumber, whole
from generators.authoring.follow_up.workbook import MAX_BYTES
from generators.content.loading import load_content
from generators.errors import StyrdokError, UsageError

COLUMNS = {"kvinnor": "kvinnor", "män": "man", "påbörjade": "paborjade", "avslutade": "avslutade",
           "till arbete": "till_arbete", "till studier": "till_studier", "till annat stöd": "till_annat_stod"}


def decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _norm(text: str) -> str:
    return " ".join(str(text).split()).casefold()


def parse(data: bytes) -> tuple[list[str], list[list[str]]]:
    text = decode(data)
    first = text.splitlines()[0] if text.strip() else ""
    delimiter = ";" if ";" in first else "\t" if "\t" in first else ","
    rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    return ([_norm(h) for h in rows[0]] if rows else []), rows[1:]


def read_national(root: Path, file: Path, wanted: str | None, overwrite: bool):
    data = file.read_bytes()
    if len(data) > MAX_BYTES:
        raise StyrdokError(f"{file} är {len(data) // 1_000_000} MB; en årsexport är några kB. Inget fördes in.")
    header, rows = parse(data)
    missing = [name for name in ("insats", "kvinnor", "män") if name not in header]
    if missing:
        raise StyrdokError(f"{file}: rubrikraden saknar {', '.join(missing)} (har: {'; '.join(header) or 'inget'}); "
                           f"se README om kolumnerna. Inget fördes in.")
    at = {name: header.index(name) for name in header}
    years = {row[at["år"]].strip() for row in rows if "år" in at and len(row) > at["år"] and row[at["år"]].strip()}
    content = load_content(root)
    year = int(next(iter(years))) if len(years) == 1 and next(iter(years)).isdigit() else None
    review = find_review(content, year, wanted)
    if review is None and year is not None and not wanted:
        raise UsageError(f"{file}: året {year} har ingen årlig översyn; börja den med styrdok new-review {year}")
    if review is None:
        raise UsageError(f"{file}: ange vilken översyn siffrorna hör till med --review ID"
                         + (f" ({wanted!r} finns inte)" if wanted else ""))
    shape = layout(review, content)
    names = {_norm(line.label): line.id for line in shape.effort_lines} | {line.id: line.id for line in shape.effort_lines}
    figures, problems = {}, []
    for number, row in enumerate(rows, start=2):
        if not any(cell.strip() for cell in row):
            continue  # an empty row
        where = f"rad {number}"
        cells = {name: (row[index].strip() if index < len(row) else "") for name, index in at.items()}
        if "år" in cells and cells["år"] and cells["år"] != str(review.year):
            problems.append(f"{where}: år {cells['år']}, men översynen {review.id} gäller {review.year}.")
            continue
        effort = names.get(_norm(cells["insats"]))
        if effort is None:
            near = difflib.get_close_matches(_norm(cells["insats"]), [_norm(line.label) for line in shape.effort_lines],
                                             n=3, cutoff=0.5)
            labels = {_norm(line.label): line.label for line in shape.effort_lines}
            hint = f"; närmast: {', '.join(labels[n] for n in near)}" if near else ""
            problems.append(f"{where}: insatsen {cells['insats']!r} finns inte bland översynens insatser{hint}.")
            continue
        values = {}
        for name, key in COLUMNS.items():
            if name in cells:
                try:
                    values[key] = whole(cells[name], "antal")
                except NotANumber as error:
                    problems.append(f"{where}, kolumn {name.capitalize()}: {error}.")
        if "totalt" in cells and cells["totalt"] and None not in (values.get("kvinnor"), values.get("man")):
            try:
                total = whole(cells["totalt"], "antal")
            except NotANumber as error:
                problems.append(f"{where}, kolumn Totalt: {error}.")
            else:
                if total != values["kvinnor"] + values["man"]:
                    problems.append(f"{where}: Totalt {total} är inte kvinnor + män "
                                    f"({values['kvinnor']} + {values['man']}).")
        figures.update({f"insats.{effort}.{key}": value for key, value in values.items() if value is not None})
    return apply_reading(content, review, shape, figures, problems, file, overwrite)
