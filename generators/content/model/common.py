"""Shared pieces of the content model: the strict base class and the value types."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field
from pydantic import Strict as StrictType

ID_PATTERN = r"^[a-z0-9][a-z0-9-]*$"
ID_MAX_LENGTH = 100
"""Ids become file names and URLs (word/<id>.docx, andringar-<a>-<b>.docx): two of them and
the longest generated affix stay well inside a file system's 255 bytes."""
ID_RULE = f"ett id av små bokstäver a–z, siffror och bindestreck, högst {ID_MAX_LENGTH} tecken"

Id = Annotated[str, Field(pattern=ID_PATTERN, max_length=ID_MAX_LENGTH, description=f"Stabilt id: {ID_RULE}.")]


def id_problem(value: str) -> str | None:
    """The one id rule, for the commands that take a new id before there is a file to check:
    None if `value` is a valid id, else what is wrong, in Swedish."""
    if re.fullmatch(ID_PATTERN.strip("^$"), value) and len(value) <= ID_MAX_LENGTH:
        return None
    return f"{value!r} är inget giltigt id: ska vara {ID_RULE}"
Amount = Annotated[int, Field(ge=0, description="Belopp i tabellens enhet.")]
Year = Annotated[int, Field(ge=1900, le=2200)]
Date = Annotated[dt.date, StrictType(False)]
Unit = Literal["kr", "tkr", "kkr", "mkr", "mnkr"]
Funder = Literal["staten", "region", "kommunerna", "esf"]
Status = Literal["utkast", "antagen"]


def _text_to_item(value: Any) -> Any:
    """A list item may be written as plain text or as a mapping with an id."""
    return {"text": value} if isinstance(value, str) else value


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, populate_by_name=False)
