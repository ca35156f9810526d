"""`styrdok import FIL.docx --ersatter ID --id NY`: a Word file read as an edited copy of version
ID, written as the draft NY that replaces ID.

The draft starts as ID's own content file (as `new-revision` makes it, comments and all) and
gets only the differences between what ID's own Word file says and what the edited file
says. Both files are read the same way (authoring/lines.py) and their lines paired: the same
line, or a reworded or moved one (matching.similarity, as `diff` pairs wording). ID's own Word
file is rendered in memory; each of its lines is known to come from a heading, a block, a goal,
a budget row ... (lines.plan_roles), so a line that is still there keeps its id, its kind and
its number, and a new one gets an id from its text (authoring/rebuild.py). The cover, the
contents, charts, captions and reader's notes are styrdok's own and never become content.
An unedited file gives a draft that says exactly what ID says.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path

import yaml

from generators.authoring.editing import Edits, ContentDumper
from generators.authoring.line_blocks import EditError
from generators.authoring.lines import Line, Role, plan_roles, source_lines
from generators.authoring.rebuild import Context, Placed, rebuild
from generators.authoring.revision import revised_text
from generators.changes.matching import SIMILAR, greedy, similarity
from generators.content.loading import Content
from generators.content.model import AnnualReview, PlanVersion, id_problem
from generators.errors import StyrdokError, UsageError
from generators.word.source import SourceError, SourceParagraph, read_source

NEW_DRAFT = ("status", "antagen.")
"""What every new draft changes against the version it replaces (as `new-revision` does): not an edit."""
MAX_PAIRS = 400_000
"""Beyond this many candidate pairs, lines are paired by equal text only (bounded time)."""


class OntoError(StyrdokError):
    """The Word file cannot be read as an edited copy of the version (exit 1)."""


@dataclass
class Onto:
    text: str
    """The draft's content file."""
    changed: bool
    losses: list[str] = field(default_factory=list)
    comments: int = 0
    title: str | None = None
    """The title in the Word file's properties (which version styrdok made it of)."""


def import_onto(path: Path, content: Content, from_id: str, new_id: str, phrases,
                revisions: str | None = None) -> Onto:
    """revisions: 'godkann' or 'avvisa' the file's tracked changes; None refuses a file with any."""
    problem = id_problem(new_id)
    if problem:
        raise UsageError(problem)
    loaded = content.version(from_id)
    if loaded is None:
        raise UsageError(f"versionen {from_id!r} finns inte")
    if content.version(new_id) is not None:
        raise UsageError(f"id {new_id!r} används redan")
    if not path.is_file():
        raise UsageError(f"{path} finns inte eller är ingen fil")
    try:
        edited = read_source(path, revisions)
    except SourceError as error:
        raise OntoError(str(error)) from None
    if isinstance(loaded.model, AnnualReview):
        return _review(path, edited, loaded, content, new_id, phrases)
    plan = loaded.model
    own_before, own = source_lines(own_source(plan, content, phrases))
    edited_before, lines = source_lines(edited)
    roles = _roles(plan, own, phrases)
    text = revised_text(loaded.path.read_text(encoding="utf-8"), new_id, from_id)
    data = yaml.safe_load(text)
    placed = [Placed(line, own[index] if index is not None else None, roles[index] if index is not None else None)
              for line, index in zip(lines, align(own, lines))]
    footnotes = _footnotes(placed, own, roles)
    context = Context(data, roles, footnotes, content.organisation.model)
    try:
        sections, losses = rebuild(placed, context)
    except EditError as error:
        raise OntoError(f"{path}: {error}") from None
    losses = _before_first_heading(own_before, edited_before) + losses
    edits = Edits(text)
    title = _title(edited_before) or _title(own_before)
    if title and title != _title(own_before):
        edits.replace(("titel",), _scalar(title))
    edits.change(("avsnitt",), data["avsnitt"], sections)
    _keep_comments(edits, edited.comments)
    new_text = edits.apply()
    PlanVersion.model_validate(yaml.safe_load(new_text))  # the model takes what the rebuild makes, or a bug here
    return Onto(new_text, new_text != text, losses, len(edited.comments), edited.title)


def edits(changes) -> list:
    """The changes a person made in the Word file: all but a new draft's status and adoption."""
    return [change for change in changes if not change.what.startswith(NEW_DRAFT)]


def _review(path: Path, edited, loaded, content: Content, new_id: str, phrases) -> Onto:
    """An annual review's own Word file comes back as a draft of the same review (with the
    comments in it); edits to a review's text are not read yet, and are refused, never lost."""
    own = source_lines(own_source(loaded.model, content, phrases))[1]
    lines = source_lines(edited)[1]
    if [line.key for line in own] != [line.key for line in lines]:
        at = next((i for i, (a, b) in enumerate(zip(own, lines)) if a.key != b.key), min(len(own), len(lines)))
        where = lines[at].words if at < len(lines) else own[at].words
        raise OntoError(f"{path}: {loaded.model.id} är en årlig översyn, och import läser bara in dess Word-fil "
                        f"oförändrad; ändringar i en översyn förs in i dess innehållsfil (första skillnaden: "
                        f"”{where[:60]}”)")
    text = revised_text(loaded.path.read_text(encoding="utf-8"), new_id, loaded.model.id)
    edits = Edits(text)
    _keep_comments(edits, edited.comments)
    return Onto(edits.apply(), False, [], len(edited.comments), edited.title)


