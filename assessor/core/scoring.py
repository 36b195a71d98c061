"""Scoring: validated answers in, an explained Result out. Pure: no I/O, no clock, no globals."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from assessor.core.answers import Answers
from assessor.core.conditions import OVERALL_SCORE, SCORE_PREFIX, Condition
from assessor.core.result import (
    FactorResult,
    FiredRecommendation,
    GapHit,
    OverallResult,
    QuestionScore,
    QuestionStatus,
    Reason,
    Result,
)
from assessor.core.rulebook import (
    DONT_KNOW,
    MissingAnswerPolicy,
    Question,
    QuestionType,
    RuleBook,
)

OVERALL = "overall"
# Enum members bound once: attribute lookups on the enum class are slow in the scoring loop.
_ANSWERED = QuestionStatus.ANSWERED
_DONT_KNOW = QuestionStatus.DONT_KNOW
_UNANSWERED = QuestionStatus.UNANSWERED
_HIDDEN = QuestionStatus.HIDDEN


def score(book: RuleBook, answers: Answers) -> Result:
    """Score validated answers against a rule book."""
    statuses = _visibility(book, answers)
    env: dict[str, Any] = {}
    dont_know: list[str] = []
    values = answers.values
    for qid, status in statuses.items():
        if status is _ANSWERED:
            env[qid] = values[qid]
        else:
            env[qid] = None
            if status is _DONT_KNOW:
                dont_know.append(qid)
    env[DONT_KNOW] = tuple(dont_know)

    factor_scores = [_score_factor(book, f.id, statuses, answers) for f in book.factors]
    overall_score = _weighted_mean([(s, book.factor(fid).weight) for fid, s, _c, _q in factor_scores if s is not None])
    overall_confidence = _weighted_mean(
        [(c, book.factor(fid).weight) for fid, _s, c, _q in factor_scores if c is not None]
    )
    for fid, s, _c, _q in factor_scores:
        env[SCORE_PREFIX + fid] = s
    env[OVERALL_SCORE] = overall_score

    gaps = tuple(
        GapHit(g.id, g.caps, g.max_level, _reasons(g.condition, env))
        for g in book.critical_gaps
        if g.condition.evaluate(env)
    )
    caps: dict[str, int] = {}
    for gap in gaps:
        rank = book.level_rank(gap.max_level)
        for target in gap.caps:
            caps[target] = min(rank, caps.get(target, rank))

    factors = tuple(_factor_result(book, fid, s, c, questions, caps.get(fid)) for fid, s, c, questions in factor_scores)
    overall_level, overall_uncapped = _capped_level(book, overall_score, caps.get(OVERALL))
    overall = OverallResult(
        score=overall_score,
        level=overall_level,
        uncapped_level=overall_uncapped,
        confidence=overall_confidence if overall_confidence is not None else 0.0,
    )

    recommendations = tuple(
        FiredRecommendation(rec.id, rec.priority, rec.horizon, rec.factor_id, _reasons(rec.condition, env))
        for rec in book.recommendations_in_order
        if rec.condition.evaluate(env)
    )
    return Result(
        rules_id=book.id,
        rules_version=book.version,
        rules_hash=book.content_hash,
        overall=overall,
        factors=factors,
        critical_gaps=gaps,
        recommendations=recommendations,
    )


def question_statuses(book: RuleBook, answers: Answers) -> dict[str, QuestionStatus]:
    """Each question's status (answered, hidden by its show_if...), as scoring sees it."""
    return _visibility(book, answers)


def _visibility(book: RuleBook, answers: Answers) -> dict[str, QuestionStatus]:
    """Each question's status, resolving show_if in dependency order.

    A question whose show_if reads an answer we do not know (unanswered, "don't know", or itself
    uncertain) is uncertain: it may or may not apply, so it lowers confidence and earns nothing.
    Treating it so keeps "don't know" from ever raising confidence by hiding questions.
    """
    questions = book.questions
    values = answers.values
    statuses: dict[str, QuestionStatus] = {}
    env: dict[str, Any] = {DONT_KNOW: ()}  # no show_if may test dont_know (the loader refuses it)
    unknown = (_UNANSWERED, _DONT_KNOW, QuestionStatus.UNCERTAIN)
    for qid in book.visibility_order:
        condition = questions[qid].show_if
        if condition is not None:
            if any(statuses[r] in unknown for r in condition.question_ids):
                statuses[qid] = QuestionStatus.UNCERTAIN
                env[qid] = None
                continue
            if not condition.evaluate(env):
                statuses[qid] = _HIDDEN
                env[qid] = None
                continue
        value = values.get(qid)
        if value is None:
            statuses[qid] = _UNANSWERED
            env[qid] = None
        elif value == DONT_KNOW:
            statuses[qid] = _DONT_KNOW
            env[qid] = None
        else:
            statuses[qid] = _ANSWERED
            env[qid] = value
    # Return in questionnaire order, not dependency order.
    return {qid: statuses[qid] for qid in questions}


