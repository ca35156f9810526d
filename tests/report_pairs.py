"""Pairs of plan versions for the report tests: the minimal plan changed one way at a time,
and the report on a pair rendered in every format."""

from __future__ import annotations

import copy
from pathlib import Path

import yaml

from generators.changes.diff import diff_versions
from generators.changes.render import as_json, as_markdown, as_text
from generators.changes.report import Report, build_report
from generators.content.loading import load_content
from generators.content.model import PlanVersion
from generators.templating import phrases
from tests.conftest import CONTENT, FIXTURES

MINIMAL = yaml.safe_load((FIXTURES / "minimal" / "plans" / "plan.yaml").read_text(encoding="utf-8"))
ORGANISATION = load_content(CONTENT).organisation.model


def minimal() -> dict:
    return copy.deepcopy(MINIMAL)


def report(old: dict | PlanVersion, new: dict | PlanVersion) -> Report:
    versions = [v if isinstance(v, PlanVersion) else PlanVersion.model_validate(v) for v in (old, new)]
    return build_report(diff_versions(*versions, ORGANISATION), phrases())


def readable(rendered: str) -> str:
    """Non-breaking spaces (inside amounts) as ordinary ones, to write expectations plainly."""
    return rendered.replace("\u00a0", " ")


def text(old, new) -> str:
    return readable(as_text(report(old, new)))


def changed(change) -> str:
    """The report from the minimal plan to the minimal plan changed by `change`."""
    new = minimal()
    new["id"] = "plan-ny"
    change(new)
    return text(minimal(), new)


def real(old_id: str, new_id: str) -> Report:
    content = load_content(CONTENT)
    return build_report(diff_versions(content.version(old_id).model, content.version(new_id).model,
                                      content.organisation.model), phrases())


def renderings(found: Report) -> dict[str, str]:
    return {"text": as_text(found), "markdown": as_markdown(found), "json": as_json(found)}


def write(content: Path, data: dict) -> None:
    (content / "plans" / f"{data['id']}.yaml").write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False),
                                                         encoding="utf-8")
