"""Acknowledgements (kvitteringar): a finding the board has seen and accepted is marked as such,
with its reason, and an acknowledgement that matches no finding is itself an error."""

from __future__ import annotations

from dataclasses import replace

from generators.content.findings import Finding
from generators.content.loading import Content
from generators.content.severity import INTEGRITY

DRAFT_RULES = {"period-i-text"}
"""Rules that check drafts only: their acknowledgements stay in an adopted version unused."""


def _within(field: str, place: str) -> bool:
    """'a.b[2].c' is within 'a.b[2]' and 'a.b', not within 'a.b[2' or 'a.bc'."""
    return field == place or field.startswith(place) and field[len(place)] in ".["


def _same_words(first: str, second: str) -> bool:
    """Equal but for spacing: amounts are printed with non-breaking spaces nobody types in YAML."""
    return first.split() == second.split()


def acknowledge(content: Content, findings: list[Finding]) -> list[Finding]:
    result = []
    used: set[tuple[str, int]] = set()
    acks = {loaded.display: loaded for loaded in [content.organisation, *content.versions, *content.follow_ups]}
    for finding in findings:
        loaded = acks.get(finding.file)
        match = None
        if loaded and finding.rule not in INTEGRITY:
            match = next(((i, a) for i, a in enumerate(loaded.model.acknowledgements)
                          if a.rule == finding.rule and _within(finding.field, a.place)
                          and (a.finding is None or _same_words(a.finding, finding.message))), None)
        if match:
            used.add((finding.file, match[0]))
            message = f"{finding.message} (kvitterad: {match[1].reason})"
            result.append(replace(finding, severity="kvitterad", message=message))
        else:
            result.append(finding)
    for loaded in acks.values():
        for index, ack in enumerate(loaded.model.acknowledgements):
            adopted = getattr(loaded.model, "status", None) == "antagen"
            if ack.rule in DRAFT_RULES and adopted:
                continue  # said while it was a draft, which is all the rule checks: kept as the record
            if (loaded.display, index) not in used:
                result.append(loaded.finding("kvittering", "fel",
                                             f"kvitteringen av {ack.rule} vid {ack.place!r} motsvarar inget fynd; ta bort den",
                                             ("kvitteringar", index)))
    return result
