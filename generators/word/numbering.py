"""Word's list numbering, computed as Word prints it: the label before a numbered paragraph.

A paragraph is numbered by its own `w:numPr` or by its style's (Word's usual way of numbering
headings: the numbering is linked to Heading 1-9 in the style). `w:numId` 0 means "no
numbering" and switches a style's numbering off. Counters follow the abstract numbering
unless an instance restarts it with `w:startOverride`; a level restarts when a higher level
advances (or as `w:lvlRestart` says).
"""

from __future__ import annotations

from dataclasses import dataclass

from docx.oxml.ns import qn

ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"),
         (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))


@dataclass(frozen=True)
class Level:
    format: str
    text: str
    start: int = 1
    restart: int | None = None
    legal: bool = False
    style: str | None = None


@dataclass(frozen=True)
class Label:
    text: str
    """What Word prints, e.g. '2.1.' or '•'."""
    bullet: bool
    level: int
    """0-based list level (w:ilvl)."""
    list_id: str = ""
    """The numbering instance (w:numId): paragraphs with the same id are one list."""


def _val(element, path: str, default=None):
    found = element.find(path) if element is not None else None
    return found.get(qn("w:val")) if found is not None else default


def as_int(text: str | None, default: int | None = 0) -> int | None:
    """A number attribute; a file from another program may have anything there."""
    try:
        return int(text)
    except (TypeError, ValueError):
        return default


MAX_START = 32767
"""Word's largest start value; a file may say anything (10^13 would take minutes to count in letters)."""


def bounded_start(text: str | None) -> int:
    return min(max(as_int(text, 1), 0), MAX_START)


def _level(element) -> Level:
    return Level(format=_val(element, qn("w:numFmt"), "decimal"), text=(_val(element, qn("w:lvlText"), "") or "")[:64],
                 start=bounded_start(_val(element, qn("w:start"))), restart=as_int(_val(element, qn("w:lvlRestart")), None),
                 legal=element.find(qn("w:isLgl")) is not None, style=_val(element, qn("w:pStyle")))


def _number(value: int, fmt: str) -> str:
    if fmt in ("lowerLetter", "upperLetter"):
        letters = chr(ord("a") + (value - 1) % 26) * ((value - 1) // 26 + 1)
        return letters.upper() if fmt == "upperLetter" else letters
    if fmt in ("lowerRoman", "upperRoman"):
        roman, rest = "", value
        for size, letters in ROMAN:
            while rest >= size:
                roman, rest = roman + letters, rest - size
        return roman.upper() if fmt == "upperRoman" else roman
    if fmt == "decimalZero":
        return f"{value:02d}"
    if fmt == "none":
        return ""
    return str(value)


class Numbering:
    """Labels for the paragraphs of one document, computed in document order."""

    def __init__(self, document):
        self.levels: dict[str, dict[int, Level]] = {}
        self.counter_key: dict[str, str] = {}
        self.counters: dict[str, dict[int, int]] = {}
        self.styles = _style_numbering(document)
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):  # a document without lists
            return
        abstracts = {a.get(qn("w:abstractNumId")): a for a in root.findall(qn("w:abstractNum"))}
        for num in root.findall(qn("w:num")):
            num_id = num.get(qn("w:numId"))
            abstract_id = _val(num, qn("w:abstractNumId"))
            abstract = abstracts.get(abstract_id)
            if abstract is None:
                continue
            levels = {as_int(lvl.get(qn("w:ilvl"))): _level(lvl) for lvl in abstract.findall(qn("w:lvl"))}
            restarted = False
            for override in num.findall(qn("w:lvlOverride")):
                ilvl = as_int(override.get(qn("w:ilvl")))
                if override.find(qn("w:lvl")) is not None:
                    levels[ilvl] = _level(override.find(qn("w:lvl")))
                start = _val(override, qn("w:startOverride"))
                if start is not None and ilvl in levels:
                    levels[ilvl] = Level(**{**levels[ilvl].__dict__, "start": bounded_start(start)})
                    restarted = True
            self.levels[num_id] = levels
            # Instances of one abstract numbering continue each other's count unless restarted.
            self.counter_key[num_id] = f"num{num_id}" if restarted else f"abstract{abstract_id}"

    def numbering_of(self, paragraph_element, style_id: str | None) -> tuple[str, int] | None:
        """(numId, ilvl) of a paragraph, from its own properties or its style's; None if unnumbered."""
        properties = paragraph_element.pPr
        own = properties.find(qn("w:numPr")) if properties is not None else None
        num_id = _val(own, qn("w:numId"))
        ilvl = _val(own, qn("w:ilvl"))
        styled = self.styles.get(style_id or "")
        if num_id is None and styled:
            num_id = styled[0]
        if ilvl is None and styled and styled[0] == num_id:
            ilvl = styled[1]
        if num_id is None or num_id == "0" or num_id not in self.levels:
            return None
        if ilvl is None:
            # A style-linked list names the level by the style (w:pStyle in the level).
            ilvl = next((str(i) for i, level in self.levels[num_id].items() if level.style == style_id), "0")
        return num_id, as_int(ilvl)

    def label(self, paragraph_element, style_id: str | None) -> Label | None:
        found = self.numbering_of(paragraph_element, style_id)
        if found is None:
            return None
        num_id, ilvl = found
        levels = self.levels[num_id]
        level = levels.get(ilvl)
        if level is None or not 0 <= ilvl <= 8:
            return None
        if level.format == "bullet":
            return Label(level.text, True, ilvl, num_id)
        counters = self.counters.setdefault(self.counter_key[num_id], {})
        counters[ilvl] = counters.get(ilvl, level.start - 1) + 1
        for deeper in [d for d in counters if d > ilvl]:
            restart = levels[deeper].restart if deeper in levels else None
            if restart is None or restart > 0 and ilvl < restart:
                del counters[deeper]
        text = level.text
        for index in range(ilvl + 1):
            shown = levels.get(index, level)
            value = counters.get(index, shown.start)
            fmt = "decimal" if level.legal and index < ilvl else shown.format
            text = text.replace(f"%{index + 1}", _number(value, fmt))
        return Label(text, False, ilvl, num_id)


def _style_numbering(document) -> dict[str, tuple[str, str | None]]:
    """style id -> (numId, ilvl) for styles that number their paragraphs, through w:basedOn."""
    own: dict[str, tuple[str | None, str | None]] = {}
    based: dict[str, str] = {}
    for style in document.styles.element.findall(qn("w:style")):
        style_id = style.get(qn("w:styleId"))
        num_pr = style.find(f"{qn('w:pPr')}/{qn('w:numPr')}")
        if num_pr is not None:
            own[style_id] = (_val(num_pr, qn("w:numId")), _val(num_pr, qn("w:ilvl")))
        parent = _val(style, qn("w:basedOn"))
        if parent:
            based[style_id] = parent
    resolved = {}
    for style_id in set(own) | set(based):
        current, seen = style_id, set()
        while current and current not in own and current not in seen:
            seen.add(current)
            current = based.get(current)
        if current in own and own[current][0] is not None:
            resolved[style_id] = own[current]
    return resolved
