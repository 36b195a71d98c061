"""The database tables: rule pack versions, assessments, their answers (rows with history) and records."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, CheckConstraint, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint, func
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

DRAFT = "draft"
SUBMITTED = "submitted"

# Pack version states: uploaded and checked, put forward for review, approved and published.
PACK_DRAFT = "draft"
PROPOSED = "proposed"
PUBLISHED = "published"

# What a submission record is: the result that froze the assessment, or a rescore stored beside it.
ORIGINAL = "original"
RESCORE = "rescore"


class Base(DeclarativeBase):
    """Declarative base for assessor's tables."""


class PackVersion(Base):
    """One rule pack as loaded by the app or the CLI, stored once by its content hash.

    `files` holds the pack's YAML files by relative path, so a submitted assessment can always be
    shown with the pack that scored it, whatever the server runs now. It is None only for packs
    that assessments named before versions were stored (migration 0002) and nobody has loaded since.
    """

    __tablename__ = "pack_version"
    __table_args__ = (
        UniqueConstraint("pack_id", "version", name="uq_pack_version_pack_id_version"),
        CheckConstraint("state IN ('draft', 'proposed', 'published')", name="ck_pack_version_state"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    pack_id: Mapped[str] = mapped_column(String(64))
    version: Mapped[str] = mapped_column(String(40))
    content_hash: Mapped[str] = mapped_column(String(64), unique=True)
    files: Mapped[dict[str, str] | None] = mapped_column(JSON, nullable=True)
    loaded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    # draft -> proposed -> published (see assessor.records.publishing); a pack an app ran is published.
    state: Mapped[str] = mapped_column(String(12), default=PUBLISHED, server_default=PUBLISHED)
    note: Mapped[str] = mapped_column(Text, default="", server_default="")
    created_by: Mapped[str] = mapped_column(String(254), default="", server_default="")
    proposed_by: Mapped[str | None] = mapped_column(String(254), nullable=True)
    approved_by: Mapped[str | None] = mapped_column(String(254), nullable=True)
    published_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class ActivePack(Base):
    """The one pack version new assessments start on (a single row, id 1); every app server polls it."""

    __tablename__ = "active_pack"
    __table_args__ = (CheckConstraint("id = 1", name="ck_active_pack_one_row"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    pack_version_id: Mapped[int] = mapped_column(ForeignKey("pack_version.id"))
    changed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    changed_by: Mapped[str] = mapped_column(String(254), default="", server_default="")


class Assessment(Base):
    """One government's assessment: who, in which language, which pack version, and its status."""

    __tablename__ = "assessment"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # A short, non-secret reference printed on reports ("A-7F3K2Q"); the resume token is separate.
    reference: Mapped[str] = mapped_column(String(16), unique=True)
    # SHA-256 of the secret resume token: the token itself is never stored.
    token_hash: Mapped[str] = mapped_column(String(64), unique=True, index=True)
    organisation: Mapped[str] = mapped_column(String(200))
    country: Mapped[str] = mapped_column(String(100))
    role: Mapped[str | None] = mapped_column(String(200), nullable=True)
    # The subject (see assessor.subject): the system or product assessed, as typed ("" when not
    # named), the level of government and the sector, as ids (None when not stated).
    system_name: Mapped[str] = mapped_column(String(200), default="", server_default="")
    government_level: Mapped[str | None] = mapped_column(String(20), nullable=True)
    sector: Mapped[str | None] = mapped_column(String(40), nullable=True)
    language: Mapped[str] = mapped_column(String(12))
    status: Mapped[str] = mapped_column(String(12), default=DRAFT)
    # The pack version the answers were given against; once submitted, the one that scored them.
    pack_version_id: Mapped[int] = mapped_column(ForeignKey("pack_version.id"))
    copied_from_id: Mapped[int | None] = mapped_column(ForeignKey("assessment.id"), nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), onupdate=func.now()
    )
    submitted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)

    @property
    def is_submitted(self) -> bool:
        """True once submitted: the assessment is then read-only."""
        return self.status == SUBMITTED


class Answer(Base):
    """One question's answer and evidence in one assessment; `version` counts its changes.

    A cleared answer keeps its row (value and evidence None) so its version and history go on.
    """

    __tablename__ = "answer"

    assessment_id: Mapped[int] = mapped_column(ForeignKey("assessment.id", ondelete="CASCADE"), primary_key=True)
    question_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[Any] = mapped_column(JSON, nullable=True)
    evidence: Mapped[dict[str, str] | None] = mapped_column(JSON, nullable=True)
    version: Mapped[int] = mapped_column(Integer, default=1)
    changed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    # A non-secret hash of the browser session that made the change (see web.security.session_marker).
    changed_by: Mapped[str] = mapped_column(String(64), default="")


class AnswerChange(Base):
    """Every change to an answer or its evidence, kept: who, when, what it was, what it became."""

    __tablename__ = "answer_change"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    assessment_id: Mapped[int] = mapped_column(ForeignKey("assessment.id", ondelete="CASCADE"), index=True)
    question_id: Mapped[str] = mapped_column(String(64))
    old_value: Mapped[Any] = mapped_column(JSON, nullable=True)
    new_value: Mapped[Any] = mapped_column(JSON, nullable=True)
    old_evidence: Mapped[dict[str, str] | None] = mapped_column(JSON, nullable=True)
    new_evidence: Mapped[dict[str, str] | None] = mapped_column(JSON, nullable=True)
    changed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    changed_by: Mapped[str] = mapped_column(String(64), default="")
    # Why, when not the respondent: "moved" (a pack move carried it over a rename), "migrated".
    note: Mapped[str | None] = mapped_column(String(40), nullable=True)


class SubmissionRecord(Base):
    """A scored result of an assessment on one pack version: the original, or a rescore beside it.

    `data` is a `assessor.records.model.SubmissionRecord` dumped as JSON; `schema_version` says
    which shape it has, so older records are upgraded when read.
    """

    __tablename__ = "submission_record"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    assessment_id: Mapped[int] = mapped_column(ForeignKey("assessment.id", ondelete="CASCADE"), index=True)
    pack_version_id: Mapped[int] = mapped_column(ForeignKey("pack_version.id"))
    kind: Mapped[str] = mapped_column(String(12))
    schema_version: Mapped[int] = mapped_column(Integer)
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    # For a rescore: which record it was compared with.
    based_on_id: Mapped[int | None] = mapped_column(ForeignKey("submission_record.id"), nullable=True)
    note: Mapped[str | None] = mapped_column(Text, nullable=True)
