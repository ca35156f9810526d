"""Tracked paragraph marks where nothing follows to join them.

Accepting a deleted paragraph mark, or rejecting an inserted one, joins the paragraph with the
next. Before a table, at the end of the document and at the end of the contents there is no
next paragraph, and LibreOffice leaves an empty paragraph behind. So the paragraph before such
a border keeps its mark untracked, and what it would have joined is arranged otherwise:

- merged: the nearest paragraph of the other version in the same changed stretch moves into
  it, so one paragraph shows the old text (deleted) and the new (inserted), with the new
  paragraph's style and the old one's recorded as former (w:pPrChange). Moving a paragraph of
  one version past paragraphs and tables of the other changes neither version's order.
- received: else the untracked paragraph before the run takes the tracked mark, so its text
  joins what is left of the run, and the run's last paragraph carries the properties the
  joined paragraph ends with in each version.

Where neither exists, nothing can be done and the mark stays (an empty paragraph is left).

Where a tracked mark does have a next paragraph, which look the joined paragraph keeps is up to
the program: LibreOffice keeps the first paragraph's once the file is saved and reopened (an
inserted last list entry, rejected, numbers the heading after the list), Word the mark's that
is left. settle_joins makes every join one of paragraphs that look alike in the version where
they join, so both agree: the run's mark goes to the paragraph before it where they look alike
(received, as above), else the first paragraph of the run, empty in that version, takes there
the look of the one it joins (where their numbering differs, only as _settle_join says).
"""

from __future__ import annotations

from collections import Counter
from copy import deepcopy
from functools import cache
from typing import Callable

from docx.oxml.ns import qn
from lxml import etree

from generators.word.oxml import _element, _insert, mark_paragraph, paragraph_mark_change, table_change

NUMBERED_ENTRY = "ListNumber"
"""The style id of a numbered list entry (writer.py's "List Number")."""
KEPT = (qn("w:rPr"), qn("w:sectPr"), qn("w:pPrChange"))
"""Paragraph properties that are not the paragraph's look: its mark, section and former look."""
NUMBERING_PRECEDED_BY = {qn(f"w:{name}") for name in ("keepNext", "keepLines", "pageBreakBefore", "framePr",
                                                      "widowControl")}
"""What comes before w:numPr in a paragraph's properties (ECMA-376 CT_PPrBase)."""


def settle_borders(blocks: list, property_change: Callable) -> None:
    """blocks: the w:p and w:tbl of one story in order, ending at a border (the end of the
    document or of the contents); every table in it is a border too. property_change() gives
    a new, empty w:pPrChange. The list is changed in place with the document."""
    _settle_borders(blocks, property_change, set(), _count_lists(blocks))
    settle_joins(blocks, property_change)


def _count_lists(blocks: list) -> Callable[[], Counter]:
    """Paragraphs per list number, counted once and only if asked."""
    return cache(lambda: Counter(number for p in _paragraphs(blocks) for number in _list_numbers(p)))


def _settle_borders(blocks: list, property_change: Callable, settled: set[int],
                    numbered: Callable[[], Counter]) -> None:
    while True:
        # From the end: a border takes the nearest partner before it, leaving those further
        # back to the borders there.
        border = next((index for index in reversed(_borders(blocks)) if id(blocks[index - 1]) not in settled), None)
        if border is None:
            return
        before = blocks[border - 1]
        settled.add(id(before))
        kind = _kind(before)
        partner = _partner(blocks, border, kind, numbered)
        if partner is not None:
            _merge(before, blocks.pop(partner), kind, property_change(), first=partner < border - 1)
            continue
        receiver = _receiver(blocks, border - 1, kind)
        if receiver is not None:
            _receive(receiver, before, property_change())


