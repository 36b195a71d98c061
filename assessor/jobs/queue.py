"""Which Huey queue the app uses, chosen by configuration in this one place.

- `REDIS_URL` set: RedisHuey (needs the `redis` package: `pip install assessor[redis]`).
- `JOBS_URL`, or else `DATABASE_URL`, a PostgreSQL URL: PostgresHuey (LISTEN/NOTIFY, no polling).
- Otherwise SqliteHuey in its own file in the instance folder (`jobs.sqlite3`), apart from the app
  database so queue traffic never holds the app database's write lock.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from huey import Huey, MemoryHuey, PostgresHuey, RedisHuey, SqliteHuey
from sqlalchemy.engine import make_url

QUEUE_NAME = "assessor-reports"
SQLITE_QUEUE_FILE = "jobs.sqlite3"


@dataclass(frozen=True)
class QueueChoice:
    """The queue kind and where it lives (a URL or a file), for logs and the worker's start-up line."""

    kind: str  # "sqlite", "postgresql" or "redis"
    where: str


def choose_queue(config: Mapping[str, Any], instance_path: str | Path) -> QueueChoice:
    """The queue the configuration asks for; see the module docstring for the order."""
    redis_url = config.get("REDIS_URL")
    if redis_url:
        return QueueChoice("redis", str(redis_url))
    for setting in ("JOBS_URL", "DATABASE_URL"):
        url = config.get(setting)
        if url and make_url(str(url)).get_backend_name() == "postgresql":
            return QueueChoice("postgresql", str(url))
    return QueueChoice("sqlite", str(Path(instance_path) / SQLITE_QUEUE_FILE))


def make_huey(config: Mapping[str, Any], instance_path: str | Path) -> Huey:
    """A Huey instance on the chosen queue; in immediate mode (tests) it runs each job inline instead."""
    # Task results are never read (the PDF goes to a PDFStore, the state to the ledger), so none are kept.
    # JOBS_QUEUE_NAME keeps two deployments (or two test workers) apart on one shared broker.
    common: dict[str, Any] = {"name": str(config.get("JOBS_QUEUE_NAME") or QUEUE_NAME), "results": False, "utc": True}
    if config.get("JOBS_IMMEDIATE"):
        return MemoryHuey(immediate=True, **common)
    choice = choose_queue(config, instance_path)
    huey: Huey
    if choice.kind == "redis":
        huey = RedisHuey(url=choice.where, **common)
    elif choice.kind == "postgresql":
        huey = PostgresHuey(dsn=_libpq_dsn(choice.where), **common)
    else:
        Path(choice.where).parent.mkdir(parents=True, exist_ok=True)
        # Several web workers enqueue at once: wait for the lock rather than fail.
        huey = SqliteHuey(filename=choice.where, timeout=15, **common)
    return huey


def _libpq_dsn(url: str) -> str:
    """A SQLAlchemy URL ("postgresql+psycopg://...") as psycopg takes it ("postgresql://...")."""
    parsed = make_url(url).set(drivername="postgresql")
    return parsed.render_as_string(hide_password=False)
