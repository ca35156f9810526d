"""A Word file's body (word/source.py) -> the outline of a draft plan: sections with a number
and a heading, and their blocks (paragraphs, lists, labels, tables).

Headings come from outline levels (built-in heading styles in any language, styles based on
them, styles or paragraphs with `w:outlineLvl`). A document with none gets its headings from
short bold paragraphs and from paragraphs with a typed section number ("2.1 Delmål").
A number typed into a heading is split off into `nummer`; Word's own number (numbering linked
to the heading style) is used as printed. What cannot be kept is listed as a `Loss`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from generators.authoring.word_count import words
from generators.word.source import Source, SourceParagraph, SourceTable

TYPED_NUMBER = re.compile(r"^(\d{1,2}(?:\.\d{1,2})*\.?)\s+(\S.*)$", re.DOTALL)
TYPED_BULLET = re.compile(r"^[•●▪◦·\-–*]\s+(\S.*)$", re.DOTALL)
TYPED_ITEM = re.compile(r"^(\d{1,2})[.)]\s+(\S.*)$", re.DOTALL)
NUMBER = re.compile(r"\d+(?:\.\d+)*\.?")
MAX_HEADING_WORDS = 14


@dataclass
class Loss:
    where: str
    what: str
    words: int = 0
    blocking: bool = False
    """Images and merged cells stop the import unless losses are allowed; text counts by share."""


class Outline:
    def __init__(self, source: Source):
        self.source = source
        self.losses: list[Loss] = []
        self.title = source.title
        self.headings = _headings(source.blocks)
        if source.contents:
            self.losses.append(Loss("i dokumentet", "innehållsförteckningen följer inte med (styrdok gör en egen)",
                                    len(words(" ".join(source.contents)))))

    def sections(self) -> list[dict]:
        root: list[dict] = []
        stack: list[tuple[int, dict]] = []
        pending: list = []  # body blocks of the current section, grouped into lists on flush
        for index, block in enumerate(self.source.blocks):
            if index in self.headings:
                self._flush(stack, pending)
                level = self.headings[index]
                section = _section(block)
                while stack and stack[-1][0] >= level:
                    stack.pop()
                (stack[-1][1].setdefault("avsnitt", []) if stack else root).append(section)
                stack.append((level, section))
            elif isinstance(block, SourceParagraph) and block.title and not stack and block.text:
                self.title = self.title or block.text.replace("\n", " ")
                if block.text.replace("\n", " ") != self.title:
                    self.losses.append(Loss("före första rubriken", f"titelraden ”{_short(block.text)}”", _count(block.text)))
            elif not stack and not self.headings:
                pending.append(block)  # no headings at all: everything is one section
            elif not stack:
                self._preface(block)
            else:
                pending.append(block)
        if not self.headings:
            title = self.title or "Importerat dokument"
            root.append({"rubrik": title.replace("\n", " ")})
            stack.append((1, root[0]))
        self._flush(stack, pending)
        return root

    def _preface(self, block) -> None:
        if isinstance(block, SourceParagraph):
            if block.text:
                self.losses.append(Loss("före första rubriken", f"stycket ”{_short(block.text)}”", _count(block.text)))
            if block.images:
                self.losses.append(Loss("före första rubriken", _images(block.images), blocking=True))
        else:
            words = sum(_count(cell) for row in block.rows for cell in row)
            self.losses.append(Loss("före första rubriken", "en tabell", words))

    def _flush(self, stack, pending: list) -> None:
        if not stack:
            return
        section = stack[-1][1]
        where = _where(section)
        blocks = []
        for block in pending:
            if isinstance(block, SourceTable):
                self._table(block, where, blocks)
            else:
                self._paragraph(block, where, blocks)
        if blocks:
            section.setdefault("innehall", []).extend(blocks)
        pending.clear()

    def _paragraph(self, block: SourceParagraph, where: str, blocks: list) -> None:
        if block.images:
            self.losses.append(Loss(where, _images(block.images), blocking=True))
        text = block.text
        if not text:
            return
        kind, item = _list_item(block)
        if kind and block.label is not None and block.label.level > 0:
            self.losses.append(Loss(where, f"punkten ”{_short(item, 40)}” står på nivå {block.label.level + 1} "
                                           f"i Word men på första nivån i utkastet"))
        if kind:
            last = blocks[-1] if blocks else None
            entry: dict | str = {"text": item, "fotnot": " ".join(block.footnotes)} if block.footnotes else item
            if last and kind in last:
                last[kind].append(entry)
            else:
                blocks.append({kind: [entry]})
            return
        if block.bold and _short(text) == text and not block.label and _count(text) <= MAX_HEADING_WORDS:
            blocks.append({"underrubrik": text})
        else:
            blocks.append({"stycke": text})
        for note in block.footnotes:
            blocks.append({"stycke": note})

    def _table(self, block: SourceTable, where: str, blocks: list) -> None:
        if block.images:
            self.losses.append(Loss(where, _images(block.images) + " i en tabell", blocking=True))
        for place in block.merged:
            self.losses.append(Loss(where, f"sammanfogade celler i en tabell ({place}) är delade", blocking=True))
        rows = [[cell for cell in row] for row in block.rows if any(cell.strip() for cell in row)]
        if not rows or not rows[0]:
            return
        if len(rows) == 1 and len(rows[0]) == 1:
            blocks.append({"stycke": rows[0][0]})
            return
        blocks.append({"tabell": {"rubriker": rows[0], "rader": rows[1:]}})


def _list_item(block: SourceParagraph) -> tuple[str | None, str]:
    text = block.text
    if block.label is not None:
        return ("punktlista" if block.label.bullet else "numrerad_lista"), text
    if block.typed_item:
        match = TYPED_ITEM.match(text)
        return "numrerad_lista", match.group(2)
    match = TYPED_BULLET.match(text)
    if match:
        return "punktlista", match.group(1)
    return None, text


def _section(block: SourceParagraph) -> dict:
    text = block.text.replace("\n", " ").strip()
    number = None
    if block.label is not None and not block.label.bullet:
        found = NUMBER.search(block.label.text)
        number = found.group(0) if found else None
    if number is None:
        typed = TYPED_NUMBER.match(text)
        if typed:
            number, text = typed.group(1), typed.group(2).strip()
    section: dict = {"nummer": number} if number else {}
    section["rubrik"] = text
    return section


def _where(section: dict) -> str:
    number = section.get("nummer")
    return f"i avsnitt {number.rstrip('.')} {section['rubrik']}" if number else f"i avsnittet {section['rubrik']}"


def _headings(blocks: list) -> dict[int, int]:
    """index of each heading paragraph -> its level (1 = chapter)."""
    styled = {i: b.outline for i, b in enumerate(blocks)
              if isinstance(b, SourceParagraph) and b.outline and b.text and not b.title}
    if styled:
        return styled
    _mark_typed_lists(blocks)
    candidates = [i for i, b in enumerate(blocks) if isinstance(b, SourceParagraph)
                  and _looks_like_heading(b, blocks[i + 1] if i + 1 < len(blocks) else None)]
    sizes = sorted({blocks[i].size for i in candidates if blocks[i].size and not _typed_depth(blocks[i])},
                   reverse=True)
    levels = {}
    for i in candidates:
        block = blocks[i]
        depth = _typed_depth(block) or (block.label.level + 1 if block.label else 0)
        if not depth:
            depth = sizes.index(block.size) + 1 if block.size in sizes else 1
        levels[i] = min(depth, 9)
    return levels


def _looks_like_heading(block: SourceParagraph, following) -> bool:
    """Short, no closing punctuation, and bold, or numbered: typed ('2.1 Delmål') or by Word
    and followed by body text rather than the next item of its list."""
    text = block.text
    if not text or "\n" in text or block.title or block.typed_item or _count(text) > MAX_HEADING_WORDS:
        return False
    if text.rstrip()[-1] in ".,;:!?" or (block.label is not None and block.label.bullet):
        return False
    if TYPED_BULLET.match(text):
        return False
    typed = TYPED_NUMBER.match(text)
    starts_upper = (typed.group(2) if typed else text)[:1].isupper()
    numbered_by_word = block.label is not None and starts_upper and _body_text(following, block.label)
    return block.bold or bool(typed and starts_upper) or numbered_by_word


def _body_text(block, label) -> bool:
    if not isinstance(block, SourceParagraph) or not block.text:
        return False
    return block.label is None or block.label.list_id != label.list_id


def _typed_depth(block: SourceParagraph) -> int:
    typed = TYPED_NUMBER.match(block.text)
    return len(typed.group(1).rstrip(".").split(".")) if typed else 0


def _mark_typed_lists(blocks: list) -> None:
    """Consecutive paragraphs typed '1. ...', '2. ...' are a numbered list, not headings."""
    run: list[SourceParagraph] = []
    for block in blocks + [None]:
        match = isinstance(block, SourceParagraph) and TYPED_ITEM.match(block.text or "")
        if match and not block.bold and (not run or int(match.group(1)) == int(TYPED_ITEM.match(run[-1].text).group(1)) + 1):
            run.append(block)
            continue
        if len(run) >= 2:
            for item in run:
                item.typed_item = True
        run = [block] if match and not block.bold and int(match.group(1)) == 1 else []


def _count(text: str) -> int:
    return len(re.findall(r"\w+", text))


def _short(text: str, limit: int = 60) -> str:
    flat = text.replace("\n", " ")
    return flat if len(flat) <= limit else flat[:limit - 1].rstrip() + "…"


def _images(count: int) -> str:
    return "en bild" if count == 1 else f"{count} bilder"
