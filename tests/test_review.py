"""The annual review with follow-up figures entered: the README's example, shown against plan."""

from __future__ import annotations

from pathlib import Path


from generators.content.loading import load_content
from generators.templating import phrases
from generators.word.output import review_docx
from generators.word.reading import tables, text
from tests.conftest import FIXTURES, ROOT

NBSP = "\u00a0"
EXAMPLE = FIXTURES / "uppfoljning-exempel.yaml"


def _with_example(bundled: Path) -> None:
    """The README's example entered into (a copy of) the bundled review."""
    review = bundled / "reviews" / "arlig-oversyn-2022.yaml"
    text = review.read_text(encoding="utf-8")
    for key in ("maluppfoljning: []\n", "insatser: []\n"):
        text = text.replace(key, "")
    start = text.index("budgetuppfoljning:")
    end = text.index("medlemsuppfoljningar:")
    review.write_text(text[:start] + text[end:] + EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")


def it_shows_the_readme_example_word_for_word():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    body = "".join(line for line in EXAMPLE.read_text(encoding="utf-8").splitlines(keepends=True)
                   if not line.startswith("#"))
    assert body in readme


def it_never_puts_the_example_in_the_bundled_content():
    for path in (ROOT / "content").rglob("*.yaml"):
        assert "Unga vuxna i arbete" not in path.read_text(encoding="utf-8"), path


def it_checks_the_example_clean(styrdok, bundled):
    _with_example(bundled)
    run = styrdok("check", "--content", bundled)
    assert run.code == 0, run.out
    assert run.out.splitlines()[-1] == "0 fel, 0 varningar, 9 kvitterade"


def it_shows_women_and_men_per_goal_and_effort_against_plan(bundled, tmp_path):
    _with_example(bundled)
    content = load_content(bundled)
    path = tmp_path / "oversyn.docx"
    path.write_bytes(review_docx(content.version("arlig-oversyn-2022").model, content, phrases()))
    found = tables(path)
    goals = next(t for t in found if t[0][0] == "Mål")
    assert goals[0] == ["Mål", "Mått", "Kvinnor", "Män", "Totalt", "Planerat", "Skillnad mot plan"]
    assert goals[1][2:] == ["41", "37", "78", "90", "\u221212"]
    assert goals[2][0].startswith("Delmål: att kvinnor och män ska erbjudas") and goals[2][2:] == [
        "120", "115", "235", "220", "+15"]
    efforts = next(t for t in found if t[0][0] == "Insats")
    assert efforts[1] == ["Unga vuxna i arbete", "fortsätta", "18", "22", "40", "45", "\u22125"]
    budget = next(t for t in found if t[0][0] == "Post")
    assert budget[0] == ["Post", "Budget", "Utfall", "Skillnad mot budget", "Skillnad i procent"]
    assert ["Kansli", f"3{NBSP}000", f"2{NBSP}850", "\u2212150", f"\u22125,0{NBSP}%"] in budget
    assert ["Beviljade insatser", f"6{NBSP}000", f"6{NBSP}400", "+400", f"+6,7{NBSP}%"] in budget
    assert ["Regionen", f"4{NBSP}000", "–", "–", "–"] in budget
    # Totals are the rows added up; with rows still missing their outcome, no outcome total is invented.
    assert ["Summa kostnader", f"18{NBSP}050", "–", "–", "–"] in budget
    assert ["Resultat (intäkter \u2212 kostnader)", "450", "–", "–", "–"] in budget
    printed = text(path)
    # The goals without figures are named, one whole sentence each; no grid of empty cells.
    assert ("Uppföljningsdata för 2022 har inte förts in för delmålet ”att förbundets verksamheter, visioner och "
            "mål ska vara väl kända för samtliga som arbetar med individer i behov av samordnade "
            "arbetslivsinriktade insatser hos respektive medlem inom förbundets upptagningsområde”.") in printed
    assert "Unga vuxna i arbete: Insatsen når sin målgrupp och fortsätter 2023." in printed
    assert "Utfallet för 2022 har inte förts in för Regionen, Kommunerna" in printed
    assert "uppgift saknas" not in printed
