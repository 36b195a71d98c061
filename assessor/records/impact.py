"""Impact preview: what a draft pack version would change for the assessments already submitted.

Every submitted assessment (or those a filter keeps) is scored again on the draft from its original
record's answers, exactly as a rescore would (renames applied, unplaced answers offered again),
and compared with the original by `drift`. Nothing is stored: a preview is for deciding.

It reads thousands of records, so it reads them in one query as JSON text and decodes only the
answers and the result's figures (`stored_figures`); the pack-level changes are worked out once per
pack version, and the draft is scored by the pure core. Records of the first schema, which keep their
answers in the answer rows, take the full path (`service.read_record`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import Text, cast, func, select
from sqlalchemy.orm import Session

from assessor.core.answers import Answers, Evidence, validate_answers
from assessor.core.renames import apply_renames
from assessor.core.rulebook import RuleBook
from assessor.core.scoring import score
from assessor.gcpause import cyclic_gc_paused
from assessor.records import model
from assessor.records.drift import Drift, LevelMove, Outcome, PackChanges, compare, pack_changes
from assessor.records.packs import PackCache, pack_version
from assessor.records.service import read_record
from assessor.records.stored_figures import read_figures
from assessor.storage.models import ORIGINAL, SUBMITTED, Assessment, SubmissionRecord


@dataclass(frozen=True)
class ImpactFilter:
    """Which submitted assessments to preview: by country, submission day (both ends included) and pack version."""

    country: str | None = None
    submitted_from: date | None = None
    submitted_to: date | None = None
    pack_version_id: int | None = None


@dataclass(frozen=True)
class AssessmentImpact:
    """One assessment's drift on the draft."""

    reference: str
    country: str
    drift: Drift
    organisation: str = ""
    submitted_at: datetime | None = None

    @property
    def overall(self) -> LevelMove:
        """The overall score and level, before and after."""
        return self.drift.levels[0]

    @property
    def level_changed(self) -> bool:
        """True when the overall level differs on the draft."""
        return self.overall.old_level != self.overall.new_level


@dataclass
class Impact:
    """Per assessment and in aggregate: level moves, score deltas per factor, recommendations gained/lost."""

    draft_version: str
    items: list[AssessmentImpact] = field(default_factory=list)

    @property
    def level_changes(self) -> int:
        """How many assessments change overall level."""
        return sum(1 for item in self.items if item.level_changed)

    @property
    def overall_moves(self) -> Counter[tuple[str | None, str | None]]:
        """How many assessments moved from one overall level to another (unchanged ones included)."""
        return Counter((d.drift.levels[0].old_level, d.drift.levels[0].new_level) for d in self.items)

    def factor_deltas(self) -> dict[str, float]:
        """The mean score change per factor (and overall) across the previewed assessments."""
        sums: dict[str, float] = {}
        counts: Counter[str] = Counter()
        for item in self.items:
            for move in item.drift.levels:
                if move.old_score is not None and move.new_score is not None:
                    sums[move.subject] = sums.get(move.subject, 0.0) + move.new_score - move.old_score
                    counts[move.subject] += 1
        return {subject: round(total / counts[subject], 2) for subject, total in sums.items()}

    def recommendations(self) -> tuple[Counter[str], Counter[str]]:
        """How many assessments gain, and lose, each recommendation."""
        gained: Counter[str] = Counter()
        lost: Counter[str] = Counter()
        for item in self.items:
            gained.update(item.drift.recommendations_gained)
            lost.update(item.drift.recommendations_lost)
        return gained, lost

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready, for `assessor rules impact --json`."""
        gained, lost = self.recommendations()
        return {
            "draft_version": self.draft_version,
            "assessments": len(self.items),
            "level_changes": self.level_changes,
            "overall_moves": [
                {"old": o, "new": n, "count": c} for (o, n), c in sorted(self.overall_moves.items(), key=str)
            ],
            "mean_score_delta": self.factor_deltas(),
            "recommendations_gained": dict(gained),
            "recommendations_lost": dict(lost),
            "by_assessment": [
                {
                    "reference": i.reference,
                    "organisation": i.organisation,
                    "country": i.country,
                    "drift": i.drift.as_dict(),
                }
                for i in self.items
            ],
        }


def preview(db: Session, cache: PackCache, draft: RuleBook, which: ImpactFilter | None = None) -> Impact:
    """Score every (filtered) submitted assessment on `draft` and compare with its original record."""
    with cyclic_gc_paused():
        return _preview(db, cache, draft, which or ImpactFilter())


def _preview(db: Session, cache: PackCache, draft: RuleBook, which: ImpactFilter) -> Impact:
    impact = Impact(draft_version=draft.version)
    changes: dict[int, PackChanges] = {}
    for row in db.execute(_query(which)):
        assessment_id, reference, organisation, country, submitted_at, version_id, schema_version, text = row
        if version_id not in changes:
            changes[version_id] = pack_changes(cache.book(pack_version(db, version_id)), draft)
        if schema_version == model.SCHEMA_VERSION:
            figures = read_figures(text)
            old = figures.outcome()
            answers, evidence = apply_renames(draft, figures.answers, figures.evidence)
            unplaced = figures.unplaced_values()
        else:
            old, answers, evidence, unplaced = _from_full_record(db, cache, draft, assessment_id)
        for question_id, value in unplaced:
            if value is not None:
                answers.setdefault(draft.renames.get(question_id, question_id), value)
        new = Outcome.of(score(draft, _validated(draft, answers, evidence)))
        impact.items.append(
            AssessmentImpact(
                reference, country, compare(changes[version_id], old, new), organisation or "", submitted_at
            )
        )
    return impact


def _validated(draft: RuleBook, answers: dict[str, Any], evidence: dict[str, Any]) -> Answers:
    """The answers checked against the draft; the evidence kept where the draft has the question.

    Stored evidence was cleaned and checked when the record was made, and scoring reads only which
    questions have some: re-checking every text, or even making an Evidence of each, would cost more
    than the scoring itself and change nothing.
    """
    validated, _problems = validate_answers(draft, answers)
    questions = draft.questions
    # A record keeps only evidence that was given (see service.build_record): no need to look again.
    given = {qid: item for qid, item in evidence.items() if qid in questions and isinstance(item, dict)}
    return Answers(validated.values, StoredEvidence(given))


class StoredEvidence(Mapping[str, Evidence]):
    """A record's evidence by question id, each made an Evidence only when it is read."""

    def __init__(self, items: dict[str, dict[str, Any]]) -> None:
        self._items = items

    def __getitem__(self, question_id: str) -> Evidence:
        item = self._items[question_id]
        return Evidence(text=item.get("text") or "", link=item.get("link") or "")

    def __contains__(self, question_id: object) -> bool:
        return question_id in self._items

    def __iter__(self) -> Iterator[str]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)


