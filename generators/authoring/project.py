"""`styrdok init FOLDER`: a new project for a samordningsförbund.

Writes `content/` (organisation.yaml with the members and the law's split, a first mål- och
inriktningsplan and verksamhetsplan as drafts in the common pattern, every text still to be
written marked "[Att skriva: ...]" for `styrdok check` to list), the site's mkdocs.yml and a
README. The folder appears whole or not at all: it is made beside its place and renamed.

    Member.parse("Västby:kommun:12,5")    a member from the command line: name, kind, key
    init_project(folder, Project(...))  -> the folder written
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import tempfile
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from generators import ROOT
from generators.content.financing import KEY_TOLERANCE
from generators.errors import StyrdokError, UsageError
from generators.templating import environment

KINDS = {"staten": "staten", "stat": "staten", "myndighet": "staten", "region": "region",
         "kommun": "kommunerna", "kommunerna": "kommunerna"}
"""What a member's kind may be called on the command line -> its funder group."""
LOGO_LIMIT = 5_000_000
MAX_TEXT = 300


@dataclass
class FormerName:
    name: str
    until_year: int


@dataclass
class Member:
    name: str
    group: str
    key: float | None = None
    former: list[FormerName] = field(default_factory=list)

    @property
    def id(self) -> str:
        return slug(self.name)

    @classmethod
    def parse(cls, text: str) -> Member:
        """'Namn:slag' or 'Namn:kommun:12,5' (the key in per cent of the group's share)."""
        parts = [part.strip() for part in text.split(":")]
        if len(parts) not in (2, 3) or not parts[0]:
            raise UsageError(f"--medlem {text!r}: skriv NAMN:SLAG eller NAMN:kommun:NYCKEL, "
                             "t.ex. 'Västby:kommun:12,5'")
        group = KINDS.get(parts[1].lower())
        if group is None:
            raise UsageError(f"--medlem {text!r}: slaget {parts[1]!r} finns inte; välj staten, region eller kommun")
        key = _number(parts[2], f"--medlem {text!r}: nyckeln") if len(parts) == 3 else None
        return cls(plain_text(parts[0], "--medlem"), group, key)


@dataclass
class Project:
    name: str
    short_name: str
    members: list[Member]
    email: str | None = None
    phone: str | None = None
    year: int = dt.date.today().year + 1
    meaning: str | None = None
    founded: int | None = None
    colour: str | None = None
    site_url: str | None = None
    site_name: str | None = None
    logo: Path | None = None


def slug(name: str) -> str:
    """'Region Västmanland' -> 'region-vastmanland': an id as the content's rule wants it."""
    plain = unicodedata.normalize("NFKD", name.lower()).encode("ascii", "ignore").decode("ascii")
    words = "".join(c if c.isalnum() else " " for c in plain).split()
    return "-".join(words)[:60] or "medlem"


def plain_text(value: str, option: str) -> str:
    """A name from the command line, checked as content is: one line of visible text."""
    value = value.strip()
    bad = next((c for c in value if unicodedata.category(c)[0] == "C" or unicodedata.category(c) in ("Zl", "Zp")), None)
    if bad is not None:
        raise UsageError(f"{option}: tecknet U+{ord(bad):04X} kan inte stå i ett namn")
    if not value or len(value) > MAX_TEXT:
        raise UsageError(f"{option}: ange en text på 1–{MAX_TEXT} tecken")
    return value


def former_name(text: str, members: list[Member]) -> None:
    """'Region X=Landstinget X:2018': the member's name until the year given."""
    current, _, rest = text.partition("=")
    old, _, year = rest.rpartition(":")
    member = next((m for m in members if m.name == current.strip()), None)
    if member is None or not old.strip() or not year.strip().isdigit():
        names = ", ".join(m.name for m in members)
        raise UsageError(f"--tidigare-namn {text!r}: skriv NUVARANDE=TIDIGARE:ÅR med en medlem som finns ({names})")
    member.former.append(FormerName(plain_text(old, "--tidigare-namn"), int(year)))


def validate(project: Project) -> None:
    groups = {member.group for member in project.members}
    for group, wording in (("staten", "en statlig myndighet (Försäkringskassan, Arbetsförmedlingen)"),
                           ("region", "en region"), ("kommunerna", "en kommun")):
        if group not in groups:
            raise UsageError(f"förbundet har ingen medlem som är {wording}: lagen (2003:1210) kräver det; "
                             "ange medlemmarna med --medlem NAMN:SLAG")
    ids = [member.id for member in project.members]
    twice = sorted({i for i in ids if ids.count(i) > 1})
    if twice:
        raise UsageError(f"två medlemmar får samma id ({', '.join(twice)}): ge dem olika namn")
    for group in groups:
        keys = [m.key for m in project.members if m.group == group]
        if any(k is not None for k in keys):
            if None in keys:
                raise UsageError(f"alla eller inga medlemmar i gruppen {group} har en nyckel")
            if abs(sum(keys) - 100) > KEY_TOLERANCE:
                raise UsageError(f"nycklarna i gruppen {group} summerar till {sum(keys):g} %, inte 100 %")
    if project.colour:
        from generators.colour import contrast_problem
        problem = contrast_problem(project.colour)
        if problem:
            raise UsageError(f"--farg: {problem}")


