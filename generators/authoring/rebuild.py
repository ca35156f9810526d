"""The sections of a draft from an edited Word file's lines, each paired (or not) with the line
of the version's own Word file it still is (authoring/onto.py pairs them).

A paired line brings back what it was in the plan: the section whose heading it is, the block
it belongs to and its place there (the third goal, a budget row of the costs). Lines of one
block stay one block; an item moved into another list of its kind goes with that list; a new
line joins the list or table it stands in, or becomes a block of its own (a paragraph, a
label, a list, a table); a new heading starts a new section at its level. Each block is then
made again from its lines (authoring/line_blocks.py); a block whose lines are all as they
were is kept exactly as the version has it.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field

from generators.authoring.line_blocks import LIST_KINDS, build_block
from generators.authoring.lines import FURNITURE, Line, Role
from generators.authoring.outline import NUMBER, _section
from generators.authoring.parts import SHARE, _Ids


@dataclass
class Placed:
    """An edited line and, where it still is one, the version's own line with its role."""

    line: Line
    own: Line | None = None
    role: Role | None = None

    @property
    def changed(self) -> bool:
        """A different text, cells or level; for a heading also a different number (a list's
        bullets and numbers are the list's, not the entry's)."""
        start = 1 if self.line.kind == "rubrik" else 2
        return self.own is None or self.own.key[start:] != self.line.key[start:] or self.own.kind != self.line.kind


@dataclass
class Group:
    """The lines that become one block."""

    kind: str
    key: tuple | None
    """(section, block) of the version's block it continues; None for a new block."""
    lines: list[Placed] = field(default_factory=list)

    def accepts_new(self, line: Line) -> bool:
        if self.kind in LIST_KINDS or self.kind in ("mal", "malgrupper"):
            return line.kind == "punkt"
        if self.kind == "fordelning":
            return line.kind == "stycke" and bool(SHARE.match(line.text))
        if self.kind in ("budget", "projekt", "tabell"):
            return line.kind == "rad"
        return False


@dataclass
class SectionNode:
    data: dict
    depth: int
    level: int
    """The heading's outline level in the edited file."""
    groups: list[Group] = field(default_factory=list)
    children: list[SectionNode] = field(default_factory=list)


class Context:
    """What the blocks are made from: the version's data, its ids, the lines' texts."""

    def __init__(self, data: dict, own_roles: list[Role], footnotes: dict[tuple, str | None], organisation=None):
        self.data = data
        self.organisation = organisation
        """The members a new budget row's label may name (content/organisation.yaml)."""
        self.ids = _Ids()
        self.ids.used |= set(_all_ids(data))
        self.footnotes = footnotes
        self.placed: set[tuple] = set()
        """The blocks that already have a group."""
        self.lines_of: dict[tuple, list[Role]] = {}
        for role in own_roles:
            if role.block is not None and not role.furniture and role.part[:1] != ("fotnot",):
                self.lines_of.setdefault((role.section, role.block), []).append(role)

    def section(self, path: tuple[int, ...]) -> dict:
        node = self.data["avsnitt"][path[0]]
        for index in path[1:]:
            node = node["avsnitt"][index]
        return node

    def block(self, key: tuple) -> dict:
        return self.section(key[0])["innehall"][key[1]]

    def text(self, placed: Placed) -> str:
        """The line's text as the plan says it: unchanged, the plan's own; reworded, the Word
        text less what styrdok prints around it (a footnote mark, a share's percentage)."""
        if not placed.changed:
            return placed.role.text
        text = placed.line.text
        if placed.own is None or placed.role is None:
            return text
        own, plan = placed.own.text, " ".join(placed.role.text.split())
        at = own.find(plan)
        if at >= 0:
            prefix, suffix = own[:at], own[at + len(plan):]
            if prefix and text.startswith(prefix):
                text = text[len(prefix):]
            if suffix and text.endswith(suffix):
                text = text[:-len(suffix)]
        return text.strip()


def rebuild(placed: list[Placed], context: Context) -> tuple[list[dict], list[str]]:
    """The new sections, and what could not be kept (in Swedish, with the place)."""
    root: list[SectionNode] = []
    stack: list[SectionNode] = []
    losses: list[str] = []
    group: Group | None = None
    following = _following_roles(placed)
    for index, item in enumerate(placed):
        line = item.line
        if line.kind == "rubrik":
            node = _section_node(item, stack, context)
            while stack and stack[-1].depth >= node.depth:
                stack.pop()
            node.depth = len(stack) + 1
            (stack[-1].children if stack else root).append(node)
            stack.append(node)
            group = None
            continue
        if (item.role and (item.role.furniture or item.role.part[:1] == ("fotnot",))) or line.kind in FURNITURE \
                or line.kind == "fotnot":
            if item.role is None and line.kind == "bild":
                losses.append(f"{_where(stack[-1])}: en bild följer inte med (bilderna gör styrdok själv)")
            elif item.role is None and line.kind == "fotnot":
                losses.append(f"{_where(stack[-1])}: stycket ”{line.text}” i formatet Fotnot följer inte med")
            continue
        after = placed[index + 1] if index + 1 < len(placed) else None
        group = _place(item, group, stack[-1], context, following[index], after)
    return [_as_dict(node, context) for node in root], losses


