"""Answers files that JSON accepts but an assessment must not: duplicate keys, huge numbers, NaN, big files."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from assessor.cli import main
from assessor.loading.answersfile import MAX_ANSWERS_BYTES, AnswersFileError, read_answers_file
from tests.conftest import MINIMAL_PACK


def score(tmp_path: Path, text: str) -> Result:
    path = tmp_path / "answers.json"
    path.write_text(text, encoding="utf-8")
    return CliRunner().invoke(main, ["score", str(path), "--rules", str(MINIMAL_PACK)])


def assert_clean_failure(run: Result, *expected: str) -> None:
    """Exit 1 with a message naming what is wrong, never a traceback."""
    assert run.exit_code == 1, run.output
    assert isinstance(run.exception, SystemExit), repr(run.exception)
    for text in expected:
        assert text in run.stderr, run.stderr
    assert "Traceback" not in run.output


def test_a_duplicate_key_is_refused_with_its_line_and_column(tmp_path: Path) -> None:
    text = '{\n  "answers": {\n    "budget": "yes",\n    "budget": "no"\n  }\n}\n'
    assert_clean_failure(score(tmp_path, text), 'answers.json:4:5: the key "budget" appears twice in one object')


def test_a_duplicate_top_level_key_is_refused(tmp_path: Path) -> None:
    text = '{"answers": {"budget": "yes"}, "language": "es", "answers": {}}'
    assert_clean_failure(score(tmp_path, text), 'answers.json:1:50: the key "answers" appears twice')


def test_the_same_key_in_different_objects_is_fine(tmp_path: Path) -> None:
    text = '{"answers": {"budget": "yes", "notes": "x"}, "evidence": {"budget": {"text": "a", "link": ""}}}'
    run = score(tmp_path, text)
    assert run.exit_code == 0, run.stderr


def test_a_1001_digit_number_gets_a_message(tmp_path: Path) -> None:
    text = '{"answers": {"budget": "yes",\n "years": ' + "9" * 1001 + "}}"
    assert_clean_failure(score(tmp_path, text), "answers.json:2:11: a number with 1,001 digits; at most 30")


@pytest.mark.parametrize(
    ("literal", "message"),
    [("NaN", "NaN is not a number JSON allows"), ("-Infinity", "-Infinity is not a number JSON allows")],
)
def test_nan_and_infinity_are_refused(tmp_path: Path, literal: str, message: str) -> None:
    assert_clean_failure(score(tmp_path, '{"answers": {"years": ' + literal + "}}"), message)


# The questionnaire's message for the rule (assessor.presentation.problems), in the file's language.
@pytest.mark.parametrize(
    ("number", "message"),
    [("1e400", "Enter a number between 0 and 20"), ("1e308", "Enter a number between 0 and 20")],
)
def test_numbers_out_of_range_are_named(tmp_path: Path, number: str, message: str) -> None:
    run = score(tmp_path, '{"answers": {"budget": "yes", "years": ' + number + "}}")
    assert_clean_failure(run, "years", message)


def test_a_large_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "answers.json"
    path.write_text('{"answers": {}, "x": "' + "a" * MAX_ANSWERS_BYTES + '"}', encoding="utf-8")
    with pytest.raises(AnswersFileError, match=r"at most 5,242,880"):
        read_answers_file(path)
