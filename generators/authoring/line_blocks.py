"""One block of a draft made again from its lines in the edited Word file (authoring/rebuild.py
groups them): what was there keeps its id and its fields, a reworded line its new text, a new
line gets an id from its text. A block whose lines are all as the version prints them is the
version's own block, unchanged.
"""

from __future__ import annotations

import copy
import re

from generators.authoring.budget_table import MISSING, YEAR, amount
from generators.authoring.parts import SHARE
from generators.changes.inventory import members_named
from generators.errors import StyrdokError

LIST_KINDS = ("punktlista", "numrerad_lista", "principer", "onskemal")
TEXT_KINDS = ("stycke", "underrubrik", "vision", "signatur")


class EditError(StyrdokError):
    """An edit that cannot be read as the plan's data, e.g. a budget cell that is no amount."""


def build_block(group, context) -> dict | None:
    """The block for a group of lines, or None when all of it was removed."""
    template = context.block(group.key) if group.key is not None else None
    if template is not None and _unchanged(group, context):
        return template
    lines = group.lines
    if not lines:
        return None
    kind = group.kind
    if kind in TEXT_KINDS:
        return {kind: context.text(lines[0])}
    maker = MAKERS.get(kind)
    value = maker(lines, template, context) if maker else _list(lines, kind, context)
    return {kind: value} if value else None


def _unchanged(group, context) -> bool:
    roles = [placed.role for placed in group.lines]
    footnotes = [key for key in context.footnotes if (key[0], key[1]) == group.key]
    return (not footnotes and all(not placed.changed for placed in group.lines)
            and roles == context.lines_of.get(group.key, []))


def _old(placed, context):
    """The version's value for a paired line: the item, goal, row ... it is."""
    role = placed.role
    block = context.block((role.section, role.block))
    kind = next(iter(block))
    return kind, block[kind]


def _list(lines, kind, context) -> list:
    items = []
    for placed in lines:
        text = context.text(placed)
        old = None
        if placed.role is not None and placed.role.part[:1] in (("item",), ("goal",), ("group",)):
            old_kind, value = _old(placed, context)
            if isinstance(value, list):
                old = value[placed.role.part[1]]
        if kind in ("punktlista", "numrerad_lista"):
            items.append(_entry(old, text, placed, context))
        else:
            ident = old.get("id") if isinstance(old, dict) and old.get("id") else context.ids(text)
            items.append({"id": ident, "text": text})
    return items


def _entry(old, text: str, placed, context):
    note = old.get("fotnot") if isinstance(old, dict) else None
    if placed.role is not None:
        key = (placed.role.section, placed.role.block, placed.role.part[1])
        if key in context.footnotes:
            note = context.footnotes[key]
    return {"text": text, "fotnot": note} if note else text


def _goals(lines, template, context) -> list:
    goals: list[dict] = []
    previous = None
    for placed in lines:
        part = placed.role.part if placed.role is not None else ()
        text = context.text(placed)
        if part[:1] == ("goal",):
            goal = copy.deepcopy(_old(placed, context)[1][part[1]])
            goal["text"] = text
            goal.pop("delmal_rubrik", None)
            goal.pop("delmal", None)
            goals.append(goal)
        elif part[:1] == ("delmal_rubrik",) and goals:
            goals[-1]["delmal_rubrik"] = text
        elif part[:1] == ("delmal",) and goals:
            old = _old(placed, context)[1][part[1]]["delmal"][part[2]]
            goals[-1].setdefault("delmal", []).append({**old, "text": text})
        elif goals and (placed.line.level > 0 or previous in ("delmal", "delmal_rubrik")):
            goals[-1].setdefault("delmal", []).append({"id": context.ids(text), "text": text})
            part = ("delmal",)
        else:
            goals.append({"id": context.ids(text), "text": text})
            part = ("goal",)
        previous = part[0] if part else None
    for goal in goals:  # the keys in the order the content files write them
        subs = goal.pop("delmal", None)
        if subs:
            goal["delmal"] = subs
    return goals


