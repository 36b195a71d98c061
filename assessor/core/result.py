"""The Result of scoring one set of answers: numbers and ids only, texts are looked up when shown.

Results are NamedTuples: immutable like frozen dataclasses, and several times cheaper to build,
which matters when a pack of forty questions is scored thousands of times a second.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any, NamedTuple

from assessor.core.rulebook import Horizon, Priority


class QuestionStatus(StrEnum):
    """What happened to one question when scoring."""

    ANSWERED = "answered"
    DONT_KNOW = "dont_know"
    NOT_APPLICABLE = "not_applicable"  # answered "not applicable": left out, like a hidden question
    UNANSWERED = "unanswered"
    HIDDEN = "hidden"  # its show_if is false: it does not apply
    UNCERTAIN = "uncertain"  # its show_if depends on something not known yet


class QuestionScore(NamedTuple):
    """Points one question earned, out of its maximum; `counted` says if it entered the score.

    A NamedTuple rather than a frozen dataclass: one is built per question per assessment, and a
    tuple is several times cheaper to create.
    """

    id: str
    status: QuestionStatus
    points: float | None
    max_points: float
    counted: bool
    has_evidence: bool


class FactorResult(NamedTuple):
    """A factor's score, level (after caps) and confidence.

    `range` is (low, high): the score if every unknown answer were the worst and the best one (None
    when no question of the factor applies). `provisional` is true when the level cannot be stated
    as final: confidence below the pack's minimum, a low end of the range that reaches a lower
    level, or a provisional critical gap holding it down.
    """

    id: str
    score: float | None
    level: str | None
    uncapped_level: str | None
    confidence: float | None
    questions: tuple[QuestionScore, ...]
    provisional: bool = False
    range: tuple[float, float] | None = None


class OverallResult(NamedTuple):
    """The weighted overall score, level (after caps) and confidence; `range` and `provisional` as for a factor."""

    score: float | None
    level: str | None
    uncapped_level: str | None
    confidence: float
    provisional: bool = False
    range: tuple[float, float] | None = None


class Reason(NamedTuple):
    """One fact that made a recommendation fire or a gap apply: an answer, a score, a "don't know".

    A NamedTuple: a dozen are built per assessment, and tuples are cheap to create.
    """

    kind: str  # "answer", "score", "overall_score" or "dont_know"
    subject: str  # question id, factor id, or "overall"
    value: Any
    # For a multiple-choice answer: the options the condition needed that the answer lacks.
    missing: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        """The reason as plain data; `missing` only where the condition turned on absent options."""
        if self.kind == "answer":
            data = {
                "question": self.subject,
                "answer": list(self.value) if isinstance(self.value, tuple) else self.value,
            }
            if self.missing:
                data["missing"] = list(self.missing)
            return data
        if self.kind == "score":
            return {"factor": self.subject, "score": self.value}
        if self.kind == "overall_score":
            return {"overall_score": self.value}
        return {"question": self.subject, "answer": "dont_know"}


class GapHit(NamedTuple):
    """A critical gap whose condition held, or might hold (`provisional`), and the levels it capped.

    A provisional gap rests on answers not known yet ("don't know", blank): it caps levels all the
    same, so not knowing never scores better than an honest "no", and the first thing to do is to
    find those answers out.
    """

    id: str
    caps: tuple[str, ...]
    max_level: str
    reasons: tuple[Reason, ...]
    provisional: bool = False


class FiredRecommendation(NamedTuple):
    """A recommendation whose condition held, with the facts behind it."""

    id: str
    priority: Priority
    horizon: Horizon
    factor_id: str | None
    reasons: tuple[Reason, ...]


class Result(NamedTuple):
    """Everything the scoring core concludes from one set of answers."""

    rules_id: str
    rules_version: str
    rules_hash: str
    overall: OverallResult
    factors: tuple[FactorResult, ...]
    critical_gaps: tuple[GapHit, ...]
    recommendations: tuple[FiredRecommendation, ...]

    def factor(self, factor_id: str) -> FactorResult:
        """The result for one factor."""
        for f in self.factors:
            if f.id == factor_id:
                return f
        raise KeyError(factor_id)
