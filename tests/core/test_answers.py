"""Invalid answers are reported by question id, every one of them, never dropped."""

from __future__ import annotations

from typing import Any

import pytest

from assessor.core.answers import InvalidAnswersError, checked_answers, validate_answers
from assessor.core.rulebook import RuleBook


@pytest.mark.parametrize(
    ("answers", "question", "message"),
    [
        ({"nope": "yes"}, "nope", "unknown question id"),
        ({"budget": "maybe"}, "budget", "'maybe' is not an option"),
        ({"budget": 2}, "budget", "expected one option value as text"),
        ({"budget": True}, "budget", "expected one option value as text"),
        ({"owner": "dont_know"}, "owner", '"don\'t know" is not offered'),
        ({"years": "5"}, "years", "expected a number"),
        ({"years": True}, "years", "expected a number"),
        ({"years": 2.5}, "years", "expected a whole number"),
        ({"years": -1}, "years", "below the minimum of 0"),
        ({"years": 21}, "years", "above the maximum of 20"),
        ({"years": float("inf")}, "years", "finite"),
        ({"kinds": "user"}, "kinds", "expected a list of option values"),
        ({"kinds": ["user", "x"]}, "kinds", "not an option: 'x'"),
        ({"kinds": ["none", "user"]}, "kinds", "'none' cannot be chosen together"),
        ({"notes": 5}, "notes", "expected text"),
        ({"notes": "x" * 5001}, "notes", "the limit is 5,000"),
    ],
)
def test_invalid_answer_is_named_by_question(
    minimal_book: RuleBook, answers: dict[str, Any], question: str, message: str
) -> None:
    _answers, problems = validate_answers(minimal_book, answers)
    assert len(problems) == 1
    assert problems[0].question_id == question
    assert message in problems[0].message


@pytest.mark.parametrize(
    ("answers", "code", "params"),
    [
        ({"nope": "yes"}, "unknown_question", {}),
        ({"budget": "maybe"}, "not_an_option", {"values": ["maybe"]}),
        ({"owner": "dont_know"}, "dont_know_not_offered", {}),
        ({"years": "5"}, "wrong_type", {"expected": "number"}),
        ({"years": 2.5}, "not_whole", {"value": 2.5}),
        ({"years": 21}, "out_of_range", {"min": 0, "max": 20}),
        ({"years": float("inf")}, "out_of_range", {"min": 0, "max": 20}),
        ({"kinds": ["user", "x"]}, "not_an_option", {"values": ["x"]}),
        ({"kinds": ["none", "user"]}, "exclusive_option", {"option": "none"}),
        ({"notes": "x" * 5001}, "too_long", {"length": 5001, "limit": 5000}),
    ],
)
def test_a_problem_names_its_rule_with_a_code_and_parameters(
    minimal_book: RuleBook, answers: dict[str, Any], code: str, params: dict[str, Any]
) -> None:
    _answers, problems = validate_answers(minimal_book, answers)
    assert [(p.code, dict(p.params)) for p in problems] == [(code, params)]


def test_every_problem_is_reported_and_valid_answers_kept(minimal_book: RuleBook) -> None:
    answers, problems = validate_answers(
        minimal_book, {"budget": "yes", "years": 99, "kinds": ["bad"], "owner": "government"}
    )
    assert sorted(p.question_id for p in problems) == ["kinds", "years"]
    assert answers.values == {"budget": "yes", "owner": "government"}


def test_checked_answers_raises_with_all_problems(minimal_book: RuleBook) -> None:
    with pytest.raises(InvalidAnswersError) as caught:
        checked_answers(minimal_book, {"budget": "maybe", "zzz": 1})
    assert {p.question_id for p in caught.value.problems} == {"budget", "zzz"}


@pytest.mark.parametrize(
    ("evidence", "message"),
    [
        ({"budget": 5}, "evidence must be text"),
        ({"budget": {"text": "x", "url": "y"}}, "unknown keys"),
        ({"budget": {"text": "x", "link": "file:///etc/passwd"}}, "must start with https://"),
        ({"budget": "x" * 5001}, "the limit is 5,000"),
        ({"ghost": "x"}, "unknown question id"),
    ],
)
def test_invalid_evidence_is_named_by_question(minimal_book: RuleBook, evidence: dict[str, Any], message: str) -> None:
    _answers, problems = validate_answers(minimal_book, {}, evidence)
    assert len(problems) == 1
    assert message in problems[0].message


def test_multiple_choice_is_normalised_to_pack_order(minimal_book: RuleBook) -> None:
    answers = checked_answers(minimal_book, {"kinds": ["api", "user", "api"]})
    assert answers.values["kinds"] == ("user", "api")


def test_null_means_unanswered(minimal_book: RuleBook) -> None:
    answers = checked_answers(minimal_book, {"budget": None})
    assert "budget" not in answers.values
