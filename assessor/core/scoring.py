"""Scoring: validated answers in, an explained Result out. Pure: no I/O, no clock, no globals."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, NamedTuple

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
    NOT_APPLICABLE,
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
_NOT_APPLICABLE = QuestionStatus.NOT_APPLICABLE
# Statuses of questions that do not apply: out of the score, its maximum and confidence alike.
_LEFT_OUT = (_HIDDEN, _NOT_APPLICABLE)


def score(book: RuleBook, answers: Answers) -> Result:
    """Score validated answers against a rule book."""
    statuses = _visibility(book, answers)
    env: dict[str, Any] = {}
    dont_know: list[str] = []
    unknown: set[str] = set()  # answers not known yet: "don't know", blank, or uncertain whether they apply
    values = answers.values
    for qid, status in statuses.items():
        if status is _ANSWERED:
            env[qid] = values[qid]
        else:
            env[qid] = None
            if status is _DONT_KNOW:
                dont_know.append(qid)
            if status not in _LEFT_OUT:
                unknown.add(qid)
    env[DONT_KNOW] = tuple(dont_know)
    # Answered "not applicable": null to conditions, but a reason names it for what it is.
    not_applicable = frozenset(qid for qid, status in statuses.items() if status is _NOT_APPLICABLE)

    tallies = [_score_factor(book, f.id, statuses, answers) for f in book.factors]
    overall_score, overall_confidence, overall_range = _overall_figures(book, tallies)
    # Where a score could still move once the unknowns are known, a condition on it is undecided.
    spans: dict[str, tuple[float, float]] = {}
    for t in tallies:
        env[SCORE_PREFIX + t.id] = t.score
        if t.has_unknowns and t.range is not None:
            spans[SCORE_PREFIX + t.id] = t.range
    env[OVERALL_SCORE] = overall_score
    if spans and overall_range is not None:
        spans[OVERALL_SCORE] = overall_range

    gaps: list[GapHit] = []
    for g in book.critical_gaps:
        if g.condition.evaluate(env):
            gaps.append(GapHit(g.id, g.caps, g.max_level, _reasons(g.condition, env, not_applicable)))
        elif _reads_unknowns(g.condition, unknown, spans) and g.condition.could_hold(env, unknown, spans):
            gaps.append(GapHit(g.id, g.caps, g.max_level, _reasons(g.condition, env, not_applicable), provisional=True))
    caps = _caps(book, gaps)
    firm_caps = _caps(book, [gap for gap in gaps if not gap.provisional])
    minimum = book.scoring.min_confidence

    factors = []
    for t in tallies:
        judged = _judged_level(book, t.score, t.confidence, t.range, caps.get(t.id), firm_caps.get(t.id), minimum)
        factors.append(
            FactorResult(
                t.id, t.score, judged.level, judged.uncapped, t.confidence, t.questions, judged.provisional, t.range
            )
        )
    judged = _judged_level(
        book, overall_score, overall_confidence, overall_range, caps.get(OVERALL), firm_caps.get(OVERALL), minimum
    )
    overall = OverallResult(
        score=overall_score,
        level=judged.level,
        uncapped_level=judged.uncapped,
        confidence=overall_confidence if overall_confidence is not None else 0.0,
        provisional=judged.provisional,
        range=overall_range,
    )

    recommendations = tuple(
        FiredRecommendation(
            rec.id, rec.priority, rec.horizon, rec.factor_id, _reasons(rec.condition, env, not_applicable)
        )
        for rec in book.recommendations_in_order
        if rec.condition.evaluate(env)
    )
    return Result(
        rules_id=book.id,
        rules_version=book.version,
        rules_hash=book.content_hash,
        overall=overall,
        factors=tuple(factors),
        critical_gaps=tuple(gaps),
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
        elif value == NOT_APPLICABLE:
            # Known not to apply: to conditions it reads as null, as a hidden question does.
            statuses[qid] = _NOT_APPLICABLE
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


class _FactorTally(NamedTuple):
    """A factor's figures before levels and caps are applied."""

    id: str
    score: float | None
    confidence: float | None
    questions: tuple[QuestionScore, ...]
    range: tuple[float, float] | None
    has_unknowns: bool


class _Judgement(NamedTuple):
    level: str | None
    uncapped: str | None
    provisional: bool


