"""The law's arithmetic (lag 2003:1210 om finansiell samordning av rehabiliteringsinsatser) and
text still to be written: rules of `styrdok check` that hold for any samordningsförbund.

    law_shares        organisation.yaml splits the members' contributions as the law does: the
                      state half (through Försäkringskassan), the region or regions a quarter,
                      the kommuner together a quarter
    member_keys       a group's recorded keys (`nyckel`, per cent of its share) add up to 100
    member_rows       a member's budget row is its key's part of its group's contribution
    budget_decision   the budget is adopted by 30 November of the year before, after the
                      members were consulted (warnings: a decision taken cannot be corrected)
    to_write          text `styrdok init` marked as still to be written
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from fractions import Fraction
from typing import Iterator

from generators.content.findings import Finding
from generators.content.loading import Content
from generators.content.severity import report
from generators.formatting import amount, prose_date, share_percent

LAW_SHARES = {"staten": Fraction(1, 2), "region": Fraction(1, 4), "kommunerna": Fraction(1, 4)}
"""Lag 2003:1210, 9 §: the state half, the regions a quarter, the kommuner a quarter."""
KEY_TOLERANCE = 0.05
"""Keys are published to a tenth of a per cent at most: a row within 0.05 points agrees."""
TO_WRITE = "[Att skriva"
"""How `styrdok init` marks a place whose text the förbund writes itself."""

RULES: dict[str, str] = {
    "lagens-andelar": "Fördelningen i organisation.yaml följer lagen (2003:1210): staten hälften, "
                      "regionerna en fjärdedel, kommunerna en fjärdedel.",
    "medlemsnyckel": "En grupps nycklar (medlemmarnas andel av gruppens del) summerar till 100 %, och en "
                     "medlems budgetrad är nyckelns del av gruppens bidrag, per år.",
    "budgetbeslut": "Budgeten antas senast den 30 november året före och efter samråd med medlemmarna "
                    "(varning).",
    "att-skriva": "Text som styrdok init lämnat att skriva är skriven.",
}


def law_shares(content: Content) -> Iterator[Finding]:
    loaded = content.organisation
    stated = {share.group: (index, share.fraction) for index, share in enumerate(loaded.model.funding.shares)}
    for group, expected in LAW_SHARES.items():
        if group not in stated:
            yield report(loaded, "lagens-andelar", ("finansiering", "andelar"),
                         f"andelen för {group} saknas; lagen anger {expected}")
        elif stated[group][1] != expected:
            index, share = stated[group]
            yield report(loaded, "lagens-andelar", ("finansiering", "andelar", index, "andel"),
                         f"{group} har andelen {share}; lagen (2003:1210) anger {expected}")


def member_keys(content: Content) -> Iterator[Finding]:
    loaded = content.organisation
    by_group: dict[str, list[tuple[int, object]]] = defaultdict(list)
    for index, member in enumerate(loaded.model.members):
        by_group[member.group].append((index, member))
    for group, members in by_group.items():
        keyed = [(i, m) for i, m in members if m.key is not None]
        if not keyed:
            continue
        for index, member in members:
            if member.key is None:
                yield report(loaded, "medlemsnyckel", ("medlemmar", index),
                             f"{member.name} har ingen nyckel, men andra i gruppen {group} har")
        total = sum(m.key for _, m in keyed)
        if len(keyed) == len(members) and abs(total - 100) > KEY_TOLERANCE:
            yield report(loaded, "medlemsnyckel", ("medlemmar", keyed[0][0], "nyckel"),
                         f"nycklarna i gruppen {group} summerar till {_percent(total)}, inte 100 %")


def member_rows(content: Content) -> Iterator[Finding]:
    members = {m.id: m for m in content.organisation.model.members if m.key is not None}
    if not members:
        return
    for loaded in content.plans:
        for path, budget in _income_budgets(loaded):
            for year in budget.years:
                groups: Counter = Counter()
                for row in budget.income.rows:
                    if row.funder and not row.subtotal:
                        groups[row.funder] += row.amounts.get(year) or 0
                for index, row in enumerate(budget.income.rows):
                    member = members.get(row.member or "")
                    actual = row.amounts.get(year)
                    if member is None or actual is None or not groups[member.group]:
                        continue
                    share = 100 * actual / groups[member.group]
                    if abs(share - member.key) > KEY_TOLERANCE:
                        yield report(loaded, "medlemsnyckel", path + ("intakter", "rader", index, "belopp", year),
                                     f"{row.text} bidrar {year} med {amount(actual)} av gruppens "
                                     f"{amount(groups[member.group])} {budget.unit} ({_percent(share)}); "
                                     f"nyckeln anger {_percent(member.key)}")


def budget_decision(content: Content) -> Iterator[Finding]:
    for loaded in content.plans:
        plan = loaded.model
        decided = plan.adopted.date if plan.adopted else None
        if plan.kind != "verksamhetsplan" or not plan.budgets or decided is None:
            continue
        deadline = dt.date(plan.start_year - 1, 11, 30)
        if decided > deadline:
            yield loaded.finding("budgetbeslut", "varning",
                                 f"budgeten för {plan.start_year} ska antas senast {prose_date(deadline)} "
                                 f"(lag 2003:1210); beslutet är från {prose_date(decided)}", ("antagen", "datum"))
        if plan.consulted is None:
            yield loaded.finding("budgetbeslut", "varning",
                                 "samrådet med medlemmarna före budgetbeslutet är inte antecknat "
                                 "(samrad: ÅÅÅÅ-MM-DD, den dag samrådet avslutades)", ("antagen",))
        elif plan.consulted > decided:
            yield loaded.finding("budgetbeslut", "varning",
                                 f"samrådet ({prose_date(plan.consulted)}) avslutades efter beslutet "
                                 f"({prose_date(decided)})", ("samrad",))


def to_write(content: Content, strings) -> Iterator[Finding]:
    """`strings(loaded)`: (path, text) of every prose string in a file (checks._prose)."""
    for loaded in [content.organisation, *content.versions]:
        for path, text in strings(loaded):
            start = text.find(TO_WRITE)
            if start >= 0:
                end = text.find("]", start)
                what = text[start + len(TO_WRITE):end if end > start else len(text)].strip(" :")
                yield report(loaded, "att-skriva", path, f"texten är inte skriven än ({what})")


def _income_budgets(loaded):
    for path, block in loaded.model.walk_blocks():
        if block.kind == "budget" and block.budget.income:
            yield path + ("budget",), block.budget


def _percent(value: float) -> str:
    return share_percent(Fraction(value).limit_denominator(1000) / 100)
