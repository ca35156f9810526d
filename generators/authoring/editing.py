"""Editing a content file in place: change a few values and keep every other byte.

The office's comments, blank lines, quoting and flow mappings stay as they were; only the
text of the values changed (or the lines of a block put in) differs. Positions come from
PyYAML's composed node tree, so a value is found by its path, not by a pattern.

    Edits(text)                   collect changes, then .apply() -> the new text
    .replace(path, text)          a value's text, e.g. ('status',) -> 'antagen'
    .put_block(key, lines, after) a top-level key with its lines, replacing or inserting it
    .fill(path, text)             a value's text, also where the value is empty ('kvinnor:')
    .add_key(path, key, text)     a key the mapping at path lacks (block or flow style)
    .append_item(path, pairs)     a mapping at the end of the sequence at path
    .strings(skip)                (start, end) of every string value, but under the keys in skip
    .splice(start, end, text)     replace the source between two offsets
    .change(path, old, new)       only the parts of a value that differ, each written in place
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

import yaml
from yaml.nodes import MappingNode, Node, SequenceNode


def scalar(value) -> str:
    """A value as YAML text on one line: '§ 45' stays plain, '2026' stays text where it is text."""
    # Spaces at either end (a non-breaking one too) would be dropped from a plain scalar: quote.
    style = '"' if isinstance(value, str) and value != value.strip() else None
    return yaml.safe_dump(value, allow_unicode=True, width=1_000_000, default_flow_style=True,
                          default_style=style).strip().removesuffix(
        "\n...").removesuffix("...").strip()


def flow_mapping(values: dict) -> str:
    """{2022: 8000, 2024: None} -> '{2022: 8000, 2024: }': an empty year left to fill in."""
    return "{" + ", ".join(f"{key}: {'' if value is None else scalar(value)}" for key, value in values.items()) + "}"


class Edits:
    def __init__(self, text: str):
        self.text = text
        self.root = yaml.compose(text, Loader=yaml.SafeLoader)
        self.changes: list[tuple[int, int, str]] = []
        self.additions: dict[int, tuple[MappingNode, list[tuple[str, str]]]] = {}

    def node(self, path: tuple) -> Node:
        node = self.root
        for part in path:
            if isinstance(node, MappingNode):
                node = next(value for key, value in node.value if _key(key) == part)
            elif isinstance(node, SequenceNode):
                node = node.value[part]
            else:
                raise KeyError(path)
        return node

    def has(self, path: tuple) -> bool:
        try:
            self.node(path)
        except (KeyError, StopIteration, IndexError):
            return False
        return True

    def replace(self, path: tuple, text: str) -> None:
        node = self.node(path)
        self.changes.append((node.start_mark.index, node.end_mark.index, text))

    def fill(self, path: tuple, text: str) -> None:
        """Like replace, but an empty value ('kvinnor:' or 'staten:  # comment') gets its space."""
        node = self.node(path)
        start = node.start_mark.index
        if node.start_mark.index == node.end_mark.index and self.text[start - 1:start] == ":":
            text = " " + text
        self.changes.append((start, node.end_mark.index, text))

    def add_key(self, path: tuple, key: str, text: str) -> None:
        """Keys added to one mapping go in together, in the order added (see apply)."""
        node = self.node(path)
        self.additions.setdefault(node.start_mark.index, (node, []))[1].append((key, text))

    def _additions(self) -> None:
        for node, pairs in self.additions.values():
            if node.flow_style or not node.value:
                end = node.end_mark.index - 1  # the closing brace
                inner = ", ".join(f"{key}: {text}" for key, text in pairs)
                self.changes.append((end, end, f"{', ' if node.value else ''}{inner}"))
                continue
            indent = " " * node.value[0][0].start_mark.column
            at = self._line_end(_last_end(node.value[-1][1]))
            self.changes.append((at, at, "".join(f"{indent}{key}: {text}\n" for key, text in pairs)))
        self.additions = {}

    def append_item(self, path: tuple, pairs: list[tuple[str, str]]) -> None:
        node = self.node(path)
        if node.flow_style and node.value:
            end = node.end_mark.index - 1
            inner = ", ".join(f"{key}: {text}" for key, text in pairs)
            self.changes.append((end, end, f", {{{inner}}}"))
            return
        if node.value:
            indent = node.value[0].start_mark.column - 2
            at = self._line_end(_last_end(node.value[-1]))
            lead = ""
        else:  # 'maluppfoljning: []' becomes a block sequence under its key
            indent, at, lead = 2, node.start_mark.index, "\n"
            self.changes.append((node.start_mark.index, node.end_mark.index, ""))
        lines = [f"{' ' * indent}{'- ' if index == 0 else '  '}{key}: {text}" for index, (key, text) in enumerate(pairs)]
        block = "\n".join(lines) + "\n"
        if lead:
            start = node.start_mark.index
            # Drop the space before '[]' too: 'key:' then the block on the next lines.
            if self.text[start - 1:start] == " ":
                self.changes[-1] = (start - 1, node.end_mark.index, "")
                at = start - 1
            block = lead + block.rstrip("\n")
        self.changes.append((at, at, block))
    def strings(self, skip: set) -> list[tuple[int, int]]:
        found = []

        def walk(node: Node) -> None:
            if isinstance(node, MappingNode):
                for key, value in node.value:
                    if _key(key) not in skip:
                        walk(value)
            elif isinstance(node, SequenceNode):
                for item in node.value:
                    walk(item)
            elif node.tag == "tag:yaml.org,2002:str":
                found.append((node.start_mark.index, node.end_mark.index))
        walk(self.root)
        return found

    def splice(self, start: int, end: int, text: str) -> None:
        self.changes.append((start, end, text))

    def is_block(self, path: tuple) -> bool:
        node = self.node(path)
        return isinstance(node, MappingNode) and not node.flow_style and bool(node.value)


    def put_block(self, key: str, lines: list[str], after: str) -> None:
        """`key:` with its indented lines at the top level: in place of the old block, or on the
        line after the top-level key `after`."""
        block = "".join(line + "\n" for line in [f"{key}:", *lines])
        for key_node, value in self.root.value:
            if _key(key_node) == key:
                start = key_node.start_mark.index
                self.changes.append((start, self._line_end(_last_end(value)), block))
                return
        anchor = next(value for key_node, value in self.root.value if _key(key_node) == after)
        at = self._line_end(_last_end(anchor))
        self.changes.append((at, at, block))

    def change(self, path: tuple, old, new) -> None:
        """Write `new` where the value at path is `old`, touching only what differs: mappings
        with the same keys are compared key by key, lists item by item (an item put in or taken
        out is written or removed alone)."""
        if old == new:
            return
        node = self.node(path)
        if isinstance(old, dict) and isinstance(new, dict) and list(old) == list(new) and all(
                _same_kind(old[key], new[key]) for key in old):
            for key in old:
                self.change(path + (key,), old[key], new[key])
        elif isinstance(old, list) and isinstance(new, list) and isinstance(node, SequenceNode) \
                and not node.flow_style and old and new:
            self._change_items(path, node, old, new)
        elif isinstance(node, (MappingNode, SequenceNode)) and node.value and not node.flow_style:
            self.changes.append((node.start_mark.index, self._content_end(node), _block(new, node.start_mark.column)))
        elif isinstance(new, str) and len(path) > 1 and isinstance(self.node(path[:-1]), (MappingNode, SequenceNode)) \
                and not self.node(path[:-1]).flow_style and not isinstance(node, (MappingNode, SequenceNode)):
            self.changes.append((node.start_mark.index, self._content_end(node),
                                 _block(new, self.node(path[:-1]).start_mark.column)))
        elif isinstance(node, (MappingNode, SequenceNode)) or not _collection(new):
            self.changes.append((node.start_mark.index, self._content_end(node), _flow(new)))
        else:
            raise ValueError(f"{path}: a value of a new kind is written by its parent")

    def _change_items(self, path: tuple, node: SequenceNode, old: list, new: list) -> None:
        matcher = SequenceMatcher(None, [_identity(item) for item in old], [_identity(item) for item in new],
                                  autojunk=False)
        dash = node.start_mark.column
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag == "equal" or (tag == "replace" and i2 - i1 == j2 - j1):
                for offset in range(i2 - i1):
                    if _same_kind(old[i1 + offset], new[j1 + offset]):
                        self.change(path + (i1 + offset,), old[i1 + offset], new[j1 + offset])
                    else:
                        item = node.value[i1 + offset]
                        self.changes.append((self._item_start(item), self._item_end(node, i1 + offset),
                                             _item(new[j1 + offset], dash)))
                continue
            start = self._item_start(node.value[i1]) if i1 < len(node.value) else self._line_end(
                self._content_end(node.value[-1]))
            end = self._item_end(node, i2 - 1) if i2 > i1 else start
            self.changes.append((start, end, "".join(_item(item, dash) for item in new[j1:j2])))

    def _item_start(self, item: Node) -> int:
        """The start of the line an item's dash is on."""
        return self.text.rfind("\n", 0, item.start_mark.index) + 1

    def _item_end(self, node: SequenceNode, index: int) -> int:
        if index + 1 < len(node.value):
            return self._item_start(node.value[index + 1])
        return self._line_end(self._content_end(node.value[index]))

    def _content_end(self, node: Node) -> int:
        """Where a value's last character is: a block scalar's end mark lies past its line break."""
        end = _last_end(node)
        while end > 0 and self.text[end - 1] in " \n":
            end -= 1
        return end

    def _line_end(self, index: int) -> int:
        """The start of the line after the one index is on (a block's end mark may already be there)."""
        if index > 0 and self.text[index - 1] == "\n":
            return index
        end = self.text.find("\n", index)
        return len(self.text) if end < 0 else end + 1

    def apply(self) -> str:
        self._additions()
        text = self.text
        for start, end, new in sorted(self.changes, reverse=True):
            text = text[:start] + new + text[end:]
        return text


