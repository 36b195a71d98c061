"""Creating, finding and saving assessments; each change is one transaction."""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Engine, bindparam, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from assessor.core.rulebook import RuleBook
from assessor.storage.models import DRAFT, SUBMITTED, Assessment

# 32 random bytes: 256 bits, well past the 128 the design asks for.
TOKEN_BYTES = 32
_REFERENCE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I to misread on paper


class AssessmentLockedError(Exception):
    """A submitted assessment was asked to change."""


def hash_token(token: str) -> str:
    """The stored form of a resume token.

    A plain SHA-256 is enough here: the token has 256 bits of randomness, so there is nothing to
    brute-force that a slow hash would protect.
    """
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def new_token() -> str:
    """A fresh secret resume token."""
    return secrets.token_urlsafe(TOKEN_BYTES)


def _new_reference() -> str:
    return "A-" + "".join(secrets.choice(_REFERENCE_ALPHABET) for _ in range(6))


def create(
    db: Session,
    book: RuleBook,
    *,
    organisation: str,
    country: str,
    role: str | None,
    language: str,
    answers: Mapping[str, Any] | None = None,
    evidence: Mapping[str, Any] | None = None,
    copied_from: Assessment | None = None,
) -> tuple[Assessment, str]:
    """A new draft assessment and its resume token (shown once, never stored)."""
    for _attempt in range(5):
        token = new_token()
        assessment = Assessment(
            reference=_new_reference(),
            token_hash=hash_token(token),
            organisation=organisation,
            country=country,
            role=role or None,
            language=language,
            status=DRAFT,
            answers=dict(answers or {}),
            evidence=dict(evidence or {}),
            rules_id=book.id,
            rules_version=book.version,
            rules_hash=book.content_hash,
            copied_from_id=copied_from.id if copied_from is not None else None,
        )
        try:
            with db.begin_nested():
                db.add(assessment)
            db.commit()
            return assessment, token
        except IntegrityError:
            # A reference collision (1 in a billion per pair): draw another.
            continue
    raise RuntimeError("could not allocate a unique assessment reference")


def find(db: Session, token: str) -> Assessment | None:
    """The assessment a resume token opens, if any."""
    if not token or len(token) > 100:
        return None
    return db.scalars(_BY_TOKEN_HASH, {"token_hash": hash_token(token)}).first()


@dataclass(frozen=True)
class AnswerState:
    """What a questionnaire page reads of an assessment: no more, and not an ORM object.

    The factor page is the most requested page of all (every save redirects to one); loading the
    full ORM object for it cost more than the rest of the page (bench/load_bench.py).
    """

    id: int
    status: str
    language: str
    answers: dict[str, Any]
    evidence: dict[str, Any]

    @property
    def is_submitted(self) -> bool:
        """True once submitted: the assessment is then read-only."""
        return self.status == SUBMITTED

    @classmethod
    def of(cls, assessment: Assessment) -> AnswerState:
        """The state of an assessment already loaded."""
        return cls(
            assessment.id,
            assessment.status,
            assessment.language,
            assessment.answers or {},
            assessment.evidence or {},
        )


def find_state(engine: Engine, token: str) -> AnswerState | None:
    """`find`, for pages that only read answers: the same lookup without an ORM session's cost."""
    if not token or len(token) > 100:
        return None
    with engine.connect() as connection:
        row = connection.execute(_STATE_BY_TOKEN_HASH, {"token_hash": hash_token(token)}).first()
    if row is None:
        return None
    return AnswerState(row.id, row.status, row.language, row.answers or {}, row.evidence or {})


def load(db: Session, assessment_id: int) -> Assessment:
    """The full assessment by id (after `find_state`), for pages that show or change more."""
    assessment = db.get(Assessment, assessment_id)
    if assessment is None:
        raise LookupError(f"assessment {assessment_id} has gone")
    return assessment


# Built once: these run on every questionnaire request, and building a statement cost as much as running it.
_BY_TOKEN_HASH = select(Assessment).where(Assessment.token_hash == bindparam("token_hash"))
_STATE_BY_TOKEN_HASH = select(
    Assessment.id, Assessment.status, Assessment.language, Assessment.answers, Assessment.evidence
).where(Assessment.token_hash == bindparam("token_hash"))


def save_page(
    db: Session,
    assessment: Assessment,
    book: RuleBook,
    answers: Mapping[str, Any],
    evidence: Mapping[str, Mapping[str, str] | None],
) -> None:
    """Save one page's answers and evidence in one transaction.

    A value of None removes an answer (the respondent cleared it); evidence of None removes it.
    The assessment moves to the current rule pack: the answers were given against it.
    """
    if assessment.is_submitted:
        raise AssessmentLockedError(assessment.reference)
    merged = dict(assessment.answers or {})
    for qid, value in answers.items():
        if value is None:
            merged.pop(qid, None)
        else:
            merged[qid] = list(value) if isinstance(value, tuple) else value
    merged_evidence = dict(assessment.evidence or {})
    for qid, item in evidence.items():
        if item is None:
            merged_evidence.pop(qid, None)
        else:
            merged_evidence[qid] = dict(item)
    # Assign new objects: SQLAlchemy notices replaced JSON values, not mutated ones.
    assessment.answers = merged
    assessment.evidence = merged_evidence
    assessment.rules_id, assessment.rules_version, assessment.rules_hash = book.id, book.version, book.content_hash
    db.commit()


def set_language(db: Session, assessment: Assessment, language: str) -> None:
    """Change the assessment's language (pages and report)."""
    assessment.language = language
    db.commit()


def submit(db: Session, assessment: Assessment, book: RuleBook, result: Mapping[str, Any]) -> None:
    """Freeze the assessment with the result it was scored to."""
    if assessment.is_submitted:
        raise AssessmentLockedError(assessment.reference)
    assessment.status = SUBMITTED
    assessment.result = dict(result)
    assessment.rules_id, assessment.rules_version, assessment.rules_hash = book.id, book.version, book.content_hash
    assessment.submitted_at = datetime.now(UTC)
    db.commit()
