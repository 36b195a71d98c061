"""The command line: rules check/show/test/schema and score, with clean errors and exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from assessor.cli import main
from tests.conftest import FIXTURES, MINIMAL_PACK, ROOT

GOOD_ANSWERS = {
    "organisation": "Ministerio de Hacienda",
    "language": "es",
    "answers": {"budget": "partial", "years": 2, "kinds": ["user"], "owner": "government"},
    "evidence": {"budget": "Contrato de mantenimiento 2025-2026"},
}


def invoke(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def test_rules_check_valid_pack_prints_one_line_summary() -> None:
    run = invoke("rules", "check", str(MINIMAL_PACK))
    assert run.exit_code == 0
    lines = run.stdout.strip().splitlines()
    assert len(lines) == 1
    assert "valid: minimal 1.0" in lines[0]
    assert "2 factors, 5 questions" in lines[0]


def test_rules_check_reports_all_problems_at_once(tmp_path: Path) -> None:
    broken = (MINIMAL_PACK / "pack.yaml").read_text("utf-8")
    broken = broken.replace("weight: 66.67", "weight: -1").replace(
        'condition: budget == "no"\n', 'condition: budjet == "no"\n'
    )
    target = tmp_path / "broken.yaml"
    target.write_text(broken, "utf-8")
    run = invoke("rules", "check", str(target))
    assert run.exit_code == 1
    problems = [line for line in run.stderr.splitlines() if line.startswith(f"{target}:") and ": " in line]
    assert any("factors[funding].weight: expected a number greater than 0" in p for p in problems)
    assert "Traceback" not in run.output


def test_rules_check_on_a_missing_path_is_a_clean_error() -> None:
    run = invoke("rules", "check", "no/such/place")
    assert run.exit_code == 1
    assert "no/such/place:1:1: no such file or folder" in run.stderr


def test_rules_check_strict_fails_on_missing_translation() -> None:
    fixture = FIXTURES / "invalid" / "missing_translation_strict.yaml"
    assert invoke("rules", "check", str(fixture)).exit_code == 0
    assert invoke("rules", "check", "--strict", str(fixture)).exit_code == 1


def test_rules_show_json_has_the_documented_shape() -> None:
    run = invoke("rules", "show", "--json", "--lang", "es", str(MINIMAL_PACK))
    assert run.exit_code == 0
    data = json.loads(run.stdout)
    assert {"id", "version", "languages", "levels", "factors"} <= set(data)
    assert data["levels"][1] == {"id": "mid", "title": "Medio", "min_score": 40.0}
    question = data["factors"][0]["questions"][0]
    assert {"id", "type", "text", "dont_know", "evidence", "options"} <= set(question)
    assert question["text"] == "¿Hay presupuesto?"
    assert question["options"][0] == {"value": "yes", "label": "Sí", "points": 2.0}
    years = data["factors"][0]["questions"][1]
    assert (years["type"], years["min"], years["max"]) == ("number", 0.0, 20.0)


def test_rules_show_human_readable() -> None:
    run = invoke("rules", "show", str(MINIMAL_PACK))
    assert run.exit_code == 0
    assert "budget (yes_partial_no): Is there a budget?" in run.stdout


def test_rules_show_names_not_applicable_and_the_first_steps() -> None:
    shown = invoke("rules", "show", str(ROOT / "rules"))
    assert shown.exit_code == 0
    assert shown.stdout.count("not_applicable: Not applicable") == 5
    assert (
        "First steps: a result leads with 5; ranked: accountability_appoint_owner, funding_secure_om_line,"
        in shown.stdout
    )
    data = json.loads(invoke("rules", "show", "--json", str(ROOT / "rules")).stdout)
    questions = {q["id"]: q for f in data["factors"] for q in f["questions"]}
    assert questions["ecosystem_product_health"]["not_applicable"] is True
    assert questions["funding_om_budget"]["not_applicable"] is False
    assert "{system}" in questions["funding_om_budget"]["named_text"]
    assert data["first_steps"]["count"] == 5


def test_rules_test_passes_and_counts() -> None:
    run = invoke("rules", "test", str(MINIMAL_PACK))
    assert run.exit_code == 0
    assert run.stdout.strip().endswith("2 passed, 0 failed")


def test_rules_test_reports_expected_against_got(tmp_path: Path) -> None:
    text = (MINIMAL_PACK / "pack.yaml").read_text("utf-8").replace("overall_level: high", "overall_level: mid")
    target = tmp_path / "pack.yaml"
    target.write_text(text, "utf-8")
    run = invoke("rules", "test", str(target))
    assert run.exit_code == 1
    assert "FAIL good" in run.stdout
    assert "overall level: expected mid, got high (score 100.0)" in run.stdout
    assert "1 passed, 1 failed" in run.stdout


def test_score_prints_an_explained_result(tmp_path: Path) -> None:
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps(GOOD_ANSWERS), "utf-8")
    run = invoke("score", str(answers), "--rules", str(MINIMAL_PACK))
    assert run.exit_code == 0, run.output
    result = json.loads(run.stdout)
    assert result["language"] == "es"
    assert result["rules"]["id"] == "minimal"
    assert result["overall"] == {
        "score": 58.3,
        "level": "mid",
        "level_title": "Medio",
        "uncapped_level": "mid",
        "confidence": 100.0,
        "provisional": False,
        "range": [58.3, 58.3],
    }
    funding = result["factors"][0]
    assert funding["questions"][0]["points"] == 1.0
    assert funding["questions"][0]["max_points"] == 2.0


def test_score_lang_option_overrides_the_file(tmp_path: Path) -> None:
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps(GOOD_ANSWERS), "utf-8")
    run = invoke("score", str(answers), "--rules", str(MINIMAL_PACK), "--lang", "en")
    assert json.loads(run.stdout)["factors"][0]["title"] == "Funding"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            json.dumps({"answers": {"budget": "maybe", "ghost": 1}}),
            "question 'budget' ('maybe'): Select one of the options",
        ),
        (json.dumps({"answers": {"budget": "maybe", "ghost": 1}}), "question 'ghost': No question has this id"),
        (json.dumps({"answers": []}), 'expected "answers": an object'),
        ("{not json", "invalid JSON"),
        (json.dumps([1, 2]), "expected a JSON object"),
        ("[" * 100_000, "nested too deeply"),
    ],
)
def test_bad_answers_file_names_the_problem(tmp_path: Path, content: str, message: str) -> None:
    answers = tmp_path / "answers.json"
    answers.write_text(content, "utf-8")
    run = invoke("score", str(answers), "--rules", str(MINIMAL_PACK))
    assert run.exit_code == 1
    assert message in run.stderr
    assert "Traceback" not in run.output


def test_score_on_a_missing_file() -> None:
    run = invoke("score", "missing.json", "--rules", str(MINIMAL_PACK))
    assert run.exit_code == 1
    assert "cannot read the file" in run.stderr


def test_schema_file_is_up_to_date() -> None:
    run = invoke("rules", "schema")
    committed = (ROOT / "rules" / "schema.json").read_text("utf-8")
    assert run.stdout == committed, "run: assessor rules schema -o rules/schema.json"


def test_readme_answers_example_is_valid_for_the_shipped_pack(tmp_path: Path) -> None:
    readme = (ROOT / "README.md").read_text("utf-8")
    block = readme.split("An answers file:\n\n```json\n", 1)[1].split("```", 1)[0]
    answers = tmp_path / "answers.json"
    answers.write_text(block, "utf-8")
    run = invoke("score", str(answers))
    assert run.exit_code == 0, run.stderr
    assert json.loads(run.stdout)["language"] == "es"