_SINGLE = QuestionType.SINGLE
_YES_PARTIAL_NO = QuestionType.YES_PARTIAL_NO
_MULTIPLE = QuestionType.MULTIPLE
_NUMBER = QuestionType.NUMBER


def question_points(question: Question, value: Any) -> float:
    """Points a valid, non-"don't know" answer earns."""
    kind = question.type
    if kind is _SINGLE or kind is _YES_PARTIAL_NO:
        opt = question.option(value)
        return opt.points if opt is not None else 0.0
    if kind is _MULTIPLE:
        total = sum(opt.points for v in value if (opt := question.option(v)) is not None)
        cap = question.max_points_cap
        return min(total, cap) if cap is not None else total
    if kind is _NUMBER:
        earned = 0.0
        for band in question.bands:
            if value >= band.min:
                earned = band.points
        return earned
    return 0.0  # text earns nothing


def _score_factor(
    book: RuleBook, factor_id: str, statuses: Mapping[str, QuestionStatus], answers: Answers
) -> tuple[str, float | None, float | None, tuple[QuestionScore, ...]]:
    policy = book.scoring
    dont_know_counts = policy.dont_know is MissingAnswerPolicy.ZERO
    unanswered_counts = policy.unanswered is MissingAnswerPolicy.ZERO
    missing_evidence_credit = policy.missing_evidence_credit
    values = answers.values
    evidence = answers.evidence
    earned = possible = known = weight = 0.0
    scored: list[QuestionScore] = []
    for q in book.factor(factor_id).questions:
        qid = q.id
        status = statuses[qid]
        maximum = q.max_points
        has_evidence = qid in evidence
        points: float | None = None
        counted = False
        if maximum > 0 and status is not _HIDDEN:
            weight += maximum
            if status is _ANSWERED:
                points = question_points(q, values[qid])
                counted = True
                known += maximum if (has_evidence or not q.evidence) else maximum * missing_evidence_credit
            elif (status is _DONT_KNOW and dont_know_counts) or (status is _UNANSWERED and unanswered_counts):
                points = 0.0
                counted = True
            if counted:
                earned += points or 0.0
                possible += maximum
        scored.append(QuestionScore(qid, status, points, maximum, counted, has_evidence))
    factor_score = _round(100.0 * earned / possible) if possible > 0 else None
    confidence = _round(100.0 * known / weight) if weight > 0 else None
    return factor_id, factor_score, confidence, tuple(scored)


def _factor_result(
    book: RuleBook,
    factor_id: str,
    factor_score: float | None,
    confidence: float | None,
    questions: tuple[QuestionScore, ...],
    cap: int | None,
) -> FactorResult:
    level, uncapped = _capped_level(book, factor_score, cap)
    return FactorResult(factor_id, factor_score, level, uncapped, confidence, questions)


def _capped_level(book: RuleBook, value: float | None, cap: int | None) -> tuple[str | None, str | None]:
    if value is None:
        return None, None
    reached = book.level_for(value)
    rank = book.level_rank(reached.id)
    if cap is not None and rank > cap:
        return book.levels[cap].id, reached.id
    return reached.id, reached.id


def _weighted_mean(pairs: list[tuple[float, float]]) -> float | None:
    total_weight = sum(w for _v, w in pairs)
    if total_weight <= 0:
        return None
    return _round(sum(v * w for v, w in pairs) / total_weight)


def _reasons(condition: Condition, env: Mapping[str, Any]) -> tuple[Reason, ...]:
    """The facts a condition read, as they stood when it held."""
    reasons: list[Reason] = []
    questions = condition.question_symbols
    dont_know = env.get(DONT_KNOW, ())
    for symbol in condition.symbols:
        if symbol in questions:
            if symbol in dont_know:
                reasons.append(Reason("dont_know", symbol, DONT_KNOW))
            else:
                reasons.append(Reason("answer", symbol, env.get(symbol)))
        elif symbol.startswith(SCORE_PREFIX):
            reasons.append(Reason("score", symbol[len(SCORE_PREFIX) :], env.get(symbol)))
        elif symbol == OVERALL_SCORE:
            reasons.append(Reason("overall_score", OVERALL, env.get(symbol)))
    for qid in condition.dont_know_ids:
        if qid in dont_know and qid not in questions:
            reasons.append(Reason("dont_know", qid, DONT_KNOW))
    return tuple(reasons)


def _round(value: float) -> float:
    # One decimal: what people see is what conditions compare, so a score shown as 40.0 never
    # fails "score_x >= 40" because it was really 39.996.
    return round(value, 1)
