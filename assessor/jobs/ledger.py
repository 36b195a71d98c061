"""The job ledger: one row per PDF key, so a burst enqueues once and a lost job is found again.

Huey hands each message to one worker at most once: a worker killed mid-render (SIGKILL, out of
memory) takes its job with it. The ledger remembers every job until it is done, and `reap` finds
those left `running` past the time limit (plus a grace) or `queued` for far too long, for the worker
to enqueue again. Renders are idempotent (same key, same bytes), so a job run twice costs time only.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Engine, and_, delete, func, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite

from assessor.jobs.models import DONE, FAILED, QUEUED, RUNNING, ReportJob
from assessor.storage.db import write_connection

# Render time assumed before any job has finished (a ~30-page report on one core of a small server).
DEFAULT_RENDER_SECONDS = 5.0
RECENT_JOBS = 20  # finished jobs the render-time estimate averages over
JUST_FINISHED = timedelta(minutes=1)


@dataclass(frozen=True)
class Job:
    """What a job needs to run: its key and what to render."""

    key: str
    kind: str
    assessment_id: int | None
    language: str


def now() -> datetime:
    """The current time, timezone-aware in UTC (what every ledger timestamp is)."""
    return datetime.now(UTC)


def _aware(moment: datetime | None) -> datetime | None:
    # SQLite hands back naive datetimes for what was written in UTC.
    if moment is None or moment.tzinfo is not None:
        return moment
    return moment.replace(tzinfo=UTC)


def _insert_new(engine: Engine) -> Any:
    """INSERT ... ON CONFLICT DO NOTHING in the engine's dialect."""
    if engine.dialect.name == "postgresql":
        return postgresql.insert(ReportJob).on_conflict_do_nothing(index_elements=["key"])
    return sqlite.insert(ReportJob).on_conflict_do_nothing(index_elements=["key"])


def claim(engine: Engine, job: Job, *, retry_failed_after: timedelta) -> bool:
    """Record that `job` is wanted; True when the caller should enqueue it (no one else has).

    Called only when the PDF is not in storage. A new key inserts a row; an existing row is claimed
    again when it is DONE (its PDF has since been pruned) or FAILED longer than `retry_failed_after`
    ago. Anything else (queued, running, done or failed just now) is already in hand: False.
    """
    moment = now()
    values = {
        "key": job.key,
        "kind": job.kind,
        "assessment_id": job.assessment_id,
        "language": job.language,
        "state": QUEUED,
        "attempts": 0,
        "enqueued_at": moment,
    }
    with engine.begin() as connection:
        # RETURNING, not rowcount: psycopg reports -1 for an INSERT ... ON CONFLICT DO NOTHING.
        if connection.execute(_insert_new(engine).values(**values).returning(ReportJob.key)).first() is not None:
            return True
        again = connection.execute(
            update(ReportJob)
            .where(
                ReportJob.key == job.key,
                or_(
                    # Done a minute ago or more: its PDF was pruned. Done just now: the caller looked
                    # for the PDF a moment before the worker stored it, and nothing needs doing.
                    and_(ReportJob.state == DONE, ReportJob.finished_at < moment - JUST_FINISHED),
                    and_(ReportJob.state == FAILED, ReportJob.finished_at < moment - retry_failed_after),
                ),
            )
            .values(state=QUEUED, attempts=0, error=None, enqueued_at=moment, started_at=None, finished_at=None)
            .returning(ReportJob.key)
        )
        return again.first() is not None


def start(engine: Engine, job: Job) -> int:
    """Mark the job running (inserting its row if it has gone); returns this attempt's number, from 1."""
    moment = now()
    with engine.begin() as connection:
        connection.execute(
            _insert_new(engine).values(
                key=job.key,
                kind=job.kind,
                assessment_id=job.assessment_id,
                language=job.language,
                state=QUEUED,
                attempts=0,
                enqueued_at=moment,
            )
        )
        connection.execute(
            update(ReportJob)
            .where(ReportJob.key == job.key)
            .values(state=RUNNING, attempts=ReportJob.attempts + 1, started_at=moment, finished_at=None)
        )
        attempts: int = connection.execute(select(ReportJob.attempts).where(ReportJob.key == job.key)).scalar_one()
    return attempts


