"""The one place that builds "the ReportInput for assessment X in language L", for jobs and downloads alike.

It needs a database session, not a Flask request: the worker calls it from a job. It reads the
assessment's stored submission record and the pack version that scored it
(assessor.records.report_input); `book` is the pack the process runs, used only to seed the cache
of packs by hash, never to score.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from assessor.core.rulebook import RuleBook
from assessor.records.packs import PackCache
from assessor.records.report_input import submitted_report_input
from assessor.report.model import ReportInput
from assessor.storage.assessments import load

_caches: dict[str, PackCache] = {}


def report_input(db: Session, assessment_id: int, language: str, *, book: RuleBook) -> ReportInput:
    """What the report shows for the submitted assessment `assessment_id`, in `language`."""
    cache = _caches.setdefault(book.content_hash, PackCache(book))
    return submitted_report_input(db, cache, load(db, assessment_id), language)
