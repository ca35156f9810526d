"""Numbers as people type them into a Swedish spreadsheet or CSV file.

    whole('1 250')      -> 1250       spaces, non-breaking and thin spaces group thousands
    whole('3 140,0')    -> 3140       a decimal comma with nothing after it but zeros
    whole(' 41 ')       -> 41         a number stored as text in a cell
    whole('1 250,5')    -> NotANumber('har decimaler')
    whole('ca 300')     -> NotANumber('är inget ...')
"""

from __future__ import annotations

import re

GROUPING = re.compile(r"[\s\u00a0\u202f\u2009']")
NUMBER = re.compile(r"[+\-\u2212]?[0-9]+(?:[.,][0-9]+)?")  # 0-9 only: \d is any script's digits
DOTTED_THOUSANDS = re.compile(r"[+\-\u2212]?[0-9]{1,3}(?:\.[0-9]{3})+")


class NotANumber(ValueError):
    """Why a cell's text is not a whole number, in Swedish, without the cell (the caller has it)."""


def whole(value: object, what: str = "belopp") -> int | None:
    """A whole number from a cell or CSV field; None for an empty one."""
    if value is None or isinstance(value, bool):
        if isinstance(value, bool):
            raise NotANumber(f"{_shown(value)} är inget {what}")
        return None
    if isinstance(value, (int, float)):
        return _integral(float(value), _shown(value), what) if isinstance(value, float) else value
    text = str(value).strip()
    if not text:
        return None
    compact = GROUPING.sub("", text)
    if DOTTED_THOUSANDS.fullmatch(compact):  # 1.250.000 written with dots
        compact = compact.replace(".", "")
    if not NUMBER.fullmatch(compact):
        raise NotANumber(f"{_shown(text)} är inget {what}")
    number = float(compact.replace(",", ".").replace("\u2212", "-"))
    return _integral(number, _shown(text), what)


def _integral(number: float, shown: str, what: str) -> int:
    if number != int(number):
        raise NotANumber(f"{shown} har decimaler; ett {what} skrivs i hela tal (avrunda i kalkylarket)")
    return int(number)


def _shown(value: object) -> str:
    return "'" + str(value) + "'"
