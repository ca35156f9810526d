"""Integrity rules of `styrdok check`: ids are unique where they must be, make file names no
other output has, and every reference resolves. Always errors, never acknowledged."""

from __future__ import annotations

import unicodedata
from collections import Counter
from typing import Iterator

from generators.content.findings import Finding, format_path
from generators.content.loading import Content, Loaded
from generators.content.logo import logo_problem
from generators.content.model import AnnualReview, Organisation, PlanVersion
from generators.content.severity import report as _report
from generators.suggestions import unknown


def _ids_in(data, path: tuple = ()) -> Iterator[tuple[tuple, str, str]]:
    """(path, namespace, id) for each `id` in raw data; the namespace is the list's key."""
    if isinstance(data, dict):
        for key, value in data.items():
            if key == "id" and isinstance(value, str) and path:
                yield path, _namespace(path), value
            else:
                yield from _ids_in(value, path + (key,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _ids_in(value, path + (index,))


def _namespace(path: tuple) -> str:
    """Ids are unique per kind of item: goals with sub-goals, rows within one budget, ..."""
    names = [part for part in path if isinstance(part, str)]
    last = names[-1] if names else ""
    if last in ("rader",):
        return "/".join(map(str, path[:-3]))  # rows are unique within their budget
    if last in ("mal", "delmal"):
        return "mal"
    if last == "projekt" and len(names) >= 2 and names[-2] == "projekt":
        return "/".join(map(str, path[:-1]))
    return last


def unique_ids(content: Content) -> Iterator[Finding]:
    seen: dict[str, Loaded] = {}
    for loaded in [*content.versions, *content.follow_ups]:
        other = seen.get(loaded.model.id)
        if other:
            yield _report(loaded, "unika-id", ("id",),
                          f"id {loaded.model.id!r} används redan av {other.display}")
        seen[loaded.model.id] = loaded
        first: dict[tuple[str, str], tuple] = {}
        for path, namespace, item_id in _ids_in(loaded.document.data):
            if (namespace, item_id) in first:
                yield _report(loaded, "unika-id", path + ("id",),
                              f"id {item_id!r} förekommer redan (se {format_path(first[namespace, item_id])})")
            else:
                first[namespace, item_id] = path
    organisation = content.organisation
    for count_id, count in Counter(m.id for m in organisation.model.members).items():
        if count > 1:
            index = [m.id for m in organisation.model.members].index(count_id)
            yield _report(organisation, "unika-id", ("medlemmar", index, "id"), f"medlemmen {count_id!r} finns flera gånger")


def references(content: Content) -> Iterator[Finding]:
    organisation = content.organisation.model
    problem = logo_problem(content)
    if problem:
        yield _report(content.organisation, "referens", ("logotyp",), problem)
    versions = {v.model.id: v.model for v in content.versions}
    for loaded in content.versions:
        version = loaded.model
        if version.replaces and version.replaces not in versions:
            yield _report(loaded, "referens", ("ersatter",),
                          unknown("versionen", version.replaces, [v for v in versions if v != version.id]))
        if isinstance(version, PlanVersion):
            yield from _plan_references(loaded, organisation)
        else:
            yield from _review_references(loaded, content, versions)
    for loaded in content.follow_ups:
        if not organisation.member(loaded.model.member):
            yield _report(loaded, "referens", ("medlem",), unknown(
                "medlemmen", loaded.model.member, [m.id for m in organisation.members], "i organisation.yaml"))


def _plan_references(loaded: Loaded, organisation: Organisation) -> Iterator[Finding]:
    tables = {t.id for t in loaded.model.project_tables}
    for path, block in loaded.model.walk_blocks():
        if block.kind != "budget":
            continue
        for key, part in block.budget.parts():
            for index, row in enumerate(part.rows):
                here = path + ("budget", key, "rader", index)
                if row.member and not organisation.member(row.member):
                    yield _report(loaded, "referens", here + ("medlem",), unknown(
                        "medlemmen", row.member, [m.id for m in organisation.members], "i organisation.yaml"))
                if row.project_table and row.project_table not in tables:
                    yield _report(loaded, "referens", here + ("avser_projekt",),
                                  unknown("projekttabellen", row.project_table, tables, "i versionen"))


def _review_references(loaded: Loaded, content: Content, versions: dict) -> Iterator[Finding]:
    review: AnnualReview = loaded.model
    plan = versions.get(review.plan)
    if not isinstance(plan, PlanVersion):
        plans = [key for key, version in versions.items() if isinstance(version, PlanVersion)]
        yield _report(loaded, "referens", ("plan",), unknown("planen", review.plan, plans))
        plan = None
    if review.previous and review.previous not in versions:
        yield _report(loaded, "referens", ("foregaende_version",), unknown("versionen", review.previous, versions))
    if plan:
        goal_ids = {g.id for g in plan.goals} | {s.id for g in plan.goals for s in g.sub_goals}
        for index, follow_up in enumerate(review.goal_follow_ups):
            if follow_up.goal not in goal_ids:
                yield _report(loaded, "referens", ("maluppfoljning", index, "mal"),
                              unknown("målet", follow_up.goal, goal_ids, f"i {plan.id}"))
    for index, follow_up_id in enumerate(review.member_follow_ups):
        if not content.follow_up(follow_up_id):
            yield _report(loaded, "referens", ("medlemsuppfoljningar", index),
                          unknown("medlemsuppföljningen", follow_up_id, [f.model.id for f in content.follow_ups]))
    if review.budget_follow_up:
        yield from _budget_follow_up_references(loaded, review, versions)


def _budget_follow_up_references(loaded: Loaded, review: AnnualReview, versions: dict) -> Iterator[Finding]:
    follow_up = review.budget_follow_up
    source = versions.get(follow_up.plan)
    budgets = [b for b in source.budgets if follow_up.year in b.years] if isinstance(source, PlanVersion) else []
    if not budgets:
        yield _report(loaded, "referens", ("budgetuppfoljning", "plan"),
                      f"{follow_up.plan!r} har ingen budget för {follow_up.year}")
        return
    row_ids = {row.id for budget in budgets for _, part in budget.parts() for row in part.rows}
    for row_id in follow_up.outcome:
        if row_id not in row_ids:
            yield _report(loaded, "referens", ("budgetuppfoljning", "utfall", row_id),
                          unknown("budgetraden", row_id, row_ids, f"i {follow_up.plan}"))


def version_chain(content: Content) -> Iterator[Finding]:
    """`ersatter` links plans into one line of versions and reviews follow plans: no version
    replaces itself or one of its successors, a plan replaces a plan, a review's previous
    version is a plan, and two plans of one kind for one period say which replaces which."""
    versions = {v.model.id: v for v in content.versions}
    for loaded in content.versions:
        version = loaded.model
        replaced = versions.get(version.replaces or "")
        if version.replaces == version.id:
            yield _report(loaded, "versionskedja", ("ersatter",), "versionen ersätter sig själv")
        elif replaced and _cycle(version.id, versions):
            yield _report(loaded, "versionskedja", ("ersatter",),
                          f"ersatter bildar en cirkel: {' → '.join(_cycle(version.id, versions))}")
        elif replaced and type(replaced.model) is not type(version):
            what = "en plan" if isinstance(version, PlanVersion) else "en årlig översyn"
            yield _report(loaded, "versionskedja", ("ersatter",),
                          f"{what} kan bara ersätta {what}; {version.replaces!r} är det inte")
        previous = versions.get(getattr(version, "previous", None) or "")
        if previous and isinstance(previous.model, AnnualReview):
            yield _report(loaded, "versionskedja", ("foregaende_version",),
                          f"föregående version ska vara en plan; {version.previous!r} är en årlig översyn")
    yield from _same_period(content, versions)


def _cycle(start: str, versions: dict) -> list[str]:
    """The ids from start round to start again along `ersatter`, or [] if the chain ends."""
    chain, current = [start], versions[start].model.replaces
    while current in versions and current not in chain:
        chain.append(current)
        current = versions[current].model.replaces
    return chain + [start] if current == start else []


def _same_period(content: Content, versions: dict) -> Iterator[Finding]:
    first: dict[tuple, Loaded] = {}
    for loaded in content.plans:
        plan = loaded.model
        period = (plan.kind, plan.start_year, plan.end_year)
        other = first.setdefault(period, loaded)
        if other is not loaded and not (_replaces(plan.id, other.model.id, versions)
                                         or _replaces(other.model.id, plan.id, versions)):
            yield _report(loaded, "versionskedja", ("startar",),
                          f"{other.model.id} ({other.display}) är redan en {plan.kind} för {plan.period}; "
                          f"ange med ersatter vilken som ersätter vilken")


def _replaces(later: str, earlier: str, versions: dict) -> bool:
    seen, current = set(), versions[later].model.replaces
    while current in versions and current not in seen:
        if current == earlier:
            return True
        seen.add(current)
        current = versions[current].model.replaces
    return False


def showable_characters(content: Content) -> Iterator[Finding]:
    """Every character of the content can be shown in the PDF (PDF/UA-1 refuses a character
    no font has, and some format and combining characters, so build would fail on it), and a
    budget row's text in the chart drawn of it. The output stages declare which characters they
    can show as data (generators/glyphs.py reads it)."""
    from generators.glyphs import joining, unset_clusters, unshowable

    files = [content.organisation, *content.versions, *content.follow_ups]
    strings = [(loaded, path, text) for loaded in files for path, text in _all_strings(loaded.document.data)]
    used = {char for _, _, text in strings for char in text}
    refused, joins = set(unshowable(used)), joining(used)
    labels = [(loaded, path, text) for loaded, path, text in strings if _chart_label(path)]
    not_drawn = set(unshowable({char for _, _, text in labels for char in text}, "chart")) - refused
    for loaded, path, text in strings:
        bad = [char for char in dict.fromkeys(text) if char in refused]
        if bad:
            yield _report(loaded, "tecken", path, f"kan inte visas i PDF-filen: {'; '.join(map(_named, bad))}; "
                                                  f"ta bort tecknet eller skriv det med ord")
        marked = not bad and joins and any(char in text for char in joins)
        for cluster, has_base in unset_clusters(text) if marked else []:
            named = " + ".join(_named(char, reason=False) for char in cluster)
            why = ("PDF-filens typsnitt kan inte sätta tecknet och de kombinerande tecknen efter det tillsammans" if has_base
                   else "ett kombinerande eller osynligt tecken först i texten, utan ett tecken före")
            yield _report(loaded, "tecken", path, f"kan inte visas i PDF-filen: {named} ({why}); ta bort det "
                                                  f"kombinerande tecknet eller skriv det med ord")
        bad = [char for char in dict.fromkeys(text) if char in not_drawn] if _chart_label(path) else []
        if bad:
            yield _report(loaded, "tecken", path, f"kan inte visas i budgetdiagrammet (typsnittet DejaVu Sans har "
                                                  f"inte tecknet): {'; '.join(_named(c, reason=False) for c in bad)}; ta bort tecknet "
                                                  f"eller skriv det med ord")


def _chart_label(path: tuple) -> bool:
    """A budget row's text: the label of its bars in the chart (…budget.kostnader.rader[2].text)."""
    return len(path) >= 5 and path[-1] == "text" and path[-3] == "rader" and "budget" in path[:-4]


def _named(char: str, reason: bool = True) -> str:
    """'中' U+4E2D CJK UNIFIED IDEOGRAPH-4E2D (why the PDF cannot show it); an invisible or
    combining one without quotes."""
    from generators.glyphs import why
    shown = "" if unicodedata.category(char)[0] in "CMZ" else f"'{char}' "
    name = f"{shown}U+{ord(char):04X} {unicodedata.name(char, '')}".rstrip()
    return f"{name} ({why(char)})" if reason else name


def _all_strings(data, path: tuple = ()) -> Iterator[tuple[tuple, str]]:
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _all_strings(value, path + (key,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _all_strings(value, path + (index,))
    elif isinstance(data, str):
        yield path, data


def output_names(content: Content) -> Iterator[Finding]:
    """Ids that would give two outputs the same file, asked of the registry the build writes by."""
    from generators.output_paths import clash_message, register_outputs

    reported: set[tuple[str, tuple]] = set()
    for clash in register_outputs(content, strict=False).clashes:
        origin = clash.second
        place = (origin.loaded.display, origin.field)
        if place not in reported:  # one finding per id, not one per file it names
            reported.add(place)
            yield _report(origin.loaded, "filnamn", origin.field, clash_message(clash))
