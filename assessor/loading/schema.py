"""The JSON Schema of rule pack files, generated from the same pydantic model the loader validates with."""

from __future__ import annotations

from typing import Any

from assessor.loading.model import RulePackFile


def rulepack_json_schema() -> dict[str, Any]:
    """The schema an editor uses to autocomplete and flag mistakes in rule pack YAML."""
    schema = RulePackFile.model_json_schema(mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return schema
