"""Shared fixtures: rule packs from disk, the app, its test client and CLI runner."""

from __future__ import annotations

from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient, FlaskCliRunner

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


@pytest.fixture
def app(tmp_path: Path) -> Flask:
    """The app on the shipped rule pack, with a fresh migrated SQLite database; CSRF off (see test_csrf)."""
    application = create_app(
        {
            "TESTING": True,
            "DATABASE_URL": f"sqlite:///{tmp_path / 'test.sqlite3'}",
            "WTF_CSRF_ENABLED": False,
            "SECRET_KEY": "test",
            "RATELIMIT_ENABLED": False,
        }
    )
    upgrade(application)
    return application


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    """A test client for the app."""
    return app.test_client()


@pytest.fixture
def runner(app: Flask) -> FlaskCliRunner:
    """A CLI runner for the app."""
    return app.test_cli_runner()
