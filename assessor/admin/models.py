"""The admin tables: staff accounts and the append-only audit log of what they did."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, DateTime, ForeignKey, Integer, String, Text, func
from sqlalchemy.orm import Mapped, mapped_column

from assessor.storage.models import Base

VIEWER = "viewer"
EDITOR = "editor"
ADMIN = "admin"
# Lowest first: a role may do everything the roles before it may.
ROLES = (VIEWER, EDITOR, ADMIN)


class UserAccount(Base):
    """A member of the policy team. Officials never have one: they use resume links."""

    __tablename__ = "user_account"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)  # stored lower-cased
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(12))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    # Part of the session's user id: raising it (new password, new role, disabled) ends every session.
    session_version: Mapped[int] = mapped_column(Integer, default=1)
    failed_signins: Mapped[int] = mapped_column(Integer, default=0)
    last_signin_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())

    def may(self, role: str) -> bool:
        """True when this account's role is `role` or above it."""
        return self.active and ROLES.index(self.role) >= ROLES.index(role)


class AuditEvent(Base):
    """Who did what, when, with their note. Rows are only ever added."""

    __tablename__ = "audit_event"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now(), index=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"), nullable=True)
    # Kept as text as well, so the log still reads right for the command line ("cli") and for
    # accounts that were later disabled.
    actor: Mapped[str] = mapped_column(String(254))
    action: Mapped[str] = mapped_column(String(64))  # "user.create", "pack.publish", ...
    subject_type: Mapped[str | None] = mapped_column(String(32), nullable=True)
    subject_id: Mapped[str | None] = mapped_column(String(64), nullable=True)
    note: Mapped[str] = mapped_column(Text, default="")
    detail: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
