"""Loading: the content folder -> validated model, or every error at once.

    content/organisation.yaml           Organisation
    content/plans/*.yaml                PlanVersion
    content/reviews/*.yaml              AnnualReview
    content/member-follow-ups/*.yaml    MemberFollowUp
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Generic, TypeVar

from pydantic import BaseModel, ValidationError

from generators.content.files import content_paths, display_path, is_regular, stray_files
from generators.content.findings import ContentError, Finding, format_path
from generators.content.model.common import ID_RULE
from generators.content.model import (
    AnnualReview,
    MemberFollowUp,
    Organisation,
    PlanVersion,
    Version,
)
from generators.content.reading import MAX_BYTES, Document, ReadError, read_yaml

M = TypeVar("M", bound=BaseModel)

MODELS: dict[str, type[BaseModel]] = {
    "organisation": Organisation,
    "plan": PlanVersion,
    "review": AnnualReview,
    "member-follow-up": MemberFollowUp,
}


@dataclass
class Loaded(Generic[M]):
    """A model object with the file it came from and the positions of its values."""

    model: M
    path: Path
    display: str
    """The path as printed in messages: relative to the working folder where possible."""
    relative: str
    """The path relative to the folder above the content folder, e.g. content/plans/x.yaml."""
    document: Document
    digest: str = ""
    """A hash of the file's bytes: what the build compares to know whether an output is stale."""

    def finding(self, rule: str, severity: str, message: str, path: tuple) -> Finding:
        line, column = self.document.position(path)
        return Finding(rule, severity, message, self.display, line, column, format_path(path))


@dataclass
class Content:
    root: Path
    organisation: Loaded[Organisation]
    versions: list[Loaded[Version]] = field(default_factory=list)
    follow_ups: list[Loaded[MemberFollowUp]] = field(default_factory=list)
    broken_drafts: list[Finding] = field(default_factory=list)
    """Why draft files were left out (load_content(..., drafts_may_fail=True) only)."""

    def version(self, version_id: str) -> Loaded[Version] | None:
        return next((v for v in self.versions if v.model.id == version_id), None)

    def follow_up(self, follow_up_id: str) -> Loaded[MemberFollowUp] | None:
        return next((f for f in self.follow_ups if f.model.id == follow_up_id), None)

    @property
    def plans(self) -> list[Loaded[PlanVersion]]:
        return [v for v in self.versions if isinstance(v.model, PlanVersion)]

    @property
    def reviews(self) -> list[Loaded[AnnualReview]]:
        return [v for v in self.versions if isinstance(v.model, AnnualReview)]

    def files(self) -> list[Loaded]:
        return [self.organisation, *self.versions, *self.follow_ups]


def content_files(root: Path) -> list[tuple[Path, type[BaseModel]]]:
    """Every content file with the model it holds."""
    return [(path, MODELS[kind]) for path, kind in content_paths(root)]


def load_content(root: Path | str, drafts_may_fail: bool = False) -> Content:
    """Load and validate the whole content folder; raise ContentError with every problem.

    With drafts_may_fail (the build, a diff), a draft that does not validate is left out and
    its problems kept in broken_drafts: a draft being written never stops what is adopted. A
    file that cannot be read at all (broken YAML, a duplicate key, not UTF-8) is never taken
    for a draft, whatever it says: it may be an adopted plan, and publishing without it would
    withdraw that plan."""
    root = Path(root)
    findings: list[Finding] = stray_files(root)
    broken: list[Finding] = []
    loaded: list[Loaded] = []
    for path, model in content_files(root):
        try:
            document, digest = read_document(path, root, display_path(path))
        except ContentError as error:
            findings += error.findings
            continue
        try:
            loaded.append(validate(path, model, root, document, digest))
        except ContentError as error:
            draft = drafts_may_fail and model in (PlanVersion, AnnualReview) and _is_draft(document)
            (broken if draft else findings).extend(error.findings)
    if findings:
        raise ContentError(findings)
    organisation, *rest = loaded
    versions = [item for item in rest if isinstance(item.model, (PlanVersion, AnnualReview))]
    versions.sort(key=lambda v: (v.model.start_year, v.model.kind == "arlig-oversyn", v.model.id))
    follow_ups = [item for item in rest if isinstance(item.model, MemberFollowUp)]
    return Content(root, organisation, versions, follow_ups, broken)


def _is_draft(document: Document) -> bool:
    """Whether a file that was read but does not validate says it is a draft."""
    return isinstance(document.data, dict) and document.data.get("status") == "utkast"


def load_file(path: Path, model: type[M], root: Path) -> Loaded[M]:
    document, digest = read_document(path, root, display_path(path))
    return validate(path, model, root, document, digest)


def validate(path: Path, model: type[M], root: Path, document: Document, digest: str) -> Loaded[M]:
    display = display_path(path)
    try:
        validated = model.model_validate(document.data)
    except ValidationError as error:
        raise ContentError([_schema_finding(e, document, display) for e in error.errors()]) from None
    relative = path.absolute().relative_to(root.absolute().parent).as_posix()
    return Loaded(validated, path, display, relative, document, digest)


