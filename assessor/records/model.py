"""The submission record: a typed, versioned, language-neutral copy of what a submission was scored to.

It holds the answers that were scored, the Result as ids and numbers (reasons as data), and the
answers that had no home in the pack; every text comes from the pinned pack version when a page
or a PDF is made. `SCHEMA_VERSION` changes whenever the shape does; `upgrade` reads every
earlier shape (schema 1 is the `{"by_language": {...}}` blob stored before records existed).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, field_validator

from assessor.core import result as core
from assessor.core.rulebook import Horizon, Priority
from assessor.subject import Subject

SCHEMA_VERSION = 2
LEGACY_SCHEMA_VERSION = 1


class _Data(BaseModel):
    model_config = ConfigDict(frozen=True, extra="ignore")


class RulesRef(_Data):
    """Which pack version scored the answers."""

    id: str
    version: str
    hash: str


class ReasonData(_Data):
    """One fact behind a gap or a recommendation (see core.result.Reason)."""

    kind: str
    subject: str
    value: Any = None
    # A multiple-choice answer's options the condition needed and the answer lacks.
    missing: tuple[str, ...] = ()

    @field_validator("value")
    @classmethod
    def _as_stored(cls, value: Any) -> Any:
        # A multiple-choice answer is a tuple in the core and a list once stored: keep one form.
        return list(value) if isinstance(value, tuple) else value

    def to_core(self) -> core.Reason:
        """The core's Reason (multiple-choice answers back to tuples)."""
        value = tuple(self.value) if isinstance(self.value, list) else self.value
        fields = {"kind": self.kind, "subject": self.subject, "value": value, "missing": self.missing}
        reason: core.Reason = _tuple(core.Reason, fields)
        return reason


class QuestionScoreData(_Data):
    """Points one question earned."""

    id: str
    status: str
    points: float | None
    max_points: float
    counted: bool
    has_evidence: bool


class FactorData(_Data):
    """A factor's score, level and confidence; `provisional` and `range` when the core gives them."""

    id: str
    score: float | None
    level: str | None
    uncapped_level: str | None
    confidence: float | None
    questions: tuple[QuestionScoreData, ...]
    provisional: bool = False
    range: tuple[float, float] | None = None


class OverallData(_Data):
    """The overall score, level and confidence."""

    score: float | None
    level: str | None
    uncapped_level: str | None
    confidence: float
    provisional: bool = False
    range: tuple[float, float] | None = None


class GapData(_Data):
    """A critical gap that applied."""

    id: str
    caps: tuple[str, ...]
    max_level: str
    reasons: tuple[ReasonData, ...]
    provisional: bool = False


class RecommendationData(_Data):
    """A recommendation that fired."""

    id: str
    priority: str
    horizon: str
    factor_id: str | None
    reasons: tuple[ReasonData, ...]


class ResultData(_Data):
    """The core Result, as data."""

    rules: RulesRef
    overall: OverallData
    factors: tuple[FactorData, ...]
    critical_gaps: tuple[GapData, ...]
    recommendations: tuple[RecommendationData, ...]

    @classmethod
    def of(cls, result: core.Result) -> ResultData:
        """The data of a Result (fields the core adds later are kept when this model knows them)."""
        return cls.model_validate(
            {
                "rules": {"id": result.rules_id, "version": result.rules_version, "hash": result.rules_hash},
                "overall": result.overall._asdict(),
                "factors": [{**f._asdict(), "questions": [q._asdict() for q in f.questions]} for f in result.factors],
                "critical_gaps": [
                    {**g._asdict(), "reasons": [r._asdict() for r in g.reasons]} for g in result.critical_gaps
                ],
                "recommendations": [
                    {**r._asdict(), "reasons": [x._asdict() for x in r.reasons]} for r in result.recommendations
                ],
            }
        )

    def to_core(self) -> core.Result:
        """The core's Result, for the explainers and the report."""
        return core.Result(
            self.rules.id,
            self.rules.version,
            self.rules.hash,
            _tuple(core.OverallResult, self.overall.model_dump()),
            tuple(
                _tuple(
                    core.FactorResult,
                    {
                        **f.model_dump(),
                        "questions": tuple(
                            core.QuestionScore(
                                q.id, core.QuestionStatus(q.status), q.points, q.max_points, q.counted, q.has_evidence
                            )
                            for q in f.questions
                        ),
                    },
                )
                for f in self.factors
            ),
            tuple(
                _tuple(core.GapHit, {**g.model_dump(), "reasons": tuple(r.to_core() for r in g.reasons)})
                for g in self.critical_gaps
            ),
            tuple(
                core.FiredRecommendation(
                    r.id, Priority(r.priority), Horizon(r.horizon), r.factor_id, tuple(x.to_core() for x in r.reasons)
                )
                for r in self.recommendations
            ),
        )


