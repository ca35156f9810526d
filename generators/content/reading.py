"""Safe YAML reading: plain data plus the line and column of every value.

Only the YAML core types are built (mappings, lists, text, whole and decimal numbers, true,
false, null). Dates stay text so the model can say which date is impossible; `yes`/`no` stay
text (no Norway problem); aliases, merge keys and explicit tags such as `!!python/...` are
refused before anything is built, which also stops alias bombs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.resolver import BaseResolver

try:  # libyaml's parser is ten times faster; PyYAML's pure-Python one does the same job
    from yaml._yaml import CParser as Parser
except ImportError:  # pragma: no cover
    from yaml.loader import Loader as Parser

MAX_BYTES = 5 * 1024 * 1024
MAX_NODES = 200_000
STR, INT, FLOAT, BOOL, NULL, MAP, SEQ = (
    f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "map", "seq")
)


class ReadError(Exception):
    """The file is not readable YAML; line and column are 1-based, 0 when unknown."""

    def __init__(self, message: str, line: int = 0, column: int = 0):
        super().__init__(message)
        self.message, self.line, self.column = message, line, column


@dataclass
class Document:
    data: object
    positions: dict[tuple, tuple[int, int]] = field(default_factory=dict)

    def position(self, path: tuple) -> tuple[int, int]:
        """The position of the deepest part of path that exists in the file."""
        for end in range(len(path), -1, -1):
            if path[:end] in self.positions:
                return self.positions[path[:end]]
        return (1, 1)


class _Resolver(BaseResolver):
    pass


_Resolver.add_implicit_resolver(BOOL, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))
_Resolver.add_implicit_resolver(INT, re.compile(r"^[-+]?(?:0|[1-9][0-9_]*)$"), list("-+0123456789"))
_Resolver.add_implicit_resolver(FLOAT, re.compile(r"^[-+]?[0-9][0-9_]*\.[0-9]+$"), list("-+0123456789"))
_Resolver.add_implicit_resolver(NULL, re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""])


class _Loader(Parser, _Resolver):
    def __init__(self, stream: str):
        Parser.__init__(self, stream)
        _Resolver.__init__(self)


_PROBLEMS = [
    ("found character '\\t'", "tabbtecken är inte tillåtna för indrag i YAML; använd mellanslag"),
    ("found a tab character", "tabbtecken är inte tillåtna för indrag i YAML; använd mellanslag"),
    ("did not find expected node content", "ett värde saknas eller börjar med ett tecken som måste citeras"),
    ("found character that cannot start any token", "ett värde börjar med ett tecken som måste citeras (t.ex. @ eller `)"),
    ("control characters are not allowed", "filen innehåller ett otillåtet styrtecken"),
    ("mapping values are not allowed", "kolon på fel ställe: sätt texten inom citattecken eller rätta indraget"),
    ("could not find expected ':'", "kolon saknas efter nyckeln, eller indraget är fel"),
    ("found unexpected end of stream", "filen tar slut mitt i ett värde: ett citattecken eller en parentes stängs inte"),
    ("found undefined alias", "alias (*namn) används inte i innehållsfiler"),
    ("expected <block end>", "indraget stämmer inte med raderna ovanför"),
    ("did not find expected key", "indraget stämmer inte med raderna ovanför"),
    ("did not find expected '-' indicator", "indraget stämmer inte för listan"),
    ("found unknown escape character", "okänd escape-sekvens (\\) inom dubbla citattecken"),
    ("found unacceptable character", "filen innehåller ett otillåtet tecken"),
    ("expected ',' or ']'", "listan inom [ ] stängs inte rätt"),
    ("expected ',' or '}'", "mappningen inom { } stängs inte rätt"),
]


def _swedish(problem: str) -> str:
    for english, swedish in _PROBLEMS:
        if english in problem:
            return swedish
    return f"YAML-syntaxfel ({problem})"


def _problem(problem: str, text: str, mark) -> str:
    """libyaml reports a tab in the indentation in several ways; name the tab whichever it is."""
    lines = text.splitlines()
    line = lines[mark.line] if mark.line < len(lines) else ""
    indentation = line[: len(line) - len(line.lstrip(" \t"))]
    if "\t" in indentation:
        return _swedish("found a tab character")
    return _swedish(problem)


def decode(raw: bytes) -> str:
    """Bytes to text, refusing what editors silently get wrong."""
    if len(raw) > MAX_BYTES:
        raise ReadError(f"filen är för stor ({len(raw) / 1e6:.1f} MB); en innehållsfil får vara högst 5 MB")
    if raw.startswith(b"\xef\xbb\xbf"):
        raise ReadError("filen börjar med en byte-order mark (BOM); spara den som UTF-8 utan BOM", 1, 1)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        raise ReadError("filen är inte UTF-8; spara den som UTF-8", line, column) from None
    if not text.strip():
        raise ReadError("filen är tom", 1, 1)
    return text


def read_yaml(raw: bytes) -> Document:
    """Parse one YAML document safely; raise ReadError with a Swedish message and position."""
    text = decode(raw)
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        raise ReadError(_problem(error.problem or "", text, mark), mark.line + 1, mark.column + 1) from None
    except yaml.YAMLError as error:
        raise ReadError(_swedish(str(error))) from None
    finally:
        loader.dispose()
    if node is None:
        raise ReadError("filen innehåller inget YAML-dokument", 1, 1)
    document = Document(data=None)
    document.data = _Builder(document.positions).build(node, ())
    return document


class _Builder:
    def __init__(self, positions: dict):
        self.positions = positions
        self.count = 0
        self.seen: set[int] = set()

    def build(self, node: Node, path: tuple):
        self.count += 1
        if self.count > MAX_NODES:
            raise ReadError(f"filen har fler än {MAX_NODES} värden", node.start_mark.line + 1, 1)
        if id(node) in self.seen:  # the parser shares an anchored node with its aliases
            raise self._error(node, "alias (*namn) används inte i innehållsfiler; skriv ut värdet")
        self.seen.add(id(node))
        self.positions[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if isinstance(node, MappingNode) and node.tag == MAP:
            return self._mapping(node, path)
        if isinstance(node, SequenceNode) and node.tag == SEQ:
            return [self.build(item, path + (index,)) for index, item in enumerate(node.value)]
        if isinstance(node, ScalarNode) and node.tag in (STR, INT, FLOAT, BOOL, NULL):
            return _scalar(node)
        raise self._error(node, f"taggen {node.tag} är inte tillåten i innehållsfiler")

    def _mapping(self, node: MappingNode, path: tuple) -> dict:
        result: dict = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode) or key_node.tag not in (STR, INT):
                raise self._error(key_node, "en nyckel ska vara ett ord eller ett årtal")
            key = _scalar(key_node)
            if key in result:
                raise self._error(key_node, f"nyckeln '{key}' förekommer två gånger")
            result[key] = self.build(value_node, path + (key,))
        return result

    @staticmethod
    def _error(node: Node, message: str) -> ReadError:
        return ReadError(message, node.start_mark.line + 1, node.start_mark.column + 1)


def _scalar(node: ScalarNode):
    value = node.value
    if node.tag == INT:
        return int(value.replace("_", ""))
    if node.tag == FLOAT:
        return float(value.replace("_", ""))
    if node.tag == BOOL:
        return value.lower() == "true"
    if node.tag == NULL:
        return None
    return value