def read_document(path: Path, root: Path, display: str) -> tuple[Document, str]:
    def fail(message: str, line: int = 0, column: int = 0) -> ContentError:
        return ContentError([Finding("yaml", "fel", message, display, line, column)])

    if not path.exists():
        raise fail("filen saknas")
    if not is_regular(path):
        raise fail("är ingen vanlig fil (en mapp, en FIFO eller en enhet) och kan inte läsas som innehåll")
    if not path.resolve().is_relative_to(root.resolve()):
        raise fail("filen är en länk till en plats utanför innehållsmappen")
    try:
        if path.stat().st_size > MAX_BYTES:  # refuse before reading 50 MB into memory
            from generators.formatting import decimal  # babel only on this rare path
            raise ReadError(f"filen är för stor ({decimal(path.stat().st_size / 1e6)} MB); en innehållsfil får vara högst 5 MB")
        raw = path.read_bytes()
        document = read_yaml(raw)
    except ReadError as error:
        raise fail(error.message, error.line, error.column) from None
    except OSError as error:
        raise fail(f"filen kan inte läsas ({error.strerror})") from None
    if not isinstance(document.data, dict):
        raise fail("filen ska vara en mappning (nyckel: värde) på översta nivån, inte en lista eller ett ensamt värde", 1, 1)
    return document, hashlib.sha256(raw).hexdigest()


_MESSAGES = {
    "missing": "fältet saknas",
    "extra_forbidden": "okänt fält (stavfel, eller ett fält som inte hör hemma här)",
    "string_type": "ska vara text",
    "int_type": "ska vara ett heltal",
    "int_parsing": "ska vara ett heltal",
    "int_from_float": "ska vara ett heltal utan decimaler",
    "bool_type": "ska vara true eller false",
    "list_type": "ska vara en lista",
    "dict_type": "ska vara en mappning (nyckel: värde)",
    "model_type": "ska vara en mappning (nyckel: värde)",
    "model_attributes_type": "ska vara en mappning (nyckel: värde)",
    "date_type": "ska vara ett datum (ÅÅÅÅ-MM-DD)",
    "date_parsing": "är inget giltigt datum (ÅÅÅÅ-MM-DD)",
    "date_from_datetime_parsing": "är inget giltigt datum (ÅÅÅÅ-MM-DD)",
    "date_from_datetime_inexact": "ska vara ett datum utan klockslag",
    "string_pattern_mismatch": "har fel form",
}


_PATTERN_MESSAGES = {
    "nummer": "ska vara ett rubriknummer som 3, 3.1 eller 3.1.",
    "andel": "ska vara ett bråk, t.ex. 1/2",
    "epost": "ska vara en e-postadress som kansliet@forbundet.se",
    "telefon": "ska vara ett telefonnummer med siffror, mellanslag, bindestreck och parenteser, t.ex. 0155-12 34 56",
    "logotyp": "ska vara namnet på en PNG- eller JPEG-fil i innehållsmappen, t.ex. logotyp.png",
    "webbadress": "ska vara en webbadress som börjar med https:// eller http://, t.ex. https://forbundet.se/styrdok/",
    "farg": "ska vara en färg skriven #RRGGBB, t.ex. #1F4E79",
}
_ID_MESSAGE = f"ska vara {ID_RULE}"


def _short(value) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def schema_message(error: dict) -> str:
    kind, context = error["type"], error.get("ctx", {})
    if kind in ("greater_than_equal", "greater_than") and context.get("ge") == 0:
        return f"får inte vara negativt (är {error['input']})"
    if kind in ("greater_than_equal", "less_than_equal") and "[key]" in error["loc"]:
        return (f"{_short(error['input'])} är inget år ({context.get('ge', 1900)}–2200); står det ett belopp med "
                f"decimalkomma, som 3100,5? Belopp skrivs som heltal")
    if kind in ("greater_than_equal", "less_than_equal"):
        bound = context.get("ge", context.get("le"))
        word = "minst" if kind == "greater_than_equal" else "högst"
        return f"ska vara {word} {bound} (är {error['input']})"
    if kind == "literal_error":
        expected = str(context.get("expected", "")).replace(" or ", " eller ")
        return f"ska vara en av: {expected} (är {_short(error['input'])})"
    if kind == "value_error":
        return str(context.get("error", error["msg"]))
    if kind in ("int_type", "int_parsing") and isinstance(error["input"], str):
        hint = " utan mellanslag" if " " in error["input"] else ""
        return f"ska vara ett heltal; skriv {_short(error['input'])} som en siffra{hint}, utan citattecken"
    if kind == "string_pattern_mismatch":
        return _PATTERN_MESSAGES.get(error["loc"][-1], _ID_MESSAGE) + f" (är {_short(error['input'])})"
    if kind in ("string_type", "int_type", "bool_type", "list_type", "dict_type", "model_type"):
        return f"{_MESSAGES[kind]} (är {_short(error['input'])})"
    if kind in ("date_parsing", "date_from_datetime_parsing"):
        return f"{_short(error['input'])} är inget giltigt datum (ÅÅÅÅ-MM-DD)"
    if kind in ("too_short", "too_long", "string_too_short", "string_too_long"):
        return _length_message(kind, context, error["input"])
    # Every message is Swedish: an error type without its own wording still says what it saw.
    return _MESSAGES.get(kind, f"ogiltigt värde (är {_short(error['input'])})")


def _length_message(kind: str, context: dict, value) -> str:
    things = "tecken" if kind.startswith("string") else ("punkter" if isinstance(value, list) else "värden")
    if kind.endswith("too_short"):
        least = context.get("min_length", 1)
        return "får inte vara tom" if least == 1 else f"ska ha minst {least} {things} (har {len(value)})"
    return f"får ha högst {context.get('max_length')} {things} (har {len(value)})"


def _schema_finding(error: dict, document: Document, display: str) -> Finding:
    loc = tuple(part for part in error["loc"] if part != "[key]")
    line, column = document.position(loc)
    return Finding("schema", "fel", schema_message(error), display, line, column, format_path(loc))
