"""One Jinja2 environment for every output: strict, with Swedish presentation filters."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import jinja2
import yaml

from generators import ROOT, escaping, formatting
from generators.cache import compiled_templates, user_cache

TEMPLATES = ROOT / "templates"


@cache
def environment(root: Path = TEMPLATES) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(root)),
        undefined=jinja2.StrictUndefined,  # a misspelt field fails instead of rendering blank
        keep_trailing_newline=True,
        autoescape=False,
        bytecode_cache=compiled_templates(user_cache().templates),
    )
    env.filters.update(
        amount=formatting.amount, money=formatting.money, prose_date=formatting.prose_date,
        percent=formatting.percent, md=escaping.markdown,
    )
    return env


@cache
def markdown_environment(root: Path = TEMPLATES) -> jinja2.Environment:
    """The environment of the site's Markdown templates: every value a template prints is
    escaped as Markdown text unless it is Markdown already (escaping.Markdown: a rendered
    document, a table, a link styrdok made), so no field can reach a page as markup."""
    return environment(root).overlay(finalize=escaping.markdown)


class Phrases:
    """The standard wording in templates/phrases.yaml: phrases("review.title", year=2022)."""

    def __init__(self, root: Path = TEMPLATES):
        # The phrases are templates by name, so that their compiled code is cached as the files' is.
        self.env = environment(root).overlay(loader=jinja2.FunctionLoader(self.raw))
        # libyaml's loader where PyYAML has it: the pure-Python one takes a build's 50 ms.
        self.data = yaml.load((root / "phrases.yaml").read_text(encoding="utf-8"),
                              Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        self._compiled: dict[str, jinja2.Template | str] = {}

    def raw(self, key: str):
        value = self.data
        for part in key.split("."):
            value = value[part]
        return value

    def __call__(self, key: str, **values) -> str:
        if key not in self._compiled:
            text = self.raw(key)
            plain = isinstance(text, str) and not any(mark in text for mark in ("{{", "{%", "{#"))
            self._compiled[key] = text if plain else self.env.get_template(key)  # plain text needs no Jinja
        compiled = self._compiled[key]
        return (compiled if isinstance(compiled, str) else compiled.render(**values)).strip()


@cache
def phrases() -> Phrases:
    return Phrases()
