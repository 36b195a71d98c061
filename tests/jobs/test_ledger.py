"""The job ledger on the real database (SQLite, and PostgreSQL in the second pass), and the queue choice."""

from __future__ import annotations

import threading
from datetime import timedelta
from pathlib import Path

import pytest
from flask import Flask
from huey import PostgresHuey, SqliteHuey
from sqlalchemy import Engine, update

from assessor.jobs import ledger
from assessor.jobs.ledger import Job
from assessor.jobs.models import DONE, FAILED, QUEUED, RUNNING, ReportJob
from assessor.jobs.queue import choose_queue, make_huey
from assessor.jobs.stores import DatabasePDFStore, store_kind
from tests.conftest import POSTGRES_URL

KEY = "a" * 64


@pytest.fixture
def engine(app: Flask) -> Engine:
    bound: Engine = app.extensions["db_engine"]
    return bound


def _job(key: str = KEY) -> Job:
    return Job(key, "report", 7, "en")


def test_a_burst_of_claims_for_one_key_enqueues_once(engine: Engine) -> None:
    wins: list[bool] = []
    barrier = threading.Barrier(8)

    def claim() -> None:
        barrier.wait()
        wins.append(ledger.claim(engine, _job(), retry_failed_after=timedelta(minutes=5)))

    threads = [threading.Thread(target=claim) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(wins) == [False] * 7 + [True]


def test_claim_again_after_done_or_after_a_failure_cools_down(engine: Engine) -> None:
    assert ledger.claim(engine, _job(), retry_failed_after=timedelta(minutes=5))
    assert ledger.start(engine, _job()) == 1
    ledger.finish(engine, KEY, DONE)
    # Done a moment ago: a download that missed the PDF by a hair must not render it again.
    assert not ledger.claim(engine, _job(), retry_failed_after=timedelta(minutes=5))
    with engine.begin() as connection:
        connection.execute(update(ReportJob).values(finished_at=ledger.now() - timedelta(minutes=2)))
    # Done and asked for again later: its PDF was pruned, so it is wanted again.
    assert ledger.claim(engine, _job(), retry_failed_after=timedelta(minutes=5))
    ledger.start(engine, _job())
    ledger.finish(engine, KEY, FAILED, "boom")
    assert not ledger.claim(engine, _job(), retry_failed_after=timedelta(minutes=5))
    assert ledger.claim(engine, _job(), retry_failed_after=timedelta(0))
    row = ledger.state_of(engine, KEY)
    assert row is not None
    assert (row.state, row.attempts, row.error) == (QUEUED, 0, None)


def test_reap_requeues_lost_running_jobs_and_gives_up_after_max_attempts(engine: Engine) -> None:
    for key in ("a" * 64, "b" * 64, "c" * 64):
        ledger.claim(engine, _job(key), retry_failed_after=timedelta(minutes=5))
        ledger.start(engine, _job(key))
    long_ago = ledger.now() - timedelta(minutes=10)
    with engine.begin() as connection:
        connection.execute(update(ReportJob).where(ReportJob.key != "c" * 64).values(started_at=long_ago))
        connection.execute(update(ReportJob).where(ReportJob.key == "b" * 64).values(attempts=4))
    lost = ledger.reap(engine, running_for=timedelta(minutes=1), queued_for=timedelta(hours=1), max_attempts=4)
    assert [job.key for job in lost] == ["a" * 64]
    states = {key: ledger.state_of(engine, key) for key in ("a" * 64, "b" * 64, "c" * 64)}
    assert {key: row.state for key, row in states.items() if row} == {
        "a" * 64: QUEUED,
        "b" * 64: FAILED,
        "c" * 64: RUNNING,  # started just now: still within its time limit
    }
    # A second reaper (another server) finds nothing more to take.
    assert ledger.reap(engine, running_for=timedelta(minutes=1), queued_for=timedelta(hours=1), max_attempts=4) == []


def test_wait_estimate_follows_the_queue_and_recent_renders(engine: Engine) -> None:
    assert ledger.wait_estimate(engine, workers=2) == 3  # nothing measured yet: 5 s over 2 workers
    for index in range(4):
        ledger.claim(engine, _job(f"{index:064x}"), retry_failed_after=timedelta(minutes=5))
    assert ledger.wait_estimate(engine, workers=2) == 10  # 4 jobs ahead, 5 s each, over 2 workers


def test_database_store_round_trip_and_retention(engine: Engine) -> None:
    store = DatabasePDFStore(engine, "report")
    assert store.get(KEY) is None
    store.put(KEY, b"%PDF-1")
    store.put(KEY, b"%PDF-2")  # a second worker finishing the same key replaces it
    assert store.get(KEY) == b"%PDF-2"
    assert DatabasePDFStore(engine, "blank").get(KEY) is None
    assert store.prune_older_than(ledger.now() - timedelta(days=1)) == 0
    assert store.prune_older_than(ledger.now() + timedelta(seconds=1)) == 1
    assert store.get(KEY) is None


def test_the_queue_is_chosen_by_configuration(tmp_path: Path) -> None:
    sqlite_url = f"sqlite:///{tmp_path / 'a.sqlite3'}"
    pg_url = "postgresql+psycopg://u:p@db.example:5432/assessor"
    assert choose_queue({"DATABASE_URL": sqlite_url}, tmp_path).kind == "sqlite"
    assert choose_queue({"DATABASE_URL": sqlite_url}, tmp_path).where == str(tmp_path / "jobs.sqlite3")
    assert choose_queue({"DATABASE_URL": pg_url}, tmp_path).kind == "postgresql"
    assert choose_queue({"DATABASE_URL": sqlite_url, "JOBS_URL": pg_url}, tmp_path).where == pg_url
    assert choose_queue({"DATABASE_URL": pg_url, "REDIS_URL": "redis://cache:6379/0"}, tmp_path).kind == "redis"
    huey = make_huey({"DATABASE_URL": sqlite_url}, tmp_path)
    assert isinstance(huey, SqliteHuey)
    assert (tmp_path / "jobs.sqlite3").exists()
    huey.storage.close()


@pytest.mark.skipif(not POSTGRES_URL, reason="needs the PostgreSQL test server")
def test_postgresql_queue_takes_the_database_url(tmp_path: Path, app: Flask) -> None:
    huey = make_huey({"DATABASE_URL": POSTGRES_URL}, tmp_path)
    assert isinstance(huey, PostgresHuey)
    assert huey.pending_count() == 0  # it really connects
    huey.storage.close()
    assert store_kind({}, app.extensions["db_engine"]) == "database"


def test_an_unknown_store_kind_is_named(engine: Engine) -> None:
    with pytest.raises(ValueError, match="REPORT_STORE must be one of directory, database, not 's3'"):
        store_kind({"REPORT_STORE": "s3"}, engine)
