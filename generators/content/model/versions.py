"""Versions of a plan: what every version has (title, period, status, adoption) and the plan itself."""

from __future__ import annotations

from typing import Iterator, Literal

from pydantic import Field

from .blocks import Block, Goal, Section
from .budget import Budget, ProjectTable
from .common import Date, Id, Status, Strict, Text, Year


class Adoption(Strict):
    body: str | None = Field(None, alias="organ")
    """Who adopted it, as written in running text: 'styrelsen'."""
    date: Date | None = Field(None, alias="datum")
    """The day of the decision; left out where the source does not give it."""
    paragraph: str | None = Field(None, alias="paragraf")
    """The decision's paragraph in the minutes, e.g. '§ 45'."""
    reference: str | None = Field(None, alias="diarienummer")
    """The case number, e.g. 'SF 2026/12'."""


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
    finding: str | None = Field(None, alias="fynd")
    """The finding as `styrdok check` words it; when given, a finding with other figures at the
    same place (a new typo in an acknowledged table) is not acknowledged."""


class Comment(Strict):
    """A comment someone wrote in the Word file a draft was imported from."""

    place: str | None = Field(None, alias="avsnitt")
    """The heading it stands under in the Word file, e.g. '3.1. Skapa samverkan'."""
    quote: str | None = Field(None, alias="citat")
    """The text it is about."""
    text: str
    author: str | None = Field(None, alias="av")


class VersionBase(Strict):
    id: Id
    title: Text = Field(alias="titel")
    start_year: Year = Field(alias="startar")
    end_year: Year = Field(alias="slutar")
    status: Status
    adopted: Adoption | None = Field(None, alias="antagen")
    replaces: Id | None = Field(None, alias="ersatter")
    """The version this one replaces (for the yearly revision and the change pages)."""
    sources: list[Source] = Field(default_factory=list, alias="kallor")
    acknowledgements: list[Acknowledgement] = Field(default_factory=list, alias="kvitteringar")
    comments: list[Comment] = Field(default_factory=list, alias="kommentarer")
    """Comments from Word that nobody has dealt with yet: `check` reports each until it is removed."""

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
    consulted: Date | None = Field(None, alias="samrad")
    """The day the members' consultation on the plan ended (lag 2003:1210 asks for it before the
    budget is adopted); left out where the source does not give it."""

    @property
    def goals(self) -> list[Goal]:
        return [goal for goals in self.blocks_of("mal") for goal in goals]

    @property
    def budgets(self) -> list[Budget]:
        return self.blocks_of("budget")

    @property
    def project_tables(self) -> list[ProjectTable]:
        return self.blocks_of("projekt")
