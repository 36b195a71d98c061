"""The app's side of pack versions: the pack it runs, stored on first use, and any stored one by id."""

from __future__ import annotations

import hashlib
import secrets

from flask import Flask, current_app, session
from sqlalchemy import inspect, select
from sqlalchemy.orm import Session

from assessor.core.rulebook import Question, RuleBook
from assessor.records.packs import PackCache, pack_version, store_pack
from assessor.storage.models import PackVersion


def init_app(app: Flask, book: RuleBook, files: dict[str, str]) -> None:
    """Keep the running pack's files and a per-process cache of packs by hash; store the pack now if the
    database is ready (a pack whose version clashes with a stored one then stops the app at start)."""
    app.extensions["rulebook_files"] = files
    app.extensions["pack_cache"] = PackCache(book)
    engine = app.extensions["db_engine"]

    def store_now() -> None:
        with Session(engine) as db:
            store_app_pack(app, db)

    app.extensions.setdefault("db_after_upgrade", []).append(store_now)
    try:
        if inspect(engine).has_table("pack_version"):
            store_now()
    finally:
        # Nothing is held open from start-up (nor after a refused pack): no pooled connection is left behind.
        engine.dispose()


def store_app_pack(app: Flask, db: Session) -> int:
    """Store the app's pack (after a migration) and remember its id."""
    book: RuleBook = app.extensions["rulebook"]
    row = store_pack(db, book, app.extensions["rulebook_files"])
    app.extensions["live_pack_version_id"] = row.id
    return row.id


def live_pack_version_id(db: Session) -> int:
    """The stored id of the pack this app runs (stored on first use)."""
    found = current_app.extensions.get("live_pack_version_id")
    if found is None:
        found = store_app_pack(current_app, db)
    return int(found)


def pack_cache() -> PackCache:
    """This process's packs by hash."""
    cache: PackCache = current_app.extensions["pack_cache"]
    return cache


def book_of(db: Session, pack_version_id: int) -> RuleBook:
    """The pack a stored version holds (the live pack when it is the same content)."""
    return pack_cache().book(pack_version(db, pack_version_id))


def old_question(db: Session, cache: PackCache, pack_id: str, question_id: str) -> tuple[Question, str] | None:
    """The question an id named in the newest stored version of the pack that had it, and that version."""
    # Filtered here, not in SQL: a JSON column stores Python None as JSON null on PostgreSQL, not NULL.
    rows = db.scalars(select(PackVersion).where(PackVersion.pack_id == pack_id).order_by(PackVersion.id.desc()))
    for row in rows:
        if row.files is None:
            continue
        book = cache.book(row)
        if question_id in book.questions:
            return book.questions[question_id], row.version
    return None


def session_marker() -> str:
    """A non-secret name for this browser session, for answer history ("changed by").

    A random id kept in the signed session cookie, hashed: the history can tell two windows of
    two people apart without storing anything that would let someone act as them.
    """
    sid = session.get("sid")
    if not isinstance(sid, str):
        sid = secrets.token_urlsafe(16)
        session["sid"] = sid
    return hashlib.sha256(sid.encode()).hexdigest()[:16]
