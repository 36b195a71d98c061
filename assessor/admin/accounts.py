"""Staff accounts: create, list, change role, disable, and check a password at sign-in.

Passwords are hashed with Argon2id (argon2-cffi). Nothing here knows about Flask: callers hand
in the database session and the hasher, so the CLI and the web share one set of rules.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from assessor.admin.models import ROLES, AuditEvent, UserAccount

MIN_PASSWORD_LENGTH = 12
MAX_PASSWORD_LENGTH = 1024  # Argon2 takes any length; this only bounds the work a request can ask for
# Deliberately loose: the address is a sign-in name, never mailed by the app.
_EMAIL = re.compile(r"^[^@\s]{1,64}@[^@\s]{1,189}\.[^@\s]{1,63}$")


class AccountError(ValueError):
    """A request about accounts that cannot be done, with the reason in plain words."""


def make_hasher(time_cost: int = 3, memory_cost: int = 65536, parallelism: int = 4) -> PasswordHasher:
    """An Argon2id hasher; argon2-cffi's defaults (t=3, 64 MiB, p=4) unless told otherwise."""
    return PasswordHasher(time_cost=time_cost, memory_cost=memory_cost, parallelism=parallelism)


def normalise_email(email: str) -> str:
    """The address as stored and looked up: trimmed and lower-cased."""
    return email.strip().lower()


def check_email(email: str) -> str:
    """The normalised address, or AccountError saying what is wrong with it."""
    normalised = normalise_email(email)
    if not _EMAIL.match(normalised):
        raise AccountError(f"'{email}' is not an email address (expected name@example.org)")
    return normalised


def check_role(role: str) -> str:
    """The role, or AccountError naming the roles there are."""
    if role not in ROLES:
        raise AccountError(f"'{role}' is not a role; expected one of: {', '.join(ROLES)}")
    return role


def check_password(password: str) -> None:
    """AccountError unless the password is long enough to resist guessing."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError(f"the password must be at least {MIN_PASSWORD_LENGTH} characters long")
    if len(password) > MAX_PASSWORD_LENGTH:
        raise AccountError(f"the password must be at most {MAX_PASSWORD_LENGTH} characters long")


def find_user(db: Session, email: str) -> UserAccount | None:
    """The account with this address, if any."""
    return db.scalars(select(UserAccount).where(UserAccount.email == normalise_email(email))).first()


def get_user(db: Session, email: str) -> UserAccount:
    """The account with this address, or AccountError."""
    user = find_user(db, email)
    if user is None:
        raise AccountError(f"no account has the email address '{normalise_email(email)}'")
    return user


def list_users(db: Session) -> Sequence[UserAccount]:
    """Every account, by email address."""
    return db.scalars(select(UserAccount).order_by(UserAccount.email)).all()


def create_user(
    db: Session, hasher: PasswordHasher, email: str, role: str, password: str, *, actor: str
) -> UserAccount:
    """Add an account; the caller commits."""
    address = check_email(email)
    check_role(role)
    check_password(password)
    if find_user(db, address) is not None:
        raise AccountError(f"an account with the email address '{address}' already exists")
    user = UserAccount(
        email=address, password_hash=hasher.hash(password), role=role, active=True, session_version=1, failed_signins=0
    )
    db.add(user)
    try:
        db.flush()
    except IntegrityError:  # created by someone else in the meantime
        db.rollback()
        raise AccountError(f"an account with the email address '{address}' already exists") from None
    record_event(db, actor=actor, action="user.create", subject=user, detail={"role": role})
    return user


def set_role(db: Session, email: str, role: str, *, actor: str) -> UserAccount:
    """Change an account's role; its sessions end, so the new role applies at once."""
    user = get_user(db, email)
    old = user.role
    user.role = check_role(role)
    user.session_version += 1
    record_event(db, actor=actor, action="user.set_role", subject=user, detail={"from": old, "to": role})
    return user


def disable(db: Session, email: str, *, actor: str) -> UserAccount:
    """Stop an account from signing in and end its sessions. Accounts are kept, for the audit log."""
    user = get_user(db, email)
    user.active = False
    user.session_version += 1
    record_event(db, actor=actor, action="user.disable", subject=user)
    return user


@dataclass(frozen=True)
class Credentials:
    """What checking an address and password found: the account (if the address has one) and whether they match."""

    user: UserAccount | None
    matched: bool


def check_credentials(db: Session, hasher: PasswordHasher, dummy_hash: str, email: str, password: str) -> Credentials:
    """Check an address and password, writing nothing (so no write lock is held while Argon2 runs).

    An unknown or disabled address still costs one Argon2 verification (against `dummy_hash`),
    so the answer takes as long whether or not the address has an account.
    """
    user = find_user(db, email)
    candidate = user.password_hash if user is not None and user.active else dummy_hash
    try:
        hasher.verify(candidate, password[:MAX_PASSWORD_LENGTH])
        matched = user is not None and user.active
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        matched = False
    return Credentials(user, matched)


def record_signin(db: Session, hasher: PasswordHasher, found: Credentials, password: str) -> UserAccount | None:
    """Count a failed sign-in or record a good one (inside the caller's write); the account signed in, else None."""
    user = found.user
    if user is None:
        return None
    if not found.matched:
        # Counted by the database, so two failures at the same moment both count.
        user.failed_signins = UserAccount.failed_signins + 1
        return None
    if hasher.check_needs_rehash(user.password_hash):
        user.password_hash = hasher.hash(password)
    user.failed_signins = 0
    user.last_signin_at = datetime.now(UTC)
    return user


def record_event(
    db: Session,
    *,
    actor: str | UserAccount,
    action: str,
    subject: UserAccount | None = None,
    subject_type: str | None = None,
    subject_id: str | None = None,
    note: str = "",
    detail: dict[str, Any] | None = None,
) -> AuditEvent:
    """Add a line to the audit log; the caller commits it with the change it describes."""
    if subject is not None:
        subject_type, subject_id = "user", subject.email
    event = AuditEvent(
        actor_id=actor.id if isinstance(actor, UserAccount) else None,
        actor=actor.email if isinstance(actor, UserAccount) else actor,
        action=action,
        subject_type=subject_type,
        subject_id=subject_id,
        note=note,
        detail=detail or {},
    )
    db.add(event)
    return event


def recent_events(db: Session, limit: int = 100) -> Sequence[AuditEvent]:
    """The newest audit lines first."""
    return db.scalars(select(AuditEvent).order_by(AuditEvent.at.desc(), AuditEvent.id.desc()).limit(limit)).all()


def count_admins(db: Session) -> int:
    """How many active accounts hold the admin role."""
    return int(
        db.scalar(select(func.count()).select_from(UserAccount).where(UserAccount.role == "admin", UserAccount.active))
        or 0
    )
