"""The annual review and the members' own follow-ups of the association."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, field_validator

from .blocks import ListItem, Section
from .common import Id, Strict, Text, Unit, Year
from .versions import Acknowledgement, HasSections, VersionBase


class Figures(Strict):
    """Participants counted by women and men, against what the plan expected."""

    women: int | None = Field(None, ge=0, alias="kvinnor")
    men: int | None = Field(None, ge=0, alias="man")
    planned: int | None = Field(None, ge=0, alias="planerat")
    """How many the plan expected in all, for the difference against plan."""

    @property
    def entered(self) -> bool:
        """Whether any figure has been entered (styrdok new-review leaves them all empty)."""
        return any(value is not None for value in (self.women, self.men, self.planned))

    @property
    def total(self) -> int | None:
        return self.women + self.men if self.women is not None and self.men is not None else None


class GoalFollowUp(Figures):
    goal: Id = Field(alias="mal")
    """The goal or sub-goal of the reviewed plan."""
    measure: str | None = Field(None, alias="matt")
    comment: str | None = Field(None, alias="kommentar")


class EffortDecision(Figures):
    id: Id
    name: str = Field(alias="namn")
    decision: Literal["fortsatta", "avveckla", "forlanga"] | None = Field(None, alias="beslut")
    reason: str | None = Field(None, alias="motivering")
    started: int | None = Field(None, ge=0, alias="paborjade")
    """Participants who started in the year, as the national follow-up counts them."""
    ended: int | None = Field(None, ge=0, alias="avslutade")
    to_work: int | None = Field(None, ge=0, alias="till_arbete")
    """Of those who ended: went on to work, to studies, to other support."""
    to_studies: int | None = Field(None, ge=0, alias="till_studier")
    to_other_support: int | None = Field(None, ge=0, alias="till_annat_stod")

    @property
    def outcomes(self) -> tuple[int | None, ...]:
        return (self.started, self.ended, self.to_work, self.to_studies, self.to_other_support)

    @property
    def entered(self) -> bool:
        return super().entered or any(value is not None for value in self.outcomes)


class BudgetFollowUp(Strict):
    plan: Id
    """The plan version whose budget holds the reviewed year."""
    year: Year = Field(alias="ar")
    outcome: dict[Id, int | None] = Field(default_factory=dict, alias="utfall")
    """Outcome per budget row id, in the budget's unit; a row not listed or left empty
    (`kansli: `, as styrdok new-review writes it) has no outcome yet."""

    @field_validator("outcome")
    @classmethod
    def _entered(cls, outcome: dict) -> dict:
        return {row: value for row, value in outcome.items() if value is not None}


class LastRead(Strict):
    """What `styrdok follow-up read` last put into the review, so that a figure edited by hand
    since then is not overwritten without being asked."""

    file: str = Field(alias="fil")
    values: dict[str, int | str] = Field(default_factory=dict, alias="varden")
    """Per figure key ('budget.kansli', 'mal.halsa.kvinnor', 'insats.alfa.man'), the value read."""


class AnnualReview(VersionBase):
    kind: Literal["arlig-oversyn"] = Field(alias="slag")
    year: Year = Field(alias="ar")
    plan: Id
    """The plan version under review."""
    previous: Id | None = Field(None, alias="foregaende_version")
    """The version before the reviewed plan, for the summary of what changed."""
    introduction: list[str] = Field(default_factory=list, alias="inledning")
    goal_follow_ups: list[GoalFollowUp] = Field(default_factory=list, alias="maluppfoljning")
    efforts: list[EffortDecision] = Field(default_factory=list, alias="insatser")
    budget_follow_up: BudgetFollowUp | None = Field(None, alias="budgetuppfoljning")
    member_follow_ups: list[Id] = Field(default_factory=list, alias="medlemsuppfoljningar")
    last_read: LastRead | None = Field(None, alias="inlast")


class KeyFigure(Strict):
    id: Id
    text: str
    value: str = Field(alias="varde")
    """The figure as printed in the text, e.g. '23,45'."""
    unit: Unit = Field(alias="enhet")
    period: str | None = None


class MemberFollowUp(Strict, HasSections):
    id: Id
    title: Text = Field(alias="titel")
    member: Id = Field(alias="medlem")
    body: str = Field(alias="organ")
    paragraph: str = Field(alias="paragraf")
    year: Year = Field(alias="ar")
    reference: str | None = Field(None, alias="diarienummer")
    decision: str = Field(alias="beslut")
    sections: list[Section] = Field(alias="avsnitt")
    key_figures: list[KeyFigure] = Field(default_factory=list, alias="nyckeltal")
    acknowledgements: list[Acknowledgement] = Field(default_factory=list, alias="kvitteringar")
    """Findings in the member's own published text that are kept as published, with the reason."""

    @property
    def wishes(self) -> list[ListItem]:
        return [wish for wishes in self.blocks_of("onskemal") for wish in wishes]
