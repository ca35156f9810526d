"""Every output's path, named in one place, and a registry in which two outputs can never
share a path.

    word/<id>.docx                     a plan version or an annual review in Word
    pdf/<id>.pdf                       the same as a tagged PDF
    word/andringar-<old>-<new>.docx    the newer of two plan versions with tracked changes
    docs/<page>.md                     the site's Markdown (plans, reviews, changes, lists)
    docs/diagram/<plan>-<budget>.svg   a budget chart
    docs/nedladdningar/<file>          a download, and site/nedladdningar/<file> beside it

The build registers every output before it writes anything and writes only registered
paths, each once (build.Staging asserts it). `styrdok check` asks the same registry whether
the content's ids would make two outputs share a path (a plan with the id `index`, a plan id
shaped like a tracked-changes file, a plan and a budget whose ids join to another chart's
name) and refuses them, so the check cannot miss an output the build makes.

A new kind of output is a naming function here and one `add` in `register_outputs`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import TYPE_CHECKING, Iterator

from generators import ROOT

if TYPE_CHECKING:
    from generators.content.loading import Content, Loaded

SITE_SOURCES = ROOT / "site"
DOWNLOADS = "nedladdningar"
MANIFEST = ".styrdok-build"
SITE_CONFIG = "mkdocs.yml"


# --- names ---------------------------------------------------------------------------------------

def word(version_id: str) -> str:
    return f"word/{version_id}.docx"


def pdf(version_id: str) -> str:
    return f"pdf/{version_id}.pdf"


def tracked(old_id: str, new_id: str) -> str:
    return f"word/andringar-{old_id}-{new_id}.docx"


def plan_page(plan_id: str) -> str:
    """Under docs/, as MkDocs and the links between pages name it."""
    return f"planer/{plan_id}.md"


def review_page(review_id: str) -> str:
    return f"oversyner/{review_id}.md"


def changes_page(old_id: str, new_id: str) -> str:
    return f"andringar/{old_id}-{new_id}.md"


def chart(plan_id: str, budget_id: str) -> str:
    return f"diagram/{plan_id}-{budget_id}.svg"


def download(output: str) -> str:
    """A file offered for download on the site, under docs/ and site/: 'nedladdningar/x.docx'."""
    return f"{DOWNLOADS}/{PurePosixPath(output).name}"


INDEX_PAGES = {
    "index.md": "startsidan",
    "budget.md": "budgetsidan",
    "projekt.md": "projektsidan",
    "ordlista.md": "ordlistan",
    "planer/index.md": "förteckningen över planerna",
    "oversyner/index.md": "förteckningen över de årliga översynerna",
    "andringar/index.md": "förteckningen över ändringarna",
    "tillganglighet.md": "tillgänglighetsredogörelsen",
    "robots.txt": "sökmotorernas robots.txt",
}
"""The site's own pages (and robots.txt) under docs/, with what they are (for messages)."""


def static_files() -> dict[str, str]:
    """site/assets as copied under docs/: {docs path: source path}."""
    return {f"assets/{source.name}": str(source)
            for source in sorted((SITE_SOURCES / "assets").glob("*")) if source.is_file()}


# --- the registry --------------------------------------------------------------------------------

@dataclass(frozen=True)
class Origin:
    """What an output is, in Swedish, and the content field its name comes from (if any)."""

    what: str
    loaded: Loaded | None = field(default=None, compare=False)
    field: tuple = ()


@dataclass(frozen=True)
class Clash:
    path: str
    first: Origin
    second: Origin


class OutputPaths:
    """Paths relative to the output folder, each owned by one output.

    strict: a second owner of a path is a bug (the check refuses such content before the build
    registers anything), so `add` raises AssertionError; otherwise clashes are collected for
    the check to report."""

    def __init__(self, strict: bool = True):
        self.strict = strict
        self.owners: dict[str, Origin] = {}
        self.clashes: list[Clash] = []

    def add(self, path: str, origin: Origin) -> str:
        first = self.owners.get(path)
        if first is not None:
            if self.strict:
                raise AssertionError(f"two outputs share {path}: {first.what} and {origin.what}")
            self.clashes.append(Clash(path, first, origin))
            return path
        self.owners[path] = origin
        return path

    def page(self, docs_path: str, origin: Origin) -> str:
        return self.add(f"docs/{docs_path}", origin)

    def downloadable(self, output: str, origin: Origin) -> str:
        """An output offered on the site: the file itself and its two download copies."""
        self.add(output, origin)
        for folder in ("docs", "site"):
            self.add(f"{folder}/{download(output)}", origin)
        return output

    def __contains__(self, path: str) -> bool:
        return path in self.owners

    def __iter__(self) -> Iterator[str]:
        return iter(self.owners)


def register_outputs(content: Content, strict: bool = True) -> OutputPaths:
    """Every file the build writes for this content (MkDocs' own files under site/ aside).

    The site's own pages come first and derived names (tracked changes, charts) before the
    versions' own files, so a clash is reported at the id that causes it."""
    from generators.changes.diff import consecutive_pairs

    paths = OutputPaths(strict)
    for fixed in (MANIFEST, SITE_CONFIG):
        paths.add(fixed, Origin("styrdoks egen fil"))
    for page, what in INDEX_PAGES.items():
        paths.page(page, Origin(what))
    for page in static_files():
        paths.page(page, Origin(f"webbplatsens fil {page}"))
    plans = {loaded.model.id: loaded for loaded in content.plans}
    for old, new in consecutive_pairs([loaded.model for loaded in content.plans]):
        origin = Origin(f"ändringarna från {old.id!r} till {new.id!r}", plans[new.id], ("id",))
        paths.downloadable(tracked(old.id, new.id), origin)
        paths.page(changes_page(old.id, new.id), origin)
    for loaded in content.plans:
        for block_path, block in loaded.model.walk_blocks():
            if block.kind == "budget":
                origin = Origin(f"diagrammet för budgeten {block.budget.id!r} i {loaded.model.id!r}", loaded,
                                block_path + ("budget", "id"))
                paths.page(chart(loaded.model.id, block.budget.id), origin)
    for loaded in content.reviews:
        follow_up = loaded.model.budget_follow_up
        if follow_up:
            origin = Origin(f"diagrammet över budget och utfall i {loaded.model.id!r}", loaded, ("id",))
            paths.page(chart(loaded.model.id, f"utfall-{follow_up.year}"), origin)
    for loaded in content.versions:
        kind = "planen" if loaded.model.id in plans and plans[loaded.model.id] is loaded else "översynen"
        origin = Origin(f"{kind} {loaded.model.id!r}", loaded, ("id",))
        paths.downloadable(word(loaded.model.id), origin)
        paths.downloadable(pdf(loaded.model.id), origin)
        paths.page((plan_page if kind == "planen" else review_page)(loaded.model.id), origin)
    return paths


def clash_message(clash: Clash) -> str:
    return (f"{clash.second.what} skulle skrivas till {clash.path}, där {clash.first.what} redan skrivs; "
            f"två utdata kan inte dela en fil, så välj ett annat id")
