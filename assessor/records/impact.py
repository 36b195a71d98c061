"""Impact preview: what a draft pack version would change for the assessments already submitted.

Every submitted assessment (or those a filter keeps) is scored again on the draft from its original
record's answers, exactly as a rescore would (renames applied, unplaced answers offered again),
and compared with the original by `drift`. Nothing is stored: a preview is for deciding.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from assessor.core.answers import validate_answers
from assessor.core.renames import apply_renames
from assessor.core.rulebook import RuleBook
from assessor.core.scoring import score
from assessor.records.drift import Drift, drift
from assessor.records.packs import PackCache
from assessor.records.service import read_record
from assessor.storage.models import ORIGINAL, SUBMITTED, Assessment, SubmissionRecord


@dataclass(frozen=True)
class ImpactFilter:
    """Which submitted assessments to preview: by country, submission date and pack version."""

    country: str | None = None
    submitted_from: datetime | None = None
    submitted_to: datetime | None = None
    pack_version_id: int | None = None


@dataclass(frozen=True)
class AssessmentImpact:
    """One assessment's drift on the draft."""

    reference: str
    country: str
    drift: Drift


@dataclass
class Impact:
    """Per assessment and in aggregate: level moves, score deltas per factor, recommendations gained/lost."""

    draft_version: str
    items: list[AssessmentImpact] = field(default_factory=list)

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
            "level_changes": sum(1 for i in self.items if i.drift.levels[0].old_level != i.drift.levels[0].new_level),
            "overall_moves": [
                {"old": o, "new": n, "count": c} for (o, n), c in sorted(self.overall_moves.items(), key=str)
            ],
            "mean_score_delta": self.factor_deltas(),
            "recommendations_gained": dict(gained),
            "recommendations_lost": dict(lost),
            "by_assessment": [
                {"reference": i.reference, "country": i.country, "drift": i.drift.as_dict()} for i in self.items
            ],
        }


def preview(db: Session, cache: PackCache, draft: RuleBook, which: ImpactFilter | None = None) -> Impact:
    """Score every (filtered) submitted assessment on `draft` and compare with its original record."""
    which = which or ImpactFilter()
    query = (
        select(Assessment, SubmissionRecord)
        .join(SubmissionRecord, SubmissionRecord.assessment_id == Assessment.id)
        .where(Assessment.status == SUBMITTED, SubmissionRecord.kind == ORIGINAL)
        .order_by(Assessment.id)
    )
    if which.country:
        query = query.where(Assessment.country == which.country)
    if which.submitted_from:
        query = query.where(Assessment.submitted_at >= which.submitted_from)
    if which.submitted_to:
        query = query.where(Assessment.submitted_at <= which.submitted_to)
    if which.pack_version_id:
        query = query.where(SubmissionRecord.pack_version_id == which.pack_version_id)
    impact = Impact(draft_version=draft.version)
    for assessment, row in db.execute(query).all():
        original = read_record(db, cache, row, assessment)
        evidence = {qid: e.model_dump() for qid, e in original.record.evidence.items()}
        answers, evidence = apply_renames(draft, original.record.answers, evidence)
        for item in original.record.unplaced:
            if item.value is not None:
                answers.setdefault(draft.renames.get(item.question_id, item.question_id), item.value)
        validated, _problems = validate_answers(draft, answers, evidence)
        new_result = score(draft, validated)
        impact.items.append(
            AssessmentImpact(
                assessment.reference, assessment.country, drift(original.book, original.result, draft, new_result)
            )
        )
    return impact