def settle_joins(blocks: list, property_change: Callable) -> None:
    """blocks as for settle_borders, settled there first. In each version, a run of paragraphs
    whose marks go there joins the paragraph after it: make the run's first paragraph look, in
    that version, like the one it joins."""
    numbered = _count_lists(blocks)  # after the borders' merges
    for goes in ("-", "+"):  # accepting removes deleted marks, rejecting inserted ones
        index = 0
        while index < len(blocks):
            if blocks[index].tag != qn("w:p") or _kind(blocks[index]) != goes:
                index += 1
                continue
            end = index
            while end + 1 < len(blocks) and blocks[end + 1].tag == qn("w:p") and _kind(blocks[end + 1]) == goes:
                end += 1
            if end + 1 < len(blocks) and blocks[end + 1].tag == qn("w:p"):
                _settle_join(blocks, index, end, goes, property_change, numbered)
            index = end + 1


def _survives(text, goes: str) -> bool:
    """Whether a w:t is left where marks of kind `goes` go (deleted text is w:delText)."""
    return goes == "-" or text.getparent().getparent().tag != qn("w:ins")


def _in(p, goes: str) -> list:
    """The paragraph's look in the version where marks of kind `goes` go: accepting (deleted
    marks go) keeps the current look, rejecting gives the former one."""
    return _look(p) if goes == "-" else _former_look(p)


def _settle_join(blocks: list, first: int, last: int, goes: str, property_change: Callable,
                 numbered: Callable[[], Counter]) -> None:
    joined = blocks[last + 1]
    if _same(_in(blocks[first], goes), _in(joined, goes)):
        return
    receiver = blocks[first - 1] if first > 0 else None
    stays = "+" if goes == "-" else "-"
    if (receiver is not None and receiver.tag == qn("w:p") and _kind(receiver) is None
            and _same(_layout(_in(receiver, goes)), _layout(_in(blocks[last], stays)))):
        _receive(receiver, blocks[last], property_change())
        current, former = _look(blocks[last]), _former_look(blocks[last])
        if _numbered(current + former) and not _same(current, former):  # keeping with the next only
            _set_look(blocks[last], current, current, property_change())
        return
    # The first paragraph, all of the other version, is empty in this one: its look here shows
    # nowhere but in the join.
    start = blocks[first]
    if any(_survives(text, goes) for text in start.iter(qn("w:t"))):
        return
    target = _in(joined, goes)
    current, former = (_look(start), target) if goes == "+" else (target, _former_look(start))
    if not _numbered(current + former):
        _set_look(start, current, former, property_change())
    elif _same(_layout(current), _layout(target)) and _same(_layout(former), _layout(target)):
        # A formatting change that gives a paragraph list or heading numbering, LibreOffice
        # renumbers. Where only keeping with the next line differs, the entry takes the other's.
        _set_look(start, target, target, property_change())
    elif (_heading(target) or not _numbered(target)) and _whole_lists(blocks[first:last + 1], goes, numbered()):
        _settle_whole_lists(blocks[first:last + 1], target, goes, property_change)
    elif goes == "+" and _numbered(target) and not _heading(target) and _entries_only(blocks[first:last + 1], goes):
        # Rejecting, the run goes and only the list entry it joins takes the look given back, which
        # LibreOffice numbers on in its list (a heading's numbering given back so it loses).
        _settle_whole_lists(blocks[first:last + 1], target, goes, property_change)


def _whole_lists(run: list, goes: str, numbered: Counter) -> bool:
    """Whether the run is list entries only, every entry of the lists they are in (in either
    version), so that giving all of them their numbering back at once gives back those lists.
    numbered: how many paragraphs of the whole story each list number has."""
    if not _entries_only(run, goes):
        return False
    in_run = Counter(number for p in run for number in _list_numbers(p))
    if not in_run or "0" in in_run:
        return False
    return all(numbered[number] == count for number, count in in_run.items())


def _entries_only(run: list, goes: str) -> bool:
    """Whether every paragraph of the run is a list entry in the version that has it."""
    return all(_numbered(_own(p, goes)) and not _heading(_own(p, goes)) for p in run)


def _paragraphs(blocks: list):
    """Every paragraph of the story, those in its tables too."""
    for block in blocks:
        yield from [block] if block.tag == qn("w:p") else block.iter(qn("w:p"))


