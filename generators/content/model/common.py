"""Shared pieces of the content model: the strict base class and the value types."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, WithJsonSchema

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
Date = Annotated[dt.date, BeforeValidator(lambda value: _date(value), json_schema_input_type=str),
                 WithJsonSchema({"type": "string", "format": "date", "pattern": r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"})]
"""A date written as text in the documented form, 2021-03-01: never a number (which YAML
readers elsewhere take for a Unix timestamp), never another form."""
Text = Annotated[str, AfterValidator(lambda value: _not_blank(value))]
"""A title or heading: text that shows something."""
Unit = Literal["kr", "tkr", "kkr", "mkr", "mnkr"]
Funder = Literal["staten", "region", "kommunerna", "esf"]
Status = Literal["utkast", "antagen"]


def _date(value: Any) -> dt.date:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if not isinstance(value, str) or not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value):
        raise ValueError(f"ska vara ett datum skrivet ÅÅÅÅ-MM-DD (är {value!r})")
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{value!r} är inget giltigt datum (ÅÅÅÅ-MM-DD)") from None


def _not_blank(value: str) -> str:
    if not value.strip():
        raise ValueError("får inte vara tom")
    return value


def _text_to_item(value: Any) -> Any:
    """A list item may be written as plain text or as a mapping with an id."""
    return {"text": value} if isinstance(value, str) else value


class Strict(BaseModel):
    # defer_build: a model's validator is built when it first validates, not at import. Only the
    # files' top models validate (each with its parts inside); building all 38 up front cost
    # every command some 40 ms more.
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, populate_by_name=False, defer_build=True)