class ContentDumper(yaml.SafeDumper):
    """As the content files are written: amounts per year on one line ({2021: 8000}), lists
    indented under their key, a long text folded over lines, a number as text in double quotes."""

    def increase_indent(self, flow=False, indentless=False):
        return super().increase_indent(flow, False)


def _text(dumper, value: str):
    style = None
    if len(value) > 80 and "\n" not in value and value == value.strip() and "  " not in value:
        style = ">"
    elif re.fullmatch(r"[0-9.]+", value):
        style = '"'
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


ContentDumper.add_representer(str, _text)
ContentDumper.add_representer(dict, lambda dumper, data: dumper.represent_mapping(
    "tag:yaml.org,2002:map", data, flow_style=bool(data) and all(isinstance(key, int) for key in data)))


def _block(value, indent: int) -> str:
    """A value in block style whose first line goes where the old value began."""
    lines = yaml.dump(value, Dumper=ContentDumper, allow_unicode=True, sort_keys=False, width=max(100 - indent, 40),
                      indent=2).rstrip("\n").split("\n")
    if lines[-1] == "...":  # the end of a document that is one scalar
        lines.pop()
    return "\n".join([lines[0]] + [" " * indent + line for line in lines[1:]])


def _item(value, dash: int) -> str:
    """A list item of its own, on its own lines, its dash at the list's column."""
    return " " * dash + "- " + _block(value, dash + 2) + "\n"


