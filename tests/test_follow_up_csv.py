"""The national follow-up's CSV, as Swedish Excel writes it, into the review's efforts."""

from __future__ import annotations

import pytest
import yaml

from tests.test_follow_up import EFFORTS

HEADER = "År;Insats;Kvinnor;Män;Totalt;Påbörjade;Avslutade;Till arbete;Till studier;Till annat stöd"
ROWS = ["2023;Unga vuxna i arbete;18;22;40;30;25;9;4;7", "2023;Vägen in;1 031;17;1 048;20;19;6;2;5",
        ";;;;;;;;;", "2023;steget;12;14;26;11;13;3;1;4"]


@pytest.fixture
def review_2023(styrdok, bundled):
    review = bundled / "reviews" / "arlig-oversyn-2022.yaml"
    review.write_text(review.read_text(encoding="utf-8").replace("insatser: []\n", EFFORTS), encoding="utf-8")
    assert styrdok("new-review", "2023", "--content", bundled).code == 0
    return bundled


def _efforts(content):
    data = yaml.safe_load((content / "reviews" / "arlig-oversyn-2023.yaml").read_text(encoding="utf-8"))
    return {e["id"]: e for e in data["insatser"]}


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-8", "cp1252"])
def it_reads_semicolons_in_any_of_the_usual_encodings(styrdok, review_2023, tmp_path, encoding):
    path = tmp_path / "finsam.csv"
    path.write_bytes("\r\n".join([HEADER, *ROWS]).encode(encoding))
    run = styrdok("follow-up", "read", path, "--content", review_2023)
    assert run.code == 0, run.err
    efforts = _efforts(review_2023)
    assert (efforts["vagen-in"]["kvinnor"], efforts["vagen-in"]["man"]) == (1031, 17)
    assert efforts["steget"]["till_annat_stod"] == 4  # matched by its id, in another case
    assert efforts["unga-vuxna"]["paborjade"] == 30
    before = (review_2023 / "reviews" / "arlig-oversyn-2023.yaml").read_bytes()
    assert "inget ändrades" in styrdok("follow-up", "read", path, "--content", review_2023).out
    assert (review_2023 / "reviews" / "arlig-oversyn-2023.yaml").read_bytes() == before


def it_asks_about_a_name_that_matches_no_effort(styrdok, review_2023, tmp_path):
    path = tmp_path / "finsam.csv"
    path.write_bytes("\n".join([HEADER, "2023;Unga vuxna i arbetet;18;22;40;;;;;",
                                "2023;Vägen in;ca 30;17;;;;;;", "2023;Steget;12;14;27;;;;;"]).encode("utf-8-sig"))
    before = (review_2023 / "reviews" / "arlig-oversyn-2023.yaml").read_bytes()
    run = styrdok("follow-up", "read", path, "--content", review_2023)
    assert run.code == 1
    assert ("rad 2: insatsen 'Unga vuxna i arbetet' finns inte bland översynens insatser; närmast: Unga vuxna i "
            "arbete.") in run.err
    assert "rad 3, kolumn Kvinnor: 'ca 30' är inget antal." in run.err
    assert "rad 4: Totalt 27 är inte kvinnor + män (12 + 14)." in run.err
    assert "Inget fördes in" in run.err
    assert (review_2023 / "reviews" / "arlig-oversyn-2023.yaml").read_bytes() == before


def it_names_the_columns_it_needs(styrdok, review_2023, tmp_path):
    path = tmp_path / "fel.csv"
    path.write_text("Namn;Antal\nx;1\n", encoding="utf-8")
    run = styrdok("follow-up", "read", path, "--review", "arlig-oversyn-2023", "--content", review_2023)
    assert run.code == 1 and "rubrikraden saknar insats, kvinnor, män" in run.err
