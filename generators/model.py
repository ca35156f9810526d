"""The content model: what a plan version, an annual review and the organisation are.

Python names are English; the YAML keys (aliases) are the Swedish words the office edits.
The model is strict: unknown keys and wrong types are errors. It never imports yaml, jinja2
or docx; loading and rendering live elsewhere.
"""

from __future__ import annotations

import datetime as dt
from fractions import Fraction
from typing import Annotated, Any, Iterator, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    Strict as StrictType,
    model_validator,
)

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


# --- Blocks: the pieces of text a section holds -------------------------------------------

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


class BudgetRow(Strict):
    id: Id
    text: str
    amounts: dict[Year, Amount] = Field(alias="belopp")
    funder: Funder | None = Field(None, alias="finansiar")
    """Which funder group the income comes from, for the financing-share rule."""
    member: Id | None = Field(None, alias="medlem")
    """The organisation member the row belongs to, when it is one member's contribution."""
    project_table: Id | None = Field(None, alias="avser_projekt")
    """A project table whose year costs this row sums, e.g. 'Kostnad 2007 för beviljade projekt'."""
    subtotal: bool = Field(False, alias="delsumma")
    """A printed subtotal of the ordinary rows above it (since the previous subtotal)."""


class BudgetTotal(Strict):
    text: str
    amounts: dict[Year, int] = Field(alias="belopp")


class BudgetPart(Strict):
    heading: str = Field(alias="rubrik")
    rows: list[BudgetRow] = Field(alias="rader")
    total: BudgetTotal | None = Field(None, alias="summa")


class Budget(Strict):
    id: Id
    unit: Unit = Field(alias="enhet")
    years: list[Year] = Field(alias="ar", min_length=1)
    column_headings: list[str] | None = Field(None, alias="kolumnrubriker")
    """Column headings as printed, when they are not just the years."""
    income: BudgetPart | None = Field(None, alias="intakter")
    costs: BudgetPart | None = Field(None, alias="kostnader")
    result: BudgetTotal | None = Field(None, alias="resultat")

    def parts(self) -> Iterator[tuple[str, BudgetPart]]:
        for key, part in (("intakter", self.income), ("kostnader", self.costs)):
            if part is not None:
                yield key, part


class Project(Strict):
    id: Id
    name: str = Field(alias="namn")
    place: str | None = Field(None, alias="ort")
    """Place or owner, as printed under the name."""
    focus: str = Field(alias="inriktning")
    start: str | None = None
    """Start as printed: an ISO date, or text such as 'Prel 2007-01-01'."""
    end: str | None = Field(None, alias="slut")
    total_cost: Amount | None = Field(None, alias="total_kostnad")
    year_cost: Amount | None = Field(None, alias="kostnad_ar")


class ProjectTotal(Strict):
    text: str
    total_cost: int = Field(alias="total_kostnad")
    year_cost: int = Field(alias="kostnad_ar")


class ProjectTable(Strict):
    id: Id
    unit: Unit = Field(alias="enhet")
    year: Year = Field(alias="ar")
    columns: list[str] = Field(alias="kolumner", min_length=6, max_length=6)
    projects: list[Project] = Field(alias="projekt")
    total: ProjectTotal | None = Field(None, alias="summa")


class Wish(Strict):
    id: Id
    text: str


class Table(Strict):
    headings: list[str] = Field(alias="rubriker")
    rows: list[list[str]] = Field(alias="rader")


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
    number: str | None = Field(None, alias="nummer", pattern=r"^\d+(\.\d+)*\.?$")
    """The heading number as printed, e.g. '3.1.'; absent where the original has none."""
    heading: str = Field(alias="rubrik")
    blocks: list[Block] = Field(default_factory=list, alias="innehall")
    sections: list[Section] = Field(default_factory=list, alias="avsnitt")


# --- Versions --------------------------------------------------------------------------------

class Adoption(Strict):
    body: str | None = Field(None, alias="organ")
    """Who adopted it, e.g. 'Styrelsen'."""
    date: Date | None = Field(None, alias="datum")
    paragraph: str | None = Field(None, alias="paragraf")
    """The decision's paragraph, e.g. '§ 12/21'."""


class Deviation(Strict):
    here: str = Field(alias="denna")
    other: str = Field(alias="kallan")


class Source(Strict):
    file: str = Field(alias="fil")
    description: str = Field(alias="beskrivning")
    deviations: list[Deviation] = Field(default_factory=list, alias="avvikelser")
    """Words where this source differs from the wording kept in the content."""


class Acknowledgement(Strict):
    rule: str = Field(alias="regel")
    place: str = Field(alias="plats")
    """The field path the finding names, e.g. 'avsnitt[5].innehall[2].budget.kostnader'."""
    reason: str = Field(alias="motivering")


class VersionBase(Strict):
    id: Id
    title: str = Field(alias="titel")
    start_year: Year = Field(alias="startar")
    end_year: Year = Field(alias="slutar")
    status: Status
    adopted: Adoption | None = Field(None, alias="antagen")
    replaces: Id | None = Field(None, alias="ersatter")
    """The version this one replaces (for the yearly revision and the change pages)."""
    sources: list[Source] = Field(default_factory=list, alias="kallor")
    acknowledgements: list[Acknowledgement] = Field(default_factory=list, alias="kvitteringar")

    @property
    def period(self) -> str:
        """'2022–2026', or '2021' for a version of one year."""
        if self.end_year == self.start_year:
            return str(self.start_year)
        return f"{self.start_year}–{self.end_year}"


