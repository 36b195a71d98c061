""" "Not applicable": left out of the score and its maximum, never lowering confidence (unlike "don't know")."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assessor.core.answers import checked_answers, normalise_answer
from assessor.core.result import QuestionStatus, Reason, Result
from assessor.core.rulebook import DONT_KNOW, NOT_APPLICABLE, Question, QuestionType, RuleBook
from assessor.core.scoring import score
from assessor.loading.rulepack import load_rulebook
from tests.answers import best_answer
from tests.conftest import MINIMAL_PACK, SHIPPED_PACK

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def offering_everywhere(book: RuleBook) -> RuleBook:
    """The book with "not applicable" offered on every question, so properties reach them all."""
    factors = tuple(
        dataclasses.replace(f, questions=tuple(dataclasses.replace(q, not_applicable=True) for q in f.questions))
        for f in book.factors
    )
    return dataclasses.replace(book, factors=factors)


def without(book: RuleBook, question_id: str) -> RuleBook:
    """The book as if the pack had never asked the question."""
    factors = tuple(
        dataclasses.replace(f, questions=tuple(q for q in f.questions if q.id != question_id)) for f in book.factors
    )
    order = tuple(qid for qid in book.visibility_order if qid != question_id)
    return dataclasses.replace(book, factors=factors, visibility_order=order)


def read_anywhere(book: RuleBook) -> set[str]:
    """Question ids some condition or show_if reads."""
    conditions = [g.condition for g in book.critical_gaps] + [r.condition for r in book.recommendations]
    conditions += [q.show_if for q in book.questions.values() if q.show_if is not None]
    return {qid for c in conditions for qid in c.question_ids}


BOOKS = {"minimal": offering_everywhere(load_rulebook(MINIMAL_PACK))}
if (SHIPPED_PACK / "pack.yaml").exists():
    BOOKS["shipped"] = offering_everywhere(load_rulebook(SHIPPED_PACK))


def valid_value(question: Question) -> st.SearchStrategy[Any]:
    """Any valid answer to a question other than "don't know" and "not applicable"."""
    if question.type in (QuestionType.SINGLE, QuestionType.YES_PARTIAL_NO):
        return st.sampled_from([o.value for o in question.options])
    if question.type is QuestionType.MULTIPLE:
        plain = [o.value for o in question.options if not o.exclusive]
        alone = [[o.value] for o in question.options if o.exclusive]
        return st.one_of(st.lists(st.sampled_from(plain), unique=True), *[st.just(a) for a in alone])
    if question.type is QuestionType.NUMBER:
        low = question.min if question.min is not None else -1000.0
        high = question.max if question.max is not None else 1000.0
        return st.integers(int(low), int(high)) if question.integer else st.floats(low, high, allow_nan=False)
    return st.text(max_size=20)


@st.composite
def answer_sets(draw: st.DrawFn, book: RuleBook) -> dict[str, Any]:
    answers: dict[str, Any] = {}
    for question in book.questions.values():
        choice = draw(st.sampled_from(["absent", "dont_know", "not_applicable", "value", "value"]))
        if choice == "value":
            answers[question.id] = draw(valid_value(question))
        elif choice == "dont_know" and question.dont_know:
            answers[question.id] = DONT_KNOW
        elif choice == "not_applicable":
            answers[question.id] = NOT_APPLICABLE
    return answers


def _figures(result: Result) -> list[float]:
    values = [result.overall.confidence, *(v for v in (result.overall.score,) if v is not None)]
    for factor in result.factors:
        values += [v for v in (factor.score, factor.confidence) if v is not None]
    return values


@pytest.mark.parametrize("pack", BOOKS)
def test_not_applicable_never_lowers_confidence_where_dont_know_or_a_blank_stood(pack: str) -> None:
    book = BOOKS[pack]
    evidence = {q.id: "The decree of 2024." for q in book.questions.values() if q.evidence}

    @SETTINGS
    @given(answer_sets(book), st.sampled_from(list(book.questions.values())), st.booleans())
    def check(answers: dict[str, Any], question: Question, blank: bool) -> None:
        unknown = {k: v for k, v in answers.items() if k != question.id}
        if not blank and question.dont_know:
            unknown[question.id] = DONT_KNOW
        before = score(book, checked_answers(book, unknown, evidence))
        after = score(book, checked_answers(book, {**unknown, question.id: NOT_APPLICABLE}, evidence))
        assert all(0.0 <= v <= 100.0 for v in _figures(after))
        if question.id in read_anywhere(book):
            return  # it may open or close other questions; the factor-wise claim holds for the rest
        assert after.overall.confidence >= before.overall.confidence
        for was, now in zip(before.factors, after.factors, strict=True):
            if was.confidence is not None and now.confidence is not None:
                assert now.confidence >= was.confidence

    check()


@pytest.mark.parametrize("pack", BOOKS)
def test_not_applicable_scores_as_if_the_question_were_not_asked(pack: str) -> None:
    book = BOOKS[pack]
    # Questions that always apply and that nothing else reads (a show_if decides first whether one applies).
    unread = [q for q in book.questions.values() if q.id not in read_anywhere(book) and q.show_if is None]
    if not unread:
        pytest.skip("every question of this pack is read by a condition")

    @SETTINGS
    @given(answer_sets(book), st.sampled_from(unread))
    def check(answers: dict[str, Any], question: Question) -> None:
        with_na = score(book, checked_answers(book, {**answers, question.id: NOT_APPLICABLE}))
        smaller = without(book, question.id)
        rest = {k: v for k, v in answers.items() if k != question.id}
        never_asked = score(smaller, checked_answers(smaller, rest))
        assert with_na.overall == never_asked.overall
        for a, b in zip(with_na.factors, never_asked.factors, strict=True):
            assert (a.score, a.confidence, a.range, a.level, a.provisional) == (
                b.score,
                b.confidence,
                b.range,
                b.level,
                b.provisional,
            )
        status = next(q for f in with_na.factors for q in f.questions if q.id == question.id)
        assert status.status is QuestionStatus.NOT_APPLICABLE
        assert (status.points, status.counted) == (None, False)

    check()


def test_not_applicable_is_refused_where_the_pack_does_not_offer_it(shipped_book: RuleBook) -> None:
    offered = shipped_book.questions["ecosystem_maintainer_orgs"]
    assert offered.not_applicable
    assert normalise_answer(offered, NOT_APPLICABLE) == NOT_APPLICABLE
    refused = shipped_book.questions["funding_om_budget"]
    assert not refused.not_applicable
    with pytest.raises(ValueError, match='"not applicable" is not offered'):
        normalise_answer(refused, NOT_APPLICABLE)


def test_dont_know_lowers_confidence_where_not_applicable_does_not(shipped_book: RuleBook) -> None:
    factor = shipped_book.factor("integrators")
    base = {q.id: _typed(shipped_book, q.id, best_answer(q)) for q in factor.questions}
    evidence = {q.id: "The 2025 contract." for q in factor.questions if q.evidence}
    qid = "integrators_upstream_contributions"

    def scored(value: str) -> Any:
        return score(shipped_book, checked_answers(shipped_book, {**base, qid: value}, evidence)).factor(factor.id)

    na, dk = scored(NOT_APPLICABLE), scored(DONT_KNOW)
    # Every other answer is the best one: left out, the question leaves a perfect score and nothing unknown.
    assert (na.score, na.range, na.confidence) == (100.0, (100.0, 100.0), 100.0)
    assert dk.score == 100.0
    assert dk.confidence is not None
    assert dk.confidence < 100.0
    assert dk.range is not None
    assert dk.range[0] < 100.0


def _typed(book: RuleBook, qid: str, value: Any) -> Any:
    # best_answer gives numbers as a form posts them (text); the core takes numbers.
    return float(value) if book.questions[qid].type is QuestionType.NUMBER else value


def test_a_reason_names_an_answer_not_applicable_as_such(shipped_book: RuleBook) -> None:
    answers = {"ecosystem_product_health": "not_checked", "ecosystem_maintainer_orgs": NOT_APPLICABLE}
    result = score(shipped_book, checked_answers(shipped_book, answers))
    fired = next(r for r in result.recommendations if r.id == "ecosystem_check_product_health")
    assert Reason("answer", "ecosystem_maintainer_orgs", NOT_APPLICABLE) in fired.reasons
    assert Reason("answer", "ecosystem_maintainer_orgs", NOT_APPLICABLE).as_dict() == {
        "question": "ecosystem_maintainer_orgs",
        "answer": "not_applicable",
    }
