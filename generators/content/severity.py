"""How serious a finding is: every finding is an error until the content acknowledges it.

A published inconsistency (a sum that does not add up, a date that does not exist) is kept as
published, but only where the content says so and why (`kvitteringar`, with a reason); any
other finding, in a draft or in an adopted version, is an error, so a new typo in an adopted
plan turns `styrdok check` red. Integrity rules (ids, references) can never be acknowledged:
nothing can be built on them. Acknowledging is done in acknowledgements.py.
"""

from __future__ import annotations

from generators.content.findings import Finding
from generators.content.loading import Loaded
from generators.content.model import MemberFollowUp

INTEGRITY = {"unika-id", "filnamn", "referens", "versionskedja", "tecken", "beslutsdatum"}


def report(loaded: Loaded, rule: str, path: tuple, message: str) -> Finding:
    # A member's follow-up is the member's own published decision, which the association
    # cannot correct: its findings are warnings (and can be acknowledged).
    if isinstance(loaded.model, MemberFollowUp) and rule not in INTEGRITY:
        return loaded.finding(rule, "varning", message, path)
    return loaded.finding(rule, "fel", message, path)