def _score_factor(
    book: RuleBook, factor_id: str, statuses: Mapping[str, QuestionStatus], answers: Answers
) -> _FactorTally:
    policy = book.scoring
    dont_know_counts = policy.dont_know is MissingAnswerPolicy.ZERO
    unanswered_counts = policy.unanswered is MissingAnswerPolicy.ZERO
    missing_evidence_credit = policy.missing_evidence_credit
    values = answers.values
    evidence = answers.evidence
    earned = possible = known = weight = 0.0
    # For the range: points of real answers, and the worst and best the unknown ones could earn.
    answered_earned = answered_possible = unknown_worst = unknown_best = 0.0
    scored: list[QuestionScore] = []
    for q in book.factor(factor_id).questions:
        qid = q.id
        status = statuses[qid]
        maximum = q.max_points
        has_evidence = qid in evidence
        points: float | None = None
        counted = False
        if maximum > 0 and status not in _LEFT_OUT:
            weight += maximum
            if status is _ANSWERED:
                points = question_points(q, values[qid])
                counted = True
                known += maximum if (has_evidence or not q.evidence) else maximum * missing_evidence_credit
                answered_earned += points
                answered_possible += maximum
            else:
                unknown_worst += q.min_points
                unknown_best += maximum
                if (status is _DONT_KNOW and dont_know_counts) or (status is _UNANSWERED and unanswered_counts):
                    points = 0.0
                    counted = True
            if counted:
                earned += points or 0.0
                possible += maximum
        scored.append(QuestionScore(qid, status, points, maximum, counted, has_evidence))
    factor_score = _round(100.0 * earned / possible) if possible > 0 else None
    confidence = _round(100.0 * known / weight) if weight > 0 else None
    span: tuple[float, float] | None = None
    if weight > 0 and unknown_best == 0 and factor_score is not None:
        span = (factor_score, factor_score)  # nothing unknown: the range is the score itself
    elif weight > 0:  # weight is every scorable question that applies or may apply: answered plus unknown
        span = (
            _round(100.0 * (answered_earned + unknown_worst) / weight),
            _round(100.0 * (answered_earned + unknown_best) / weight),
        )
    return _FactorTally(factor_id, factor_score, confidence, tuple(scored), span, unknown_best > 0)


def _judged_level(
    book: RuleBook,
    value: float | None,
    confidence: float | None,
    span: tuple[float, float] | None,
    cap: int | None,
    firm_cap: int | None,
    minimum: float,
) -> _Judgement:
    """The level shown (after caps), and whether it is provisional rather than final.

    Final means it holds whatever the unknown answers turn out to be: enough is known (confidence
    at the pack's minimum), the low end of the range reaches the same level, and no provisional
    gap holds it down. So replacing an answer by "don't know" can never raise a final level.
    """
    level, uncapped = _capped_level(book, value, cap)
    if span is None:
        return _Judgement(level, uncapped, provisional=False)
    if level is None or confidence is None or confidence < minimum:
        return _Judgement(level, uncapped, provisional=True)
    low_level, _ = _capped_level(book, span[0], cap)
    firm_level, _ = _capped_level(book, value, firm_cap)
    return _Judgement(level, uncapped, provisional=low_level != level or firm_level != level)


def _reads_unknowns(condition: Condition, unknown: set[str], spans: Mapping[str, tuple[float, float]]) -> bool:
    """Whether a condition reads an answer not known yet or a score that could still move."""
    return any(symbol in unknown or symbol in spans for symbol in condition.symbols)


def _caps(book: RuleBook, gaps: list[GapHit]) -> dict[str, int]:
    """The rank of the highest level each capped factor (or the overall result) may show."""
    caps: dict[str, int] = {}
    for gap in gaps:
        rank = book.level_rank(gap.max_level)
        for target in gap.caps:
            caps[target] = min(rank, caps.get(target, rank))
    return caps


def _capped_level(book: RuleBook, value: float | None, cap: int | None) -> tuple[str | None, str | None]:
    if value is None:
        return None, None
    reached = book.level_for(value)
    rank = book.level_rank(reached.id)
    if cap is not None and rank > cap:
        return book.levels[cap].id, reached.id
    return reached.id, reached.id


def _overall_figures(
    book: RuleBook, tallies: list[_FactorTally]
) -> tuple[float | None, float | None, tuple[float, float] | None]:
    """The overall score, confidence and range: each the mean of the factors' own, weighted by factor.

    A factor without a score (or confidence, or range) is left out of that mean.
    """
    score_sum = score_weight = confidence_sum = confidence_weight = low_sum = high_sum = range_weight = 0.0
    for factor, tally in zip(book.factors, tallies, strict=True):
        weight = factor.weight
        if tally.score is not None:
            score_sum += tally.score * weight
            score_weight += weight
        if tally.confidence is not None:
            confidence_sum += tally.confidence * weight
            confidence_weight += weight
        if tally.range is not None:
            low_sum += tally.range[0] * weight
            high_sum += tally.range[1] * weight
            range_weight += weight
    return (
        _round(score_sum / score_weight) if score_weight > 0 else None,
        _round(confidence_sum / confidence_weight) if confidence_weight > 0 else None,
        (_round(low_sum / range_weight), _round(high_sum / range_weight)) if range_weight > 0 else None,
    )


def _reasons(
    condition: Condition, env: Mapping[str, Any], not_applicable: frozenset[str] = frozenset()
) -> tuple[Reason, ...]:
    """The facts a condition read, as they stood when it held (an answer "not applicable" as that)."""
    reasons: list[Reason] = []
    questions = condition.question_symbols
    dont_know = env.get(DONT_KNOW, ())
    missing = condition.missing_options(env)
    for symbol in condition.symbols:
        if symbol in questions:
            if symbol in dont_know:
                reasons.append(Reason("dont_know", symbol, DONT_KNOW))
            elif symbol in not_applicable:
                reasons.append(Reason("answer", symbol, NOT_APPLICABLE))
            else:
                reasons.append(Reason("answer", symbol, env.get(symbol), missing.get(symbol, ())))
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
