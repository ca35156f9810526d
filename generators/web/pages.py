"""The website's pages: Markdown for MkDocs from the same document trees as the Word files,
plus charts as SVG, the hand-written pages of site/ and the navigation.

Pure: content in, {path under docs/: bytes} out. Running MkDocs is mkdocs_run's business.
"""

from __future__ import annotations

import datetime as dt
import html
from pathlib import Path

import yaml

from generators import ROOT, charts, escaping, formatting, output_paths
from generators.cache import NO_CACHE, RenderCache
from generators.changes.diff import consecutive_pairs, diff_versions
from generators.changes.render import as_markdown
from generators.changes.report import build_report
from generators.content.findings import Finding
from generators.content.loading import Content
from generators.content.model import AnnualReview, Organisation, PlanVersion
from generators.cover import decision, standings
from generators.document import (
    Chart,
    Document,
    Row,
    Table,
    budget_nodes,
    goal_nodes,
    number_captions,
    plan_document,
    project_notes,
    project_table,
    section_titles,
    target_group_nodes,
)
from generators.publication import review_changes
from generators.review import review_document
from generators.templating import Phrases, markdown_environment
from generators.web import navigation
from generators.web.dates import LastChanged
from generators.web.describe import description
from generators.web.downloads import buttons
from generators.web.markdown_writer import render_nodes
from generators.web.tables import html_table, page_link

SITE = ROOT / "site"
SEARCH_BOOST = 4
"""How much more a match in the plan in force weighs in the site's search than one elsewhere."""
TEMPLATES = ROOT / "templates" / "site"


def contact_lines(organisation: Organisation) -> str:
    """The contact details as a Markdown list, or a plain statement that they are missing."""
    contact = organisation.contact
    lines = []
    if contact.email:
        email = escaping.html(contact.email)
        lines.append(f'- E-post: <a href="mailto:{email}">{email}</a>')
    if contact.phone:
        lines.append(f"- Telefon: {escaping.markdown(contact.phone)}")
    if contact.postal_address:
        address = ", ".join(line.strip() for line in contact.postal_address.splitlines() if line.strip())
        lines.append(f"- Postadress: {escaping.markdown(address)}")
    if not contact.reachable:
        lines.append("- **Kontaktuppgifter saknas:** förbundet har inte angett e-post eller telefon.")
    return escaping.Markdown("\n".join(lines))


NOT_IN_NAV = "/planer/*.md\n/andringar/*.md\n/oversyner/*.md\n"
"""Versions, pairs and reviews: reached from their folder's index page, not from the menu
(navigation.menu); MkDocs is told so, or it would take them for pages someone forgot."""


def known_problems(organisation: Organisation, assessed: list[str]) -> list[str]:
    """What the statement lists as not accessible: what the content lacks, then what the last
    assessment (templates/site/accessibility.yaml) found. The compliance level follows from it."""
    problems = []
    if not organisation.contact.reachable:
        problems.append("Redogörelsen saknar kontaktuppgifter, så det går inte att rapportera brister eller be om "
                        "innehåll i ett annat format. Det är inget kriterium i WCAG, men lagen kräver att man kan "
                        "meddela brister.")
    if not organisation.site_url:
        problems.append("Länken till startsidan på sidan som visas när en adress inte finns (404-sidan) kräver "
                        "JavaScript, eftersom webbplatsens adress inte är angiven (WCAG 2.1, 2.4.5 Olika sätt, "
                        "nivå AA).")
    return problems + [" ".join(problem.split()) for problem in assessed]


def _escaped_titles(nav):
    """The menu with every title escaped: Material prints a nav title as HTML."""
    if isinstance(nav, list):
        return [_escaped_titles(entry) for entry in nav]
    if isinstance(nav, dict):
        return {escaping.nav_title(title): _escaped_titles(target) for title, target in nav.items()}
    return nav


