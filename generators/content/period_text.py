"""Rule period-i-text: a draft's running text names its own period, not the one before.

A draft that replaces a plan of another period (`styrdok new-revision --period`) inherits
its text: "För verksamhetsåret 2021 budgeterar förbundet …", "de kommande fem åren, år
2022–2026", "Till år 2023". Every year or span of years in a sentence that lies in the old
period and not in the new one is a finding with the sentence and a suggested wording, until
the text is edited or the finding acknowledged with a reason (a sentence about what has
already happened, such as when a dialog was held, is acknowledged, not rewritten).

new-revision moves what can be moved safely (moves()): the old period written out in full
after a word that says it is the current period ("verksamhetsåret 2021", "år 2022–2026"),
when the new period is as long as the old (a five-year plan's "de kommande fem åren, år
2022–2026" is no two-year plan's). Everything else is left for `styrdok check`.
"""

from __future__ import annotations

import re
from typing import Iterator

from generators.content.findings import Finding
from generators.content.loading import Content, Loaded
from generators.content.model import VersionBase
from generators.content.severity import report

MENTION = re.compile(r"(?<![\d-])((?:19|20|21)\d\d)(?:(\s*[–-]\s*)((?:19|20|21)\d\d))?(?![\d-])")
"""A year or a span of years, '2021', '2022–2026', '2022 - 2026'; never part of a date or an id."""
CURRENT = re.compile(r"\b(?:verksamhetsåret|verksamhetsår|budgetåret|budgetår|planåret|planperioden|perioden"
                     r"|år)\s+$", re.IGNORECASE)
"""Words that, right before a year or span, state it as the plan's own period."""
SENTENCE = re.compile(r"[^.!?:]*(?:[.!?:](?=[\s\"']|$)|$)")
NOT_TEXT = {"id", "slag", "status", "titel", "startar", "slutar", "ersatter", "antagen", "kallor", "kvitteringar",
            "ar", "belopp", "kolumnrubriker", "kolumner", "start", "slut", "medlem", "plan", "finansiar", "enhet",
            "avser_projekt", "foregaende_version", "medlemsuppfoljningar", "stil", "diarienummer"}
"""Keys whose strings are not running text: ids, dates, and what rolling moves itself."""

Period = tuple[int, int]


def period_in_text(content: Content) -> Iterator[Finding]:
    versions = {loaded.model.id: loaded.model for loaded in content.versions}
    for loaded in content.plans:
        draft = loaded.model
        old = versions.get(draft.replaces or "")
        if draft.status != "utkast" or old is None:
            continue
        before, now = (old.start_year, old.end_year), (draft.start_year, draft.end_year)
        if before == now:
            continue
        for path, text in prose(loaded.document.data):
            for sentence, suggestion in stale_sentences(text, before, now):
                yield report(loaded, "period-i-text", path,
                             f"meningen nämner förra perioden ({_span(before)}) som om den gällde nu: "
                             f"\"{sentence}\"; förslag: \"{suggestion}\" (ändra texten, eller kvittera "
                             f"fyndet om meningen handlar om det som redan hänt)")


def left_in(draft: Loaded, old: VersionBase) -> list[str]:
    """The sentences of a draft that still name the old version's period as the current one."""
    before, now = (old.start_year, old.end_year), (draft.model.start_year, draft.model.end_year)
    return [sentence for _, text in prose(draft.document.data) for sentence, _ in stale_sentences(text, before, now)]


def prose(data, path: tuple = ()) -> Iterator[tuple[tuple, str]]:
    """(path, string) for every string of running text in raw YAML data."""
    if isinstance(data, dict):
        for key, value in data.items():
            if key not in NOT_TEXT:
                yield from prose(value, path + (key,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from prose(value, path + (index,))
    elif isinstance(data, str):
        yield path, data


def stale_sentences(text: str, old: Period, new: Period) -> list[tuple[str, str]]:
    """(sentence, suggested sentence) for each sentence that names the old period as current."""
    found = []
    for match in SENTENCE.finditer(" ".join(text.split())):
        sentence = match.group(0).strip()
        if sentence and any(_stale(m, old, new) for m in MENTION.finditer(sentence)):
            found.append((sentence, MENTION.sub(lambda m: _suggested(m, old, new), sentence)))
    return found


def moves(text: str, old: Period, new: Period) -> list[tuple[int, int, str]]:
    """(start, end, replacement) in `text` for each mention safe to move to the new period:
    the old period written out in full after a word that states it as the current one."""
    if old[1] - old[0] != new[1] - new[0]:
        return []  # 'verksamhetsåret 2021' is no 'verksamhetsåret 2022–2023', nor 'fem åren' two
    result = []
    for match in MENTION.finditer(text):
        if _mentioned(match) != old:
            continue
        if not CURRENT.search(text[max(0, match.start() - 40):match.start()]):
            continue
        result.append((match.start(), match.end(), _written(new, match.group(2))))
    return result


def _mentioned(match: re.Match) -> Period:
    first = int(match.group(1))
    return first, int(match.group(3) or first)


def _stale(match: re.Match, old: Period, new: Period) -> bool:
    first, last = _mentioned(match)
    overlaps_old = first <= old[1] and last >= old[0]
    within_new = new[0] <= first and last <= new[1]
    return overlaps_old and not within_new and first <= last


def _suggested(match: re.Match, old: Period, new: Period) -> str:
    """The old period becomes the new one; every other year in the sentence moves as far as the
    period did, so that 'åren 2007 och 2008' becomes 'åren 2008 och 2009', not '2008 och 2008'."""
    mentioned = _mentioned(match)
    if mentioned == old:
        return _written(new, match.group(2))
    shift = new[0] - old[0]
    return _written((mentioned[0] + shift, mentioned[1] + shift), match.group(2))


def _written(period: Period, dash: str | None) -> str:
    return str(period[0]) if period[0] == period[1] else f"{period[0]}{dash or '–'}{period[1]}"


def _span(period: Period) -> str:
    return _written(period, None)


def moved_sentences(text: str, old: Period, new: Period) -> list[str]:
    """The sentences moves() changes in a text, as they read once moved."""
    changes = moves(text, old, new)
    found = []
    for match in SENTENCE.finditer(text):
        inside = [change for change in changes if match.start() <= change[0] < match.end()]
        if not inside:
            continue
        sentence = match.group(0)
        for first, last, replacement in reversed(inside):  # from the end: earlier places stay put
            sentence = sentence[:first - match.start()] + replacement + sentence[last - match.start():]
        found.append(sentence.strip().lstrip(">|-+\"' \n"))
    return found
