"""One change between two versions, as the diff finds it and before the report words it."""

from __future__ import annotations

from dataclasses import dataclass, field

from generators.changes.wording import Ops


@dataclass(frozen=True)
class Change:
    kind: str
    """added, removed, reworded, moved or changed."""
    what: str
    """vision, princip, mal, delmal, malgrupp, fordelning, budgetrad, budget, projekt, projekttabell,
    avsnitt, stycke, punkt, underrubrik, tabellrad, signatur, rubrik, nummer, titel, ..."""
    id: str = ""
    old: object = None
    new: object = None
    sentences: tuple[Ops, ...] = ()
    """For a rewording: the changed sentences only, each as word ops ('=', '-', '+')."""
    detail: dict = field(default_factory=dict, compare=False)
    """Places, positions, amounts: what the report needs to say where and how much."""
    order: tuple = field(default=(), compare=False)
