"""`styrdok adopt ID --datum 2026-12-10 --paragraf "§ 45"`: record the board's decision, and
`styrdok adopt ID --ratta --paragraf "§ 46"`: correct a decision recorded wrongly.

Refuses while the draft has errors (`styrdok check` is the gate), and a decision date before
the decision of the version replaced or after the version's own period (generators.validity). Sets the status and writes
the decision (organ, date, paragraph, case number) into the content file; every other line
stays byte for byte as it was, comments included. The version the draft replaces is not
touched: it counts as replaced from the day of this decision, which the covers, the site and
the versions list derive from this file (generators.validity), so the date is kept in one
place only.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from generators.authoring.editing import Edits, scalar
from generators.content.findings import ContentError
from generators.content.loading import MODELS, Content
from generators.content.model import AnnualReview
from generators.content.model.versions import Adoption
from generators.content.reading import read_yaml
from generators.errors import StyrdokError, UsageError
from generators.validity import chain_problems
from generators.writing import write_text

FIELDS = {"date": "datum", "paragraph": "paragraf", "body": "organ", "reference": "diarienummer"}


@dataclass(frozen=True)
class Decision:
    date: str | None
    """YYYY-MM-DD, a day in the calendar; None in a correction that keeps the date."""
    paragraph: str | None
    body: str | None = "styrelsen"
    reference: str | None = None


def parse_date(text: str) -> str:
    """The decision date as the content keeps it: strictly YYYY-MM-DD and a real day."""
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        raise UsageError(f"--datum ska skrivas ÅÅÅÅ-MM-DD, t.ex. 2026-12-10 (är {text!r})")
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        raise UsageError(f"--datum {text} finns inte i kalendern") from None
    return text


def has_follow_up(review: AnnualReview) -> bool:
    """Whether any follow-up figure or decision has been entered in the review."""
    return (any(f.entered for f in review.goal_follow_ups)
            or any(e.entered or e.decision for e in review.efforts)
            or bool(review.budget_follow_up and review.budget_follow_up.outcome))


def adopt(content: Content, version_id: str, decision: Decision, findings: list,
          without_figures: bool = False) -> Path:
    loaded = content.version(version_id)
    if loaded is None:
        raise UsageError(unknown_version(content, version_id))
    if loaded.model.status == "antagen":
        raise UsageError(f"{version_id} är redan antagen; rätta beslutet med styrdok adopt {version_id} --ratta "
                         "och de uppgifter som ska ändras")
    if not (decision.paragraph or "").strip() or not (decision.body or "").strip():
        raise UsageError("--paragraf och --organ får inte vara tomma")
    if isinstance(loaded.model, AnnualReview) and not has_follow_up(loaded.model) and not without_figures:
        # The published review would say "har inte förts in" for every goal, effort and budget line.
        raise StyrdokError(f"{version_id} har inga uppföljningssiffror: varken mål, insatser eller budgetens utfall är "
                           f"ifyllda. Inget antogs. Fyll i siffrorna (styrdok follow-up read), eller anta den ändå "
                           f"med --utan-siffror om styrelsen beslutat så.")
    errors = [f for f in findings if f.file == loaded.display and f.severity == "fel"]
    if errors:
        raise ContentError(errors)  # printed in compiler form: what to fix before the board can adopt
    _refuse_second_successor(content, loaded.model)
    _refuse_impossible_date(content, loaded, decision)
    return _write(loaded, adopted_text(loaded.path.read_text(encoding="utf-8"), decision))


def _refuse_second_successor(content: Content, version) -> None:
    """Two competing drafts of the same revision (same kind, same version replaced): only one of
    them can be what the board adopted. (A mål- och inriktningsplan may replace a verksamhetsplan
    that a verksamhetsplan also replaces.)"""
    if version.replaces is None:
        return
    rival = next((v.model.id for v in content.versions if v.model.status == "antagen" and v.model.id != version.id
                  and v.model.replaces == version.replaces and v.model.kind == version.kind), None)
    if rival:
        raise UsageError(f"{rival} är redan antagen och ersätter {version.replaces}, som {version.id} också "
                         f"ersätter: bara en antagen version kan ersätta en annan (ändra ersatter i {version.id} "
                         f"till {rival} om det är en revidering av den)")


def correct(content: Content, version_id: str, decision: Decision) -> Path:
    """Change the given parts of a recorded decision; every other line stays as it was."""
    loaded = content.version(version_id)
    if loaded is None:
        raise UsageError(unknown_version(content, version_id))
    if loaded.model.status != "antagen":
        raise UsageError(f"{version_id} är inte antagen än: anteckna beslutet med styrdok adopt {version_id} "
                         f"--datum ÅÅÅÅ-MM-DD --paragraf \"§ N\".")
    given = {key: value for key, value in vars(decision).items() if value is not None}
    if not given:
        raise UsageError("ange vad som ska rättas: --datum, --paragraf, --organ eller --diarienummer")
    if any(not str(value).strip() for key, value in given.items() if key != "reference"):
        raise UsageError("--paragraf och --organ får inte vara tomma")
    old = loaded.model.adopted or Adoption()
    merged = Decision(**{key: given.get(key, getattr(old, key) and str(getattr(old, key))) for key in FIELDS})
    _refuse_impossible_date(content, loaded, merged)
    return _write(loaded, corrected_text(loaded.path.read_text(encoding="utf-8"), given))


def unknown_version(content: Content, version_id: str) -> str:
    """'versionen 'x' finns inte; menade du …?' with the nearest ids, or all of them."""
    from generators.suggestions import unknown
    return unknown("versionen", version_id, [v.model.id for v in content.versions])


def _refuse_impossible_date(content: Content, loaded, decision: Decision) -> None:
    adoption = Adoption.model_validate({FIELDS[key]: value for key, value in vars(decision).items()
                                        if value is not None})
    proposed = loaded.model.model_copy(update={"status": "antagen", "adopted": adoption})
    before = {message for _, message in chain_problems([v.model for v in content.versions])}
    after = chain_problems([proposed if v.model.id == proposed.id else v.model for v in content.versions])
    problems = [message for _, message in after if message not in before]  # the ones this decision makes
    if problems:
        raise UsageError(f"{loaded.model.id}: {problems[0]}")


def _write(loaded, text: str) -> Path:
    model = MODELS["review" if isinstance(loaded.model, AnnualReview) else "plan"]
    model.model_validate(read_yaml(text.encode("utf-8")).data)  # never write a file check would refuse
    write_text(loaded.path, text)
    return loaded.path


def adopted_text(text: str, decision: Decision) -> str:
    """The file with `status: antagen` and the decision block after it; nothing else changes."""
    edits = Edits(text)
    edits.replace(("status",), "antagen")
    lines = [f"  organ: {scalar(decision.body)}", f"  datum: {scalar(decision.date)}",
             f"  paragraf: {scalar(decision.paragraph)}"]
    if decision.reference:
        lines.append(f"  diarienummer: {scalar(decision.reference)}")
    edits.put_block("antagen", lines, after="status")
    return edits.apply()


def corrected_text(text: str, given: dict) -> str:
    """The file with the given parts of `antagen:` replaced or added; nothing else changes."""
    edits = Edits(text)
    if not edits.has(("antagen",)) or not edits.is_block(("antagen",)):
        lines = [f"  {FIELDS[key]}: {scalar(value)}" for key, value in given.items()]
        edits.put_block("antagen", lines, after="status")
        return edits.apply()
    for key, value in given.items():
        if edits.has(("antagen", FIELDS[key])):
            edits.replace(("antagen", FIELDS[key]), scalar(value))
        else:
            edits.add_key(("antagen",), FIELDS[key], scalar(value))
    return edits.apply()