def finish(engine: Engine, key: str, state: str, error: str | None = None) -> None:
    """Record how a run ended: DONE, FAILED (no retry left), or QUEUED again (Huey will retry it)."""
    with engine.begin() as connection:
        connection.execute(
            update(ReportJob)
            .where(ReportJob.key == key)
            .values(state=state, error=error[:2000] if error else None, finished_at=now())
        )


def requeued(engine: Engine, key: str) -> None:
    """Mark a job queued again (its run was interrupted and the worker put it back)."""
    with engine.begin() as connection:
        connection.execute(update(ReportJob).where(ReportJob.key == key).values(state=QUEUED, enqueued_at=now()))


def state_of(engine: Engine, key: str) -> ReportJob | None:
    """The job's ledger row, detached, or None."""
    with engine.connect() as connection:
        row = connection.execute(select(ReportJob.__table__).where(ReportJob.key == key)).first()
    if row is None:
        return None
    return ReportJob(**row._asdict())


def reap(engine: Engine, *, running_for: timedelta, queued_for: timedelta, max_attempts: int) -> list[Job]:
    """Jobs lost by the queue, now marked queued again for the caller to enqueue.

    Lost means running longer than `running_for` (time limit + grace: its worker was killed, since a
    live worker times the job out first) or queued longer than `queued_for` (the enqueue itself was
    lost, e.g. a queue wiped). A job already started `max_attempts` times is marked FAILED instead,
    so a PDF that kills its worker every time does not loop forever.
    """
    moment = now()
    stale = or_(
        and_(ReportJob.state == RUNNING, ReportJob.started_at < moment - running_for),
        and_(ReportJob.state == QUEUED, ReportJob.enqueued_at < moment - queued_for),
    )
    found: list[Job] = []
    with write_connection(engine) as connection:
        rows = connection.execute(select(ReportJob.__table__).where(stale)).all()
        for row in rows:
            # Conditional on what was read, so two reapers (two servers) never both take one job.
            guard = update(ReportJob).where(
                ReportJob.key == row.key, ReportJob.state == row.state, ReportJob.attempts == row.attempts
            )
            if row.state == RUNNING and row.attempts >= max_attempts:
                connection.execute(
                    guard.values(
                        state=FAILED,
                        error=f"stopped {row.attempts} times (time limit or worker killed)",
                        finished_at=moment,
                    )
                )
                continue
            if connection.execute(guard.values(state=QUEUED, enqueued_at=moment).returning(ReportJob.key)).first():
                found.append(Job(row.key, row.kind, row.assessment_id, row.language))
    return found


def wait_estimate(engine: Engine, workers: int) -> int:
    """Seconds until a job queued now is likely done: the jobs ahead, times a recent render, over the workers."""
    with engine.connect() as connection:
        ahead = connection.execute(
            select(func.count()).select_from(ReportJob).where(ReportJob.state.in_((QUEUED, RUNNING)))
        ).scalar_one()
        recent = connection.execute(
            select(ReportJob.started_at, ReportJob.finished_at)
            .where(ReportJob.state == DONE, ReportJob.started_at.is_not(None), ReportJob.finished_at.is_not(None))
            .order_by(ReportJob.finished_at.desc())
            .limit(RECENT_JOBS)
        ).all()
    durations = [
        (finished - started).total_seconds()
        for started, finished in ((_aware(s), _aware(f)) for s, f in recent)
        if started is not None and finished is not None
    ]
    render = sum(durations) / len(durations) if durations else DEFAULT_RENDER_SECONDS
    return max(1, min(600, math.ceil(render * max(1, ahead) / max(1, workers))))


def forget_before(engine: Engine, cutoff: datetime) -> int:
    """Delete rows of jobs that finished before `cutoff` (their PDFs are pruned at the same age)."""
    with engine.begin() as connection:
        deleted = connection.execute(
            delete(ReportJob)
            .where(ReportJob.state.in_((DONE, FAILED)), ReportJob.finished_at < cutoff)
            .returning(ReportJob.key)
        ).all()
    return len(deleted)
