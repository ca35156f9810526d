"""What changed between two versions, in document order: the version itself (title, period,
status, adoption, numbering, members' names), then section by section the headings, numbers
and places, the prose (only the changed sentences, word by word) and the items with stable ids
(vision, principles, goals and sub-goals, target groups, distribution, budget rows, projects).

Takes two validated versions and the organisation; gives a `Diff`: `groups`, one per section
(a pair of sections, or one that only one version has), each with its changes. Nothing here is
Swedish wording; report.py says it.
"""

from __future__ import annotations

import bisect
import dataclasses
from dataclasses import dataclass, field

from generators.changes.alignment import opcodes
from generators.changes.budgets import budget_changes
from generators.changes.change import Change
from generators.changes.matching import SIMILAR, moved, pair_by, pair_by_wording, pair_sections, similarity
from generators.changes.inventory import Item, Paragraph, outline
from generators.changes.versions import version_changes
from generators.changes.wording import changed_sentences, redline
from generators.content.model import Organisation, PlanVersion, VersionBase

__all__ = ["Change", "Diff", "Group", "consecutive_pairs", "diff_versions", "redline", "similarity"]

@dataclass
class Group:
    status: str
    """'version' (the document as a whole), 'kept', 'added' or 'removed'."""
    old_place: str | None = None
    new_place: str | None = None
    changes: list[Change] = field(default_factory=list)
    order: tuple = ()


@dataclass
class Diff:
    old: VersionBase
    new: VersionBase
    groups: list[Group]

    @property
    def changes(self) -> list[Change]:
        return [change for group in self.groups for change in group.changes]

    def __iter__(self):
        return iter(self.changes)

    def __len__(self) -> int:
        return len(self.changes)

    def __eq__(self, other) -> bool:
        return list(self) == list(other) if isinstance(other, (Diff, list)) else NotImplemented


# --- Order ---------------------------------------------------------------------------------------

class Anchors:
    """Document order across two versions: what the new version has sorts by its place there;
    what only the old one had sorts right after the nearest earlier thing both have."""

    def __init__(self):
        self.pairs: list[tuple[int, int]] = []

    def add(self, old_order: int, new_order: int) -> None:
        self.pairs.append((old_order, new_order))

    def finish(self) -> None:
        self.pairs.sort()
        self.olds = [old for old, _ in self.pairs]

    def new(self, order: int) -> tuple:
        return (order, 0, 0)

    def old(self, order: int) -> tuple:
        index = bisect.bisect_left(self.olds, order) - 1
        return (self.pairs[index][1] if index >= 0 else 0, 1, order)


# --- Comparing -----------------------------------------------------------------------------------

def diff_versions(old: VersionBase, new: VersionBase, organisation: Organisation) -> Diff:
    """A build asks for the same pair up to three times (the site's change page, a review's
    summary, the tracked Word file): it is worked out once, and the render helper, a fork,
    inherits it. The versions are frozen, so the same objects always give the same diff."""
    key = (id(old), id(new), id(organisation))
    if key not in _worked_out:
        if len(_worked_out) >= KEPT_DIFFS:  # `serve` loads new versions on every rebuild
            del _worked_out[next(iter(_worked_out))]
        # The versions are kept with their diff: ids of objects still alive are never reused.
        _worked_out[key] = (_Differ(old, new, organisation).run(), (old, new, organisation))
    return _worked_out[key][0]


KEPT_DIFFS = 32
_worked_out: dict[tuple[int, int, int], tuple[Diff, tuple]] = {}


AREAS = ("vision", "princip", "mal", "delmal", "malgrupp", "fordelning", "onskemal", "budgetrad", "projekt",
         "maluppfoljning", "insats")
PROSE_SIMILAR = 0.4
"""Paragraphs in the same place of paired sections are one reworded paragraph from this share of words."""
ITEM_FIELDS = {"malgrupp": ("prioritet",), "fordelning": ("andel",), "maluppfoljning": ("kvinnor", "man"),
               "insats": ("beslut",), "projekt": ("inriktning", "start", "slut", "total_kostnad", "kostnad_ar")}
REORDERED = ("princip", "mal", "delmal", "malgrupp", "fordelning", "onskemal")


