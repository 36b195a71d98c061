"""The one place that builds "the ReportInput for assessment X in language L", for jobs and downloads alike.

It needs a database session, not a Flask request: the worker calls it from a job. Today it scores
the stored answers against the rule pack it is given (the app's current pack); when assessments
keep a submission record pinned to its pack version, this function is what changes.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from assessor.core.rulebook import RuleBook
from assessor.core.scoring import score
from assessor.report.model import ReportInput
from assessor.storage.assessments import load
from assessor.web.answers import stored_answers


def report_input(db: Session, assessment_id: int, language: str, *, book: RuleBook) -> ReportInput:
    """What the report shows for the submitted assessment `assessment_id`, in `language`."""
    assessment = load(db, assessment_id)
    answers, _set_aside = stored_answers(book, assessment)
    submitted = assessment.submitted_at or assessment.updated_at
    return ReportInput(
        organisation=assessment.organisation,
        country=assessment.country,
        respondent_role=assessment.role or "",
        language=language,
        assessment_date=submitted.date(),
        reference=assessment.reference,
        book=book,
        answers=answers,
        result=score(book, answers),
    )
