"""Changes to a version as a whole: title, kind, period, status, adoption (whatever fields the
model's `Adoption` has), whether sections are numbered, and members whose names changed
between the two periods."""

from __future__ import annotations

from generators.changes.change import Change
from generators.changes.inventory import Outline
from generators.changes.wording import redline
from generators.content.model import Organisation, VersionBase


def version_changes(old: VersionBase, new: VersionBase, a: Outline, b: Outline, organisation: Organisation) -> list:
    at = ("new", 0)
    found = []
    if old.title != new.title:
        found.append(Change("changed", "titel", old=old.title, new=new.title, order=at,
                            sentences=(redline(old.title, new.title),)))
    if getattr(old, "kind", None) != getattr(new, "kind", None):
        found.append(Change("changed", "slag", old=old.kind, new=new.kind, order=at))
    if old.period != new.period:
        found.append(Change("changed", "period", old=old.period, new=new.period, order=at))
    if old.status != new.status:
        found.append(Change("changed", "status", old=old.status, new=new.status, order=at))
    found += _adoption(old, new, at)
    if a.sections and b.sections and a.numbered != b.numbered:
        found.append(Change("changed", "numrering", old=a.numbered, new=b.numbered, order=at))
    for member in organisation.members:
        before, after = name_in(member, old.start_year), name_in(member, new.start_year)
        if before != after:
            found.append(Change("changed", "medlem", member.id, before, after, order=at))
    return found


def _adoption(old: VersionBase, new: VersionBase, at) -> list:
    found = []
    fields = type(old.adopted or new.adopted).model_fields if (old.adopted or new.adopted) else {}
    for name, info in fields.items():
        before = getattr(old.adopted, name, None) if old.adopted else None
        after = getattr(new.adopted, name, None) if new.adopted else None
        if before != after:
            found.append(Change("changed", f"antagen.{info.alias or name}", old=before, new=after, order=at))
    return found


def name_in(member, year: int) -> str:
    """The member's name in a given year: a former name (a landsting) until its last year, then the current one."""
    for former in sorted(member.former_names, key=lambda f: f.until_year):
        if year <= former.until_year:
            return former.name
    return member.name
