"""Shared fixtures: rule packs from disk, the app, its test client and CLI runner.

Also the markers by folder (see `pytest_collection_modifyitems`) and, under pytest-xdist, a
PostgreSQL database of each worker's own, so that two workers never wipe each other's schema.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic import command
from flask import Flask
from flask.testing import FlaskClient, FlaskCliRunner
from sqlalchemy import create_engine, make_url, text

from assessor.core.rulebook import RuleBook
from assessor.loading.rulepack import load_rulebook
from assessor.storage.db import alembic_config
from tests.helpers import write_lock
from tests.helpers.apps import app_for_tests

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
MINIMAL_PACK = FIXTURES / "packs" / "minimal"
SHIPPED_PACK = ROOT / "rules"

# Every write the app makes takes the write lock first (tests/helpers/write_lock.py).
write_lock.install()


@pytest.fixture(scope="session")
def minimal_book() -> RuleBook:
    """The small fixture pack every core test reasons about by hand."""
    return load_rulebook(MINIMAL_PACK)


@pytest.fixture(scope="session")
def shipped_book() -> RuleBook:
    """The default rule pack under rules/."""
    return load_rulebook(SHIPPED_PACK)


def _worker_database_url(url: str) -> str:
    """The PostgreSQL test URL for this pytest-xdist worker: `<database>_gw0`, `<database>_gw1`, ...

    Outside xdist (or on SQLite) the URL is used as given. The database itself is made by
    `pytest_configure`, since the test role may create databases (scripts/postgres.sh gives it CREATEDB).
    """
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    if not url or not worker:
        return url
    parsed = make_url(url)
    return parsed.set(database=f"{parsed.database}_{worker}").render_as_string(hide_password=False)


# Set by scripts/test.sh for its second pass: the tests that touch the database again, on a real
# PostgreSQL server. Modules that start their own processes (a worker, gunicorn) pass this on to them.
POSTGRES_URL = _worker_database_url(os.environ.get("ASSESSOR_TEST_DATABASE_URL", ""))


def pytest_configure(config: pytest.Config) -> None:
    """Create this xdist worker's own PostgreSQL database if it is missing."""
    base_url = os.environ.get("ASSESSOR_TEST_DATABASE_URL", "")
    if not POSTGRES_URL or POSTGRES_URL == base_url:
        return
    name = make_url(POSTGRES_URL).database
    engine = create_engine(base_url, isolation_level="AUTOCOMMIT")  # CREATE DATABASE refuses a transaction
    with engine.connect() as connection:
        exists = connection.execute(text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": name}).first()
        if exists is None:
            connection.execute(text(f'CREATE DATABASE "{name}"'))  # name from our own URL and worker id
    engine.dispose()


TESTS = Path(__file__).resolve().parent
# Markers given by folder, so a new test file is marked without anyone remembering to.
FOLDER_MARKERS = {"core": "unit", "loading": "unit", "web": "web", "admin": "web", "browser": "browser"}
# Browser tests spread over the xdist workers (each worker has its own Chromium, and each live
# server its own port): kept on one worker they were the suite's longest path. Modules whose tests
# must not run beside each other (real servers and workers, timing assertions) say so themselves
# with `pytest.mark.xdist_group("servers")`.


@pytest.hookimpl(tryfirst=True)  # before pytest-xdist reads the xdist_group marks for --dist loadgroup
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark tests by folder, and the ones touching a database `postgres`."""
    for item in items:
        folder = item.path.relative_to(TESTS).parts[0] if item.path.is_relative_to(TESTS) else ""
        if folder in FOLDER_MARKERS:
            item.add_marker(FOLDER_MARKERS[folder])
        # The PostgreSQL pass needs only what touches a database: the `database_url` fixture (and so
        # `app`, `client`, `runner`), or a module that reads POSTGRES_URL itself.
        module = getattr(item, "module", None)
        names = getattr(item, "fixturenames", ())
        if "database_url" in names or "empty_database_url" in names or hasattr(module, "POSTGRES_URL"):
            item.add_marker("postgres")
        # A module-scoped fixture (a rendered report, a worker) runs once on each xdist worker that
        # gets one of the module's tests: keep such a module's tests together so it runs once.
        if item.get_closest_marker("xdist_group") is None and _uses_module_fixture(item):
            item.add_marker(pytest.mark.xdist_group(f"module:{item.path.relative_to(TESTS).as_posix()}"))


def _uses_module_fixture(item: pytest.Item) -> bool:
    info = getattr(item, "_fixtureinfo", None)  # pytest's own record of the fixtures a test uses
    if info is None:
        return False
    return any(definition.scope == "module" for defs in info.name2fixturedefs.values() for definition in defs)


def _recreate(name: str, template: str | None = None) -> None:
    """Drop and make a test database, from `template` if given, through the server's `postgres` database.

    Names come from our own URL and the xdist worker id. FORCE ends the connections a test left open
    and an autovacuum worker's (the test role is a member of pg_signal_backend: scripts/postgres.sh).
    """
    url = make_url(POSTGRES_URL).set(database="postgres")
    engine = create_engine(url, isolation_level="AUTOCOMMIT")  # CREATE DATABASE refuses a transaction
    try:
        with engine.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            connection.execute(text(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else "")))
    finally:
        engine.dispose()


@pytest.fixture(scope="session")
def migrated_template(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A database migrated to the latest revision once per worker: each test gets a copy of it.

    Copying takes milliseconds; running every migration for each of hundreds of tests took minutes.
    A SQLite file path, or the name of a PostgreSQL template database.
    """
    if not POSTGRES_URL:
        path = tmp_path_factory.mktemp("template") / "migrated.sqlite3"
        command.upgrade(alembic_config(f"sqlite:///{path}"), "head")
        return str(path)
    name = f"{make_url(POSTGRES_URL).database}_template"
    _recreate(name)
    command.upgrade(alembic_config(make_url(POSTGRES_URL).set(database=name).render_as_string(False)), "head")
    return name


@pytest.fixture
def empty_database_url(tmp_path: Path) -> Iterator[str]:
    """An empty database, for the tests of the migrations themselves: a fresh SQLite file, or the
    PostgreSQL test database wiped clean."""
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
def database_url(tmp_path: Path, migrated_template: str) -> Iterator[str]:
    """A database with every migration applied and nothing in it, the test's own.

    `upgrade(app)` on it still runs what a new database gets after its migrations (the app's pack version).
    """
    if not POSTGRES_URL:
        path = tmp_path / "test.sqlite3"
        shutil.copyfile(migrated_template, path)
        yield f"sqlite:///{path}"
        return
    _recreate(str(make_url(POSTGRES_URL).database), template=migrated_template)
    yield POSTGRES_URL


@pytest.fixture
def app(database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Flask]:
    """The app on the shipped rule pack, with a fresh migrated database; CSRF off (see test_security).

    Its instance folder (stored PDFs, the job queue file) is the test's own, and report jobs run
    inline as they are enqueued (Huey's immediate mode); tests/jobs runs a real worker.
    """
    yield from app_for_tests(database_url, tmp_path, monkeypatch, JOBS_IMMEDIATE=True)


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    """A test client for the app."""
    return app.test_client()


@pytest.fixture
def runner(app: Flask) -> FlaskCliRunner:
    """A CLI runner for the app."""
    return app.test_cli_runner()
