"""Safe YAML reading: plain data plus the line and column of every value.

Only the YAML core types are built (mappings, lists, text, whole and decimal numbers, true,
false, null). Dates stay text so the model can say which date is impossible; `yes`/`no` stay
text (no Norway problem); aliases, merge keys and explicit tags such as `!!python/...` are
refused before anything is built, which also stops alias bombs. Control characters, numbers
with more digits than any amount has, more values or deeper nesting than any plan has are
refused while parsing, before they cost memory.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

import yaml
from yaml.nodes import ScalarNode
from yaml.resolver import BaseResolver

try:  # libyaml's parser is ten times faster; PyYAML's pure-Python one does the same job
    from yaml._yaml import CParser as Parser
except ImportError:  # pragma: no cover
    from yaml.loader import Loader as Parser

MAX_BYTES = 5 * 1024 * 1024
MAX_NODES = 200_000
MAX_DEPTH = 60
"""A plan's deepest value is about 20 levels down (avsnitt in avsnitt, a budget's amounts)."""
MAX_DIGITS = 15
"""A quadrillion in any unit is more than any budget; beyond it amounts stop being amounts."""
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
    # libyaml's scanner reads ahead and stops at 1000 open brackets before our depth check sees them.
    ("exceeded maximum nesting depth", f"värdena är nästlade djupare än {MAX_DEPTH} nivåer"),
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
    ("incompatible YAML document", "filen anger en YAML-version som inte stöds; ta bort raden %YAML"),
    ("directive", "raden som börjar med % förstås inte; ta bort den eller citera värdet"),
    ("tag", "ett värde börjar med ! som måste citeras (taggar används inte i innehållsfiler)"),
    ("anchor", "ett värde börjar med & eller * som måste citeras"),
    ("alias", "ett värde börjar med & eller * som måste citeras"),
    ("document", "--- eller ... på fel ställe: en innehållsfil är ett dokument"),
    ("escape", "okänd escape-sekvens (\\) inom dubbla citattecken"),
    ("simple key", "en nyckel är för lång eller tar slut på fel ställe: kontrollera kolon och citattecken"),
    ("block", "indraget stämmer inte med raderna ovanför"),
    ("flow", "en lista inom [ ] eller mappning inom { } stängs inte rätt"),
]


def _swedish(problem: str) -> str:
    for english, swedish in _PROBLEMS:
        if english in problem:
            return swedish
    return "YAML-syntaxfel: kontrollera citattecken, kolon, parenteser och indrag här"


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
        from generators.formatting import decimal  # babel only on this rare path
        raise ReadError(f"filen är för stor ({decimal(len(raw) / 1e6)} MB); en innehållsfil får vara högst 5 MB")
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
    hidden = _HIDDEN.search(text)
    if hidden:
        raise ReadError(_hidden(hidden.group(0)), *editor_position(text, hidden.start()))
    return text


_HIDDEN = re.compile("[\u2028\u2029\x85\u202a-\u202e\u2066-\u2069]|\r(?!\n)")
"""What makes a file read otherwise than git and an editor show it, anywhere, comments included:
line breaks only YAML counts (a comment holding one could hide a key) and the characters that
reorder a line's display (bidi overrides and isolates, as in "Trojan Source")."""


def _hidden(char: str) -> str:
    name = f"U+{ord(char):04X} ({unicodedata.name(char, 'NEXT LINE')})"
    if char == "\r":
        return ("ett ensamt CR (U+000D) utan LF efter: YAML läser det som en radbrytning men git och "
                "redigerare gör det inte, så filen läses inte som den visas; spara filen med LF- eller CRLF-radslut")
    if char in "\u2028\u2029\x85":
        return (f"tecknet {name} är en radbrytning för YAML men inte för git eller en redigerare: det som står "
                f"efter det, också i en kommentar, skulle läsas som en ny rad; ta bort tecknet")
    return (f"tecknet {name} vänder skrivriktningen: raden visas i en redigerare, i git och i dokumenten i en "
            f"annan ordning än den läses; ta bort tecknet")


