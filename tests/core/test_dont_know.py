""" "Don't know" cannot inflate a result: the examples of issue 10, on the shipped pack and the fixture pack."""

from __future__ import annotations

from typing import Any

from assessor.core.answers import checked_answers
from assessor.core.explain import result_to_dict
from assessor.core.result import Result
from assessor.core.rulebook import DONT_KNOW, QuestionType, RuleBook
from assessor.core.scoring import score
from tests.answers import best_answer, worst_answer

# The questions whose honest "no" opens a critical gap in the shipped pack, with that answer.
GAP_ANSWERS = {
    "funding_om_budget": "no",
    "accountability_owner": "no",
    "procurement_brand_names": "5",  # five of the last 10 tenders named a brand
    "accountability_support": "none",
}


def _score(book: RuleBook, answers: dict[str, Any], *, with_evidence: bool = False) -> Result:
    # tests.answers gives numbers as a form posts them (text); an answers file holds numbers.
    typed = {
        qid: float(value) if book.questions[qid].type is QuestionType.NUMBER and value != DONT_KNOW else value
        for qid, value in answers.items()
    }
    evidence = {qid: "The decree of 2024." for qid in typed if book.questions[qid].evidence} if with_evidence else {}
    return score(book, checked_answers(book, typed, evidence))


def _best_everywhere(book: RuleBook) -> dict[str, Any]:
    return {q.id: best_answer(q) for q in book.questions.values()}


def test_one_best_answer_per_factor_and_dont_know_elsewhere_is_not_a_final_leading(shipped_book: RuleBook) -> None:
    answers: dict[str, Any] = {}
    for factor in shipped_book.factors:
        scored = [q for q in factor.questions if q.max_points > 0 and q.show_if is None]
        answers[scored[0].id] = best_answer(scored[0])
        for q in factor.questions[1:]:
            if q.dont_know and q.id not in answers:
                answers[q.id] = DONT_KNOW
    result = _score(shipped_book, answers)
    # What the issue saw: every counted answer at its best, so the score alone reads 100...
    assert result.overall.score == 100.0
    assert result.overall.confidence < shipped_book.scoring.min_confidence
    # ...but the level is provisional, and the range shows how little is known.
    assert result.overall.provisional
    assert all(f.provisional for f in result.factors)
    assert result.overall.range is not None
    low, high = result.overall.range
    assert high == 100.0
    assert low < 30.0
    data = result_to_dict(shipped_book, result, "en")
    assert data["overall"]["provisional"] is True
    assert data["overall"]["range"] == [low, high]
    assert all(f["provisional"] is True and f["range"] is not None for f in data["factors"])


def test_dont_know_on_the_gap_questions_never_beats_an_honest_no(shipped_book: RuleBook) -> None:
    strong = _best_everywhere(shipped_book)
    honest = {**strong, **GAP_ANSWERS}
    # "Don't know" where the question offers it; left blank where it does not (also unknown).
    unsure = {**strong, **{qid: DONT_KNOW for qid in GAP_ANSWERS if shipped_book.questions[qid].dont_know}}
    for qid in GAP_ANSWERS:
        if not shipped_book.questions[qid].dont_know:
            del unsure[qid]
    honest_result = _score(shipped_book, honest, with_evidence=True)
    unsure_result = _score(shipped_book, unsure, with_evidence=True)

    assert not honest_result.overall.provisional
    assert honest_result.overall.level == "emerging"
    honest_gaps = {g.id for g in honest_result.critical_gaps}
    assert honest_gaps >= {"no_om_budget", "no_system_owner", "brand_name_tenders", "nobody_to_call"}
    assert not any(g.provisional for g in honest_result.critical_gaps)

    # The same gaps, provisional, capping the same way: "don't know" is no better than "no".
    unsure_gaps = {g.id: g for g in unsure_result.critical_gaps}
    assert set(unsure_gaps) >= {"no_om_budget", "no_system_owner", "brand_name_tenders", "nobody_to_call"}
    assert all(unsure_gaps[g].provisional for g in GAP_ANSWERS_GAPS)
    rank = shipped_book.level_rank
    assert unsure_result.overall.level is not None
    assert honest_result.overall.level is not None
    assert rank(unsure_result.overall.level) <= rank(honest_result.overall.level)
    for honest_factor, unsure_factor in zip(honest_result.factors, unsure_result.factors, strict=True):
        if honest_factor.level and unsure_factor.level:
            assert rank(unsure_factor.level) <= rank(honest_factor.level), unsure_factor.id
    # A level held down by a gap that rests on "don't know" is not final.
    assert unsure_result.overall.provisional
    assert unsure_result.factor("funding").provisional
    # The reasons of a provisional gap name the unknown answer, so the report can say "find out".
    reasons = [r.as_dict() for r in unsure_gaps["no_om_budget"].reasons]
    assert reasons == [{"question": "funding_om_budget", "answer": DONT_KNOW}]


GAP_ANSWERS_GAPS = ("no_om_budget", "no_system_owner", "brand_name_tenders", "nobody_to_call")


def test_a_result_with_everything_known_is_final_and_its_range_is_its_score(shipped_book: RuleBook) -> None:
    result = _score(shipped_book, {q.id: worst_answer(q) for q in shipped_book.questions.values()}, with_evidence=True)
    assert not result.overall.provisional
    assert result.overall.range == (result.overall.score, result.overall.score)
    for factor in result.factors:
        assert factor.range == (factor.score, factor.score)
        assert not factor.provisional


def test_range_on_the_fixture_pack_by_hand(minimal_book: RuleBook) -> None:
    # funding: budget "don't know" (worst 0, best 2) makes years uncertain (worst 0, best 2): 0 to 100.
    # docs: kinds ["user"] 1 of 2, owner "vendor" 0 of 2 → 25, nothing unknown.
    result = _score(minimal_book, {"budget": DONT_KNOW, "kinds": ["user"], "owner": "vendor"})
    assert result.factor("funding").range == (0.0, 100.0)
    assert result.factor("funding").score is None
    assert result.factor("docs").range == (25.0, 25.0)
    # overall: weights 2 and 1 → (0 * 2 + 25) / 3 = 8.3 and (100 * 2 + 25) / 3 = 75.
    assert result.overall.range == (8.3, 75.0)


def test_a_final_level_needs_the_low_end_of_its_range_to_reach_it(minimal_book: RuleBook) -> None:
    # docs: owner "government" 2 of 2 known, kinds unknown (0 to 2 of 2): score 100, range 50 to 100,
    # confidence 50 %: provisional twice over. With the pack's minimum at 0 the range still decides.
    import dataclasses

    lenient = dataclasses.replace(minimal_book, scoring=dataclasses.replace(minimal_book.scoring, min_confidence=0.0))
    result = _score(lenient, {"budget": "yes", "years": 5, "owner": "government", "kinds": DONT_KNOW})
    docs = result.factor("docs")
    assert (docs.score, docs.range, docs.level) == (100.0, (50.0, 100.0), "high")
    assert docs.provisional  # 50 reaches only "mid"
    funding = result.factor("funding")
    assert (funding.range, funding.provisional) == ((100.0, 100.0), False)
