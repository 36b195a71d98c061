"""Submitted assessments as the policy team reads them: the admin area's only query on assessment storage.

It reads each assessment's own submission record and pinned pack version (assessor.records); this
module is the one place that knows how. Everything else in the admin
area takes the plain `SubmittedAssessment` rows it returns, never ORM objects.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from assessor.storage.models import SUBMITTED, Assessment, PackVersion

# A page of the list; exports take every match up to EXPORT_LIMIT.
PAGE_SIZE = 200
EXPORT_LIMIT = 50_000


@dataclass(frozen=True)
class AssessmentFilter:
    """What to look for; empty fields match everything."""

    country: str = ""
    organisation: str = ""
    level: str = ""
    submitted_from: date | None = None
    submitted_to: date | None = None
    rules_version: str = ""


@dataclass(frozen=True)
class SubmittedAssessment:
    """One submitted assessment and the result it was scored to, in one language."""

    reference: str
    organisation: str
    country: str
    language: str
    submitted_at: datetime | None
    rules_id: str
    rules_version: str
    rules_hash: str
    overall_score: float | None
    overall_level: str | None
    factor_levels: dict[str, str | None] = field(default_factory=dict)
    factor_scores: dict[str, float | None] = field(default_factory=dict)
    result: dict[str, Any] = field(default_factory=dict)
    answers: dict[str, Any] = field(default_factory=dict)
    evidence: dict[str, Any] = field(default_factory=dict)
    # What was assessed (system, government_level, sector), as the record keeps it.
    subject: dict[str, str | None] = field(default_factory=dict)


def _row(db: Session, assessment: Assessment, language: str) -> SubmittedAssessment:
    """The assessment as its own submission record and pinned pack version say (never the live pack)."""
    from assessor.core.explain import result_to_dict
    from assessor.records.live import pack_cache
    from assessor.records.packs import PackUnavailableError
    from assessor.records.service import assessment_subject, read_record
    from assessor.storage.assessments import original_record

    stored = original_record(db, assessment.id)
    version = db.get(PackVersion, assessment.pack_version_id)
    result: dict[str, Any] = {}
    answers: dict[str, Any] = {}
    evidence: dict[str, Any] = {}
    subject = assessment_subject(assessment)
    if stored is not None:
        try:
            read = read_record(db, pack_cache(), stored, assessment)
        except PackUnavailableError:
            read = None  # a pack version assessments named before versions were stored, never loaded since
        if read is not None:
            subject = read.subject
            result = result_to_dict(read.book, read.result, language, subject.system_name)
            answers = dict(read.record.answers)
            evidence = {qid: e.model_dump() for qid, e in read.record.evidence.items()}
    overall = result.get("overall", {})
    factors = result.get("factors", [])
    return SubmittedAssessment(
        reference=assessment.reference,
        organisation=assessment.organisation,
        country=assessment.country,
        language=assessment.language,
        submitted_at=assessment.submitted_at,
        rules_id=version.pack_id if version is not None else "",
        rules_version=version.version if version is not None else "",
        rules_hash=version.content_hash if version is not None else "",
        overall_score=overall.get("score"),
        overall_level=overall.get("level"),
        factor_levels={f["id"]: f.get("level") for f in factors},
        factor_scores={f["id"]: f.get("score") for f in factors},
        result=result,
        answers=answers,
        evidence=evidence,
        subject=subject.as_dict(),
    )


def find_submitted(
    db: Session, wanted: AssessmentFilter, language: str, limit: int = PAGE_SIZE
) -> Sequence[SubmittedAssessment]:
    """Submitted assessments matching `wanted`, newest first, with results in `language`."""
    query = select(Assessment).where(Assessment.status == SUBMITTED)
    if wanted.country.strip():
        query = query.where(func.lower(Assessment.country) == wanted.country.strip().lower())
    if wanted.organisation.strip():
        # LIKE wildcards typed into the box are matched literally.
        needle = wanted.organisation.strip().lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        query = query.where(func.lower(Assessment.organisation).like(f"%{needle}%", escape="\\"))
    if wanted.rules_version.strip():
        query = query.join(PackVersion, PackVersion.id == Assessment.pack_version_id).where(
            PackVersion.version == wanted.rules_version.strip()
        )
    if wanted.submitted_from is not None:
        query = query.where(Assessment.submitted_at >= datetime.combine(wanted.submitted_from, time.min))
    if wanted.submitted_to is not None:
        query = query.where(
            Assessment.submitted_at < datetime.combine(wanted.submitted_to + timedelta(days=1), time.min)
        )
    query = query.order_by(Assessment.submitted_at.desc(), Assessment.id.desc())
    rows: list[SubmittedAssessment] = []
    # The level lives inside the stored result, so it is filtered here, after the database's filters.
    for assessment in db.scalars(query.execution_options(yield_per=500)):
        row = _row(db, assessment, language)
        if wanted.level and row.overall_level != wanted.level:
            continue
        rows.append(row)
        if len(rows) >= limit:
            break
    return rows


def get_submitted(db: Session, reference: str, language: str) -> SubmittedAssessment | None:
    """The submitted assessment with this reference, if any."""
    assessment = db.scalars(
        select(Assessment).where(Assessment.reference == reference, Assessment.status == SUBMITTED)
    ).first()
    return _row(db, assessment, language) if assessment is not None else None


def filter_choices(db: Session) -> tuple[list[str], list[str]]:
    """The countries and pack versions that submitted assessments have, for the filter form."""
    countries = db.scalars(
        select(Assessment.country).where(Assessment.status == SUBMITTED).distinct().order_by(Assessment.country)
    ).all()
    versions = db.scalars(
        select(PackVersion.version)
        .join(Assessment, Assessment.pack_version_id == PackVersion.id)
        .where(Assessment.status == SUBMITTED)
        .distinct()
        .order_by(PackVersion.version)
    ).all()
    return list(countries), list(versions)
