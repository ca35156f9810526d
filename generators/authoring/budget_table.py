"""Recognising a budget in an imported table: years across, income and costs down.

A table is a budget when its first row has a label and then only years, every other row has
a label and amounts (or repeats the years: the start of the next part), the parts are income
("Intäkter") and costs ("Kostnader"), and the unit is printed (in the corner cell or in the
caption above, "Belopp i tkr"). "Summa ..." closes a part, "Resultat" is the result. Anything
else stays a table: a budget is never guessed.
"""

from __future__ import annotations

import re

YEAR = re.compile(r"^(?:år\s+)?((?:19|20)\d\d)$", re.IGNORECASE)
UNIT = re.compile(r"\b(kr|tkr|kkr|mkr|mnkr)\b", re.IGNORECASE)
AMOUNT = re.compile(r"^([-−–]?)\s*(\d{1,3}(?:[ \u00a0\u202f]?\d{3})*|\d+)\s*(kr)?$")
MISSING = {"", "-", "–", "—"}
PARTS = (("intakter", re.compile(r"intäkt", re.IGNORECASE)), ("kostnader", re.compile(r"kostnad", re.IGNORECASE)))


def amount(text: str) -> int | None:
    """'8 000', '−3 600', '750 kr' -> the number; None if the cell is not an amount."""
    match = AMOUNT.match(text.strip())
    if not match:
        return None
    value = int(re.sub(r"\D", "", match.group(2)))
    return -value if match.group(1) else value


def budget(table: dict, caption: str, make_id) -> dict | None:
    """The budget block for a table block, or None if the table is not unmistakably one."""
    header, rows = table["rubriker"], table["rader"]
    if len(header) < 2 or not all(YEAR.match(cell.strip()) for cell in header[1:]):
        return None
    unit = UNIT.search(header[0]) or UNIT.search(caption) or _unit_in_cells(rows)
    if not unit:
        return None
    years = [int(YEAR.match(cell.strip()).group(1)) for cell in header[1:]]
    parts: list[tuple[str, dict]] = []
    result = None
    current = _part(header[0])
    for row in rows:
        label, cells = row[0].strip(), [cell.strip() for cell in row[1:]]
        if cells == header[1:]:
            if current is None:
                return None
            parts.append(current)
            current = _part(label)
            continue
        values = [amount(cell) if cell not in MISSING else None for cell in cells]
        if not label or any(v is None and c not in MISSING for v, c in zip(values, cells)) or current is None:
            return None
        amounts = {year: value for year, value in zip(years, values) if value is not None}
        if label.lower().startswith("resultat"):
            result = {"text": label, "belopp": amounts}
        elif label.lower().startswith("summa"):
            current[1]["summa"] = {"text": label, "belopp": amounts}
        elif any(value < 0 for value in amounts.values()):
            return None
        else:
            current[1]["rader"].append({"id": make_id(label), "text": label, "belopp": amounts,
                                        **({"delsumma": True} if label.lower().startswith("delsumma") else {})})
    if current is None:
        return None
    parts.append(current)
    keys = [key for key, _ in parts]
    if len(set(keys)) != len(keys) or not all(part["rader"] for _, part in parts):
        return None
    found: dict = {"id": make_id(f"budget {years[0]}"), "enhet": unit.group(1).lower(), "ar": years}
    if [cell.strip() for cell in header[1:]] != [str(year) for year in years]:
        found["kolumnrubriker"] = [cell.strip() for cell in header[1:]]
    found.update({key: part for key, part in parts})
    if result:
        found["resultat"] = result
    return found


def _unit_in_cells(rows: list[list[str]]):
    """'kr' when every amount is printed with it, as in '1 308 750 kr'."""
    cells = [cell.strip() for row in rows for cell in row[1:]
             if cell.strip() not in MISSING and not YEAR.match(cell.strip())]
    return UNIT.search("kr") if cells and all(cell.endswith(" kr") or cell.endswith("\u00a0kr") for cell in cells) else None


def _part(label: str) -> tuple[str, dict] | None:
    key = next((key for key, pattern in PARTS if pattern.search(label)), None)
    return (key, {"rubrik": label.strip(), "rader": []}) if key else None
