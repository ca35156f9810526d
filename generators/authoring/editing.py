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
    .add_entry(path, key, text)   one more `key: text` line at the end of a block mapping
    .strings(skip)                (start, end) of every string value, but under the keys in skip
    .splice(start, end, text)     replace the source between two offsets
"""

from __future__ import annotations

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

    def add_entry(self, path: tuple, key: str, text: str) -> None:
        """`key: text` after the last entry of the block mapping at path, indented as its keys."""
        node = self.node(path)
        indent = node.value[0][0].start_mark.column
        at = self._line_end(_last_end(node.value[-1][1]))
        self.changes.append((at, at, f"{' ' * indent}{key}: {text}\n"))

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