def _tuple(kind: Any, data: Mapping[str, Any]) -> Any:
    """A core NamedTuple from data, passing only the fields this version of the core has.

    So a record written when the core had more fields (or fewer, with defaults) still reads.
    """
    fields = {name: data[name] for name in kind._fields if name in data}
    if "range" in fields and isinstance(fields["range"], list):
        fields["range"] = tuple(fields["range"])
    return kind(**fields)


class EvidenceData(_Data):
    """What a respondent cited for an answer."""

    text: str = ""
    link: str = ""


class UnplacedAnswer(_Data):
    """An answer given on an earlier pack version that has no question in this one: kept, not scored."""

    question_id: str
    question_text: str  # in the earlier version's default language, as the respondent saw it
    value: Any = None
    evidence: EvidenceData | None = None
    pack_version: str = ""


class SubjectData(_Data):
    """What was assessed, as the respondent stated it on the start page (see assessor.subject)."""

    system: str = ""
    government_level: str | None = None
    sector: str | None = None

    @classmethod
    def of(cls, subject: Subject) -> SubjectData:
        """The data of a Subject."""
        return cls.model_validate(subject.as_dict())

    def to_subject(self) -> Subject:
        """The Subject (an id this version does not know reads as not stated)."""
        return Subject(self.system, self.government_level, self.sector)


class SubmissionRecord(_Data):
    """What one scoring of an assessment produced, on one pack version.

    `subject` is None in records made before the start page asked for it: an optional key with a
    default, so schema 2 records of either age read alike and the schema version did not change.
    """

    schema_version: Literal[2] = 2  # SCHEMA_VERSION
    rules: RulesRef
    scored_at: datetime | None = None
    language: str
    answers: dict[str, Any]
    evidence: dict[str, EvidenceData]
    result: ResultData
    unplaced: tuple[UnplacedAnswer, ...] = ()
    subject: SubjectData | None = None

    def dump(self) -> dict[str, Any]:
        """JSON-ready data for the database."""
        return self.model_dump(mode="json", exclude_defaults=False)


class LegacyRecordError(ValueError):
    """A stored record whose shape is not one this code knows."""


def upgrade(
    schema_version: int, data: Mapping[str, Any], answers: Mapping[str, Any], evidence: Mapping[str, Any], language: str
) -> SubmissionRecord:
    """A stored record of any known schema version as the current model.

    Schema 1 stored only the result (in every language); its answers are the assessment's rows,
    which cannot change after submission.
    """
    if schema_version == SCHEMA_VERSION:
        return SubmissionRecord.model_validate(data)
    if schema_version != LEGACY_SCHEMA_VERSION:
        raise LegacyRecordError(f"unknown submission record schema version {schema_version}")
    by_language = data.get("by_language") or {}
    if not isinstance(by_language, Mapping) or not by_language:
        raise LegacyRecordError("a schema 1 record without a result")
    one = by_language.get(language) or next(iter(by_language.values()))
    rules = RulesRef.model_validate(one["rules"])
    result = ResultData.model_validate(
        {
            "rules": rules,
            "overall": one["overall"],
            "factors": [
                {
                    **f,
                    "questions": [{**q, "has_evidence": bool(q.get("evidence"))} for q in f["questions"]],
                }
                for f in one["factors"]
            ],
            "critical_gaps": [{**g, "reasons": _legacy_reasons(g["reasons"])} for g in one["critical_gaps"]],
            "recommendations": [
                {**r, "factor_id": r.get("factor"), "reasons": _legacy_reasons(r["reasons"])}
                for r in one["recommendations"]
            ],
        }
    )
    return SubmissionRecord(
        rules=rules,
        language=language,
        answers={qid: value for qid, value in answers.items() if value is not None},
        evidence={qid: EvidenceData.model_validate(item) for qid, item in evidence.items() if item},
        result=result,
    )


def _legacy_reasons(reasons: list[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Reasons as schema 1 wrote them (`Reason.as_dict`) back into kind, subject and value."""
    out: list[dict[str, Any]] = []
    for reason in reasons:
        if "factor" in reason:
            out.append({"kind": "score", "subject": reason["factor"], "value": reason.get("score")})
        elif "overall_score" in reason:
            out.append({"kind": "overall_score", "subject": "overall", "value": reason["overall_score"]})
        elif reason.get("answer") == "dont_know":
            out.append({"kind": "dont_know", "subject": reason["question"], "value": "dont_know"})
        else:
            answer = {"kind": "answer", "subject": reason["question"], "value": reason.get("answer")}
            out.append({**answer, "missing": reason.get("missing", [])})
    return out
