"""One invalid fixture per kind of rule pack error: each fails with its file, line, column, key and message."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from assessor.cli import main
from tests.conftest import FIXTURES, ROOT

INVALID = sorted((FIXTURES / "invalid").glob("*.yaml"))


def _expected(path: Path) -> str:
    for line in path.read_text(encoding="utf-8").splitlines()[:3]:
        if line.startswith("# expect: "):
            return line.removeprefix("# expect: ")
    raise AssertionError(f"{path} has no '# expect:' line")


def test_there_is_a_fixture_for_every_kind_of_error() -> None:
    names = {p.stem for p in INVALID}
    required = {
        "unknown_question_in_condition",
        "unknown_factor_in_condition",
        "unknown_option_value",
        "duplicate_question_id",
        "duplicate_factor_id",
        "duplicate_recommendation_id",
        "level_thresholds_out_of_order",
        "weight_zero",
        "missing_text",
        "show_if_cycle",
        "duplicate_yaml_key",
        "yaml_anchor_alias",
        "python_tag",
        "assignment_typo",
        # The checks a policy analyst relies on (issue 12): conditions that cannot fire or always fire,
        # options in lists, weights, bands, non-finite numbers, regexes, layout in plain words.
        "never_fires_contradiction",
        "never_fires_number_range",
        "never_fires_score_above_100",
        "fires_only_on_hidden_question",
        "always_fires",
        "gap_never_applies",
        "option_in_list_typo",
        "weights_not_100",
        "band_above_max",
        "non_finite_number",
        "regex_condition",
        "yaml_indented_more",
        "yaml_list_item_where_key_expected",
        "show_if_never_true",
        # Issue 14: a question worded for a named system, "not applicable", first-step ranks.
        "named_text_without_placeholder",
        "named_text_other_braces",
        "not_applicable_option_reserved",
        "example_not_applicable_not_offered",
        "first_step_tie",
    }
    assert required <= names


@pytest.mark.parametrize("path", INVALID, ids=[p.stem for p in INVALID])
def test_invalid_fixture_fails_with_position_and_message(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    relative = path.relative_to(ROOT).as_posix()
    run = CliRunner().invoke(main, ["rules", "check", "--strict", relative])
    assert run.exit_code == 1
    assert run.exception is None or isinstance(run.exception, SystemExit)
    located = re.compile(re.escape(relative) + r":\d+:\d+: ")
    problem_lines = [line for line in run.stderr.splitlines() if located.match(line)]
    assert f"{relative}:{_expected(path)}" in problem_lines
    # One defect, one message: nothing cascades from it.
    assert len(problem_lines) == 1, problem_lines
