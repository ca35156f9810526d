"""`styrdok adopt ID --datum 2026-12-10 --paragraf "§ 45"`: record the board's decision.

Refuses while the draft has errors (`styrdok check` is the gate). Sets the status and writes
the decision (organ, date, paragraph, case number) into the content file; every other line
stays byte for byte as it was, comments included. The version the draft replaces is not
touched: it counts as replaced from the day of this decision, which the covers, the site and
the versions list derive from this file (generators.cover.standings), so the date is kept in
one place only.
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
from generators.content.reading import read_yaml
from generators.errors import StyrdokError, UsageError
from generators.writing import write_text


@dataclass(frozen=True)
class Decision:
    date: str
    """YYYY-MM-DD, a day in the calendar."""
    paragraph: str
    body: str = "styrelsen"
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
        known = ", ".join(v.model.id for v in content.versions)
        raise UsageError(f"versionen {version_id!r} finns inte; det finns: {known}")
    if loaded.model.status == "antagen":
        raise UsageError(f"{version_id} är redan antagen")
    if not decision.paragraph.strip() or not decision.body.strip():
        raise UsageError("--paragraf och --organ får inte vara tomma")
    if isinstance(loaded.model, AnnualReview) and not has_follow_up(loaded.model) and not without_figures:
        # The published review would say "har inte förts in" for every goal, effort and budget line.
        raise StyrdokError(f"{version_id} har inga uppföljningssiffror: varken mål, insatser eller budgetens utfall är "
                           f"ifyllda. Inget antogs. Fyll i siffrorna (styrdok follow-up read), eller anta den ändå "
                           f"med --utan-siffror om styrelsen beslutat så.")
    errors = [f for f in findings if f.file == loaded.display and f.severity == "fel"]
    if errors:
        raise ContentError(errors)  # printed in compiler form: what to fix before the board can adopt
    text = adopted_text(loaded.path.read_text(encoding="utf-8"), decision)
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
