"""JSON Schema of the content files, for editors (VS Code's YAML extension) to check as you type."""

from __future__ import annotations

import json
from pathlib import Path

from generators.content.model import (
    AnnualReview,
    MemberFollowUp,
    Organisation,
    PlanVersion,
)
from generators.writing import write_text

SCHEMAS = {
    "plan.schema.json": PlanVersion,
    "review.schema.json": AnnualReview,
    "member-follow-up.schema.json": MemberFollowUp,
    "organisation.schema.json": Organisation,
}


def schema_text(model) -> str:
    schema = model.model_json_schema(by_alias=True, mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


def write_schemas(out: Path) -> list[Path]:
    paths = []
    for name, model in SCHEMAS.items():
        path = Path(out) / name
        write_text(path, schema_text(model))
        paths.append(path)
    return paths
