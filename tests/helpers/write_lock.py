"""A check the whole suite runs: every change the app flushes is inside a write transaction.

On SQLite a transaction that has read cannot take the write lock once another writer has
committed since, so a write that did not begin with `assessor.storage.db.begin_write` (or
`transaction()`, `write_connection`) fails under load with "database is locked" and a 503: only a
burst shows it. This makes the rule fail at once, in any test, wherever the app breaks it. Changes
a test flushes itself are left alone.
"""

from __future__ import annotations

import traceback
from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.orm import Session

from assessor.storage.db import WRITE

APP = Path(__file__).resolve().parent.parent.parent / "assessor"


def _writes(session: Session) -> bool:
    return bool(session.new or session.deleted or any(session.is_modified(item) for item in session.dirty))


def _flush_holds_the_write_lock(session: Session, _context: Any, _instances: Any) -> None:
    if not _writes(session) or session.connection().get_execution_options().get(WRITE):
        return
    # Our own frames only: SQLAlchemy's are in site-packages or generated ("<sqlalchemy generated ...>").
    frames = [
        frame
        for frame in traceback.extract_stack()
        if "site-packages" not in frame.filename and not frame.filename.startswith("<")
    ]
    inner = frames[-2] if len(frames) > 1 else None  # the frame that made the change flush (-1 is this one)
    if inner is not None and Path(inner.filename).is_relative_to(APP):
        raise AssertionError(
            f"{inner.filename}:{inner.lineno} writes outside a write transaction: call begin_write(db) first"
        )


def install() -> None:
    """Check every session's flushes from now on (once per process)."""
    if not event.contains(Session, "before_flush", _flush_holds_the_write_lock):
        event.listen(Session, "before_flush", _flush_holds_the_write_lock)
