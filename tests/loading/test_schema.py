"""The JSON Schema editors use agrees with the loader: valid packs pass it, broken ones fail it."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from assessor.loading.rulepack import rule_files
from tests.conftest import FIXTURES, MINIMAL_PACK, ROOT, SHIPPED_PACK

SCHEMA = json.loads((ROOT / "rules" / "schema.json").read_text("utf-8"))
VALID_FILES = [*rule_files(MINIMAL_PACK), *rule_files(SHIPPED_PACK)]


def _editor_view(path: Path) -> object:
    # An editor's YAML language server reads YAML 1.2 types; safe_load is close enough for these files.
    return yaml.safe_load(path.read_text("utf-8"))


def test_schema_is_a_valid_draft_2020_12_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


@pytest.mark.parametrize("path", VALID_FILES, ids=[p.relative_to(ROOT).as_posix() for p in VALID_FILES])
def test_valid_pack_files_pass_the_schema(path: Path) -> None:
    jsonschema.validate(_editor_view(path), SCHEMA, cls=jsonschema.Draft202012Validator)


@pytest.mark.parametrize(
    "name", ["weight_zero", "unknown_key", "unknown_question_type", "bad_id", "empty_text", "weight_not_a_number"]
)
def test_schema_flags_the_same_mistakes(name: str) -> None:
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(
            _editor_view(FIXTURES / "invalid" / f"{name}.yaml"), SCHEMA, cls=jsonschema.Draft202012Validator
        )
