"""A real `assessor worker` on a real broker: Redis (REDIS_URL), and the PostgreSQL queue (a PostgreSQL DATABASE_URL).

Each test starts its own broker-backed worker on the minimal pack, asks for a report as the web
does (a download answered "being prepared"), and gets the PDF served, byte-identical to a render
on its own; the worker's start-up line names the queue it consumed, so a silent fallback to the
embedded SQLite queue would fail here.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis
from flask import Flask
from huey import PostgresHuey, RedisHuey

from assessor.jobs.queue import SQLITE_QUEUE_FILE
from assessor.jobs.report_input import report_input
from assessor.report import render_pdf
from assessor.storage.db import upgrade
from assessor.web import create_app
from tests.conftest import MINIMAL_PACK
from tests.helpers.redis_server import running_redis
from tests.jobs.helpers import download_until_served, start_worker, stop_worker, submitted_assessment
from tests.web.pages import url

# A redis-server and real worker processes: with the other server tests on one xdist worker.
pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("servers")]

QUEUE = "broker-test"


def _app(instance: Path, database_url: str, monkeypatch: pytest.MonkeyPatch, **config: str) -> Flask:
    monkeypatch.setenv("ASSESSOR_INSTANCE", str(instance))
    application = create_app(
        {
            "TESTING": True,
            "DATABASE_URL": database_url,
            "SECRET_KEY": "test",
            "RATELIMIT_ENABLED": False,
            "RULES_PATH": str(MINIMAL_PACK),
            "JOBS_QUEUE_NAME": QUEUE,
            **config,
        }
    )
    upgrade(application)
    return application


def _served_by_a_real_worker(application: Flask, instance: Path, **environment: str) -> tuple[bytes, bytes, str]:
    """A report downloaded until a real worker (started with `environment`) has rendered it.

    Returns the served PDF, a render of the same assessment here, and what the worker logged.
    """
    env = {
        **os.environ,
        "ASSESSOR_INSTANCE": str(instance),
        "DATABASE_URL": application.config["DATABASE_URL"],
        "ASSESSOR_SECRET_KEY": "test",
        "ASSESSOR_RULES": str(MINIMAL_PACK),
        "JOBS_QUEUE_NAME": QUEUE,
        **environment,
    }
    worker = start_worker(env, "--workers", "1")
    try:
        book = application.extensions["rulebook"]
        assessment_id, token = submitted_assessment(application, book, "Broker ministry")
        client = application.test_client()
        assert client.get(url(application, "questionnaire.report_pdf", token=token)).status_code == 303
        pdf = download_until_served(application, token, 90)
    finally:
        log = stop_worker(worker)
    with application.extensions["db_sessions"]() as db:
        single = render_pdf(report_input(db, assessment_id, "en", book=book))
    return pdf, single, log


@pytest.fixture
def closing() -> Iterator[list[Flask]]:
    made: list[Flask] = []
    yield made
    for application in made:
        application.extensions["report_jobs"].huey.storage.close()
        application.extensions["db_engine"].dispose()


def test_a_worker_on_redis_renders_what_the_web_enqueued(
    tmp_path: Path, database_url: str, monkeypatch: pytest.MonkeyPatch, closing: list[Flask]
) -> None:
    instance = tmp_path / "instance"
    with running_redis(tmp_path) as redis_url:
        application = _app(instance, database_url, monkeypatch, REDIS_URL=redis_url)
        closing.append(application)
        assert isinstance(application.extensions["report_jobs"].huey, RedisHuey)
        pdf, single, log = _served_by_a_real_worker(application, instance, REDIS_URL=redis_url)
        client = redis.Redis.from_url(redis_url)
        try:
            commands = client.info("commandstats")
        finally:
            client.close()
    assert pdf == single
    assert f"queue redis ({redis_url})" in log
    # The job went through Redis: the web pushed it, the worker popped it (an emptied list leaves no key)...
    assert commands["cmdstat_lpush"]["calls"] >= 1
    assert sum(commands.get(f"cmdstat_{pop}", {}).get("calls", 0) for pop in ("brpop", "rpop")) >= 1
    assert not (instance / SQLITE_QUEUE_FILE).exists()  # ...and never in the embedded default
    assert "Traceback" not in log


def test_a_worker_on_the_postgresql_queue_renders_what_the_web_enqueued(
    tmp_path: Path, database_url: str, monkeypatch: pytest.MonkeyPatch, closing: list[Flask]
) -> None:
    if not database_url.startswith("postgresql"):
        pytest.skip("the PostgreSQL queue is what a PostgreSQL DATABASE_URL picks: this runs in the PostgreSQL pass")
    instance = tmp_path / "instance"
    application = _app(instance, database_url, monkeypatch)
    closing.append(application)
    assert isinstance(application.extensions["report_jobs"].huey, PostgresHuey)
    pdf, single, log = _served_by_a_real_worker(application, instance)
    assert pdf == single
    assert "queue postgresql (" in log
    assert not (instance / SQLITE_QUEUE_FILE).exists()
    assert "Traceback" not in log
