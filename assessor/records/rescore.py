"""Rescoring a submitted assessment on another pack version: a new record beside the original, never over it."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from assessor.core.renames import apply_renames
from assessor.core.rulebook import RuleBook
from assessor.records import model
from assessor.records.drift import Drift, drift
from assessor.records.packs import PackCache
from assessor.records.service import ReadRecord, build_record, read_record
from assessor.storage.assessments import original_record
from assessor.storage.db import begin_write
from assessor.storage.models import RESCORE, Assessment, SubmissionRecord


class NotSubmittedError(LookupError):
    """Only a submitted assessment has a result to rescore."""


@dataclass(frozen=True)
class Rescore:
    """The original record, the rescore beside it, and what changed between them."""

    original: ReadRecord
    rescored: ReadRecord
    drift: Drift


def rescore(
    db: Session, cache: PackCache, assessment: Assessment, book: RuleBook, pack_version_id: int
) -> SubmissionRecord:
    """The rescore of the assessment's original answers on `book` (made once per pack version)."""
    # Two tabs asking at once: the second waits for the first's row and then finds it.
    begin_write(db)
    db.execute(select(Assessment.id).where(Assessment.id == assessment.id).with_for_update())
    row = original_record(db, assessment.id)
    if row is None:
        raise NotSubmittedError(assessment.reference)
    existing = db.scalars(
        select(SubmissionRecord).where(
            SubmissionRecord.assessment_id == assessment.id,
            SubmissionRecord.kind == RESCORE,
            SubmissionRecord.pack_version_id == pack_version_id,
        )
    ).first()
    if existing is not None:
        return existing
    original = read_record(db, cache, row, assessment)
    evidence = {qid: e.model_dump() for qid, e in original.record.evidence.items()}
    answers, evidence = apply_renames(book, original.record.answers, evidence)
    # Answers the original kept but could not score come along: the new version may have a home for them.
    for item in original.record.unplaced:
        if item.value is not None:
            answers.setdefault(book.renames.get(item.question_id, item.question_id), item.value)
    record = build_record(db, cache, book, assessment.language, answers, evidence, original.subject)
    new_row = SubmissionRecord(
        assessment_id=assessment.id,
        pack_version_id=pack_version_id,
        kind=RESCORE,
        schema_version=model.SCHEMA_VERSION,
        data=record.dump(),
        based_on_id=row.id,
    )
    db.add(new_row)
    db.commit()
    return new_row


def compare(db: Session, cache: PackCache, assessment: Assessment, rescore_row: SubmissionRecord) -> Rescore:
    """A rescore read back beside the record it was based on, with the drift between them."""
    based_on = db.get(SubmissionRecord, rescore_row.based_on_id) if rescore_row.based_on_id else None
    if based_on is None:
        based_on = original_record(db, assessment.id)
    if based_on is None:
        raise NotSubmittedError(assessment.reference)
    original = read_record(db, cache, based_on, assessment)
    rescored = read_record(db, cache, rescore_row, assessment)
    return Rescore(original, rescored, drift(original.book, original.result, rescored.book, rescored.result))
