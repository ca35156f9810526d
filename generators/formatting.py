"""Swedish presentation of numbers and dates (babel), shared by every output."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

from babel.dates import format_date
from babel.numbers import format_decimal

LOCALE = "sv_SE"
NBSP = "\u00a0"
MINUS = "\u2212"


def amount(value: int | None) -> str:
    """8000 -> '8 000' with a non-breaking space; negative with a real minus sign."""
    if value is None:
        return "–"
    return format_decimal(value, locale=LOCALE).replace("-", MINUS)


def year_span(first: int, last: int) -> str:
    """2021, 2021 -> '2021'; 2021, 2023 -> '2021–2023', with an en dash as Swedish writes a span."""
    return str(first) if first == last else f"{first}–{last}"


def money(value: int, unit: str) -> str:
    """1308750, 'kr' -> '1 308 750 kr', the unit kept as the source states it."""
    return f"{amount(value)}{NBSP}{unit}"


def percent(value: int) -> str:
    return f"{value}{NBSP}%"


def share_percent(value: Fraction) -> str:
    """A share as a Swedish percentage with one decimal: 1/3 -> '33,3 %'."""
    return f"{format_decimal(float(value) * 100, '#,##0.0', locale='sv_SE')}{NBSP}%"


def decimal(value: float, places: int = 1) -> str:
    """1.5 -> '1,5': a decimal comma, as Swedish writes it."""
    return f"{value:.{places}f}".replace(".", ",")


def prose_date(value: dt.date | str) -> str:
    """2006-08-15 (a date or its ISO text) -> '15 augusti 2006'."""
    if isinstance(value, str):
        value = dt.date.fromisoformat(value)
    return format_date(value, format="d MMMM y", locale=LOCALE)


def change(value: int) -> str:
    """A signed difference: '+450', '−3 600', '0'."""
    sign = "+" if value > 0 else ""
    return sign + amount(value)


def enumerate_sv(parts: list[str]) -> str:
    """['a', 'b', 'c'] -> 'a, b och c'."""
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " och " + parts[-1]


def signed_percent(value: float) -> str:
    """A signed share with one decimal: 5.0 -> '+5,0 %', -12.25 -> '−12,3 %'."""
    rounded = round(value, 1)
    text = format_decimal(abs(rounded), "#,##0.0", locale=LOCALE)
    sign = "+" if rounded > 0 else MINUS if rounded < 0 else ""
    return f"{sign}{text}{NBSP}%"


def sentence(text: str) -> str:
    """A whole sentence as the tool writes it: a capital first letter and a full stop at the end
    ('att förbundets …' quoted from a plan's sub-goal does not start the sentence in lower case)."""
    text = text.strip()
    if not text:
        return text
    text = text[0].upper() + text[1:]
    return text if text[-1] in ".!?" else text + "."