class _Differ:
    def __init__(self, old: VersionBase, new: VersionBase, organisation: Organisation):
        self.old, self.new, self.organisation = old, new, organisation
        self.a, self.b = outline(old, organisation), outline(new, organisation)
        self.anchors = Anchors()
        self.section_pairs: dict[str, str] = {}
        self.paired_new: dict[str, str] = {}
        self.sibling_before: dict[str, str | None] = {}
        """The sibling before a new section, for where a moved one went."""
        self.groups: dict[tuple, Group] = {}
        self.version = Group("version", order=(-1, 0, 0))

    def run(self) -> Diff:
        self.version.changes += version_changes(self.old, self.new, self.a, self.b, self.organisation)
        self._sections()
        pairs = {area: self._pair_items(area) for area in AREAS}
        for area in AREAS:
            self._items(area, pairs[area])
        for section_key, new_side, change in budget_changes(self.a, self.b, pairs["budgetrad"], pairs["projekt"]):
            self._put(section_key, new_side, change)
        self.anchors.finish()
        groups = [self.version] + list(self.groups.values())
        for group in groups:
            group.order = self._rank(group.order)
            for index, change in enumerate(group.changes):
                group.changes[index] = dataclasses.replace(change, order=self._rank(change.order))
            group.changes.sort(key=lambda change: change.order)
        groups = [g for g in groups if g.changes]
        groups.sort(key=lambda group: group.order)
        return Diff(self.old, self.new, groups)

    def _rank(self, order: tuple) -> tuple:
        """Orders are collected as ('old'|'new', n) and ranked once all anchors are known."""
        if len(order) == 2 and order[0] in ("old", "new"):
            return self.anchors.old(order[1]) if order[0] == "old" else self.anchors.new(order[1])
        return order

    # --- groups ---

    def _group(self, section: str, new_side: bool) -> Group:
        """The group a change in this section belongs to: the pair's, or the section's own."""
        if not section:
            return self.version
        if new_side:
            key = ("new", section)
        elif section in self.section_pairs:
            key = ("new", self.section_pairs[section])
        else:
            key = ("old", section)
        if key not in self.groups:
            side, part_key = key
            if side == "new":
                old_key = self.paired_new.get(part_key)
                part = self.b.sections[part_key]
                self.groups[key] = Group("kept" if old_key else "added",
                                         self.a.sections[old_key].place if old_key else None, part.place,
                                         order=("new", part.order))
            else:
                part = self.a.sections[part_key]
                self.groups[key] = Group("removed", part.place, None, order=("old", part.order))
        return self.groups[key]

    def _put(self, section: str, new_side: bool, change: Change) -> None:
        self._group(section, new_side).changes.append(change)

    # --- sections ---

    def _sections(self) -> None:
        a, b = self.a.sections, self.b.sections
        same_id = [(key, key) for key in a if key in b and "/" not in key and not key.isdigit()]
        pairs = pair_sections({k: (p.heading, self.a.section_text(k)) for k, p in a.items()},
                              {k: (p.heading, self.b.section_text(k)) for k, p in b.items()}, same_id)
        self.section_pairs = dict(pairs)
        self.paired_new = {new: old for old, new in pairs}
        for old_key, new_key in pairs:
            self.anchors.add(a[old_key].order, b[new_key].order)
        shifted = self._moved_sections(pairs)
        numbering = self.a.numbered and self.b.numbered
        for old_key, new_key in pairs:
            old, new = a[old_key], b[new_key]
            self._group(new_key, True)
            at = ("new", new.order)
            if (old_key, new_key) in shifted:
                self._put(new_key, True, Change("moved", "avsnitt", new_key, old.place, new.place, order=at,
                                                detail=self._section_move(old_key, new_key)))
            elif numbering and old.bare_number != new.bare_number:
                self._put(new_key, True, Change("changed", "nummer", new_key, old.number, new.number, order=at))
            if old.heading != new.heading:
                self._put(new_key, True, Change("changed", "rubrik", new_key, old.heading, new.heading,
                                                (redline(old.heading, new.heading),), order=at))
            self._prose(old.paragraphs, new.paragraphs, old_key, new_key)
        for key, part in b.items():
            if key not in self.paired_new:
                self._put(key, True, Change("added", "avsnitt", key, new=part.place, order=("new", part.order)))
                for paragraph in part.paragraphs:
                    self._put(key, True, Change("added", paragraph.kind, new=paragraph.text,
                                                order=("new", paragraph.order)))
        for key, part in a.items():
            if key not in self.section_pairs:
                self._put(key, False, Change("removed", "avsnitt", key, old=part.place, order=("old", part.order)))
                for paragraph in part.paragraphs:
                    self._put(key, False, Change("removed", paragraph.kind, old=paragraph.text,
                                                 order=("old", paragraph.order)))

    def _moved_sections(self, pairs: list[tuple[str, str]]) -> set[tuple[str, str]]:
        """Moved: to another parent, or out of the order the other sections of the parent keep."""
        a, b = self.a.sections, self.b.sections
        found = {(o, n) for o, n in pairs if self.section_pairs.get(a[o].parent) != b[n].parent
                 and (a[o].parent or b[n].parent)}
        by_parent: dict[str | None, list[tuple[str, str]]] = {}
        for o, n in pairs:
            if (o, n) not in found:
                by_parent.setdefault(b[n].parent, []).append((o, n))
        for siblings in by_parent.values():
            found |= moved(siblings, lambda k: a[k].order, lambda k: b[k].order)
        return found

    def _section_move(self, old_key: str, new_key: str) -> dict:
        old_parent, new_parent = self.a.sections[old_key].parent, self.b.sections[new_key].parent
        if new_key not in self.sibling_before:  # every list of siblings indexed once, not searched per move
            siblings = self.b.sections[new_parent].children if new_parent else [
                key for key, part in self.b.sections.items() if part.parent is None]
            self.sibling_before.update((key, siblings[at - 1] if at else None) for at, key in enumerate(siblings))
        before = self.sibling_before[new_key]
        return {"old_parent": self.a.sections[old_parent].place if old_parent else None,
                "new_parent": self.b.sections[new_parent].place if new_parent else None,
                "after": self.b.sections[before].place if before else None}

    def _prose(self, old: list[Paragraph], new: list[Paragraph], old_key: str, new_key: str) -> None:
        texts_a, texts_b = [p.text for p in old], [p.text for p in new]
        removed: list[int] = []
        added: list[int] = []
        kept: list[tuple[int, int]] = []
        for tag, i1, i2, j1, j2 in opcodes(texts_a, texts_b):
            if tag == "equal":
                for i, j in zip(range(i1, i2), range(j1, j2)):
                    self.anchors.add(old[i].order, new[j].order)
                    kept.append((i, j))
                continue
            pairs = pair_by_wording({i: texts_a[i] for i in range(i1, i2)}, {j: texts_b[j] for j in range(j1, j2)},
                                    PROSE_SIMILAR)
            pairs = _in_order(pairs)
            for i, j in pairs:
                self.anchors.add(old[i].order, new[j].order)
                self._put(new_key, True, Change("reworded", new[j].kind, old=old[i].text, new=new[j].text,
                                                sentences=changed_sentences(old[i].text, new[j].text),
                                                order=("new", new[j].order)))
            paired_a, paired_b = {i for i, _ in pairs}, {j for _, j in pairs}
            removed += [i for i in range(i1, i2) if i not in paired_a]
            added += [j for j in range(j1, j2) if j not in paired_b]
        again = list(_same_text(old, new, removed, added))
        for i, j in again:
            self.anchors.add(old[i].order, new[j].order)
            removed.remove(i)
            added.remove(j)
        # The fewest paragraphs whose moving explains the new order are the moved ones (the
        # alignment may have kept a moved one in place and struck the ones it passed).
        for i, j in sorted(moved(kept + again, lambda i: i, lambda j: j) if again else (), key=lambda pair: pair[1]):
            self._put(new_key, True, Change("moved", new[j].kind, old=old[i].text, new=new[j].text,
                                            order=("new", new[j].order),
                                            detail={"after_paragraph": new[j - 1].text if j else None}))
        for i in removed:
            self._put(old_key, False, Change("removed", old[i].kind, old=old[i].text, order=("old", old[i].order)))
        for j in added:
            self._put(new_key, True, Change("added", new[j].kind, new=new[j].text, order=("new", new[j].order)))

    # --- items ---

    def _pair_items(self, area: str) -> list[tuple[str, str]]:
        before, after = self.a.items.get(area, {}), self.b.items.get(area, {})
        pairs: list[tuple[str, str]] = []
        if area == "budgetrad":  # what a row names comes before its wording
            identity = lambda item: (item.fields["del"], item.fields["vem"]) if item.fields["vem"] else None  # noqa
            pairs += pair_by({k: identity(v) for k, v in before.items()}, {k: identity(v) for k, v in after.items()})
        done_a, done_b = {o for o, _ in pairs}, {n for _, n in pairs}
        pairs += [(key, key) for key in before if key in after and key not in done_a and key not in done_b]
        done_a, done_b = {o for o, _ in pairs}, {n for _, n in pairs}
        pairs += pair_by_wording({k: v.text for k, v in before.items() if k not in done_a},
                                 {k: v.text for k, v in after.items() if k not in done_b}, SIMILAR)
        for old_key, new_key in pairs:
            self.anchors.add(before[old_key].order, after[new_key].order)
        return sorted(pairs, key=lambda pair: after[pair[1]].order)

    def _items(self, area: str, pairs: list[tuple[str, str]]) -> None:
        before, after = self.a.items.get(area, {}), self.b.items.get(area, {})
        goals = dict(self._goal_pairs()) if area == "delmal" else {}
        relocated = set()
        for old_key, new_key in pairs:
            old, new = before[old_key], after[new_key]
            at = ("new", new.order)
            where = None if area in ("budgetrad", "projekt") else self._relocation(old, new, goals)
            if where:
                relocated.add((old_key, new_key))
                self._put(new.section, True, Change("moved", area, new_key, old.text, new.text, order=at, detail=where))
            if area in ("budgetrad", "projekt"):
                continue  # budgets.py compares amounts, names and dates in one line per row
            if old.text != new.text:
                self._put(new.section, True, Change("reworded", area, new_key, old.text, new.text,
                                                    changed_sentences(old.text, new.text), order=at,
                                                    detail={"text": new.text}))
            for name in ITEM_FIELDS.get(area, ()):
                if old.fields.get(name) != new.fields.get(name):
                    self._put(new.section, True, Change("changed", name, new_key, old.fields.get(name),
                                                        new.fields.get(name), order=at, detail={"text": new.text,
                                                                                               "area": area}))
        if area in REORDERED:
            self._reordered(area, [p for p in pairs if p not in relocated], before, after)
        if area in ("budgetrad", "projekt"):
            return
        paired_a, paired_b = {o for o, _ in pairs}, {n for _, n in pairs}
        for key, item in before.items():
            if key not in paired_a:
                self._put(item.section, False, Change("removed", area, key, old=item.text, order=("old", item.order),
                                                      detail=_item_detail(item)))
        for key, item in after.items():
            if key not in paired_b:
                self._put(item.section, True, Change("added", area, key, new=item.text, order=("new", item.order),
                                                     detail=_item_detail(item)))

    def _goal_pairs(self) -> list[tuple[str, str]]:
        return self._pair_items_quiet("mal")

    def _pair_items_quiet(self, area: str) -> list[tuple[str, str]]:
        anchors, self.anchors = self.anchors, Anchors()
        try:
            return self._pair_items(area)
        finally:
            self.anchors = anchors

    def _relocation(self, old: Item, new: Item, goals: dict[str, str]) -> dict | None:
        """Where an item went when it left its section (or a sub-goal its goal)."""
        if old.parent is not None:  # a sub-goal moves with its goal; only a change of goal is its own
            if goals.get(old.parent) == new.parent:
                return None
            return {"old_goal": self.a.items["mal"][old.parent].text,
                    "new_goal": self.b.items["mal"][new.parent].text if new.parent else None}
        if old.section and self.section_pairs.get(old.section) != new.section:
            return {"old_place": self.a.sections[old.section].place, "new_place": self.b.sections[new.section].place}
        return None

    def _reordered(self, area: str, pairs, before: dict[str, Item], after: dict[str, Item]) -> None:
        by_list: dict[str, list[tuple[str, str]]] = {}
        for old_key, new_key in pairs:
            by_list.setdefault(after[new_key].listing, []).append((old_key, new_key))
        for siblings in by_list.values():
            for old_key, new_key in sorted(moved(siblings, lambda k: before[k].order, lambda k: after[k].order),
                                           key=lambda pair: after[pair[1]].order):
                old, new = before[old_key], after[new_key]
                self._put(new.section, True, Change("moved", area, new_key, old.text, new.text,
                                                    order=("new", new.order),
                                                    detail={"old_position": old.position,
                                                            "new_position": new.position}))


