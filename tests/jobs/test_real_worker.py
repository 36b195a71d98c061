"""A real `assessor worker` subprocess: a burst of different reports, a worker killed mid-render, a time limit.

The app here enqueues into the real queue (SQLite in the instance folder, or PostgreSQL in the
PostgreSQL pass) and the worker renders, exactly as in production; small reports (the minimal
fixture pack) keep it quick, except for the time-limit test, which needs a render that takes longer.
"""

from __future__ import annotations

import os
import signal
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import create_engine, select, text

from assessor.jobs.models import DONE, FAILED, RUNNING, ReportJob
from assessor.jobs.report_input import report_input
from assessor.jobs.reports import ReportJobs
from assessor.jobs.scratch import scratch_root
from assessor.report import render_pdf
from assessor.storage.db import upgrade
from assessor.web import create_app
from tests.conftest import MINIMAL_PACK, POSTGRES_URL, SHIPPED_PACK
from tests.jobs.helpers import download_until_served, start_worker, stop_worker, submitted_assessment
from tests.web.pages import url

# Real worker subprocesses, one per module: its tests stay together on one xdist worker.
pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("servers")]

# Seconds: several times a minimal report's render on a loaded CI machine (1 to 3 s), so only a killed
# worker is reaped; the killed-worker test waits this long for the reaper.
TIME_LIMIT = 15.0
REAP_GRACE = 1.0


@dataclass
class Setup:
    """The database and instance folder a web app and a worker share."""

    instance: Path
    database_url: str

    def env(self, rules: Path, queue: str, **extra: str) -> dict[str, str]:
        return {
            **os.environ,
            "ASSESSOR_INSTANCE": str(self.instance),
            "DATABASE_URL": self.database_url,
            "ASSESSOR_SECRET_KEY": "test",
            "ASSESSOR_RULES": str(rules),
            "JOBS_QUEUE_NAME": queue,
            "JOBS_REAP_GRACE": str(REAP_GRACE),
            "JOBS_RETRY_DELAY": "0.2",
            **extra,
        }

    def app(self, rules: Path, queue: str, monkeypatch: pytest.MonkeyPatch, **config: Any) -> Flask:
        monkeypatch.setenv("ASSESSOR_INSTANCE", str(self.instance))
        return create_app(
            {
                "TESTING": True,
                "DATABASE_URL": self.database_url,
                "SECRET_KEY": "test",
                "RATELIMIT_ENABLED": False,
                "RULES_PATH": str(rules),
                "JOBS_QUEUE_NAME": queue,
                "JOBS_REAP_GRACE": REAP_GRACE,
                **config,
            }
        )


@pytest.fixture(scope="module")
def setup(tmp_path_factory: pytest.TempPathFactory) -> Setup:
    instance = tmp_path_factory.mktemp("worker-instance")
    if POSTGRES_URL:
        engine = create_engine(POSTGRES_URL)
        with engine.begin() as connection:
            connection.execute(text("DROP SCHEMA public CASCADE"))
            connection.execute(text("CREATE SCHEMA public"))
        engine.dispose()
        database = POSTGRES_URL
    else:
        database = f"sqlite:///{instance / 'assessor.sqlite3'}"
    return Setup(instance, database)


@pytest.fixture(scope="module")
def worker(setup: Setup) -> Iterator[subprocess.Popen[bytes]]:
    """The real worker on the minimal pack, for the whole module (about two seconds to start)."""
    _migrate(setup)
    process = start_worker(setup.env(MINIMAL_PACK, "minimal"), "--time-limit", str(TIME_LIMIT))
    yield process
    log = stop_worker(process)
    assert "Traceback" not in log or "TaskTimeout" in log or "KeyboardInterrupt" in log, log[-3000:]


def _migrate(setup: Setup) -> None:
    with pytest.MonkeyPatch.context() as patch:
        application = setup.app(MINIMAL_PACK, "minimal", patch)
        upgrade(application)
        application.extensions["report_jobs"].huey.storage.close()
        application.extensions["db_engine"].dispose()


@pytest.fixture
def app(setup: Setup, worker: subprocess.Popen[bytes], monkeypatch: pytest.MonkeyPatch) -> Iterator[Flask]:
    application = setup.app(MINIMAL_PACK, "minimal", monkeypatch)
    yield application
    application.extensions["report_jobs"].huey.storage.close()
    application.extensions["db_engine"].dispose()


def _jobs(app: Flask) -> ReportJobs:
    jobs: ReportJobs = app.extensions["report_jobs"]
    return jobs


def _row(app: Flask, key: str) -> ReportJob | None:
    with app.extensions["db_sessions"]() as db:
        return db.scalars(select(ReportJob).where(ReportJob.key == key)).first()


def _wait_for(condition: Any, seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.05)
    raise AssertionError(f"waited {seconds:g} s for {what}")


def _single_render(app: Flask, assessment_id: int) -> bytes:
    with app.extensions["db_sessions"]() as db:
        return render_pdf(report_input(db, assessment_id, "en", book=_jobs(app).book))