def count_submitted(db: Session, which: ImpactFilter | None = None) -> int:
    """How many submitted assessments a preview with this filter would score."""
    query = _query(which or ImpactFilter()).subquery()
    return int(db.scalar(select(func.count()).select_from(query)) or 0)


def _query(which: ImpactFilter) -> Any:
    # The record as text: the database hands it over as stored, and only the parts needed are decoded.
    query = (
        select(
            Assessment.id,
            Assessment.reference,
            Assessment.organisation,
            Assessment.country,
            Assessment.submitted_at,
            SubmissionRecord.pack_version_id,
            SubmissionRecord.schema_version,
            cast(SubmissionRecord.data, Text),
        )
        .join(SubmissionRecord, SubmissionRecord.assessment_id == Assessment.id)
        .where(Assessment.status == SUBMITTED, SubmissionRecord.kind == ORIGINAL)
        .order_by(Assessment.id)
    )
    if which.country:
        query = query.where(func.lower(Assessment.country) == which.country.strip().lower())
    if which.submitted_from:
        query = query.where(Assessment.submitted_at >= datetime.combine(which.submitted_from, time.min))
    if which.submitted_to:
        day_after = which.submitted_to + timedelta(days=1)
        query = query.where(Assessment.submitted_at < datetime.combine(day_after, time.min))
    if which.pack_version_id:
        query = query.where(SubmissionRecord.pack_version_id == which.pack_version_id)
    return query


def _from_full_record(
    db: Session, cache: PackCache, draft: RuleBook, assessment_id: int
) -> tuple[Outcome, dict[str, Any], dict[str, Any], list[tuple[str, Any]]]:
    """An older record read whole, upgraded to the current shape (its answers come from the answer rows)."""
    assessment = db.get(Assessment, assessment_id)
    row = db.scalars(
        select(SubmissionRecord).where(
            SubmissionRecord.assessment_id == assessment_id, SubmissionRecord.kind == ORIGINAL
        )
    ).first()
    # The query that named it found both.
    assert assessment is not None
    assert row is not None
    original = read_record(db, cache, row, assessment)
    evidence = {qid: e.model_dump() for qid, e in original.record.evidence.items()}
    answers, evidence = apply_renames(draft, original.record.answers, evidence)
    unplaced = [(item.question_id, item.value) for item in original.record.unplaced]
    return Outcome.of(original.result), answers, evidence, unplaced