def _target_groups(lines, template, context) -> list:
    groups = []
    for placed in lines:
        text = context.text(placed)
        if placed.role is not None and placed.role.part[:1] == ("group",):
            groups.append({**_old(placed, context)[1][placed.role.part[1]], "text": text})
        else:
            groups.append({"id": context.ids(text), "text": text})
    listed = [g for g in groups if g.get("stil", "punkt") == "punkt"]
    old_listed = [g for g in (template or {}).get("malgrupper", []) if g.get("stil", "punkt") == "punkt"]
    if old_listed and all("prioritet" in g for g in old_listed):  # the list's order is the priority
        start = min(g["prioritet"] for g in old_listed)
        for rank, group in enumerate(listed, start=start):
            group["prioritet"] = rank
    return [_ordered(g, ("id", "stil", "prioritet", "text")) for g in groups]


def _shares(lines, template, context) -> list:
    shares = []
    for placed in lines:
        match = SHARE.match(placed.line.text)
        old = _old(placed, context)[1][placed.role.part[1]] if placed.role is not None else None
        if not placed.changed:
            shares.append(old)
        elif match:
            text = match.group(2).strip()
            shares.append({"id": old["id"] if old else context.ids(text), "andel": int(match.group(1)), "text": text})
        else:
            raise EditError(f"fördelningen: ”{placed.line.text}” börjar inte med en andel i procent (”25 % …”)")
    return shares


def _budget(lines, template, context) -> dict:
    old = template["budget"]
    new = {key: value for key, value in old.items() if key not in ("intakter", "kostnader", "resultat")}
    years = _years(lines, old, new)
    regrid = years != old["ar"]  # a year added or removed as a column: every row's amounts read again
    parts: dict[str, dict] = {}
    current, current_key = None, None
    for placed in lines:
        part = placed.role.part if placed.role is not None else ()
        cells = placed.line.cells
        changed = placed.changed or regrid
        if part[:1] == ("head",):
            current, current_key = parts.setdefault(part[1], {"rubrik": old[part[1]]["rubrik"], "rader": []}), part[1]
            if placed.changed and cells[0].strip():
                current["rubrik"] = cells[0].strip()
        elif part[:1] in (("row",), ("summa",)):
            key = part[1]
            if current is None:
                current, current_key = parts.setdefault(key, {"rubrik": old[key]["rubrik"], "rader": []}), key
            was = old[key]["rader"][part[2]] if part[0] == "row" else old[key]["summa"]
            line = dict(was) if not changed else {**was, "text": cells[0].strip(),
                                                  "belopp": _amounts(cells, old, years)}
            if part[0] == "row":
                current["rader"].append(line)
            else:
                current["summa"] = line
        elif part[:1] == ("resultat",):
            new["resultat"] = old["resultat"] if not changed else {
                **old["resultat"], "text": cells[0].strip(), "belopp": _amounts(cells, old, years)}
        elif current is not None:
            label = cells[0].strip()
            current["rader"].append({"id": context.ids(label), "text": label,
                                     **_links(label, old.get(current_key, {}).get("rader", []), context.organisation),
                                     "belopp": _amounts(cells, old, years)})
    for key in ("intakter", "kostnader"):
        if key in parts:
            new[key] = _ordered(parts[key], ("rubrik", "rader", "summa"))
    if "resultat" in new:
        new["resultat"] = new.pop("resultat")
    return new


def _years(lines, old: dict, new: dict) -> list[int]:
    """The years the table's first heading row names ('2021', 'År 2007'); a year added or removed
    there is a change of the budget's years (and of its printed headings), not a new table."""
    head = next((placed for placed in lines if placed.role is not None and placed.role.part[:1] == ("head",)), None)
    headings = [cell.strip() for cell in head.line.cells[1:]] if head is not None else []
    found = [YEAR.match(cell) for cell in headings]
    if not headings or not all(found):
        return old["ar"]
    years = [int(match.group(1)) for match in found]
    if years != sorted(set(years)):
        raise EditError(f"budgeten {old['id']}: åren i tabellens rubrikrad (”{' | '.join(headings)}”) "
                        f"står inte i ordning")
    if years != old["ar"]:
        new["ar"] = years
        new.pop("kolumnrubriker", None)
        if headings != [str(year) for year in years]:
            new["kolumnrubriker"] = headings
    return years


