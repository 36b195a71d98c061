"""The job tables: the ledger of report jobs, and stored PDFs for deployments with several servers.

Kept apart from assessor.storage.models (same declarative base) so the assessment tables can change
without touching these. Neither table points at `assessment` with a foreign key: a ledger row or a
stored PDF outlives nothing it names for long (retention prunes both), and the job re-reads the
assessment by id when it runs.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, Index, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from assessor.storage.models import Base

QUEUED = "queued"
RUNNING = "running"
DONE = "done"
FAILED = "failed"
REPORT = "report"
BLANK = "blank"
BOOK = "book"  # an admin rule book: one pack version in one language


class ReportJob(Base):
    """One PDF to produce, keyed by what it renders (report_cache_key, or a blank questionnaire's key).

    At most one row per key: a burst of downloads of the same PDF enqueues one job.
    """

    __tablename__ = "report_job"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    kind: Mapped[str] = mapped_column(String(12))  # REPORT, BLANK or BOOK
    assessment_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    language: Mapped[str] = mapped_column(String(12))
    state: Mapped[str] = mapped_column(String(12))  # QUEUED, RUNNING, DONE or FAILED
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    error: Mapped[str | None] = mapped_column(Text, nullable=True)
    enqueued_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    started_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)

    __table_args__ = (Index("ix_report_job_state_started", "state", "started_at"),)


class StoredPDF(Base):
    """A rendered PDF kept in the database (DatabasePDFStore): shared by every app server."""

    __tablename__ = "stored_pdf"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    kind: Mapped[str] = mapped_column(String(12), primary_key=True)
    pdf: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
