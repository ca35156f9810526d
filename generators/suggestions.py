"""The nearest existing names for one that does not exist: 'menade du …?' after every unknown id."""

from __future__ import annotations

import difflib


def nearest(name: str, known: list[str], count: int = 3) -> list[str]:
    return difflib.get_close_matches(name, known, n=count, cutoff=0.6)


def hint(name: str, known: list[str]) -> str:
    """'; menade du 'verksamhetsplan-2021'?', or '; det finns: a, b' when nothing is near."""
    close = nearest(name, known)
    if close:
        return f"; menade du {' eller '.join(repr(c) for c in close)}?"
    return f"; det finns: {', '.join(known)}" if known else "; det finns inga"


def unknown(what: str, name: str, known, where: str = "") -> str:
    """'versionen 'x' finns inte; menade du …?' ('målet 'x' finns inte i plan-2030; …' with where)."""
    return f"{what} {name!r} finns inte{' ' + where if where else ''}{hint(name, sorted(known))}"