def test_a_burst_of_different_reports_is_rendered_once_each_and_served(app: Flask) -> None:
    book = _jobs(app).book
    made = [submitted_assessment(app, book, f"Burst ministry {i}") for i in range(4)]
    client = app.test_client()
    for _id, token in made:  # every first download answers at once, none renders
        started = time.perf_counter()
        response = client.get(url(app, "questionnaire.report_pdf", token=token))
        assert response.status_code == 303
        assert time.perf_counter() - started < 1.0
    for assessment_id, token in made:
        pdf = download_until_served(app, token, 90)
        assert pdf == _single_render(app, assessment_id)  # byte-identical to a render on its own
    with app.extensions["db_sessions"]() as db:
        rows = list(db.scalars(select(ReportJob).where(ReportJob.assessment_id.in_([i for i, _t in made]))))
    assert sorted((row.state, row.attempts) for row in rows) == [(DONE, 1)] * 4


def _children(pid: int) -> list[int]:
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        found += [int(child) for child in (task / "children").read_text().split()]
    return found


def test_a_worker_killed_mid_render_is_reaped_retried_and_the_pdf_served(
    app: Flask, worker: subprocess.Popen[bytes]
) -> None:
    book = _jobs(app).book
    scratch = scratch_root(app.instance_path)
    for attempt in range(3):  # a minimal report renders fast: if the kill comes too late, try another
        assessment_id, token = submitted_assessment(app, book, f"Killed ministry {attempt}")
        client = app.test_client()
        assert client.get(url(app, "questionnaire.report_pdf", token=token)).status_code == 303
        with app.extensions["db_sessions"]() as db:
            key = db.scalars(select(ReportJob.key).where(ReportJob.assessment_id == assessment_id)).one()
        _wait_for(lambda key=key: (row := _row(app, key)) is not None and row.state != "queued", 60, "the job to start")
        killed = _children(worker.pid)
        for child in killed:  # SIGKILL every render process: nothing is cleaned up
            os.kill(child, signal.SIGKILL)
        row = _row(app, key)
        assert row is not None
        if row.state == RUNNING:
            break
    else:
        pytest.skip("each render finished before the kill could land")
    assert row.attempts == 1
    killed_at = time.monotonic()
    # Each killed process had copied WeasyPrint's fonts to a temporary folder in its scratch folder.
    left = [scratch / str(pid) for pid in killed if (scratch / str(pid)).is_dir()]
    assert any(list(folder.glob("weasyprint-*")) for folder in left), left
    # The consumer replaces the dead processes; the ledger still says running, and the queue has
    # nothing (Huey delivers at most once) until the reaper, past time limit + grace, enqueues it again.
    pdf = download_until_served(app, token, TIME_LIMIT + REAP_GRACE + 60)
    assert time.monotonic() - killed_at >= TIME_LIMIT - 1  # it came back through the reaper, not by chance
    row = _row(app, key)
    assert row is not None
    assert (row.state, row.attempts) == (DONE, 2)
    assert pdf == _single_render(app, assessment_id)
    assert worker.poll() is None  # the consumer itself lives on
    # The consumer removed what the killed processes left; the live ones keep theirs.
    _wait_for(lambda: not any(folder.exists() for folder in left), 5, "the killed processes' scratch folders to go")
    assert {int(folder.name) for folder in scratch.iterdir()} <= set(_children(worker.pid))


def test_a_render_past_the_time_limit_is_stopped_retried_and_marked_failed(
    setup: Setup, worker: subprocess.Popen[bytes], monkeypatch: pytest.MonkeyPatch
) -> None:
    # The shipped pack's report takes seconds to render; this worker allows one second.
    slow = start_worker(setup.env(SHIPPED_PACK, "slow", JOBS_RETRIES="1"), "--time-limit", "1", "--workers", "1")
    app = setup.app(SHIPPED_PACK, "slow", monkeypatch, JOBS_RETRIES=1)
    try:
        jobs = _jobs(app)
        assessment_id, token = submitted_assessment(app, jobs.book, "Slow ministry")
        client = app.test_client()
        assert client.get(url(app, "questionnaire.report_pdf", token=token)).status_code == 303
        with app.extensions["db_sessions"]() as db:
            key = db.scalars(select(ReportJob.key).where(ReportJob.assessment_id == assessment_id)).one()
        _wait_for(lambda: (row := _row(app, key)) is not None and row.state == FAILED, 90, "the job to fail")
        row = _row(app, key)
        assert row is not None
        assert row.attempts == 2  # the first run and one retry, each stopped at the limit
        assert row.error is not None
        assert "TaskTimeout" in row.error
        page = client.get(url(app, "questionnaire.report_status", token=token))
        assert page.status_code == 202
        assert b"could not be prepared" in page.data
        assert jobs.reports.get(key) is None
        assert slow.poll() is None  # the worker survives its time-outs
    finally:
        stop_worker(slow)
        _jobs(app).huey.storage.close()
        app.extensions["db_engine"].dispose()