def _identity(item):
    """What tells list items apart when the list gets longer or shorter: an id, a heading, the text."""
    if isinstance(item, dict):
        for key in ("id", "rubrik"):
            if key in item:
                return (key, item[key])
        if len(item) == 1 and not _collection(next(iter(item.values()))):
            return next(iter(item.items()))
        return tuple(item)
    return item


def _same_kind(old, new) -> bool:
    return (isinstance(old, dict) and isinstance(new, dict)) or (isinstance(old, list) and isinstance(new, list)) \
        or (not _collection(old) and not _collection(new))


def _collection(value) -> bool:
    return isinstance(value, (dict, list))


def _flow(value) -> str:
    """A value on one line: a scalar as scalar() writes it, a mapping or list in flow style."""
    if not _collection(value):
        return scalar(value)
    return yaml.safe_dump(value, allow_unicode=True, sort_keys=False, width=1_000_000,
                          default_flow_style=True).strip()


def _last_end(node: Node) -> int:
    """Where a value's last character is: a block's own end mark lies past the comments and
    blank lines after it, which belong to what follows."""
    if isinstance(node, MappingNode) and node.value and not node.flow_style:
        return _last_end(node.value[-1][1])
    if isinstance(node, SequenceNode) and node.value and not node.flow_style:
        return _last_end(node.value[-1])
    return node.end_mark.index


def _key(node: Node):
    """A mapping key as the content model reads it: years as numbers, everything else as text."""
    value = node.value
    return int(value) if isinstance(value, str) and value.isdigit() else value
