"""How serious a finding is, by rule and by the kind and status of the file it is in.

Integrity rules (ids, references) are always errors: nothing can be built on them.
Consistency rules (sums, shares, dates) are warnings in an adopted version, whose published
figures we keep as published, and errors in a draft, which can still be fixed. Wording rules
(terms, former names) and anything in a member's own decision are always warnings.
"""

from __future__ import annotations

from generators.content.findings import Finding
from generators.content.loading import Loaded
from generators.content.model import MemberFollowUp, Organisation

INTEGRITY = {"unika-id", "filnamn", "referens", "versionskedja", "tecken"}
WORDING = {"terminologi", "tidigare-namn"}
"""Spelling is worth a warning everywhere but never stops a build, not even of a draft."""


def severity(loaded: Loaded, rule: str) -> str:
    if rule in INTEGRITY or isinstance(loaded.model, Organisation):
        return "fel"
    if isinstance(loaded.model, MemberFollowUp) or rule in WORDING:
        return "varning"
    return "varning" if loaded.model.status == "antagen" else "fel"


def report(loaded: Loaded, rule: str, path: tuple, message: str) -> Finding:
    return loaded.finding(rule, severity(loaded, rule), message, path)
