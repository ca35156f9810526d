"""The website's pages: Markdown for MkDocs from the same document trees as the Word files,
plus charts as SVG, the hand-written pages of site/ and the navigation.

Pure: content in, {path under docs/: bytes} out. Running MkDocs is mkdocs_run's business.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from generators import ROOT, charts
from generators.cache import NO_CACHE, RenderCache
from generators.changes.diff import consecutive_pairs, diff_versions
from generators.changes.report import as_markdown
from generators.content.findings import Finding
from generators.content.loading import Content
from generators.content.model import PlanVersion
from generators.cover import standings
from generators.document import (
    Chart,
    Document,
    budget_chart,
    budget_table,
    goal_nodes,
    plan_document,
    project_table,
    target_group_nodes,
)
from generators.review import review_document
from generators.templating import Phrases, environment
from generators.web.markdown_writer import render_nodes, table
from generators.word.output import review_changes

SITE = ROOT / "site"
DOWNLOADS = "nedladdningar"


class SitePages:
    def __init__(self, content: Content, findings: list[Finding], phrases: Phrases, cache: RenderCache = NO_CACHE):
        self.content, self.findings, self.phrases, self.cache = content, findings, phrases, cache
        self.env = environment()
        self.plans = [loaded.model for loaded in self.content.plans]
        self.standing = standings(self.plans, phrases)
        self.files: dict[str, bytes] = {}
        self.nav: list = []

    def render(self) -> dict[str, bytes]:
        self._static()
        self._index()
        self._plans()
        self._budget()
        self._projects()
        self._reviews()
        self._changes()
        self._page("ordlista.md", "glossary.md.j2", terms=self.content.organisation.model.glossary)
        self.nav += [{"Ordlista": "ordlista.md"}, {"Tillgänglighet": "tillganglighet.md"}]
        return self.files

    def config(self, parent: Path) -> str:
        """mkdocs.yml for the generated pages: the root file plus the navigation."""
        data = {"INHERIT": str(parent.resolve()), "docs_dir": "docs", "site_dir": "site", "nav": self.nav}
        return "# Gjord av styrdok build; ändra i mkdocs.yml i projektets rot.\n" + yaml.safe_dump(
            data, allow_unicode=True, sort_keys=False)

    # --- pages -------------------------------------------------------------------------------

    def _page(self, path: str, template: str, **values) -> None:
        self.files[path] = self.env.get_template(f"site/{template}").render(**values).encode("utf-8")

    def _static(self) -> None:
        for folder, target in ((SITE / "pages", ""), (SITE / "assets", "assets/")):
            for source in sorted(folder.glob("*")):
                if source.is_file():
                    self.files[target + source.name] = source.read_bytes()

    def _current(self) -> PlanVersion | None:
        return next((p for p in reversed(self.plans) if self.standing[p.id].state == "gäller"), None)

    def _index(self) -> None:
        organisation = self.content.organisation.model
        names = [member.name for member in organisation.members]
        members = ", ".join(names[:-1]) + " och " + names[-1]
        current = self._current()
        vision = next(iter(current.blocks_of("vision")), "") if current else ""
        goals = render_nodes(Document("", goal_nodes(current.goals)), 1) if current and current.goals else ""
        groups = [group for groups in current.blocks_of("malgrupper") for group in groups] if current else []
        groups_md = render_nodes(Document("", target_group_nodes(groups)), 1) if groups else ""
        self._page("index.md", "index.md.j2", organisation=organisation, members=members, current=current,
                   vision=vision, goals=goals, groups=groups_md)
        self.nav.insert(0, {"Start": "index.md"})

    def _chart_files(self, plan: PlanVersion, document: Document, depth: int) -> dict[str, str]:
        links = {}
        for node in document.nodes:
            if isinstance(node, Chart):
                path = f"diagram/{plan.id}-{node.id}.svg"
                self.files[path] = charts.render_cached(node, "svg", self.cache)
                links[node.id] = "../" * depth + path
        return links

    def _plans(self) -> None:
        rows, children = [], ["planer/index.md"]
        for plan in self.plans:
            document = plan_document(plan, self.phrases)
            body = render_nodes(document, 1, self._chart_files(plan, document, 1))
            self._page(f"planer/{plan.id}.md", "plan.md.j2", version=plan, standing=self.standing[plan.id],
                       download=f"../{DOWNLOADS}/{plan.id}.docx", body=body)
            rows.append({"title": plan.title, "link": f"{plan.id}.md", "period": plan.period,
                         "standing": self.standing[plan.id].label(self.phrases),
                         "decision": self.standing[plan.id].decision or self.phrases("status.utkast")})
            children.append({plan.title: f"planer/{plan.id}.md"})
        self._page("planer/index.md", "versions.md.j2", heading="Planer", rows=rows, decisions=True,
                   introduction="Varje version av förbundets planer, den som gäller och de som ersatts.")
        self.nav.append({"Planer": children})

    def _budget(self) -> None:
        sections = []
        for plan in self.plans:
            if not plan.budgets:
                continue
            nodes = Document("", [node for budget in plan.budgets
                                  for node in (budget_table(budget, self.phrases), budget_chart(budget, self.phrases))])
            body = render_nodes(nodes, 2, self._chart_files(plan, nodes, 0))
            sections.append({"title": plan.title, "link": f"planer/{plan.id}.md", "body": body})
        self._page("budget.md", "budget.md.j2", sections=sections)
        self.nav.append({"Budget": "budget.md"})

    def _projects(self) -> None:
        sections = [{"title": plan.title, "table": table(project_table(t, self.phrases))}
                    for plan in self.plans for t in plan.project_tables]
        self._page("projekt.md", "projekt.md.j2", sections=sections)
        self.nav.append({"Projekt": "projekt.md"})

    def _reviews(self) -> None:
        rows, children = [], ["oversyner/index.md"]
        for loaded in self.content.reviews:
            review = loaded.model
            plan = self.content.version(review.plan).model
            changes = review_changes(review, self.content, self.phrases)
            body = render_nodes(review_document(review, self.content, changes, self.findings, self.phrases), 1)
            self._page(f"oversyner/{review.id}.md", "review.md.j2", review=review, plan=plan, body=body,
                       status=self.phrases(f"status.{review.status}"), download=f"../{DOWNLOADS}/{review.id}.docx")
            rows.append({"title": review.title, "link": f"{review.id}.md", "period": review.period,
                         "standing": self.phrases(f"status.{review.status}")})
            children.append({review.title: f"oversyner/{review.id}.md"})
        self._page("oversyner/index.md", "versions.md.j2", heading="Årliga översyner", rows=rows, decisions=False,
                   introduction="Varje år gör styrelsen en översyn av planen med möjlighet att revidera den.")
        self.nav.append({"Årliga översyner": children})

    def _changes(self) -> None:
        rows, children = [], ["andringar/index.md"]
        organisation = self.content.organisation.model
        for old, new in consecutive_pairs(self.plans):
            name = f"{old.id}-{new.id}"
            body = as_markdown(diff_versions(old, new, organisation), old, new, self.phrases)
            self._page(f"andringar/{name}.md", "changes.md.j2", body=body, old=old, new=new,
                       download=f"../{DOWNLOADS}/andringar-{name}.docx")
            title = f"{old.title} → {new.title}"
            rows.append({"title": title, "link": f"{name}.md", "period": f"{old.period} → {new.period}",
                         "standing": ""})
            children.append({title: f"andringar/{name}.md"})
        self._page("andringar/index.md", "versions.md.j2", heading="Ändringar", rows=rows, decisions=False,
                   introduction="Vad som ändrats mellan två versioner som följer på varandra.")
        self.nav.append({"Ändringar": children})