def _list_numbers(p) -> set[str]:
    found = set()
    for look in (_look(p), _former_look(p)):
        for child in look:
            number = child.find(qn("w:numId")) if child.tag == qn("w:numPr") else None
            if number is not None:
                found.add(number.get(qn("w:val")))
    return found


def _settle_whole_lists(run: list, target: list, goes: str, property_change: Callable) -> None:
    """A whole list whose marks all go right before a paragraph in no list (a heading, a
    caption), or added entries that go, rejecting, before a list entry. LibreOffice gives the
    joined paragraph the first paragraph's style and the last one's direct properties
    (numbering, keeping with the next). So in the version where they join, the first looks like
    that paragraph and the others have its direct properties under their own style (numbered
    by no list where it is in none); in the other version all are as they were, given back
    together, so that the new list LibreOffice makes of them is that list."""
    for index, p in enumerate(run):
        own = _own(p, goes)
        joining = target if index == 0 else _joining_look(own, target)
        current, former = (own, joining) if goes == "+" else (joining, own)
        _set_look(p, current, former, property_change())


def _own(p, goes: str) -> list:
    """The paragraph's look in the version that has it (not the one where its mark goes)."""
    return _former_look(p) if goes == "-" else _look(p)


def _joining_look(own: list, target: list) -> list:
    """The paragraph's own style with the target's direct properties; no list unless the
    target has one (numId 0: no list, whatever the style says), in the schema's order."""
    style = [deepcopy(child) for child in own if child.tag == qn("w:pStyle")]
    direct = [deepcopy(child) for child in target if child.tag != qn("w:pStyle")]
    if not _numbered(direct):
        stop = _element("w:numPr")
        stop.append(_element("w:numId", val=0))
        before = sum(child.tag in NUMBERING_PRECEDED_BY for child in direct)
        direct.insert(before, stop)
    return style + direct


def _heading(look: list) -> bool:
    return any(child.tag == qn("w:pStyle") and child.get(qn("w:val"), "").startswith("Heading") for child in look)


def _counted(look: list) -> bool:
    """Whether the look is a numbered list entry's (a bullet or a heading counts nothing shown)."""
    return any(child.tag == qn("w:pStyle") and child.get(qn("w:val")) == NUMBERED_ENTRY for child in look)


def _numbered(look: list) -> bool:
    return any(child.tag == qn("w:numPr") for child in look)


def _layout(look: list) -> list:
    """A look but for keeping with the next paragraph, which only moves page breaks."""
    return [child for child in look if child.tag != qn("w:keepNext")]


def _borders(blocks: list) -> list[int]:
    """Indexes of what follows a tracked paragraph mark that cannot join it."""
    ends = [index for index, block in enumerate(blocks) if block.tag == qn("w:tbl")] + [len(blocks)]
    return [index for index in ends if index > 0 and blocks[index - 1].tag == qn("w:p")
            and paragraph_mark_change(blocks[index - 1]) is not None]


def _kind(block) -> str | None:
    """'+' or '-' for a paragraph or table only one version has, None for one both have."""
    change = table_change(block) if block.tag == qn("w:tbl") else _mark_tag(block)
    return {qn("w:ins"): "+", qn("w:del"): "-"}.get(change)


def _mark_tag(p):
    change = paragraph_mark_change(p)
    return None if change is None else change.tag


def _partner(blocks: list, border: int, kind: str, numbered: Callable[[], Counter]) -> int | None:
    """The paragraph of the other version nearest to the one before `border`, with only this
    version's paragraphs and tables between: backwards first, then past a table of this version."""
    backwards = range(border - 2, -1, -1)
    forwards = range(border + 1, len(blocks)) if border < len(blocks) and _kind(blocks[border]) == kind else ()
    found = _nearest(blocks, backwards, kind, numbered)
    return found if found is not None else _nearest(blocks, forwards, kind, numbered)


