"""Reading a filled follow-up template back: figures by key, and every problem as a Swedish
message naming the sheet and the cell ("Blad Budget, cell D7: 'ca 300' är inget belopp").

Sheets are found by the marker in their hidden cell A1 (so a renamed sheet is still found),
columns by their headers and rows by the id in hidden column A (so sorted or moved rows are
read as what they are). Empty rows are skipped; an empty cell leaves the review's figure as it is.
"""

from __future__ import annotations

import io
import warnings
import zipfile
from dataclasses import dataclass, field

from generators.authoring.follow_up.layout import EFFORT_COLUMNS, GOAL_COLUMNS, Layout
from generators.authoring.follow_up.numbers import NotANumber, whole
from generators.authoring.follow_up.template import MARKERS, TITLES
from generators.content.review_checks import scale_problem


@dataclass
class Reading:
    figures: dict[str, int | str] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)


def workbook_meta(data: bytes) -> tuple[int | None, str | None]:
    """The year and review id the template was made for, from its keywords."""
    book = _open(data, values=True)
    words = (book.properties.keywords or "").split()
    if len(words) == 4 and words[:2] == ["styrdok", "uppföljning"] and words[2].isdigit():
        return int(words[2]), words[3]
    return None, None


MAX_BYTES = 20_000_000
MAX_ROWS = 20_000
"""A year's template has some dozens of rows; far more is not a filled template."""


def _open(data: bytes, values: bool):
    from openpyxl import load_workbook
    if len(data) > MAX_BYTES:
        raise NotAWorkbook(f"filen är {len(data) // 1_000_000} MB; en ifylld mall är några kB")
    try:
        with warnings.catch_warnings():  # openpyxl's English notes on Excel extensions it drops
            warnings.simplefilter("ignore")
            return load_workbook(io.BytesIO(data), data_only=values)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError):
        raise NotAWorkbook("den går inte att öppna som en arbetsbok") from None


class NotAWorkbook(ValueError):
    pass


def read_workbook(data: bytes, layout: Layout) -> Reading:
    values, formulas = _open(data, values=True), _open(data, values=False)
    reading = Reading()
    for kind in ("budget", "insatser", "mal"):
        sheet = _sheet(values, kind)
        if sheet is None:
            if kind == "budget" and not layout.budget_lines or kind == "insatser" and not layout.effort_lines:
                continue
            reading.problems.append(f"Bladet {TITLES[kind]} saknas: inget blad har styrdoks markering "
                                    f"'{MARKERS[kind]}' i den dolda cellen A1.")
            continue
        _read_sheet(sheet, formulas[sheet.title], kind, layout, reading)
    return reading


def _sheet(book, kind: str):
    marked = [s for s in book.worksheets if s["A1"].value == MARKERS[kind]]
    return marked[0] if marked else next((s for s in book.worksheets if s.title == TITLES[kind]), None)


def _columns(sheet, kind: str, unit: str) -> dict[str, int]:
    """Figure key -> sheet column, found by the header's text."""
    headers = {str(cell.value).strip().casefold(): cell.column for cell in sheet[1] if cell.value is not None}
    if kind == "budget":
        wanted = {"utfall": f"utfall ({unit})"}
    else:
        wanted = {c.key: c.header.casefold() for c in (GOAL_COLUMNS if kind == "mal" else EFFORT_COLUMNS)}
    return {key: headers[header] for key, header in wanted.items() if header in headers}


def _read_sheet(sheet, formulas, kind: str, layout: Layout, reading: Reading) -> None:
    name = f"Blad {sheet.title}"
    columns = _columns(sheet, kind, layout.unit)
    lines = {line.id: line for line in {"budget": layout.budget_lines, "mal": layout.goal_lines,
                                        "insatser": layout.effort_lines}[kind]}
    if not columns:
        reading.problems.append(f"{name}: rubrikerna på rad 1 saknas eller är ändrade; hämta en ny mall.")
        return
    if sheet.max_row > MAX_ROWS:
        reading.problems.append(f"{name}: bladet har {sheet.max_row} rader; en mall har en rad per budgetrad, "
                                f"insats eller mål. Hämta en ny mall.")
        return
    kinds = {c.key: c.kind for c in (*GOAL_COLUMNS, *EFFORT_COLUMNS)} | {"utfall": "amount"}
    seen: dict[str, int] = {}
    for row in range(2, sheet.max_row + 1):
        row_id = sheet.cell(row, 1).value
        cells = {key: sheet.cell(row, column) for key, column in columns.items()}
        filled = any(cell.value not in (None, "") for cell in cells.values())
        if row_id is None or str(row_id).strip() == "":
            if filled:
                reading.problems.append(f"{name}, rad {row}: raden har inget id i den dolda kolumnen A; en ny rad "
                                        f"läses inte (lägg först till den i översynen och hämta en ny mall).")
            continue
        row_id = str(row_id).strip()
        if row_id.startswith("#"):
            continue  # totals and result: formulas
        if row_id not in lines:
            reading.problems.append(f"{name}, rad {row}: id {row_id!r} finns inte i översynen {layout.review.id}.")
            continue
        if row_id in seen:
            reading.problems.append(f"{name}, rad {row}: samma rad som rad {seen[row_id]} (id {row_id!r}).")
            continue
        seen[row_id] = row
        for key, cell in cells.items():
            value = _value(cell, formulas.cell(row, cell.column), kinds[key], name, reading)
            if value is None:
                continue
            if kind == "budget":
                _check_scale(value, lines[row_id], layout, f"{name}, cell {cell.coordinate}", reading)
                reading.figures[f"budget.{row_id}"] = value
            else:
                reading.figures[f"{'mal' if kind == 'mal' else 'insats'}.{row_id}.{key}"] = value


def _value(cell, formula_cell, kind: str, name: str, reading: Reading):
    where = f"{name}, cell {cell.coordinate}"
    if cell.value is None and isinstance(formula_cell.value, str) and formula_cell.value.startswith("="):
        reading.problems.append(f"{where}: formeln {formula_cell.value} har inget sparat värde; öppna filen i "
                                f"Excel eller LibreOffice och spara den, eller skriv talet.")
        return None
    if kind == "text":
        text = "" if cell.value is None else str(cell.value).strip()
        return text or None
    try:
        value = whole(cell.value, "antal" if kind == "count" else "belopp")
    except NotANumber as error:
        reading.problems.append(f"{where}: {error}.")
        return None
    if value is not None and kind == "count" and value < 0:
        reading.problems.append(f"{where}: {value} är inget antal personer (mindre än 0).")
        return None
    return value


def _check_scale(value: int, line, layout: Layout, where: str, reading: Reading) -> None:
    largest = max((other.budget or 0 for other in layout.budget_lines), default=0)
    problem = scale_problem(value, line.budget, largest, layout.unit)
    if problem:
        reading.problems.append(f"{where}: {line.label}: {problem}.")
