"""Budgets and project tables compared: a paired row is one line with its amounts in one unit
(names, when they changed, before the amounts); a row only one version has shows its amounts;
a budget or project table with nothing in common with the other version is one change that
lists every row, rather than a change per row."""

from __future__ import annotations

from typing import Iterator

from generators.changes.amounts import common_unit, compare_amounts, convert
from generators.changes.change import Change
from generators.changes.inventory import Item, Outline

PROJECT_AMOUNTS = ("total_kostnad", "kostnad_ar")
PROJECT_FIELDS = ("inriktning", "start", "slut")


def budget_changes(a: Outline, b: Outline, rows: list[tuple[str, str]],
                   projects: list[tuple[str, str]]) -> Iterator[tuple[str, bool, object]]:
    """(section key, whether the key is the new version's, change) for every budget change."""
    before, after = a.items.get("budgetrad", {}), b.items.get("budgetrad", {})
    yield from _tables(a, b, before, after, rows, "budget", lambda item: item.fields["budget"],
                       {x.id: (x.section, x.order, x.unit, x.years) for x in a.budgets},
                       {x.id: (x.section, x.order, x.unit, x.years) for x in b.budgets})
    for old_key, new_key in rows:
        old, new = before[old_key], after[new_key]
        lines = compare_amounts(old.fields["belopp"], old.fields["enhet"], new.fields["belopp"], new.fields["enhet"])
        if old.text != new.text or lines:
            yield new.section, True, Change("changed", "budgetrad", new_key, _label(old.text), _label(new.text),
                                            order=("new", new.order), detail={
                                                "lines": lines, "amounts": new.fields["belopp"],
                                                "unit": new.fields["enhet"]})
    pb, pa = a.items.get("projekt", {}), b.items.get("projekt", {})
    tables_a = {key: (section, order, unit, None) for key, (section, order, unit) in a.project_tables.items()}
    tables_b = {key: (section, order, unit, None) for key, (section, order, unit) in b.project_tables.items()}
    yield from _tables(a, b, pb, pa, projects, "projekttabell", lambda item: item.fields["tabell"], tables_a,
                       tables_b)
    for old_key, new_key in projects:
        old, new = pb[old_key], pa[new_key]
        fields = [(name, old.fields[name], new.fields[name]) for name in PROJECT_FIELDS
                  if old.fields[name] != new.fields[name]]
        for name in PROJECT_AMOUNTS:
            before_amount, after_amount = old.fields[name], new.fields[name]
            values = [(v, u) for v, u in ((before_amount, old.fields["enhet"]), (after_amount, new.fields["enhet"]))
                      if v is not None]
            unit = common_unit(values, new.fields["enhet"]) if values else new.fields["enhet"]
            shown = [None if v is None else convert(v, u, unit) for v, u in ((before_amount, old.fields["enhet"]),
                                                                              (after_amount, new.fields["enhet"]))]
            if shown[0] != shown[1]:
                fields.append((name, *(None if v is None else (v, unit) for v in shown)))
        if old.text != new.text or fields:
            yield new.section, True, Change("changed", "projekt", new_key, old.text, new.text,
                                            order=("new", new.order), detail={"fields": fields})


def _tables(a, b, before: dict[str, Item], after: dict[str, Item], pairs, what: str, table_of,
            tables_a: dict, tables_b: dict) -> Iterator[tuple[str, bool, object]]:
    """Whole tables only one version has, unit and year changes of tables both have, and the
    rows of shared tables that only one version has."""
    shared: dict[tuple[str, str], int] = {}
    for old_key, new_key in pairs:
        key = (table_of(before[old_key]), table_of(after[new_key]))
        shared[key] = shared.get(key, 0) + 1
    table_pairs, used_a, used_b = [], set(), set()
    for (old_table, new_table), _ in sorted(shared.items(), key=lambda entry: (-entry[1], entry[0])):
        if old_table not in used_a and new_table not in used_b:
            table_pairs.append((old_table, new_table))
            used_a.add(old_table)
            used_b.add(new_table)
    paired_a, paired_b = {o for o, _ in pairs}, {n for _, n in pairs}
    with_pairs_a = {table_of(before[o]) for o, _ in pairs}
    with_pairs_b = {table_of(after[n]) for _, n in pairs}
    for old_table, new_table in table_pairs:
        _, _, old_unit, old_years = tables_a[old_table]
        section, order, new_unit, new_years = tables_b[new_table]
        if old_unit != new_unit:
            yield section, True, Change("changed", "enhet", new_table, old_unit, new_unit, order=("new", order))
        if old_years != new_years:
            yield section, True, Change("changed", "budgetar", new_table, old_years, new_years, order=("new", order),
                                        detail={"added": _year_rows(after, new_table, set(new_years) - set(old_years),
                                                                    table_of, paired_b),
                                                "removed": _year_rows(before, old_table,
                                                                      set(old_years) - set(new_years), table_of,
                                                                      paired_a)})
    for side, items, tables, with_pairs, paired, kind in (
            (False, before, tables_a, with_pairs_a, paired_a, "removed"),
            (True, after, tables_b, with_pairs_b, paired_b, "added")):
        for table, (section, order, unit, _) in tables.items():
            rows = [item for item in items.values() if table_of(item) == table]
            whole = table not in with_pairs
            if whole and rows:
                value = [_row(item) for item in rows]
                yield section, side, Change(kind, what, table, *((value, None) if kind == "removed" else (None, value)),
                                            order=("new" if side else "old", order), detail={"unit": unit})
                continue
            for item in rows:
                if item.id not in paired:
                    yield item.section, side, Change(
                        kind, "budgetrad" if what == "budget" else "projekt", item.id,
                        *((_row(item), None) if kind == "removed" else (None, _row(item))),
                        order=("new" if side else "old", item.order))


def _year_rows(items: dict[str, Item], table: str, years: set, table_of, paired: set[str]) -> list[dict]:
    """The rows both versions have, with their amounts for `years` only: a year a revision adds
    or drops is shown whole, not just named. A row only one version has is reported as a new or
    struck row with all its years, once."""
    if not years:
        return []
    return [{"text": _label(item.text), "unit": item.fields["enhet"],
             "amounts": {year: item.fields["belopp"].get(year) for year in sorted(years)}}
            for item in items.values()
            if table_of(item) == table and item.area == "budgetrad" and item.id in paired]


def _label(text: str) -> str:
    """'Summa:' as a label of its own, so that 'Summa: 15 000 kkr' does not read 'Summa::'."""
    return text.rstrip(":").strip()


def _row(item: Item) -> dict:
    if item.area == "budgetrad":
        return {"text": _label(item.text), "amounts": item.fields["belopp"], "unit": item.fields["enhet"]}
    fields = item.fields
    return {"text": item.text, "inriktning": fields["inriktning"], "start": fields["start"], "slut": fields["slut"],
            "total_kostnad": fields["total_kostnad"], "kostnad_ar": fields["kostnad_ar"], "unit": fields["enhet"]}
