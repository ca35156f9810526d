"""The blocks of a plan's outline: text, lists and the semantic parts with stable ids."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, model_validator

from .budget import Budget, ProjectTable
from .common import Id, Strict, Text, _text_to_item


class ListItem(Strict):
    id: Id | None = None
    text: str
    footnote: str | None = Field(None, alias="fotnot")
    """A footnote printed at the end of the section, marked after the item."""


Item = Annotated[ListItem, BeforeValidator(_text_to_item, json_schema_input_type=str | ListItem)]


class Principle(Strict):
    id: Id
    text: str


class SubGoal(Strict):
    id: Id
    text: str


class Goal(Strict):
    id: Id
    text: str
    style: Literal["stycke", "punkt"] = Field("punkt", alias="stil")
    """How the original prints the goal: as a paragraph or as a bullet."""
    sub_goals_heading: str | None = Field(None, alias="delmal_rubrik")
    sub_goals: list[SubGoal] = Field(default_factory=list, alias="delmal")


class TargetGroup(Strict):
    id: Id
    text: str
    style: Literal["stycke", "punkt"] = Field("punkt", alias="stil")
    priority: int | None = Field(None, ge=1, alias="prioritet")
    """Priority as numbered in the plan; 1 is the highest."""


class Share(Strict):
    id: Id
    percent: int = Field(ge=0, le=100, alias="andel")
    text: str



class Wish(Strict):
    id: Id
    text: str


class Table(Strict):
    headings: list[str] = Field(alias="rubriker", min_length=1)
    rows: list[list[str]] = Field(alias="rader")

    @model_validator(mode="after")
    def _rows_as_wide_as_the_headings(self) -> Table:
        for index, row in enumerate(self.rows):
            if len(row) != len(self.headings):
                raise ValueError(f"rad {index + 1} har {len(row)} celler men tabellen har "
                                 f"{len(self.headings)} rubriker")
        return self


BLOCK_KINDS = (
    "stycke", "underrubrik", "punktlista", "numrerad_lista", "vision", "principer", "mal",
    "malgrupper", "fordelning", "budget", "projekt", "tabell", "signatur", "onskemal",
)


class Block(Strict):
    """One piece of a section: exactly one of the keys below."""

    paragraph: str | None = Field(None, alias="stycke")
    label: str | None = Field(None, alias="underrubrik")
    """A bold label inside a section; not a heading and not in the table of contents."""
    bullets: list[Item] | None = Field(None, alias="punktlista")
    numbered: list[Item] | None = Field(None, alias="numrerad_lista")
    vision: str | None = None
    principles: list[Principle] | None = Field(None, alias="principer")
    goals: list[Goal] | None = Field(None, alias="mal")
    target_groups: list[TargetGroup] | None = Field(None, alias="malgrupper")
    distribution: list[Share] | None = Field(None, alias="fordelning")
    budget: Budget | None = None
    projects: ProjectTable | None = Field(None, alias="projekt")
    table: Table | None = Field(None, alias="tabell")
    signature: str | None = Field(None, alias="signatur")
    wishes: list[Wish] | None = Field(None, alias="onskemal")
    """A member's wishes for the association's development."""

    @model_validator(mode="before")
    @classmethod
    def _exactly_one_kind(cls, data: Any) -> Any:
        if isinstance(data, dict):
            kinds = [key for key in data if key in BLOCK_KINDS]
            if len(kinds) != 1 or len(data) != 1:
                raise ValueError(
                    "ett innehållsblock ska ha exakt en nyckel, en av: " + ", ".join(BLOCK_KINDS)
                )
        return data

    @property
    def kind(self) -> str:
        """The YAML key of the block, e.g. 'stycke' or 'budget'."""
        for name, info in type(self).model_fields.items():
            if getattr(self, name) is not None:
                return info.alias or name
        raise AssertionError("validated block without content")

    @property
    def value(self) -> Any:
        for name in type(self).model_fields:
            if getattr(self, name) is not None:
                return getattr(self, name)
        raise AssertionError("validated block without content")


class Section(Strict):
    id: Id | None = None
    number: str | None = Field(None, alias="nummer", pattern=r"^[0-9]+(\.[0-9]+)*\.?$")
    """The heading number as printed, e.g. '3.1.'; absent where the original has none."""
    heading: Text = Field(alias="rubrik")
    blocks: list[Block] = Field(default_factory=list, alias="innehall")
    sections: list[Section] = Field(default_factory=list, alias="avsnitt")
