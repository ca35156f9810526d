"""`styrdok import`: a plan written in Word -> a draft content file for a person to refine.

word/source.py reads the document as a reader sees it, authoring/outline.py finds its headings
and blocks, authoring/parts.py recognises the plan's parts (vision, principles, goals, target
groups, distribution). The import counts the words of the document and of the draft, lists
what it could not keep (text before the first heading, images, merged cells), and checks the
draft with the content rules before anything is written: a finding in the imported text is
acknowledged as the document's own, so what is written passes `styrdok check`.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from generators.authoring.outline import Loss, Outline
from generators.authoring.parts import recognise
from generators.authoring.word_count import pandoc_words, words
from generators.content.model import PlanVersion, id_problem
from generators.errors import StyrdokError, UsageError
from generators.word.source import SourceError, SourceParagraph, read_source

STYRDOK_COVER = {"Omslagsrad", "Utkastmarkering"}
"""Paragraph styles only styrdok's own Word files have (word/writer.py)."""
PLACEHOLDER_YEAR = 2000
"""Only for checking the draft's shape while the period is unknown; never written."""
MIN_SHARE = 0.95
"""Below this share of the document's words kept, the import stops unless told to go on."""
NOT_TEXT = {"id", "slag", "status", "stil", "startar", "slutar", "kvitteringar", "kommentarer"}
ACKNOWLEDGED = "Så står det i Word-filen; importen ändrar inte dokumentets text eller numrering."


class WordImportError(StyrdokError):
    """The Word file cannot be read or turned into a draft (exit 1)."""


@dataclass
class Imported:
    data: dict
    source_words: int
    kept_words: int
    losses: list[Loss] = field(default_factory=list)
    parts: list[str] = field(default_factory=list)
    """What was recognised, in Swedish, e.g. 'vision', '5 principer'."""
    counted_by_pandoc: bool = False
    """The file's words are pandoc's reading of it, not styrdok's own (word_count.py)."""
    made_by_styrdok: bool = False
    """The file has styrdok's cover: a version's own Word file, to be imported with --ersatter."""
    period_missing: bool = False
    """The title names no years and no --period was given: nothing may be written."""

    def period_problem(self, path: Path) -> str | None:
        if not self.period_missing:
            return None
        return (f"{path}: titeln ”{self.data['titel']}” anger inga år; ange planens period med --period, "
                f"t.ex. --period 2024 eller --period 2024-2026")

    @property
    def share(self) -> float:
        return self.kept_words / self.source_words if self.source_words else 1.0

    def problems(self) -> list[str]:
        """Why the import should stop unless losses are allowed, in Swedish."""
        found = [f"{loss.where}: {loss.what}" for loss in self.losses if loss.blocking]
        if self.share < MIN_SHARE:
            found.insert(0, f"bara {percent(self.share)} av orden följer med (minst {percent(MIN_SHARE)} krävs)")
        return found


def import_docx(path: Path, new_id: str, kind: str | None = None, revisions: str | None = None,
                period: tuple[int, int] | None = None) -> Imported:
    """The draft of a plan in a Word file; `kind` None: what the title says it is; `revisions`
    'godkann' or 'avvisa' its tracked changes (None: a file with any is refused)."""
    problem = id_problem(new_id)
    if problem:
        raise UsageError(problem)
    if not path.is_file():
        raise UsageError(f"{path} finns inte eller är ingen fil")
    try:
        source = read_source(path, revisions)
    except SourceError as error:
        raise WordImportError(str(error)) from None
    outline = Outline(source)
    sections = outline.sections()
    title = _clean(outline.title or "")
    if not re.search(r"\w", title):  # a title of only punctuation ('.') says nothing
        title = path.stem
    kind = kind or ("mal-och-inriktningsplan" if re.search(r"mål- och inriktningsplan", title, re.I) else "verksamhetsplan")
    parts = recognise(sections)
    years = [int(y) for y in re.findall(r"\b(?:19|20)[0-9][0-9]\b", title)]
    # Never a period the file does not give: the command asks for --period before it writes.
    start, end = period or ((years[0], years[-1]) if years else (PLACEHOLDER_YEAR, PLACEHOLDER_YEAR))
    data = {
        "id": new_id, "slag": kind, "titel": title, "startar": start, "slutar": end,
        "status": "utkast", "avsnitt": sections,
    }
    if source.comments:
        data["kommentarer"] = source.comments
    if data["startar"] > data["slutar"]:
        data["startar"], data["slutar"] = data["slutar"], data["startar"]
    PlanVersion.model_validate(data)  # a draft the model accepts, or a bug here
    source_words, counted_by_pandoc = _reference_words(path, source, revisions)
    kept = Counter(words(" ".join(_texts(data))))
    kept_words = sum(min(count, kept[word]) for word, count in source_words.items())
    return Imported(data, sum(source_words.values()), kept_words, outline.losses, parts, counted_by_pandoc,
                    made_by_styrdok=any(isinstance(b, SourceParagraph) and b.style in STYRDOK_COVER
                                        for b in source.blocks),
                    period_missing=period is None and not years)


