"""Points in time: which version is in force on a day, which is adopted but not yet in force,
which is replaced and from when, and whose period has ended with nothing after it.

    today()                       the day the outputs describe: STYRDOK_IDAG (ÅÅÅÅ-MM-DD) or the calendar's
    validity(versions, day)       id -> Validity, the one answer every output words
    steady(versions, day)         the span of days with the same answers as `day`: a build's lifetime
    chain_problems(versions)      decisions that cannot be: before the decision of the version
                                  replaced, or after the version's own period has ended

A version takes effect on the later of its decision day and the first day of its period (a
plan adopted on 10 December 2026 for 2027 is in force from 1 January 2027; without a decision
date in the source, from the first day of its period). It is replaced from the day its
successor takes effect, and until then stays in force; a period that has ended with no
successor in force is said to have ended. The successor is the adopted plan that names it in
`ersatter` (the first of them to take effect), or else the next adopted plan of the same kind. An annual
review is the record of its year and is never replaced.
"""

from __future__ import annotations

import bisect
import datetime as dt
import os
from dataclasses import dataclass
from typing import Literal

from generators.content.model import VersionBase
from generators.errors import UsageError

State = Literal["gäller", "kommande", "ersatt", "utgången", "utkast"]
TODAY = "STYRDOK_IDAG"


@dataclass(frozen=True)
class Validity:
    state: State
    """gäller (in force), kommande (adopted, in force from `takes_effect`), ersatt (since
    `replaced_from`), utgången (its period ended with no successor in force), utkast."""
    takes_effect: dt.date | None = None
    successor: VersionBase | None = None
    """The adopted version that replaces it, in force already or from `replaced_from`."""
    replaced_from: dt.date | None = None


def today() -> dt.date:
    text = os.environ.get(TODAY, "").strip()
    if not text:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise UsageError(f"{TODAY}={text!r} är ingen dag: skriv ÅÅÅÅ-MM-DD, t.ex. 2027-01-01, "
                         f"eller ta bort variabeln") from None


def decided(version: VersionBase) -> dt.date | None:
    """The decision day the source gives, if any."""
    if version.status != "antagen" or not version.adopted or not version.adopted.date:
        return None
    return _as_date(version.adopted.date)


def takes_effect(version: VersionBase) -> dt.date | None:
    if version.status != "antagen":
        return None
    start = dt.date(version.start_year, 1, 1)
    day = decided(version)
    return max(day, start) if day else start


def period_end(version: VersionBase) -> dt.date:
    return dt.date(version.end_year, 12, 31)


def successors(versions: list[VersionBase]) -> dict[str, VersionBase]:
    """id -> the adopted version that replaces it; n log n: a successor of the same kind is
    found by bisection, one that names the version in its own short list."""
    adopted = sorted((v for v in versions if v.status == "antagen" and replaceable(v)), key=_order)
    naming: dict[str, list[VersionBase]] = {}
    kinds: dict[str, tuple[list[tuple], list[VersionBase]]] = {}
    for version in adopted:
        if version.replaces:
            naming.setdefault(version.replaces, []).append(version)
        orders, of_kind = kinds.setdefault(version.kind, ([], []))
        orders.append(_order(version))
        of_kind.append(version)
    result = {}
    for version in adopted:
        order = _order(version)
        orders, of_kind = kinds[version.kind]
        index = bisect.bisect_right(orders, order)
        successor = _successor(version, [v for v in naming.get(version.id, ()) if _order(v) > order],
                               of_kind[index] if index < len(of_kind) else None)
        if successor is not None:
            result[version.id] = successor
    return result


def _successor(version: VersionBase, naming: list[VersionBase], next_of_kind: VersionBase | None):
    # Of several that name it, the first to take effect: a 2021 plan replaced by the 2022–2026
    # plan stays replaced from 2022 when a 2027 plan is rolled forward from it.
    if naming:
        return min(naming, key=lambda v: (takes_effect(v), v.kind != version.kind, _order(v)))
    return next_of_kind


def validity(versions: list[VersionBase], day: dt.date) -> dict[str, Validity]:
    following = successors(versions)
    return {version.id: _state(version, following.get(version.id), day) for version in versions}


