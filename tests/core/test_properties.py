"""Properties of scoring that must hold for any answers, on the fixture pack and the shipped one."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assessor.core.answers import checked_answers, normalise_answer
from assessor.core.result import Result
from assessor.core.rulebook import DONT_KNOW, Question, QuestionType, RuleBook
from assessor.core.scoring import question_points, score
from assessor.loading.rulepack import load_rulebook
from tests.conftest import MINIMAL_PACK, SHIPPED_PACK

BOOKS = {"minimal": load_rulebook(MINIMAL_PACK)}
if (SHIPPED_PACK / "pack.yaml").exists():
    BOOKS["shipped"] = load_rulebook(SHIPPED_PACK)
PROPERTY_SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def valid_value(question: Question) -> st.SearchStrategy[Any]:
    """Any valid, non-"don't know" answer to a question."""
    if question.type in (QuestionType.SINGLE, QuestionType.YES_PARTIAL_NO):
        return st.sampled_from([o.value for o in question.options])
    if question.type is QuestionType.MULTIPLE:
        plain = [o.value for o in question.options if not o.exclusive]
        alone = [[o.value] for o in question.options if o.exclusive]
        return st.one_of(st.lists(st.sampled_from(plain), unique=True), *[st.just(a) for a in alone])
    if question.type is QuestionType.NUMBER:
        low = question.min if question.min is not None else -1000.0
        high = question.max if question.max is not None else 1000.0
        if question.integer:
            return st.integers(int(low), int(high))
        return st.floats(low, high, allow_nan=False)
    return st.text(max_size=50)


@st.composite
def answer_sets(draw: st.DrawFn, book: RuleBook) -> dict[str, Any]:
    answers: dict[str, Any] = {}
    for question in book.questions.values():
        choice = draw(st.sampled_from(["absent", "dont_know", "value", "value"]))
        if choice == "value":
            answers[question.id] = draw(valid_value(question))
        elif choice == "dont_know" and question.dont_know:
            answers[question.id] = DONT_KNOW
    return answers


def _scores(result: Result) -> list[float]:
    values = [result.overall.confidence]
    values += [v for v in (result.overall.score,) if v is not None]
    for factor in result.factors:
        values += [v for v in (factor.score, factor.confidence) if v is not None]
    return values


def _controls_visibility(book: RuleBook, question_id: str) -> bool:
    return any(q.show_if is not None and question_id in q.show_if.question_ids for q in book.questions.values())


@pytest.mark.parametrize("pack", BOOKS)
def test_scores_and_confidence_stay_within_0_and_100(pack: str) -> None:
    book = BOOKS[pack]

    @PROPERTY_SETTINGS
    @given(answer_sets(book))
    def check(answers: dict[str, Any]) -> None:
        result = score(book, checked_answers(book, answers))
        assert all(0.0 <= v <= 100.0 for v in _scores(result))
        for factor in result.factors:
            for q in factor.questions:
                assert q.points is None or 0.0 <= q.points <= q.max_points

    check()


@pytest.mark.parametrize("pack", BOOKS)
def test_earning_more_points_never_lowers_a_score(pack: str) -> None:
    book = BOOKS[pack]
    candidates = [q for q in book.questions.values() if q.max_points > 0 and not _controls_visibility(book, q.id)]

    @PROPERTY_SETTINGS
    @given(answer_sets(book), st.sampled_from(candidates), st.data())
    def check(answers: dict[str, Any], question: Question, data: st.DataObject) -> None:
        before_value = data.draw(valid_value(question))
        after_value = data.draw(valid_value(question))
        if question_points(question, _norm(question, after_value)) < question_points(
            question, _norm(question, before_value)
        ):
            before_value, after_value = after_value, before_value
        before = score(book, checked_answers(book, {**answers, question.id: before_value}))
        after = score(book, checked_answers(book, {**answers, question.id: after_value}))
        factor_before = before.factor(question.factor_id).score
        factor_after = after.factor(question.factor_id).score
        if factor_before is not None and factor_after is not None:
            assert factor_after >= factor_before
        if before.overall.score is not None and after.overall.score is not None:
            assert after.overall.score >= before.overall.score

    check()


@pytest.mark.parametrize("pack", BOOKS)
def test_answering_dont_know_never_raises_confidence(pack: str) -> None:
    book = BOOKS[pack]
    offering = [q for q in book.questions.values() if q.dont_know]

    @PROPERTY_SETTINGS
    @given(answer_sets(book), st.sampled_from(offering))
    def check(answers: dict[str, Any], question: Question) -> None:
        before = score(book, checked_answers(book, answers))
        after = score(book, checked_answers(book, {**answers, question.id: DONT_KNOW}))
        assert after.overall.confidence <= before.overall.confidence
        for f_before, f_after in zip(before.factors, after.factors, strict=True):
            if f_before.confidence is not None and f_after.confidence is not None:
                assert f_after.confidence <= f_before.confidence

    check()


@st.composite
def evidence_sets(draw: st.DrawFn, book: RuleBook) -> dict[str, str]:
    """Evidence for some of the questions that ask for it: confidence then reaches the pack's minimum."""
    asking = [q.id for q in book.questions.values() if q.evidence]
    return {qid: "The decree of 2024." for qid in asking if draw(st.booleans())}


def _rank(book: RuleBook, level: str | None) -> int:
    return -1 if level is None else book.level_rank(level)


@pytest.mark.parametrize("pack", BOOKS)
def test_dont_know_never_raises_a_final_level_nor_the_low_end_nor_removes_a_gap(pack: str) -> None:
    book = BOOKS[pack]
    offering = [q for q in book.questions.values() if q.dont_know]

    @PROPERTY_SETTINGS
    @given(answer_sets(book), evidence_sets(book), st.sampled_from(offering))
    def check(answers: dict[str, Any], evidence: dict[str, str], question: Question) -> None:
        before = score(book, checked_answers(book, answers, evidence))
        after = score(book, checked_answers(book, {**answers, question.id: DONT_KNOW}, evidence))
        pairs = [(before.overall, after.overall), *zip(before.factors, after.factors, strict=True)]
        for was, now in pairs:
            if not now.provisional and now.level is not None:
                assert _rank(book, now.level) <= _rank(book, was.level), (question.id, was, now)
            if was.range is not None and now.range is not None:
                assert now.range[0] <= was.range[0], (question.id, was.range, now.range)
        assert {g.id for g in after.critical_gaps} >= {g.id for g in before.critical_gaps}

    check()


@pytest.mark.parametrize("pack", BOOKS)
def test_the_range_holds_the_score_and_a_final_level_holds_across_it(pack: str) -> None:
    book = BOOKS[pack]

    @PROPERTY_SETTINGS
    @given(answer_sets(book), evidence_sets(book))
    def check(answers: dict[str, Any], evidence: dict[str, str]) -> None:
        result = score(book, checked_answers(book, answers, evidence))
        for item in (result.overall, *result.factors):
            if item.score is None:
                continue
            assert item.range is not None
            low, high = item.range
            assert low <= item.score <= high
            if not item.provisional:
                assert item.level is not None
                assert book.level_rank(book.level_for(low).id) >= book.level_rank(item.level)
                assert (item.confidence or 0.0) >= book.scoring.min_confidence

    check()


def _norm(question: Question, value: Any) -> Any:
    return normalise_answer(question, value)
