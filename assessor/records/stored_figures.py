"""Just what an impact preview needs from a stored record: its answers and its result's figures.

A preview reads thousands of records. Validating a whole record (`records.model`, every reason of
every recommendation) costs milliseconds each; msgspec decodes only the fields named here from the
record's JSON text and skips the rest in C, so reading 10,000 takes well under a second.
The names and shapes are those `records.model.SubmissionRecord` (schema 2) dumps.
"""

from __future__ import annotations

from typing import Any

import msgspec

from assessor.records.drift import Outcome


class _QuestionFigures(msgspec.Struct, frozen=True):
    id: str
    points: float | None
    max_points: float


class _FactorFigures(msgspec.Struct, frozen=True):
    id: str
    score: float | None
    level: str | None
    questions: list[_QuestionFigures]


class _OverallFigures(msgspec.Struct, frozen=True):
    score: float | None
    level: str | None


class _Fired(msgspec.Struct, frozen=True):
    id: str


class _ResultFigures(msgspec.Struct, frozen=True):
    overall: _OverallFigures
    factors: list[_FactorFigures]
    critical_gaps: list[_Fired]
    recommendations: list[_Fired]


class _Unplaced(msgspec.Struct, frozen=True):
    question_id: str
    value: Any = None


class StoredFigures(msgspec.Struct, frozen=True):
    """A schema 2 record's answers, evidence, unplaced answers and result figures."""

    answers: dict[str, Any]
    evidence: dict[str, dict[str, Any]]
    result: _ResultFigures
    unplaced: list[_Unplaced] = []

    def outcome(self) -> Outcome:
        """The result's figures as a drift compares them."""
        result = self.result
        return Outcome(
            result.overall.score,
            result.overall.level,
            {f.id: (f.score, f.level) for f in result.factors},
            {q.id: (q.points, q.max_points) for f in result.factors for q in f.questions},
            tuple(r.id for r in result.recommendations),
            tuple(g.id for g in result.critical_gaps),
        )

    def unplaced_values(self) -> list[tuple[str, Any]]:
        """Answers kept without a question on the record's pack: (their id, their value)."""
        return [(item.question_id, item.value) for item in self.unplaced]


_DECODER = msgspec.json.Decoder(StoredFigures)


def read_figures(text: str | bytes) -> StoredFigures:
    """The figures of a schema 2 record's JSON text; msgspec.ValidationError if it has another shape."""
    return _DECODER.decode(text)
