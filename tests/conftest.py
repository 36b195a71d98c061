"""Shared fixtures: rule packs from disk, the app, its test client and CLI runner."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient, FlaskCliRunner
from sqlalchemy import create_engine, make_url, text

from assessor.core.rulebook import RuleBook
from assessor.loading.rulepack import load_rulebook
from assessor.storage.db import upgrade
from assessor.web import create_app

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
MINIMAL_PACK = FIXTURES / "packs" / "minimal"
SHIPPED_PACK = ROOT / "rules"


@pytest.fixture(scope="session")
def minimal_book() -> RuleBook:
    """The small fixture pack every core test reasons about by hand."""
    return load_rulebook(MINIMAL_PACK)


@pytest.fixture(scope="session")
def shipped_book() -> RuleBook:
    """The default rule pack under rules/."""
    return load_rulebook(SHIPPED_PACK)


def _worker_database(url: str) -> str:
    """The PostgreSQL URL for this pytest-xdist worker: its own database, so workers never share one."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    if not url or not worker:
        return url
    parsed = make_url(url)
    return parsed.set(database=f"{parsed.database}_{worker}").render_as_string(hide_password=False)


# Set by scripts/test.sh for its second pass: the database tests again, on a real PostgreSQL server.
POSTGRES_BASE_URL = os.environ.get("ASSESSOR_TEST_DATABASE_URL", "")
POSTGRES_URL = _worker_database(POSTGRES_BASE_URL)


@pytest.fixture(scope="session", autouse=True)
def _postgres_worker_database() -> None:
    """Create this worker's PostgreSQL database on first use (the test role may create databases)."""
    if not POSTGRES_URL or POSTGRES_URL == POSTGRES_BASE_URL:
        return
    name = make_url(POSTGRES_URL).database
    engine = create_engine(POSTGRES_BASE_URL, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            exists = connection.execute(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name}).first()
            if exists is None:
                connection.execute(text(f'CREATE DATABASE "{name}"'))
    finally:
        engine.dispose()


@pytest.fixture
def database_url(tmp_path: Path) -> Iterator[str]:
    """An empty database: a fresh SQLite file, or the PostgreSQL test database wiped clean."""
    if not POSTGRES_URL:
        yield f"sqlite:///{tmp_path / 'test.sqlite3'}"
        return
    engine = create_engine(POSTGRES_URL)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()
    yield POSTGRES_URL


@pytest.fixture
def app(database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Flask]:
    """The app on the shipped rule pack, with a fresh migrated database; CSRF off (see test_security).

    Its instance folder (stored PDFs, the job queue file) is the test's own, and report jobs run
    inline as they are enqueued (Huey's immediate mode); tests/jobs runs a real worker.
    """
    monkeypatch.setenv("ASSESSOR_INSTANCE", str(tmp_path / "instance"))
    application = create_app(
        {
            "TESTING": True,
            "DATABASE_URL": database_url,
            "WTF_CSRF_ENABLED": False,
            "SECRET_KEY": "test",
            "RATELIMIT_ENABLED": False,
            "JOBS_IMMEDIATE": True,
        }
    )
    upgrade(application)
    yield application
    application.extensions["report_jobs"].huey.storage.close()
    application.extensions["db_engine"].dispose()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    """A test client for the app."""
    return app.test_client()


@pytest.fixture
def runner(app: Flask) -> FlaskCliRunner:
    """A CLI runner for the app."""
    return app.test_cli_runner()


# Markers by where a test lives and what it uses, so nobody has to remember to add them:
#   pytest -m "not slow and not browser"   the quick loop (README)
#   pytest -m postgres                     what scripts/test.sh runs again on PostgreSQL
_AREA_MARKERS = {"core": "unit", "loading": "unit", "web": "web", "admin": "web", "browser": "browser"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        parts = Path(str(item.path)).relative_to(ROOT / "tests").parts
        area = _AREA_MARKERS.get(parts[0]) if len(parts) > 1 else None
        if area:
            item.add_marker(area)
        uses_database = "database_url" in getattr(item, "fixturenames", ()) or hasattr(item.module, "POSTGRES_URL")
        if uses_database:
            item.add_marker("postgres")
