"""The one way to make a report of a submitted assessment: from its stored record and pinned pack.

The web download and the report job both call `submitted_report_input`; nothing here scores again
or reads the live pack, so the PDF says what the result page says, whatever the server runs now.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from assessor.records.packs import PackCache
from assessor.records.service import ReadRecord, read_record
from assessor.report import ReportInput
from assessor.storage import answer_rows
from assessor.storage.assessments import original_record
from assessor.storage.models import Assessment, SubmissionRecord


class NotSubmittedError(LookupError):
    """A report was asked for an assessment that has no submission record."""


def submitted_report_input(
    db: Session, cache: PackCache, assessment: Assessment, language: str, record: SubmissionRecord | None = None
) -> ReportInput:
    """The report of a submitted assessment (its original record unless another is named)."""
    row = record if record is not None else original_record(db, assessment.id)
    if row is None:
        raise NotSubmittedError(assessment.reference)
    read = read_record(db, cache, row, assessment)
    return report_input_of(db, assessment, read, language)


def report_input_of(db: Session, assessment: Assessment, read: ReadRecord, language: str) -> ReportInput:
    """The ReportInput for one record read back."""
    submitted = assessment.submitted_at or assessment.updated_at
    return ReportInput(
        organisation=assessment.organisation,
        country=assessment.country,
        respondent_role=assessment.role or "",
        language=language,
        assessment_date=submitted.date(),
        reference=assessment.reference,
        book=read.book,
        answers=read.answers,
        result=read.result,
        history=tuple(entry.as_dict() for entry in answer_rows.history(db, assessment.id)),
        unplaced=tuple(u.model_dump(mode="json") for u in read.record.unplaced),
        subject=read.subject,
    )