class HasSections:
    """Walking the outline of anything with `sections`: plans and member follow-ups."""

    sections: list[Section]

    def walk_sections(self) -> Iterator[tuple[tuple, int, Section]]:
        """Every section with its path and depth (1 = chapter), in document order."""
        def walk(sections: list[Section], path: tuple, depth: int):
            for index, section in enumerate(sections):
                here = path + ("avsnitt", index)
                yield here, depth, section
                yield from walk(section.sections, here, depth + 1)
        yield from walk(self.sections, (), 1)

    def walk_blocks(self) -> Iterator[tuple[tuple, Block]]:
        for path, _, section in self.walk_sections():
            for index, block in enumerate(section.blocks):
                yield path + ("innehall", index), block

    def blocks_of(self, kind: str) -> list:
        return [block.value for _, block in self.walk_blocks() if block.kind == kind]


class PlanVersion(VersionBase, HasSections):
    kind: Literal["verksamhetsplan", "mal-och-inriktningsplan"] = Field(alias="slag")
    sections: list[Section] = Field(alias="avsnitt", min_length=1)

    @property
    def goals(self) -> list[Goal]:
        return [goal for goals in self.blocks_of("mal") for goal in goals]

    @property
    def budgets(self) -> list[Budget]:
        return self.blocks_of("budget")

    @property
    def project_tables(self) -> list[ProjectTable]:
        return self.blocks_of("projekt")


class GoalFollowUp(Strict):
    goal: Id = Field(alias="mal")
    """The goal or sub-goal of the reviewed plan."""
    measure: str | None = Field(None, alias="matt")
    women: int | None = Field(None, ge=0, alias="kvinnor")
    men: int | None = Field(None, ge=0, alias="man")
    comment: str | None = Field(None, alias="kommentar")


class EffortDecision(Strict):
    id: Id
    name: str = Field(alias="namn")
    decision: Literal["fortsatta", "avveckla", "forlanga"] | None = Field(None, alias="beslut")
    reason: str | None = Field(None, alias="motivering")


class BudgetFollowUp(Strict):
    plan: Id
    """The plan version whose budget holds the reviewed year."""
    year: Year = Field(alias="ar")
    outcome: dict[Id, int] = Field(default_factory=dict, alias="utfall")
    """Outcome per budget row id, in the budget's unit; rows not listed have no outcome yet."""


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


class KeyFigure(Strict):
    id: Id
    text: str
    value: str = Field(alias="varde")
    """The figure as printed in the text, e.g. '23,45'."""
    unit: Unit = Field(alias="enhet")
    period: str | None = None


class MemberFollowUp(Strict, HasSections):
    id: Id
    title: str = Field(alias="titel")
    member: Id = Field(alias="medlem")
    body: str = Field(alias="organ")
    paragraph: str = Field(alias="paragraf")
    year: Year = Field(alias="ar")
    reference: str | None = Field(None, alias="diarienummer")
    decision: str = Field(alias="beslut")
    sections: list[Section] = Field(alias="avsnitt")
    key_figures: list[KeyFigure] = Field(default_factory=list, alias="nyckeltal")

    @property
    def wishes(self) -> list[ListItem]:
        return [wish for wishes in self.blocks_of("onskemal") for wish in wishes]


# --- The organisation ----------------------------------------------------------------------

class FormerName(Strict):
    name: str = Field(alias="namn")
    abbreviation: str | None = Field(None, alias="forkortning")
    until_year: Year = Field(alias="till_ar")
    """The last year the name was in use, as far as the plans tell."""


class Member(Strict):
    id: Id
    name: str = Field(alias="namn")
    group: Funder = Field(alias="grupp")
    former_names: list[FormerName] = Field(default_factory=list, alias="tidigare_namn")


class FundingShare(Strict):
    group: Funder = Field(alias="grupp")
    share: str = Field(alias="andel", pattern=r"^\d+/\d+$")
    """The share of the members' contributions, as a fraction: '1/2'."""

    @property
    def fraction(self) -> Fraction:
        return Fraction(self.share)


class Funding(Strict):
    wording: str = Field(alias="formulering")
    """How the plans say it."""
    shares: list[FundingShare] = Field(alias="andelar")


class GlossaryTerm(Strict):
    term: str
    meaning: str | None = Field(None, alias="betydelse")
    """None where the plans use the abbreviation without explaining it."""
    variants: list[str] = Field(default_factory=list, alias="varianter")
    """Other spellings the plans use that are accepted, e.g. 'esf' in 'esf-projekt'."""


class Organisation(Strict):
    name: str = Field(alias="namn")
    short_name: str = Field(alias="kortnamn")
    acronym_meaning: str = Field(alias="betydelse")
    """What RAR stands for."""
    founded: Year = Field(alias="bildat")
    board: str = Field(alias="styrelse")
    """The board as named on signatures and as document author."""
    members: list[Member] = Field(alias="medlemmar")
    funding: Funding = Field(alias="finansiering")
    glossary: list[GlossaryTerm] = Field(alias="ordlista")

    def member(self, member_id: str) -> Member | None:
        return next((m for m in self.members if m.id == member_id), None)


Version = PlanVersion | AnnualReview
