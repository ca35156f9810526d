"""Consistency rules over the loaded content: `styrdok check`.

Each rule has an id, a Swedish description and yields findings (the budget rules are in
budget_checks.py, acknowledging in acknowledgements.py). Which findings are errors
and which warnings is decided in severity.py; the integrity rules (ids,
references) are in integrity.py.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from typing import Callable, Iterator

from generators.colour import contrast_problem
from generators.content import financing
from generators.content.acknowledgements import acknowledge
from generators.content.budget_checks import (budget_result, budget_sums, budget_years, funding_shares,
                                              project_costs_in_budget, project_sums, project_tables)
from generators.content.findings import Finding
from generators.content.integrity import output_names, references, showable_characters, unique_ids, version_chain
from generators.content.loading import Content, Loaded
from generators.content.period_text import period_in_text
from generators.content.prose_amounts import budget_in_text
from generators.content.review_checks import outcome_scale, review_year
from generators.content.severity import report as _report
from generators.formatting import year_span

RULES: dict[str, str] = {
    "budget-summa": "Budgetradernas summa stämmer med den angivna summan, per år.",
    "budget-delsumma": "En delsumma stämmer med raderna ovanför den.",
    "budget-resultat": "Resultatet är intäkter minus kostnader, per år.",
    "budget-i-text": "Ett belopp som texten anger som ett års kostnader eller intäkter stämmer med "
                     "budgettabellens summa det året, så noga som texten anger det.",
    "period-i-text": "Ett utkasts löpande text nämner inte förra periodens år som om de gällde nu.",
    "budget-ar": "Varje budgetrad har ett belopp för varje år i tabellen, och inga andra.",
    "finansieringsandel": "Medlemmarnas bidrag följer fördelningen i organisation.yaml, per år.",
    "projekt-summa": "Projekttabellens kostnader stämmer med dess summarad.",
    "projekt-i-budget": "En budgetrad som avser projekten stämmer med projekttabellens årskostnad.",
    "datum": "Ett datum finns i kalendern.",
    "projekt-ordning": "Ett projekt börjar innan det slutar.",
    "period": "En version börjar inte efter att den slutar, och år som titeln nämner är periodens första och "
              "sista år (en varning när titeln bara nämner det första).",
    "beslutsdatum": "En version antas före eller under sin period, och inte före beslutet om versionen den ersätter.",
    "fordelning-summa": "Fördelningen av insatser summerar till 100 %.",
    "rubriknumrering": "Rubriknumren följer varandra i ordning.",
    "nyckeltal": "Ett nyckeltal står med samma värde i texten.",
    "terminologi": "En term i ordlistan stavas som i ordlistan.",
    "tidigare-namn": "Ett tidigare namn används bara i versioner från den tid namnet gällde.",
    "unika-id": "Ett id förekommer bara en gång där det ska vara unikt.",
    "referens": "En hänvisning till ett id pekar på något som finns.",
    "tecken": "Varje tecken i innehållet kan visas i PDF-filen, ensamt och med de kombinerande tecknen efter det, "
              "och en budgetrads text i diagrammet.",
    "versionskedja": "Ingen version ersätter sig själv eller en efterföljare, en plan ersätter en plan, en "
                     "översyns föregående version är en plan, och två planer av samma slag för samma period "
                     "anger vilken som ersätter vilken.",
    "filnamn": "Två utdata (Word-filer, sidor, diagram, nedladdningar) får aldrig samma fil.",
    "kvittering": "En kvittering i innehållet motsvarar ett fynd.",
    "oversyn-ar": "En årlig översyn följer upp sitt år: budgetuppföljningen avser det året och planen gäller det.",
    "utfall-skala": "Ett utfall i den årliga översynen står i budgetens enhet (inte kronor i en tabell i tkr).",
    "kommentar": "En kommentar från Word (kommentarer i ett importerat utkast) är besvarad och borttagen.",
    "kontaktuppgifter": "organisation.yaml har e-post eller telefon, så att tillgänglighetsredogörelsen "
                        "kan publiceras (den ska säga hur man rapporterar brister).",
    "farg": "Förbundets färg (farg i organisation.yaml) har minst 4,5:1 i kontrast mot vitt.",
    **financing.RULES,
}
Rule = Callable[[Content], Iterator[Finding]]


ISO_DATE = re.compile(r"\b([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})\b")
MONTHS = ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti",
          "september", "oktober", "november", "december"]


def date_problem(text: str) -> str | None:
    match = ISO_DATE.search(text)
    if not match:
        return None
    year, month, day = map(int, match.groups())
    if year < 1:
        return f"{match.group(0)} finns inte: år 0 finns inte"
    if not 1 <= month <= 12:
        return f"{match.group(0)} finns inte: månad {month} finns inte"
    last = calendar.monthrange(year, month)[1]
    if not 1 <= day <= last:
        return f"{match.group(0)} finns inte: {MONTHS[month - 1]} {year} har {last} dagar"
    return None


def _parse_date(text: str | None) -> dt.date | None:
    if not text or date_problem(text):
        return None
    match = ISO_DATE.search(text)
    return dt.date(*map(int, match.groups())) if match else None


def project_dates(content: Content) -> Iterator[Finding]:
    for loaded, path, table in project_tables(content):
        for index, project in enumerate(table.projects):
            here = path + ("projekt", index)
            for key, value in (("start", project.start), ("slut", project.end)):
                problem = date_problem(value or "")
                if problem:
                    yield _report(loaded, "datum", here + (key,), f"{project.name}: {problem}")
            start, end = _parse_date(project.start), _parse_date(project.end)
            if start and end and start >= end:
                yield _report(loaded, "projekt-ordning", here + ("slut",),
                              f"{project.name} slutar {end.isoformat()}, före eller samma dag som det börjar "
                              f"({start.isoformat()})")


TITLE_YEAR = re.compile(r"(?<![0-9])(?:19|20)[0-9]{2}(?![0-9])")


def version_periods(content: Content) -> Iterator[Finding]:
    for loaded in content.versions:
        version = loaded.model
        if version.start_year > version.end_year:
            yield _report(loaded, "period", ("slutar",),
                          f"versionen slutar {version.end_year}, före att den börjar ({version.start_year})")
            continue
        years = [int(year) for year in TITLE_YEAR.findall(version.title)]
        if not years:
            continue
        field = "startar" if years[0] != version.start_year else "slutar" if years[-1] != version.end_year else None
        if field is None:
            continue
        message = (f"titeln ”{version.title}” anger {year_span(years[0], years[-1])} men perioden är "
                   f"{year_span(version.start_year, version.end_year)}: rätta {field} eller titeln")
        if len(set(years)) == 1 and field == "slutar":  # a title may name only the first year of a plan
            yield loaded.finding("period", "varning", message, (field,))
        else:
            yield _report(loaded, "period", (field,), message)



def decision_dates(content: Content) -> Iterator[Finding]:
    from generators.validity import chain_problems

    loaded = {v.model.id: v for v in content.versions}
    for version, message in chain_problems([v.model for v in content.versions]):
        yield _report(loaded[version.id], "beslutsdatum", ("antagen", "datum"), message)


def distribution_sums(content: Content) -> Iterator[Finding]:
    for loaded in content.plans:
        for path, block in loaded.model.walk_blocks():
            if block.kind == "fordelning":
                total = sum(share.percent for share in block.distribution)
                if total != 100:
                    yield _report(loaded, "fordelning-summa", path + ("fordelning",),
                                  f"andelarna summerar till {total} %, inte 100 %")


def heading_numbers(content: Content) -> Iterator[Finding]:
    for loaded in content.plans:
        yield from _numbering(loaded, loaded.model.sections, ("avsnitt",), "")


def _numbering(loaded: Loaded, sections, path: tuple, parent: str) -> Iterator[Finding]:
    count = 0
    for index, section in enumerate(sections):
        number = parent
        if section.number:
            count += 1
            expected = f"{parent}.{count}" if parent else str(count)
            printed = section.number.rstrip(".")
            if printed != expected:
                yield _report(loaded, "rubriknumrering", path + (index, "nummer"),
                              f"rubriken {section.heading!r} har nummer {section.number} men ligger på plats {expected}")
            number = printed
        yield from _numbering(loaded, section.sections, path + (index, "avsnitt"), number)


def key_figures(content: Content) -> Iterator[Finding]:
    for loaded in content.follow_ups:
        text = " ".join(text for _, text in _strings(loaded.document.data.get("avsnitt", [])))
        for index, figure in enumerate(loaded.model.key_figures):
            if not re.search(rf"(?<![\d,]){re.escape(figure.value)}\s+{figure.unit}\b", text):
                yield _report(loaded, "nyckeltal", ("nyckeltal", index, "varde"),
                              f"'{figure.value} {figure.unit}' står inte i texten")


# Keys whose values are not prose: ids, references, codes and source notes.
NOT_PROSE = {"id", "slag", "status", "medlem", "plan", "ersatter", "finansiar", "enhet", "kallor",
             "kvitteringar", "foregaende_version", "medlemsuppfoljningar", "avser_projekt", "mal",
             "stil", "diarienummer", "kommentarer"}


def _strings(data, path: tuple = ()) -> Iterator[tuple[tuple, str]]:
    """(path, string) for every prose string in raw YAML data."""
    if isinstance(data, dict):
        for key, value in data.items():
            if key not in NOT_PROSE or isinstance(value, list) and key == "mal":
                yield from _strings(value, path + (key,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _strings(value, path + (index,))
    elif isinstance(data, str):
        yield path, data


def _prose(loaded: Loaded) -> Iterator[tuple[tuple, str]]:
    return _strings(loaded.document.data)


def _word(term: str) -> re.Pattern:
    return re.compile(rf"(?<![\w]){re.escape(term)}(?![\w])", re.IGNORECASE)


def terminology(content: Content) -> Iterator[Finding]:
    terms = [(term, {term.term, *term.variants}, _word(term.term)) for term in content.organisation.model.glossary]
    for loaded in [*content.versions, *content.follow_ups]:
        for path, text in _prose(loaded):
            for term, accepted, pattern in terms:
                for match in pattern.finditer(text):
                    found = match.group(0)
                    # An all-lowercase spelling is an ordinary word (län), not the abbreviation.
                    if found not in accepted and found != found.lower():
                        yield _report(loaded, "terminologi", path,
                                      f"{found!r} ska stavas {term.term!r} som i ordlistan")


def former_names(content: Content) -> Iterator[Finding]:
    organisation = content.organisation.model
    for loaded in content.versions:
        for member in organisation.members:
            for former in member.former_names:
                if loaded.model.start_year <= former.until_year:
                    continue
                names = [former.name] + ([former.abbreviation] if former.abbreviation else [])
                patterns = [(name, re.compile(rf"(?<![\w]){re.escape(name)}(?![\w])")) for name in names]
                for path, text in _prose(loaded):
                    for name, pattern in patterns:
                        if pattern.search(text):
                            yield _report(loaded, "tidigare-namn", path,
                                          f"{name!r} är ett namn som gällde till och med {former.until_year}; "
                                          f"versionen gäller från {loaded.model.start_year}: skriv {member.name!r}")


def contact_details(content: Content) -> Iterator[Finding]:
    loaded = content.organisation
    if not loaded.model.contact.reachable:
        yield _report(loaded, "kontaktuppgifter", ("kontakt",),
                      "kontaktuppgifter saknas (kontakt.epost eller kontakt.telefon): "
                      "tillgänglighetsredogörelsen kan inte publiceras utan ett sätt att rapportera brister")


def accent_colour(content: Content) -> Iterator[Finding]:
    colour = content.organisation.model.colour
    problem = contrast_problem(colour) if colour else None
    if problem:
        yield _report(content.organisation, "farg", ("farg",), problem)


def open_comments(content: Content) -> Iterator[Finding]:
    """Nothing a board member wrote in the margin is dropped: it stays an error until removed."""
    for loaded in content.versions:
        for index, comment in enumerate(loaded.model.comments):
            who = f" av {comment.author}" if comment.author else ""
            where = f" i {comment.place}" if comment.place else ""
            about = f" (om ”{comment.quote}”)" if comment.quote else ""
            yield _report(loaded, "kommentar", ("kommentarer", index),
                          f"kommentar{who}{where}{about}: ”{comment.text}”; ta bort den när den är besvarad")


ALL_RULES: list[Rule] = [
    unique_ids, output_names, references, version_chain, showable_characters,
    budget_years, budget_sums, budget_result, budget_in_text, period_in_text, funding_shares, project_sums,
    project_costs_in_budget, project_dates, version_periods, decision_dates, distribution_sums, heading_numbers,
    key_figures, terminology, former_names, contact_details, outcome_scale, review_year, financing.law_shares,
    financing.member_keys, financing.member_rows, financing.budget_decision,
    lambda content: financing.to_write(content, _prose), accent_colour, open_comments,
]


def check_content(content: Content) -> list[Finding]:
    """Every finding of every rule, acknowledged ones marked as such, in file order."""
    findings = [finding for rule in ALL_RULES for finding in rule(content)]
    findings = acknowledge(content, findings)
    return sorted(findings, key=lambda f: (f.file, f.line, f.column, f.rule))