def editor_position(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of text[index] as an editor counts them: lines end at LF (CRLF
    included) and nowhere else."""
    line_start = text.rfind("\n", 0, index) + 1
    return text.count("\n", 0, index) + 1, index - line_start + 1


def read_yaml(raw: bytes) -> Document:
    """Parse one YAML document safely; raise ReadError with a Swedish message and position.

    Python values are built straight from the parser's events, one at a time, so the limits
    (values, depth, digits) stop a hostile file before it costs memory: nothing is composed
    into a node graph first."""
    text = decode(raw)
    separators = raw.count(b",") + raw.count(b"\n")
    if separators > MAX_NODES:  # a bound the parser need not even start on: milliseconds for 5 MB
        raise ReadError(f"filen har {separators} rader och kommatecken; en innehållsfil har färre än "
                        f"{MAX_NODES} (dela upp den)", 1, 1)
    loader = _Loader(text)
    try:
        return _Builder(loader).document()
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        raise ReadError(_problem(error.problem or "", text, mark), mark.line + 1, mark.column + 1) from None
    except yaml.YAMLError as error:
        raise ReadError(_swedish(str(error))) from None
    finally:
        loader.dispose()


def _at(event, message: str) -> ReadError:
    return ReadError(message, event.start_mark.line + 1, event.start_mark.column + 1)


class _Frame:
    """An open mapping or list: its value, its path and, in a mapping, the key awaiting a value."""

    __slots__ = ("value", "path", "key", "has_key")

    def __init__(self, value, path: tuple):
        self.value, self.path, self.key, self.has_key = value, path, None, False

    def child_path(self) -> tuple:
        return self.path + ((self.key,) if isinstance(self.value, dict) else (len(self.value),))


class _Builder:
    def __init__(self, loader: _Loader):
        self.loader = loader
        self.document_ = Document(data=None)
        self.stack: list[_Frame] = []
        self.count = 0
        self.result = _NOTHING

    def document(self) -> Document:
        loader, documents = self.loader, 0
        while True:
            event = loader.get_event()
            if isinstance(event, yaml.StreamEndEvent):
                break
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    raise _at(event, "filen innehåller mer än ett YAML-dokument (en rad med --- mitt i filen?); "
                                     "en innehållsfil är ett dokument")
            elif isinstance(event, (yaml.NodeEvent, yaml.CollectionEndEvent)):
                self.event(event)
        if self.result is _NOTHING:
            raise ReadError("filen innehåller inget YAML-dokument", 1, 1)
        self.document_.data = self.result
        return self.document_

    def event(self, event) -> None:
        if isinstance(event, yaml.CollectionEndEvent):
            frame = self.stack.pop()
            self.finish(frame.value)
            return
        if isinstance(event, yaml.AliasEvent) or event.anchor is not None:
            raise _at(event, "ankare (&namn) och alias (*namn) används inte i innehållsfiler; skriv ut värdet")
        if event.tag is not None and (isinstance(event, yaml.ScalarEvent) or not event.implicit):
            raise _at(event, f"taggen {event.tag} är inte tillåten i innehållsfiler; skriv värdet utan tagg")
        self.count += 1
        if self.count > MAX_NODES:
            raise _at(event, f"filen har fler än {MAX_NODES} värden; dela upp den")
        awaiting_key = bool(self.stack) and isinstance(self.stack[-1].value, dict) and not self.stack[-1].has_key
        if awaiting_key and not isinstance(event, yaml.ScalarEvent):
            raise _at(event, "en nyckel ska vara ett ord eller ett årtal")
        path = self.stack[-1].child_path() if self.stack else ()
        if not awaiting_key:
            self.document_.positions[path] = (event.start_mark.line + 1, event.start_mark.column + 1)
        if isinstance(event, yaml.ScalarEvent):
            self.finish(_scalar(event, self.loader), event, awaiting_key)
            return
        if len(self.stack) >= MAX_DEPTH:
            raise _at(event, f"värdena är nästlade djupare än {MAX_DEPTH} nivåer")
        self.stack.append(_Frame({} if isinstance(event, yaml.MappingStartEvent) else [], path))

    def finish(self, value, event=None, is_key: bool = False) -> None:
        if not self.stack:
            self.result = value
            return
        frame = self.stack[-1]
        if is_key:
            if isinstance(value, bool) or not isinstance(value, (str, int)):
                raise _at(event, "en nyckel ska vara ett ord eller ett årtal")
            if value in frame.value:
                raise _at(event, f"nyckeln '{value}' förekommer två gånger")
            frame.key, frame.has_key = value, True
        elif isinstance(frame.value, dict):
            frame.value[frame.key] = value
            frame.key, frame.has_key = None, False
        else:
            frame.value.append(value)


_NOTHING = object()
_DIRECTION = re.compile("[\u202a-\u202e\u2066-\u2069]")
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def _scalar(event, resolver):
    value = event.value
    direction = _DIRECTION.search(value)
    if direction:  # written as an escape ("\u202e"): git shows it, but every output would obey it
        raise _at(event, _hidden(direction.group(0)))
    control = _CONTROL.search(value)
    if control:
        raise _at(event, f"texten innehåller styrtecknet U+{ord(control.group(0)):04X}, som inte kan visas i "
                         f"Word eller på webbplatsen; ta bort det")
    tag = resolver.resolve(ScalarNode, value, event.implicit)
    if tag in (INT, FLOAT):
        digits = sum(character.isdigit() for character in value)
        if digits > MAX_DIGITS:
            raise _at(event, f"talet har {digits} siffror; ett tal i en innehållsfil har högst {MAX_DIGITS}")
        return int(value.replace("_", "")) if tag == INT else float(value.replace("_", ""))
    if tag == BOOL:
        return value.lower() == "true"
    if tag == NULL:
        return None
    return value