def _same_text(old: list[Paragraph], new: list[Paragraph], removed: list[int], added: list[int]):
    """A paragraph or list entry struck in one place of its section and added word for word in
    another: the same one, moved, not struck and written anew."""
    free = list(removed)
    for j in added:
        i = next((i for i in free if old[i].kind == new[j].kind and old[i].text.split() == new[j].text.split()),
                 None)
        if i is not None:
            free.remove(i)
            yield i, j


def _item_detail(item: Item) -> dict:
    detail = {key: value for key, value in item.fields.items() if key in ("prioritet", "andel")}
    return detail


def _in_order(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Pairs inside one changed stretch that cross each other are not the same paragraph."""
    kept: list[tuple[int, int]] = []
    for i, j in sorted(pairs):
        if not kept or j > kept[-1][1]:
            kept.append((i, j))
    return kept


def consecutive_pairs(plans: list[PlanVersion]) -> list[tuple[PlanVersion, PlanVersion]]:
    """Each plan with the one before it: by 'ersatter' where stated, else the one of its kind
    that starts before it (a verksamhetsplan beside a mål- och inriktningsplan follows neither)."""
    ordered = sorted(plans, key=lambda plan: (plan.start_year, plan.id))
    by_id = {plan.id: plan for plan in ordered}
    latest: dict[str, PlanVersion] = {}  # the latest plan of each kind so far
    pairs = []
    for plan in ordered:
        previous = by_id.get(plan.replaces) if plan.replaces else latest.get(plan.kind)
        if previous is not None and previous is not plan:
            pairs.append((previous, plan))
        latest[plan.kind] = plan
    return pairs