def _following_roles(placed: list[Placed]) -> list[Role | None]:
    """For each line the role of the next paired content line after it."""
    found: list[Role | None] = [None] * len(placed)
    nearest = None
    for index in range(len(placed) - 1, -1, -1):
        found[index] = nearest
        role = placed[index].role
        if role is not None and not role.furniture and placed[index].line.kind != "rubrik":
            nearest = role
    return found


def _where(node: SectionNode) -> str:
    number = node.data.get("nummer")
    return f"i avsnitt {number.rstrip('.')} {node.data['rubrik']}" if number else f"i avsnittet {node.data['rubrik']}"


def _section_node(item: Placed, stack: list[SectionNode], context: Context) -> SectionNode:
    line = item.line
    typed = _section(line.block) if line.block is not None else {"rubrik": line.text}
    if item.role is not None:
        old = context.section(item.role.section)
        data = {key: copy.deepcopy(value) for key, value in old.items() if key not in ("innehall", "avsnitt")}
        if item.changed:
            data["rubrik"] = typed["rubrik"]
            if item.own.label != line.label:
                data = _renumber(data, typed.get("nummer"))
        depth = len(item.role.section) + line.level - item.own.level
        return SectionNode(data, max(depth, 1), line.level)
    data = {"nummer": _number_style(typed["nummer"], stack)} if typed.get("nummer") else {}
    data["rubrik"] = typed["rubrik"]
    previous = stack[-1] if stack else None
    depth = previous.depth + min(line.level - previous.level, 1) if previous else 1
    return SectionNode(data, max(depth, 1), line.level)


def _renumber(data: dict, number: str | None) -> dict:
    """A heading Word numbers anew keeps the way the version writes its number ('3.1.' or '4.1')."""
    old = data.get("nummer")
    if not number:
        return {key: value for key, value in data.items() if key != "nummer"}
    bare = number.rstrip(".")
    new = (bare + "." if old.endswith(".") else bare) if old else number
    if old:
        return {**data, "nummer": new}
    return {"nummer": new, **data}


def _number_style(number: str, stack: list[SectionNode]) -> str:
    """A new section's number written as its neighbours at the same depth write theirs."""
    for node in reversed(stack):
        old = node.data.get("nummer")
        if old and NUMBER.fullmatch(old) and old.count(".") - old.endswith(".") == number.rstrip(".").count("."):
            return number.rstrip(".") + ("." if old.endswith(".") else "")
    return number


def _place(item: Placed, group: Group | None, section: SectionNode, context: Context,
           following: Role | None, after: Placed | None) -> Group:
    """The group the line joins: its own block's, a list it was moved into, or a new one."""
    role, line = item.role, item.line
    if role is not None:
        key = (role.section, role.block)
        kind = _kind(context.block(key))
        same = group is not None and group.key == key
        # An item moved into another list of its kind: its own list is already placed, or the
        # list it stands in goes on after it.
        moved_item = group is not None and group.kind == kind and kind in (*LIST_KINDS, "mal") and \
            line.kind == "punkt" and (key in context.placed or (following is not None and
                                                                 (following.section, following.block) == group.key))
        if same or moved_item:
            group.lines.append(item)
            return group
        group = Group(kind, key)
        context.placed.add(key)
    elif group is not None and group.accepts_new(line):
        group.lines.append(item)
        return group
    elif _starts_list(line, after, context):  # a new first entry of the list after it
        key = (after.role.section, after.role.block)
        group = Group(_kind(context.block(key)), key)
        context.placed.add(key)
    else:
        group = Group(_new_kind(line), None)
    group.lines.append(item)
    section.groups.append(group)
    return group


def _starts_list(line: Line, after: Placed | None, context: Context) -> bool:
    if line.kind != "punkt" or after is None or after.role is None or after.line.kind != "punkt":
        return False
    key = (after.role.section, after.role.block)
    return key not in context.placed and _kind(context.block(key)) in (*LIST_KINDS, "mal", "malgrupper")


def _new_kind(line: Line) -> str:
    if line.kind == "punkt":
        return "numrerad_lista" if re.search(r"\d", line.label) else "punktlista"
    if line.kind == "rad":
        return "tabell"
    return line.kind if line.kind in ("underrubrik", "signatur") else "stycke"


def _kind(block: dict) -> str:
    return next(iter(block))


def _as_dict(node: SectionNode, context: Context) -> dict:
    data = dict(node.data)
    blocks = [block for block in (build_block(group, context) for group in node.groups) if block]
    if blocks:
        data["innehall"] = blocks
    if node.children:
        data["avsnitt"] = [_as_dict(child, context) for child in node.children]
    return data


def _all_ids(data):
    if isinstance(data, dict):
        for key, value in data.items():
            if key == "id" and isinstance(value, str):
                yield value
            else:
                yield from _all_ids(value)
    elif isinstance(data, list):
        for value in data:
            yield from _all_ids(value)