def init_project(folder: Path, project: Project) -> Path:
    validate(project)
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise StyrdokError(f"{folder} finns redan och är inte en tom mapp: välj en ny mapp för projektet")
    files = render(project)
    _refuse_invalid(files["content/organisation.yaml"])
    parent = folder.resolve().parent
    parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".styrdok-init-", dir=parent))
    try:
        for relative, data in files.items():
            (staging / relative).parent.mkdir(parents=True, exist_ok=True)
            (staging / relative).write_bytes(data)
        if folder.exists():
            folder.rmdir()
        staging.rename(folder)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return folder


OPTIONS = {"epost": "--epost", "telefon": "--telefon", "webbadress": "--webbadress", "farg": "--farg",
           "logotyp": "--logotyp", "namn": "--namn", "kortnamn": "--kortnamn", "betydelse": "--betydelse",
           "bildat": "--bildat"}
"""The option that gives each field of organisation.yaml, for messages."""


def _refuse_invalid(organisation: bytes) -> None:
    """What the content model would refuse in organisation.yaml is refused now, naming the
    option, so that a new project always passes check."""
    import yaml
    from pydantic import ValidationError

    from generators.content.loading import schema_message
    from generators.content.model.organisation import Organisation
    try:
        Organisation.model_validate(yaml.safe_load(organisation))
    except ValidationError as error:
        first = error.errors()[0]
        field = next((str(part) for part in reversed(first["loc"]) if str(part) in OPTIONS), None)
        where = OPTIONS[field] if field else ".".join(map(str, first["loc"]))
        raise UsageError(f"{where}: {schema_message(first)}") from None


def render(project: Project) -> dict[str, bytes]:
    """Every file of the new project, by its path in the project folder."""
    env = environment().overlay()
    env.filters["yq"] = lambda value: json.dumps(str(value), ensure_ascii=False)
    plan_id = f"verksamhetsplan-{project.year}"
    end = project.year + 3
    mip_id = f"mal-och-inriktningsplan-{project.year}-{end}"
    logo = _logo_name(project.logo)
    values = dict(name=project.name, short_name=project.short_name, members=project.members, year=project.year,
                  meaning=project.meaning, founded=project.founded, colour=project.colour, site_url=project.site_url,
                  site_name=project.site_name, logo=logo, email=project.email, phone=project.phone,
                  funding=funding_wording(project.members), plan_id=plan_id, mip_id=mip_id)
    files = {
        "content/organisation.yaml": env.get_template("init/organisation.yaml.j2").render(**values),
        f"content/plans/{mip_id}.yaml": env.get_template("init/mal-och-inriktningsplan.yaml.j2").render(
            **values, id=mip_id, title=f"Mål- och inriktningsplan {project.year}–{end}", start=project.year, end=end),
        f"content/plans/{plan_id}.yaml": env.get_template("init/verksamhetsplan.yaml.j2").render(
            **values, id=plan_id, title=f"Verksamhetsplan med budget {project.year}"),
        "README.md": env.get_template("init/README.md.j2").render(**values),
    }
    data = {path: text.encode("utf-8") for path, text in files.items()}
    data["mkdocs.yml"] = (ROOT / "mkdocs.yml").read_bytes()
    if logo:
        data[f"content/{logo}"] = project.logo.read_bytes()
    return data


def funding_wording(members: list[Member]) -> str:
    """How the plans will say the law's split, with the members' own names."""
    def names(group: str) -> str:
        from generators.formatting import enumerate_sv
        return enumerate_sv([m.name for m in members if m.group == group])
    regions = [m for m in members if m.group == "region"]
    region = names("region") if len(regions) == 1 else f"regionerna ({names('region')})"
    return (f"Staten – {names('staten')} – bidrar med hälften av de ekonomiska resurserna, {region} med en "
            f"fjärdedel och kommunerna ({names('kommunerna')}) med en fjärdedel.")


def _logo_name(logo: Path | None) -> str | None:
    if logo is None:
        return None
    if not logo.is_file():
        raise UsageError(f"--logotyp: {logo} är ingen fil")
    if logo.suffix.lower() not in (".png", ".jpg", ".jpeg"):
        raise UsageError(f"--logotyp: {logo.name} är varken PNG eller JPEG")
    if logo.stat().st_size > LOGO_LIMIT:
        raise UsageError(f"--logotyp: {logo.name} är större än {LOGO_LIMIT // 1_000_000} MB")
    return "logotyp" + logo.suffix.lower()


def _number(text: str, what: str) -> float:
    try:
        value = float(text.replace(",", ".").replace(" ", "").rstrip("%"))
    except ValueError:
        raise UsageError(f"{what} {text!r} är inget tal (skriv t.ex. 12,5)") from None
    if not 0 < value <= 100:
        raise UsageError(f"{what} {text!r} ska vara en andel i procent, större än 0 och högst 100")
    return value