class SitePages:
    def __init__(self, content: Content, findings: list[Finding], phrases: Phrases, cache: RenderCache = NO_CACHE,
                 outputs: list[str] = (), preview: bool = False):
        self.content, self.findings, self.phrases, self.cache = content, findings, phrases, cache
        self.outputs = set(outputs)
        """The build's other outputs ('word/x.docx', 'pdf/x.pdf'): what the download buttons offer."""
        self.preview = preview
        """The internal preview with drafts (styrdok build --utkast), never to be published."""
        self.env = markdown_environment()
        self.organisation: Organisation = content.organisation.model
        self.plans = [loaded.model for loaded in self.content.plans]
        self.standing = standings(self.plans, phrases)
        self.files: dict[str, bytes] = {}
        self.sources: dict[str, tuple[Path, ...]] = {}
        """The files each page is made from: its "Senast uppdaterad" date is theirs."""
        self.nav: list = []
        self.meta: dict[str, dict] = {"projekt.md": {"hide": ["toc"]}}
        """Front matter beyond the date: the project table needs the width of the table of contents."""
        self.last_changed = LastChanged(content.root, TEMPLATES)

    def render(self) -> dict[str, bytes]:
        self._static()
        self._index()
        self._plans()
        self._budget()
        self._projects()
        self._reviews()
        self._changes()
        terms = tuple(Row((term.term, term.meaning or "Förklaras inte i planerna."))
                      for term in self.organisation.glossary)
        self._page("ordlista.md", "glossary.md.j2", (self.content.organisation.path,),
                   table=html_table(Table(("Förkortning", "Betydelse"), terms, (False, False)), "ordlista-tabell",
                                    "Förkortningar och begrepp"))
        statement, assessment = TEMPLATES / "accessibility.md.j2", TEMPLATES / "accessibility.yaml"
        found = yaml.safe_load(assessment.read_text(encoding="utf-8"))
        self._page("tillganglighet.md", "accessibility.md.j2", (statement, assessment), organisation=self.organisation,
                   contact=self.organisation.contact, contact_lines=contact_lines(self.organisation),
                   problems=known_problems(self.organisation, found["kanda_brister"] or []),
                   method=found["bedomning"]["metod"], assessed=found["bedomning"]["datum"],
                   updated=self.last_changed(statement, assessment), pdf=any(o.startswith("pdf/") for o in self.outputs))
        self.nav += [{"Ordlista": "ordlista.md"}, {"Tillgänglighet": "tillganglighet.md"}]
        self.files["robots.txt"] = self._robots().encode("utf-8")
        self._dates()
        return self.files

    def _robots(self) -> str:
        """robots.txt: the preview keeps every crawler out; the public site names its sitemap."""
        if self.preview:
            return "# Intern förhandsvisning med utkast: ska inte indexeras.\nUser-agent: *\nDisallow: /\n"
        address = escaping.url(self.organisation.site_url or "")
        sitemap = f"Sitemap: {address.rstrip('/')}/sitemap.xml\n" if address else ""
        return f"User-agent: *\nAllow: /\n{sitemap}"

    def config(self, parent: Path) -> str:
        """mkdocs.yml for the generated pages: the root file plus the navigation, the public
        address (sitemap and canonical links only when there is one, never in the preview with
        drafts) and what the footer shows."""
        organisation = self.organisation
        contact = organisation.contact
        address = [line.strip() for line in (contact.postal_address or "").splitlines() if line.strip()]
        footer = {"organisation": organisation.name,
                  "kontakt": {"epost": contact.email or "", "telefon": contact.phone or "",
                              "telefon_lank": "".join(c for c in contact.phone or "" if c.isdigit() or c == "+"),
                              "postadress": address},
                  "farg": organisation.colour or ""}
        footer["forhandsvisning"] = self.preview  # noindex on every page
        data = {"INHERIT": str(parent.resolve()), "site_name": escaping.nav_title(organisation.site_title),
                "site_description": escaping.nav_title(
                    f"Styrdokumenten för {organisation.name} – planer, budget, översyner och ändringar."),
                "docs_dir": "docs", "site_dir": "site",
                "site_url": "" if self.preview else escaping.url(self.organisation.site_url or ""),
                "theme": {"name": "material", "custom_dir": str((SITE / "overrides").resolve())},
                "extra": {"styrdok": footer}, "nav": _escaped_titles(self.nav),
                "not_in_nav": NOT_IN_NAV}
        return "# Gjord av styrdok build; ändra i mkdocs.yml i projektets rot.\n" + yaml.safe_dump(
            data, allow_unicode=True, sort_keys=False)

    # --- pages -------------------------------------------------------------------------------

    def _page(self, path: str, template: str, sources: tuple[Path, ...], **values) -> None:
        self.files[path] = self.env.get_template(f"site/{template}").render(**values).encode("utf-8")
        self.sources[path] = sources

    def _versions(self, path: str, sources: tuple[Path, ...], heading: str, rows: list[dict],
                  introduction: str, archive: str = "", empty: str = "") -> None:
        """A list of versions (plans, reviews, pairs) as a table with a caption, the columns its
        rows have; a sentence instead of an empty table."""
        columns = [(key, name) for key, name in (("title", "Version"), ("period", "Period"), ("standing", "Läge"),
                                                 ("decision", "Beslut")) if any(row.get(key) for row in rows)]
        body = tuple(Row(tuple(page_link(row[key], row["link"]) if key == "title" else row.get(key, "")
                               for key, _ in columns)) for row in rows)
        table = Table(tuple(name for _, name in columns), body, (False,) * len(columns))
        self._page(path, "versions.md.j2", sources, heading=heading, introduction=introduction, archive=archive,
                   table=html_table(table, f"{path.split('/')[0]}-tabell", heading) if rows else "", empty=empty)

    def _static(self) -> None:
        for path, source in output_paths.static_files().items():
            self.files[path] = Path(source).read_bytes()

    def _dates(self) -> None:
        """Front matter with the date each page's sources last changed, shown under the page."""
        days: dict[tuple[Path, ...], dt.date] = {}  # every review page has all files as sources: once
        for path, sources in self.sources.items():
            if sources not in days:
                days[sources] = self.last_changed(*sources)
            day = days[sources]
            meta = {"senast_uppdaterad": formatting.prose_date(day), "senast_uppdaterad_iso": day.isoformat(),
                    # printed as it is by the theme's <meta name="description">: escaped here
                    "description": html.escape(description(self.files[path].decode("utf-8"))),
                    **self.meta.get(path, {})}
            front = "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\n\n"
            self.files[path] = front.encode("utf-8") + self.files[path]

    def _all_plans(self) -> tuple[Path, ...]:
        return (self.content.organisation.path, *(loaded.path for loaded in self.content.plans))

    def _index(self) -> None:
        organisation = self.organisation
        names = [member.name for member in organisation.members]
        members = formatting.enumerate_sv(names)
        current = navigation.current(self.plans, self.standing)
        vision = next(iter(current.blocks_of("vision")), "") if current else ""
        goals = render_nodes(Document("", goal_nodes(current.goals)), 1) if current and current.goals else ""
        groups = [group for groups in current.blocks_of("malgrupper") for group in groups] if current else []
        groups_md = render_nodes(Document("", target_group_nodes(groups)), 1) if groups else ""
        self._page("index.md", "index.md.j2", self._all_plans(), organisation=organisation, members=members,
                   current=current, vision=vision, goals=goals, groups=groups_md, preview=self.preview)
        self.nav.insert(0, {"Start": "index.md"})

    def _chart_files(self, plan: PlanVersion | AnnualReview, document: Document, depth: int) -> dict[str, str]:
        links = {}
        for node in document.nodes:
            if isinstance(node, Chart):
                path = output_paths.chart(plan.id, node.id)
                self.files[path] = charts.render_cached(node, "svg", self.cache)
                links[node.id] = "../" * depth + path
        return links

    def _plans(self) -> None:
        rows = []
        current = navigation.current(self.plans, self.standing)
        if current:  # a search for a word of the plan in force finds that plan first
            self.meta[output_paths.plan_page(current.id)] = {"search": {"boost": SEARCH_BOOST}}
        for loaded in self.content.plans:
            plan = loaded.model
            document = plan_document(plan, self.phrases)
            body = render_nodes(document, 1, self._chart_files(plan, document, 1), context=plan.title)
            self._page(output_paths.plan_page(plan.id), "plan.md.j2", (self.content.organisation.path, loaded.path),
                       version=plan, standing=self.standing[plan.id], phrases=self.phrases,
                       gap=navigation.gap(plan, self.standing[plan.id]),
                       downloads=buttons(plan.id, self.outputs, 1), body=body)
        for plan in navigation.newest_first(self.plans):
            rows.append({"title": plan.title, "link": f"{plan.id}.md", "period": plan.period,
                         "standing": self.standing[plan.id].label(self.phrases),
                         "decision": self.standing[plan.id].decision or self.phrases("status.utkast")})
        self._versions("planer/index.md", self._all_plans(), "Planer", rows,
                       introduction="Varje version av förbundets planer, den som gäller först och sedan de "
                                "som ersatts, den senaste först.",
                       archive=navigation.archive_note(self.plans, self.organisation.founded))
        self.nav += navigation.menu(self.plans, self.standing, self.phrases)

    def _budget(self) -> None:
        sections = []
        for plan in navigation.newest_first(self.plans):
            if not plan.budgets:
                continue
            # Charts numbered as in the plan, whose only figures are its budgets' charts; tables not,
            # as the plan's count its project tables too.
            titles = section_titles(plan)
            nodes = Document("", number_captions([node for budget in plan.budgets for node in budget_nodes(
                budget, self.phrases, plan.status == "antagen", titles[budget.id])], self.phrases, (Chart,)))
            body = render_nodes(nodes, 2, self._chart_files(plan, nodes, 0), ids=plan.id,
                                context=f"Budget i {plan.title}")
            sections.append({"title": plan.title, "link": f"planer/{plan.id}.md", "body": body,
                             "standing": self.standing[plan.id].label(self.phrases)})
        # A citizen looking for the budget is told when none of them is one of a plan in force.
        none_in_force = bool(sections) and not any(self.standing[plan.id].in_force and plan.budgets
                                                   for plan in self.plans)
        current = navigation.current(self.plans, self.standing)
        self._page("budget.md", "budget.md.j2", self._all_plans(), sections=sections, none_in_force=none_in_force,
                   current=current)
        self.nav.append({"Budget": "budget.md"})

    def _projects(self) -> None:
        sections = [{"title": plan.title,
                     "table": html_table(project_table(t, self.phrases, section_titles(plan)[t.id]),
                                         f"{plan.id}-projekt-{index + 1}",
                                         f"Projekt i {plan.title}"),
                     "notes": render_nodes(Document("", project_notes(t, self.phrases, plan.status == "antagen")), 1)}
                    for plan in navigation.newest_first(self.plans) for index, t in enumerate(plan.project_tables)]
        self._page("projekt.md", "projekt.md.j2", self._all_plans(), sections=sections)
        self.nav.append({"Projekt": "projekt.md"})

    def _reviews(self) -> None:
        rows = []
        everything = tuple(loaded.path for loaded in self.content.files())
        for loaded in self.content.reviews:
            review = loaded.model
            plan = self.content.version(review.plan).model
            changes = review_changes(review, self.content, self.phrases)
            document = review_document(review, self.content, changes, self.phrases)
            body = render_nodes(document, 1, self._chart_files(review, document, 1), context=review.title)
            # The decision itself (date and §), as on the cover: "Antagen" alone says nothing a board can cite.
            status = decision(review, self.phrases) or self.phrases(f"status.{review.status}")
            self._page(output_paths.review_page(review.id), "review.md.j2", everything, review=review, plan=plan, body=body,
                       status=status, downloads=buttons(review.id, self.outputs, 1))
            rows.append({"title": review.title, "link": f"{review.id}.md", "period": review.period,
                         "standing": self.phrases(f"status.{review.status}"), "decision": decision(review, self.phrases)})
        self._versions("oversyner/index.md", everything, "Årliga översyner", rows,
                       introduction="Varje år gör styrelsen en översyn av planen med möjlighet att revidera den.",
                       empty="Ingen årlig översyn är publicerad än.")
        self.nav.append({"Årliga översyner": "oversyner/index.md"})  # each review from there: see navigation.menu

    def _changes(self) -> None:
        rows = []
        paths = {loaded.model.id: loaded.path for loaded in self.content.plans}
        for old, new in navigation.newest_first_pairs(consecutive_pairs(self.plans)):
            name, page = f"{old.id}-{new.id}", output_paths.changes_page(old.id, new.id)
            body = as_markdown(build_report(diff_versions(old, new, self.organisation), self.phrases))
            self._page(page, "changes.md.j2",
                       (self.content.organisation.path, paths[old.id], paths[new.id]), body=body, old=old, new=new,
                       downloads=buttons(f"andringar-{name}", self.outputs, 1,
                                         "den nya versionen med spårade ändringar "))
            title = f"{old.title} → {new.title}"
            rows.append({"title": title, "link": f"{name}.md", "period": f"{old.period} → {new.period}"})
        self._versions("andringar/index.md", self._all_plans(), "Ändringar", rows,
                       introduction="Vad som ändrats mellan två versioner som följer på varandra, de senaste först.",
                       empty="Det finns ännu inga två versioner att jämföra.")
        self.nav.append({"Ändringar": "andringar/index.md"})  # each pair from there: see navigation.menu
