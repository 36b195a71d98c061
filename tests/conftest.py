"""Shared fixtures: rule packs from disk, the app, its test client and CLI runner."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient, FlaskCliRunner
from sqlalchemy import create_engine, text

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


# Set by scripts/test.sh for its second pass: the whole suite again, on a real PostgreSQL server.
POSTGRES_URL = os.environ.get("ASSESSOR_TEST_DATABASE_URL", "")


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