def _nearest(blocks: list, indexes, kind: str, numbered: Callable[[], Counter]) -> int | None:
    other = "-" if kind == "+" else "+"
    for index in indexes:
        found = _kind(blocks[index])
        if found == other and _wholly(blocks[index]):
            # A deleted numbered entry, merged, is given back its numbering by a formatting change
            # on rejecting, and LibreOffice numbers it as a new list, the entries after it with it:
            # only the one entry of a list may be (a bullet or a heading shows no such count).
            counted = other == "-" and _counted(_look(blocks[index])) and any(
                numbered()[number] > 1 for number in _list_numbers(blocks[index]))
            return None if counted else index
        if found != kind:
            return None
    return None


def _wholly(block) -> bool:
    """A paragraph whose text is all of one version (not one that has received a mark); its
    field characters may be untracked."""
    if block.tag != qn("w:p"):
        return False
    return not any(text.getparent().getparent().tag != qn("w:ins") for text in block.iter(qn("w:t")))


def _receiver(blocks: list, last: int, kind: str):
    """The untracked paragraph before the run of this version's paragraphs ending at `last`."""
    index = last - 1
    while index >= 0 and blocks[index].tag == qn("w:p") and _kind(blocks[index]) == kind:
        index -= 1
    if index < 0 or blocks[index].tag != qn("w:p") or _kind(blocks[index]) is not None:
        return None
    return blocks[index]


def _merge(target, source, kind: str, change, first: bool) -> None:
    """One paragraph with both texts: the new one's look, the old one's recorded as former.
    first: the source came before the target, so its content (a field's start, say) stays first."""
    inserted, deleted = (target, source) if kind == "+" else (source, target)
    current, former = _look(inserted), _look(deleted)
    mark = paragraph_mark_change(target)
    mark.getparent().remove(mark)
    content = [child for child in source if child.tag != qn("w:pPr")]
    if first:
        anchor = target.pPr
        for child in reversed(content):
            anchor.addnext(child) if anchor is not None else target.insert(0, child)
    else:
        target.extend(content)
    source.getparent().remove(source)
    _set_look(target, current, former, change)


def _receive(receiver, last, change) -> None:
    """The receiver's mark takes the tracked change of `last`'s. Accepting a deletion joins the
    receiver's text with `last`'s mark, so `last` takes the receiver's look; rejecting an
    insertion does the same, so the receiver's look is `last`'s former one."""
    mark = paragraph_mark_change(last)
    inserted = mark.tag == qn("w:ins")
    mark.getparent().remove(mark)
    mark_paragraph(receiver, mark)
    if inserted:
        _set_look(last, _look(last), _former_look(receiver), change)
    else:
        _set_look(last, _look(receiver), _look(last), change)


def _look(p) -> list:
    """Copies of the paragraph's style, numbering and layout properties."""
    properties = p.pPr
    return [] if properties is None else [deepcopy(child) for child in properties if child.tag not in KEPT]


def _former_look(p) -> list:
    """The look the paragraph has when every change is rejected."""
    change = None if p.pPr is None else p.pPr.find(qn("w:pPrChange"))
    former = None if change is None else change.find(qn("w:pPr"))
    return _look(p) if former is None else [deepcopy(child) for child in former]


def _set_look(p, current: list, former: list, change) -> None:
    properties = p.get_or_add_pPr()
    for child in list(properties):
        if child.tag not in KEPT or child.tag == qn("w:pPrChange"):
            properties.remove(child)
    for child in current:
        _insert(properties, child, ("w:rPr", "w:sectPr"))
    if _same(current, former):
        return
    old = _element("w:pPr")
    for child in former:
        old.append(child)
    change.append(old)
    properties.append(change)


def _same(a: list, b: list) -> bool:
    return [etree.tostring(x) for x in a] == [etree.tostring(x) for x in b]


def track_keep(p, keep: bool, explicit: bool, property_change: Callable) -> None:
    """Record that the paragraph was (not) kept with the next before (w:pPrChange), its other
    properties as they were: explicit, a w:keepNext w:val="0" where it was not kept."""
    former = _former_look(p)
    former = [child for child in former if child.tag != qn("w:keepNext")]
    if keep or explicit:
        element = _element("w:keepNext")
        if not keep:
            element.set(qn("w:val"), "0")
        former.insert(1 if former and former[0].tag == qn("w:pStyle") else 0, element)
    _set_look(p, _look(p), former, property_change())