def _keep_comments(edits: Edits, comments: list[dict]) -> None:
    """The Word file's comments go with the draft, where check reports them until someone removes them."""
    if comments:
        lines = yaml.dump(comments, Dumper=ContentDumper, allow_unicode=True, sort_keys=False, width=100)
        edits.put_block("kommentarer", ["  " + line for line in lines.rstrip("\n").split("\n")] + [""],
                        after="ersatter")


def own_source(version, content: Content, phrases):
    """The version's own Word file as the import reads it, rendered in memory (no print layout:
    page numbers are in the contents, which the import leaves out)."""
    from generators.document import plan_document
    from generators.publication import cover, review_parts
    from generators.word.writer import render_docx

    if isinstance(version, AnnualReview):
        data = render_docx(*review_parts(version, content, phrases), phrases)
    else:
        data = render_docx(plan_document(version, phrases), cover(version, content, phrases), phrases)
    with tempfile.NamedTemporaryFile(suffix=".docx") as file:
        file.write(data)
        file.flush()
        return read_source(Path(file.name))


def _roles(plan: PlanVersion, own: list[Line], phrases) -> list[Role]:
    """Each line of the own Word file with where it comes from; the walk and the file agree line
    for line, or the walk has a bug."""
    walked = plan_roles(plan, phrases)
    kinds = [line.kind for line in own]
    if kinds != [kind for kind, _ in walked]:
        at = next((i for i, (a, (b, _)) in enumerate(zip(kinds, walked)) if a != b), min(len(kinds), len(walked)))
        raise AssertionError(f"{plan.id}: line {at} of its own Word file does not match the plan's walk: "
                             f"{kinds[at:at + 3]} != {[k for k, _ in walked[at:at + 3]]}")
    return [role for _, role in walked]


def align(own: list[Line], edited: list[Line]) -> list[int | None]:
    """For each edited line the own line it still is (the same, reworded or moved), or None."""
    matcher = SequenceMatcher(None, [line.key for line in own], [line.key for line in edited], autojunk=False)
    found: list[int | None] = [None] * len(edited)
    loose_old: list[int] = []
    loose_new: list[int] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            for offset in range(i2 - i1):
                found[j1 + offset] = i1 + offset
            continue
        for old, new in _pair(own, edited, range(i1, i2), range(j1, j2)):
            found[new] = old
        used = set(found[j1:j2])
        loose_old += [i for i in range(i1, i2) if i not in used]
        loose_new += [j for j in range(j1, j2) if found[j] is None]
    for old, new in _pair(own, edited, loose_old, loose_new):  # moved, from one place to another
        found[new] = old
    return found


def _pair(own: list[Line], edited: list[Line], olds, news) -> list[tuple[int, int]]:
    """Equal text first (a row by its label), then the most similar wording of the same kind."""
    pairs, used_old, used_new = [], set(), set()
    for exact in (lambda a, b: a.words == b.words, lambda a, b: a.kind == "rad" and a.cells[:1] == b.cells[:1]):
        for j in news:
            for i in olds:
                if i not in used_old and j not in used_new and own[i].kind == edited[j].kind and exact(own[i], edited[j]):
                    pairs.append((i, j))
                    used_old.add(i)
                    used_new.add(j)
                    break
    rest_old = [i for i in olds if i not in used_old]
    rest_new = [j for j in news if j not in used_new]
    if len(rest_old) * len(rest_new) > MAX_PAIRS:
        return pairs
    scored = [(similarity(own[i].words, edited[j].words, SIMILAR), own[i].words, i, j)
              for i in rest_old for j in rest_new if own[i].kind == edited[j].kind]
    return pairs + greedy(scored, SIMILAR)


def _footnotes(placed: list[Placed], own: list[Line], roles: list[Role]) -> dict[tuple, str | None]:
    """Footnotes whose text changed (the new text) or that are gone (None), by (section, block, item)."""
    changes: dict[tuple, str | None] = {}
    seen = set()
    for item in placed:
        role = item.role
        if role is not None and role.part[:1] == ("fotnot",):
            seen.add(role)
            if item.changed:
                text = item.line.text
                mark = item.own.text[:len(item.own.text) - len(" ".join(role.text.split()))]
                changes[(role.section, role.block, role.part[1])] = text[len(mark):].strip() if text.startswith(mark) else text
    for role in roles:
        if role.part[:1] == ("fotnot",) and role not in seen:
            changes[(role.section, role.block, role.part[1])] = None
    return changes


def _title(before: list) -> str | None:
    return next((block.text.replace("\n", " ") for block in before
                 if isinstance(block, SourceParagraph) and block.title and block.style.lower() == "title"), None)


def _before_first_heading(own_before: list, edited_before: list) -> list[str]:
    """Text someone wrote before the first heading: the cover and the contents are styrdok's,
    anything else there has no place in a plan and is said."""
    known = {block.text for block in own_before if isinstance(block, SourceParagraph)}
    return [f"före första rubriken: stycket ”{block.text[:60]}” följer inte med"
            for block in edited_before if isinstance(block, SourceParagraph) and block.text
            and block.text not in known and not block.title and block.style not in FURNITURE_STYLES]


FURNITURE_STYLES = {"Omslagsrad", "Utkastmarkering", "Fotnot", "TOC Heading"}


def _scalar(value: str) -> str:
    from generators.authoring.editing import scalar
    return scalar(value)
