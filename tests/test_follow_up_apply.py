"""Figures put into a review file (generated sets of figures): the review then says exactly those
figures, every line that held no changed figure is byte for byte as it was, and putting the same
figures in again changes nothing."""

from __future__ import annotations

import shutil

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from generators.authoring.follow_up.applying import apply_figures, current_values
from generators.authoring.follow_up.layout import layout
from generators.authoring.review_start import review_text, sources
from generators.content.loading import MODELS, load_content
from generators.content.reading import read_yaml
from tests.conftest import CONTENT
from tests.test_follow_up import EFFORTS


@pytest.fixture(scope="module")
def setting(tmp_path_factory):
    root = tmp_path_factory.mktemp("apply") / "content"
    shutil.copytree(CONTENT, root)
    review = root / "reviews" / "arlig-oversyn-2022.yaml"
    review.write_text(review.read_text(encoding="utf-8").replace("insatser: []\n", EFFORTS), encoding="utf-8")
    content = load_content(root)
    text = review_text(sources(content, 2023), "arlig-oversyn-2023")
    keys = sorted(current_values(layout(_model(text), content)))
    return content, text, keys


def _model(text: str):
    return MODELS["review"].model_validate(read_yaml(text.encode("utf-8")).data)


def _value(key: str):
    if key.endswith(".matt"):
        return st.text(st.characters(codec="utf-8", categories=("L", "N", "P", "Zs")), min_size=1, max_size=30
                       ).map(str.strip).filter(bool)
    return st.integers(0, 10**7)


@settings(max_examples=40, deadline=None)
@given(data=st.data())
def it_writes_exactly_the_figures_and_nothing_else(setting, data):
    content, text, keys = setting
    chosen = data.draw(st.lists(st.sampled_from(keys), unique=True, max_size=len(keys)))
    figures = {key: data.draw(_value(key)) for key in chosen}
    shape = layout(_model(text), content)
    applied = apply_figures(text, shape, figures, "mall.xlsx")
    after = _model(applied.text)
    assert {k: v for k, v in current_values(layout(after, content)).items() if v is not None} == figures
    lines, new = text.splitlines(), applied.text.splitlines()
    if figures:
        new = new[:new.index("inlast:") - 1]
    assert len(lines) == len(new)
    for old, line in zip(lines, new):
        assert line == old or line.startswith(old.split("#")[0].rstrip() + " "), (old, line)
    again = apply_figures(applied.text, layout(after, content), figures, "mall.xlsx")
    assert again.text == applied.text and not again.written
    assert yaml.safe_load(applied.text)["id"] == "arlig-oversyn-2023"
