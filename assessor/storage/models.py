"""The database tables: an assessment, its answers and evidence, and the rule pack it was scored with."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, DateTime, ForeignKey, Integer, String, func
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

DRAFT = "draft"
SUBMITTED = "submitted"


class Base(DeclarativeBase):
    """Declarative base for assessor's tables."""


class Assessment(Base):
    """One government's assessment: who, in which language, the answers so far, and its status."""

    __tablename__ = "assessment"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # A short, non-secret reference printed on reports ("A-7F3K2Q"); the resume token is separate.
    reference: Mapped[str] = mapped_column(String(16), unique=True)
    # SHA-256 of the secret resume token: the token itself is never stored.
    token_hash: Mapped[str] = mapped_column(String(64), unique=True, index=True)
    organisation: Mapped[str] = mapped_column(String(200))
    country: Mapped[str] = mapped_column(String(100))
    role: Mapped[str | None] = mapped_column(String(200), nullable=True)
    language: Mapped[str] = mapped_column(String(12))
    status: Mapped[str] = mapped_column(String(12), default=DRAFT)
    answers: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    evidence: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    # The rule pack the answers were given against, and, once submitted, the result it produced.
    rules_id: Mapped[str] = mapped_column(String(64))
    rules_version: Mapped[str] = mapped_column(String(40))
    rules_hash: Mapped[str] = mapped_column(String(64))
    result: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
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