def acknowledge_findings(imported: Imported, content: Path, target: Path) -> list[str]:
    """Check the draft beside the content and acknowledge the document's own findings in it
    (a sum or a heading number as the Word file has it): the import does not change the text.
    Returns the acknowledged findings as messages; ids and references are never acknowledged."""
    from generators.authoring.revision import draft_errors
    from generators.content.severity import INTEGRITY

    findings = [f for f in draft_errors(content, target, as_yaml(imported.data)) if f.rule not in INTEGRITY]
    if findings:
        imported.data["kvitteringar"] = [{"regel": f.rule, "plats": f.field, "motivering": ACKNOWLEDGED}
                                         for f in findings]
    return [f"{f.field}: {f.message} [{f.rule}]" for f in findings]


def _clean(text: str) -> str:
    """Word allows characters a content file does not (control characters, a line break in
    the title property): keep the words, drop the rest."""
    return re.sub(r"[ ]+", " ", re.sub(r"[\x00-\x1f\x7f-\x9f]", " ", text)).strip()


def link_to_predecessor(data: dict, content) -> str | None:
    """A plan imported for a period that already has a plan of its kind is the next version of
    it: `ersatter` names the latest of them, as new-revision would. Returns that id, if any."""
    same = [plan.model for plan in content.plans
            if (plan.model.kind, plan.model.start_year, plan.model.end_year) == (data["slag"], data["startar"], data["slutar"])]
    replaced = {plan.replaces for plan in same}
    latest = [plan.id for plan in same if plan.id not in replaced]
    if not latest:
        return None
    ordered = list(data.items())
    data.clear()
    for key, value in ordered:  # the link goes under status, where new-revision puts it
        data[key] = value
        if key == "status":
            data["ersatter"] = latest[-1]
    return latest[-1]


def as_yaml(data: dict) -> str:
    header = "# Importerad från Word med styrdok import: granska rubriker, id och delarna.\n"
    return header + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)


def percent(share: float) -> str:
    return f"{share * 100:.1f} %".replace(".", ",")


def _reference_words(path: Path, source, revisions: str | None) -> tuple[Counter, bool]:
    """The file's words as pandoc reads them, less its table of contents (named among the losses),
    and whether pandoc read them; when it cannot, as styrdok's own reader does."""
    independent = pandoc_words(path, revisions)
    if independent is None:
        return Counter(words(" ".join(_source_texts(source)))), False
    return independent - Counter(words(" ".join(source.contents))), True


def _source_texts(source):
    for block in source.blocks:
        if isinstance(block, SourceParagraph):
            yield block.text
            yield from block.footnotes
        else:
            yield from (cell for row in block.rows for cell in row)


def _texts(data):
    if isinstance(data, dict):
        for key, value in data.items():
            if key == "belopp":  # amounts per year, printed with a space between thousands
                for year, figure in value.items():
                    yield f"{year} {figure:,}".replace(",", " ")
            elif key == "enhet":  # a unit line such as 'Belopp i tkr', or styrdok's caption 'Tabell 2. Budget 2025, tkr'
                from generators.templating import phrases
                yield phrases()("unit_line", unit=value)
                yield phrases()("table_number", number="", caption=value)
            elif key not in NOT_TEXT:
                yield from _texts(value)
    elif isinstance(data, list):
        for value in data:
            yield from _texts(value)
    elif isinstance(data, (str, int)) and not isinstance(data, bool):
        yield str(data)
