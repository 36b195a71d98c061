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
    """A factor's score, level (after caps) and confidence."""

    id: str
    score: float | None
    level: str | None
    uncapped_level: str | None
    confidence: float | None
    questions: tuple[QuestionScore, ...]


class OverallResult(NamedTuple):
    """The weighted overall score, level (after caps) and confidence."""

    score: float | None
    level: str | None
    uncapped_level: str | None
    confidence: float


class Reason(NamedTuple):
    """One fact that made a recommendation fire or a gap apply: an answer, a score, a "don't know".

    A NamedTuple: a dozen are built per assessment, and tuples are cheap to create.
    """

    kind: str  # "answer", "score", "overall_score" or "dont_know"
    subject: str  # question id, factor id, or "overall"
    value: Any

    def as_dict(self) -> dict[str, Any]:
        """The reason as plain data."""
        if self.kind == "answer":
            return {
                "question": self.subject,
                "answer": list(self.value) if isinstance(self.value, tuple) else self.value,
            }
        if self.kind == "score":
            return {"factor": self.subject, "score": self.value}
        if self.kind == "overall_score":
            return {"overall_score": self.value}
        return {"question": self.subject, "answer": "dont_know"}


class GapHit(NamedTuple):
    """A critical gap whose condition held, and the levels it capped."""

    id: str
    caps: tuple[str, ...]
    max_level: str
    reasons: tuple[Reason, ...]


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
