"""Table-driven scoring: every case in tests/data/scoring_cases.json, worked out by hand."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

import pytest

from assessor.core.answers import checked_answers
from assessor.core.explain import result_to_dict
from assessor.core.rulebook import MissingAnswerPolicy, RuleBook, ScoringPolicy
from assessor.core.scoring import score

CASES = json.loads((Path(__file__).resolve().parent.parent / "data" / "scoring_cases.json").read_text("utf-8"))["cases"]


def _with_policy(book: RuleBook, policy: dict[str, str] | None) -> RuleBook:
    if not policy:
        return book
    scoring = ScoringPolicy(
        dont_know=MissingAnswerPolicy(policy.get("dont_know", "exclude")),
        unanswered=MissingAnswerPolicy(policy.get("unanswered", "exclude")),
    )
    return dataclasses.replace(book, scoring=scoring)


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_scoring_case(case: dict[str, Any], minimal_book: RuleBook) -> None:
    book = _with_policy(minimal_book, case.get("policy"))
    result = result_to_dict(book, score(book, checked_answers(book, case["answers"], case.get("evidence"))))
    expect = case["expect"]
    for key, value in expect.get("overall", {}).items():
        assert result["overall"][key] == value, f"overall {key}"
    factors = {f["id"]: f for f in result["factors"]}
    for factor_id, wanted in expect.get("factors", {}).items():
        got = factors[factor_id]
        questions = {q["id"]: q for q in got["questions"]}
        for key, value in wanted.items():
            if key == "statuses":
                assert {qid: questions[qid]["status"] for qid in value} == value
            elif key == "points":
                got_points = {qid: [questions[qid]["points"], questions[qid]["max_points"]] for qid in value}
                assert got_points == value
            else:
                assert got[key] == value, f"{factor_id} {key}"
    if "recommendations" in expect:
        assert [r["id"] for r in result["recommendations"]] == [r["id"] for r in expect["recommendations"]]
        for got_rec, wanted_rec in zip(result["recommendations"], expect["recommendations"], strict=True):
            if "reasons" in wanted_rec:
                assert got_rec["reasons"] == wanted_rec["reasons"]
    if "critical_gaps" in expect:
        assert [g["id"] for g in result["critical_gaps"]] == expect["critical_gaps"]
        provisional = [g["id"] for g in result["critical_gaps"] if g["provisional"]]
        assert provisional == expect.get("provisional_gaps", [])


def test_result_carries_the_rule_pack_version_and_hash(minimal_book: RuleBook) -> None:
    result = score(minimal_book, checked_answers(minimal_book, {}))
    assert (result.rules_id, result.rules_version) == ("minimal", "1.0")
    assert len(result.rules_hash) == 64
    assert result.rules_hash == minimal_book.content_hash


def test_hidden_answers_are_ignored(minimal_book: RuleBook) -> None:
    # years is hidden when budget is "no": its answer must not change anything.
    with_years = score(minimal_book, checked_answers(minimal_book, {"budget": "no", "years": 10}))
    without = score(minimal_book, checked_answers(minimal_book, {"budget": "no"}))
    assert with_years == without
