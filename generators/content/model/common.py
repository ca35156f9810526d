"""Shared pieces of the content model: the strict base class and the value types."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field
from pydantic import Strict as StrictType

Id = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]*$", description="Stabilt id: a-z, 0-9 och bindestreck.")]
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