def validity_of(version: VersionBase, versions: list[VersionBase], day: dt.date) -> Validity:
    """One version's answer in one pass over the versions (a cover's: every cover asking for
    every version's would cost the square)."""
    if version.status != "antagen" or not replaceable(version):
        return _state(version, None, day)
    order = _order(version)
    later = [v for v in versions if v.status == "antagen" and replaceable(v) and _order(v) > order]
    same_kind = [v for v in later if v.kind == version.kind]
    return _state(version, _successor(version, [v for v in later if v.replaces == version.id],
                                      min(same_kind, key=_order) if same_kind else None), day)


def _state(version: VersionBase, successor: VersionBase | None, day: dt.date) -> Validity:
    if version.status != "antagen":
        return Validity("utkast")
    start = takes_effect(version)
    until = takes_effect(successor) if successor else None
    if not replaceable(version):
        state = "gäller"
    elif day < start:
        state = "kommande"
    elif until is not None and day >= until:
        state = "ersatt"
    elif day > period_end(version):
        state = "utgången"
    else:
        state = "gäller"
    return Validity(state, start, successor, until)


def steady(versions: list[VersionBase], day: dt.date) -> tuple[str, str]:
    """The days around `day` on which validity() answers as on `day`: (first, first day after),
    ISO dates, '' where unbounded. A build is current as long as its day is within them."""
    boundaries = {takes_effect(v) for v in versions if v.status == "antagen"}
    boundaries |= {period_end(v) + dt.timedelta(days=1) for v in versions if v.status == "antagen"}
    first = max((b for b in boundaries if b <= day), default=None)
    after = min((b for b in boundaries if b > day), default=None)
    return (first.isoformat() if first else "", after.isoformat() if after else "")


def within(span: tuple[str, str] | list[str] | None, day: dt.date) -> bool:
    """Whether `day` lies in a span steady() gave (a span from an older manifest may be missing)."""
    if not span or len(span) != 2:
        return False
    first, after = span
    return (not first or first <= day.isoformat()) and (not after or day.isoformat() < after)


def chain_problems(versions: list[VersionBase]) -> list[tuple[VersionBase, str]]:
    """(version, Swedish message) for every decision date that cannot be right."""
    from generators import formatting

    following = successors(versions)
    by_id = {version.id: version for version in versions}
    replaced: dict[str, dict[str, VersionBase]] = {version.id: {} for version in versions}
    for version in versions:  # what each version replaces: its successor's and its own word for it
        successor = following.get(version.id)
        if successor is not None and successor.id in replaced:
            replaced[successor.id][version.id] = version
        if version.replaces in by_id:
            replaced[version.id][version.replaces] = by_id[version.replaces]
    first_successor: dict[tuple, VersionBase] = {}  # the earliest adopted one of each kind replacing an id
    for version in sorted((v for v in versions if v.replaces and decided(v)), key=_order):
        first_successor.setdefault((version.replaces, version.kind), version)
    problems = []
    for version in versions:
        day = decided(version)
        if day is None:
            continue
        if replaceable(version) and day > period_end(version):  # a review is adopted after its year
            problems.append((version, f"beslutsdatumet {day.isoformat()} ligger efter periodens slut "
                                      f"({formatting.prose_date(period_end(version))}): en plan antas före "
                                      f"eller under sin period"))
        first = first_successor.get((version.replaces, version.kind))
        if first is not None and first is not version:
            problems.append((version, f"{first.id} är också antagen och ersätter {version.replaces}: bara en antagen "
                                      f"version kan ersätta en annan (ändra ersatter i den ena)"))
        for older in replaced[version.id].values():
            before = decided(older)
            if before is not None and day < before:
                problems.append((version, f"beslutsdatumet {day.isoformat()} ligger före beslutet om "
                                          f"{older.id}, som den ersätter ({formatting.prose_date(before)})"))
    return problems


def replaceable(version: VersionBase) -> bool:
    """Plans replace plans (a verksamhetsplan may be replaced by a mål- och inriktningsplan);
    an annual review is the record of its year and is never replaced."""
    return version.kind != "arlig-oversyn"


def _order(version: VersionBase) -> tuple:
    adopted = version.adopted.date if version.adopted and version.adopted.date else ""
    return (version.start_year, str(adopted), version.id)


def _as_date(value) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))