FUNDER_WORDS = (("staten", re.compile(r"\bstat", re.IGNORECASE)),
                ("region", re.compile(r"\bregion|\blandsting", re.IGNORECASE)),
                ("kommunerna", re.compile(r"\bkommun", re.IGNORECASE)),
                ("esf", re.compile(r"\besf\b", re.IGNORECASE)))
"""A funder group named in a row's label: 'Staten', 'Regionen', 'Kommunerna', 'ESF-medel'."""


def _links(label: str, rows: list[dict], organisation) -> dict:
    """A new row's member and funder, where the label names them and the part's other rows have
    such links (the income of the members, not the costs): one member named (also by a former
    name or its abbreviation) is that member of its funder group; members of one group, or the
    group's own name, are that funder."""
    if organisation is None or not any("finansiar" in row or "medlem" in row for row in rows):
        return {}
    named = members_named(label, organisation)
    if len(named) == 1:
        return {"finansiar": named[0].group, "medlem": named[0].id}
    if named and len({member.group for member in named}) == 1:
        return {"finansiar": named[0].group}
    funder = next((group for group, words in FUNDER_WORDS if words.search(label)), None)
    return {"finansiar": funder} if funder and not named else {}


def _amounts(cells, budget: dict, years: list[int]) -> dict:
    row = f"budgeten {budget['id']}: raden ”{cells[0].strip()}”"
    extra = [cell.strip() for cell in cells[1 + len(years):] if cell.strip() not in MISSING]
    if extra:
        raise EditError(f"{row} har fler belopp än tabellen har år ({', '.join(map(str, years))}): "
                        f"”{extra[0]}”")
    found = {}
    for year, cell in zip(years, cells[1:]):
        value = _figure(cell, row, f" för {year}")
        if value is not None:
            found[year] = value
    return found


def _figure(cell: str, row: str, year: str = "") -> int | None:
    """A cell's amount; None where the cell is left empty ('–'); a row's cell that holds no
    amount stops the import, naming the table, the row and the cell."""
    cell = cell.strip()
    if cell in MISSING:
        return None
    value = amount(cell)
    if value is None:
        raise EditError(f"{row}: ”{cell}”{year} är inget belopp")
    return value


def _projects(lines, template, context) -> dict:
    old = template["projekt"]
    new = {key: value for key, value in old.items() if key not in ("projekt", "summa")}
    projects = []
    for placed in lines:
        part = placed.role.part if placed.role is not None else ()
        cells = [cell.strip() for cell in placed.line.cells] + [""] * 6
        if part[:1] == ("head",):
            if placed.changed:
                new["kolumner"] = cells[:6]
        elif part[:1] == ("summa",):
            new["summa"] = old["summa"] if not placed.changed else {
                **old["summa"], "text": cells[0], **_costs(cells, old, ("total_kostnad", "kostnad_ar"))}
        elif part[:1] == ("project",) and not placed.changed:
            projects.append(old["projekt"][part[1]])
        else:
            was = old["projekt"][part[1]] if part else {}
            name, _, place = cells[0].partition("\n")
            project = {"id": was.get("id") or context.ids(name), "namn": name.strip()}
            if place.strip():
                project["ort"] = place.strip()
            project["inriktning"] = cells[1]
            for key, cell in (("start", cells[2]), ("slut", cells[3])):
                if cell:
                    project[key] = cell
            project.update(_costs(cells, old, ("total_kostnad", "kostnad_ar")))
            projects.append(project)
    new["projekt"] = projects
    if "summa" in new:
        new["summa"] = new.pop("summa")
    return new


def _costs(cells, table: dict, keys) -> dict:
    found = {}
    for key, cell in zip(keys, cells[4:6]):
        value = _figure(cell, f"projekttabellen {table['id']}: raden ”{cells[0]}”")
        if value is not None:
            found[key] = value
    return found


def _table(lines, template, context) -> dict:
    rows = [list(placed.line.cells) for placed in lines]
    return {"rubriker": rows[0], "rader": rows[1:]}


def _ordered(data: dict, keys: tuple[str, ...]) -> dict:
    return {**{key: data[key] for key in keys if key in data}, **{k: v for k, v in data.items() if k not in keys}}


MAKERS = {"mal": _goals, "malgrupper": _target_groups, "fordelning": _shares, "budget": _budget,
          "projekt": _projects, "tabell": _table}
