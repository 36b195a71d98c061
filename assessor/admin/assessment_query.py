"""Submitted assessments as the policy team reads them: the admin area's only query on assessment storage.

Storage is being rewritten; this module is the one place to adapt. Everything else in the admin
area takes the plain `SubmittedAssessment` rows it returns, never ORM objects.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from assessor.storage.models import SUBMITTED, Assessment

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


def _result_in(stored: dict[str, Any] | None, language: str, own: str) -> dict[str, Any]:
    by_language = (stored or {}).get("by_language", {})
    found: Any = by_language.get(language) or by_language.get(own) or next(iter(by_language.values()), {})
    return found if isinstance(found, dict) else {}


def _row(assessment: Assessment, language: str) -> SubmittedAssessment:
    result = _result_in(assessment.result, language, assessment.language)
    overall = result.get("overall", {})
    factors = result.get("factors", [])
    return SubmittedAssessment(
        reference=assessment.reference,
        organisation=assessment.organisation,
        country=assessment.country,
        language=assessment.language,
        submitted_at=assessment.submitted_at,
        rules_id=assessment.rules_id,
        rules_version=assessment.rules_version,
        rules_hash=assessment.rules_hash,
        overall_score=overall.get("score"),
        overall_level=overall.get("level"),
        factor_levels={f["id"]: f.get("level") for f in factors},
        factor_scores={f["id"]: f.get("score") for f in factors},
        result=result,
        answers=dict(assessment.answers or {}),
        evidence=dict(assessment.evidence or {}),
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
        query = query.where(Assessment.rules_version == wanted.rules_version.strip())
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
        row = _row(assessment, language)
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
    return _row(assessment, language) if assessment is not None else None


def filter_choices(db: Session) -> tuple[list[str], list[str]]:
    """The countries and pack versions that submitted assessments have, for the filter form."""
    countries = db.scalars(
        select(Assessment.country).where(Assessment.status == SUBMITTED).distinct().order_by(Assessment.country)
    ).all()
    versions = db.scalars(
        select(Assessment.rules_version)
        .where(Assessment.status == SUBMITTED)
        .distinct()
        .order_by(Assessment.rules_version)
    ).all()
    return list(countries), list(versions)
