"""Sub-goals under a bullet goal read as a level in, not as more goals: in Word, in the PDF and on
the site. (Under a goal written as a paragraph they follow its "Delmål:" as a list of their own.)"""

from __future__ import annotations

import re
import subprocess
import zipfile

import pytest

from tests.conftest import edit_yaml
from tests.machine import needs

SUB_GOAL = "att deltagarna får bättre hälsa."


@pytest.fixture
def built(styrdok, minimal, tmp_path):
    def bullet_goal(data):
        goal = data["avsnitt"][1]["innehall"][0]["mal"][0]
        goal["stil"] = "punkt"
        goal.pop("delmal_rubrik")
        goal["delmal"].append({"id": "studier", "text": "att fler börjar studera."})
    edit_yaml(minimal / "plans" / "plan.yaml", bullet_goal)
    run = styrdok("build", "--content", minimal, "--out", tmp_path / "out", "--utkast")
    assert run.code == 0, run.out + run.err
    return tmp_path / "out"


def it_sets_the_sub_goals_a_level_in_in_word(built):
    with zipfile.ZipFile(built / "word" / "plan-2030.docx") as word:
        body = word.read("word/document.xml").decode("utf-8")
    paragraphs = re.findall(r"<w:p[ >].*?</w:p>", body)
    level = {text: re.search(r'<w:ilvl w:val="(\d)"', p).group(1) for p in paragraphs
             for text in ("Deltagande ska leda till arbete.", SUB_GOAL, "att fler börjar studera.") if text in p}
    assert level == {"Deltagande ska leda till arbete.": "0", SUB_GOAL: "1", "att fler börjar studera.": "1"}


@needs("pdftotext")
def it_sets_the_sub_goals_a_level_in_in_the_pdf(built):
    """Where poppler finds the markers: each sub-goal's dash, on the line of its text, well right
    of the goal's bullet."""
    words = subprocess.run(["pdftotext", "-bbox", str(built / "pdf" / "plan-2030.pdf"), "-"], capture_output=True,
                           text=True, check=True).stdout
    found = [(float(x), float(y), word) for x, y, word in
             re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>([^<]*)</word>', words)]
    line_of = lambda first: next(y for _, y, word in found if word == first)  # noqa: E731
    marker = lambda y: next(x for x, line, word in found if line == y and word in "•–")  # noqa: E731
    bullet = marker(line_of("Deltagande"))
    dashes = [marker(y) for y in sorted({y for _, y, word in found if word == "att"})]
    assert len(dashes) == 2 and all(dash > bullet + 20 for dash in dashes), (bullet, dashes)


def it_nests_the_sub_goals_in_the_goal_on_the_site(built):
    page = (built / "site" / "planer" / "plan-2030" / "index.html").read_text(encoding="utf-8")
    goal = re.search(r"<li>\s*(?:<p>)?Deltagande ska leda till arbete\..*?</li>\s*</ul>\s*</li>", page, re.S)
    assert goal and SUB_GOAL in goal.group(0) and "<ul>" in goal.group(0)
