"""Findings: what loading and checking report, and where.

    Finding          one message with rule, severity, file, line and column
    ContentError     raised when content cannot be loaded; carries every finding at once
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Literal

Severity = Literal["fel", "varning", "kvitterad"]


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: Severity
    message: str
    file: str
    line: int = 0
    column: int = 0
    field: str = ""
    """The field path in the compiler message, e.g. 'budget.kostnader[2].belopp'."""

    def format(self) -> str:
        """The compiler form editors jump to: file:line:col: severity: field: message [rule]."""
        place = f"{self.file}:{self.line}:{self.column}" if self.line else self.file
        field = f"{self.field}: " if self.field else ""
        return f"{place}: {self.severity}: {field}{self.message} [{self.rule}]"

    def as_json(self) -> dict:
        return asdict(self)


class ContentError(Exception):
    """The content could not be loaded or did not pass the checks."""

    def __init__(self, findings: list[Finding]):
        super().__init__("\n".join(f.format() for f in findings))
        self.findings = findings


def format_path(path: tuple) -> str:
    """('avsnitt', 2, 'innehall', 0, 'budget') -> 'avsnitt[2].innehall[0].budget'."""
    text = ""
    for part in path:
        if isinstance(part, int) and not isinstance(part, bool):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text
