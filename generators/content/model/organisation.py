"""The organisation: name, members with former names, financing shares and glossary."""

from __future__ import annotations

from fractions import Fraction

from pydantic import Field, field_validator

from .common import Funder, Id, Strict, Year
from .versions import Acknowledgement


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
    key: float | None = Field(None, alias="nyckel", gt=0, le=100)
    """The member's part of its group's share in per cent, e.g. the kommuner's agreed key for
    splitting their quarter (34.9); left out where no key is recorded."""


class FundingShare(Strict):
    group: Funder = Field(alias="grupp")
    share: str = Field(alias="andel", pattern=r"^[0-9]{1,6}/[0-9]{1,6}$")
    """The share of the members' contributions, as a fraction: '1/2'."""

    @field_validator("share")
    @classmethod
    def _a_share_of_the_whole(cls, value: str) -> str:
        numerator, denominator = map(int, value.split("/"))
        if denominator == 0 or numerator > denominator:
            raise ValueError(f"ska vara ett bråk mellan 0 och 1, t.ex. 1/2 (är {value!r})")
        return value

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


class Contact(Strict):
    """How the public reaches the association: the accessibility statement and every page's footer."""

    email: str | None = Field(None, alias="epost", pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
    phone: str | None = Field(None, alias="telefon", pattern=r"^\+?[0-9][0-9 ()-]{4,}[0-9]$")
    """As it is dialled in Sweden, e.g. '0155-12 34 56'."""
    postal_address: str | None = Field(None, alias="postadress")
    """The lines of the address, one per line."""

    @property
    def reachable(self) -> bool:
        """A problem can be reported: by e-mail or by phone (DIGG's model asks for one of them)."""
        return bool(self.email or self.phone)


class Organisation(Strict):
    name: str = Field(alias="namn")
    short_name: str = Field(alias="kortnamn")
    acronym_meaning: str | None = Field(None, alias="betydelse")
    """What the short name stands for, where it is an acronym."""
    founded: Year | None = Field(None, alias="bildat")
    board: str = Field(alias="styrelse")
    """The board as named on signatures and as document author."""
    members: list[Member] = Field(alias="medlemmar")
    funding: Funding = Field(alias="finansiering")
    glossary: list[GlossaryTerm] = Field(alias="ordlista")
    contact: Contact = Field(default_factory=Contact, alias="kontakt")
    """E-post, telefon och postadress; optional, but the site cannot be published without them."""
    logo: str | None = Field(None, alias="logotyp", pattern=r"^[^/\\]+\.(png|jpe?g|PNG|JPE?G)$")
    """A PNG or JPEG file beside organisation.yaml, e.g. 'logotyp.png': on every document's cover."""
    site_url: str | None = Field(None, alias="webbadress", pattern=r"^https?://[^\s/?#]+(/[^\s?#]*)?$")
    """The site's public address, e.g. 'https://example.se/styrdokument/': sitemap and canonical links."""
    colour: str | None = Field(None, alias="farg", pattern=r"^#[0-9a-fA-F]{6}$")
    """The accent colour of the site, e.g. '#1f4e79': it must reach 4.5:1 against white."""
    site_name: str | None = Field(None, alias="webbplatsnamn")
    """The site's name in its header and the browser's title; by default '<kortnamn> – styrdokument'."""
    acknowledgements: list[Acknowledgement] = Field(default_factory=list, alias="kvitteringar")

    @property
    def acronym(self) -> str:
        """The short name's first word, the acronym the meaning explains: 'ABC' of 'ABC Län'."""
        return self.short_name.split()[0]

    @property
    def site_title(self) -> str:
        return self.site_name or f"{self.short_name} – styrdokument"

    def member(self, member_id: str) -> Member | None:
        return next((m for m in self.members if m.id == member_id), None)

