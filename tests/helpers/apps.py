"""The app as the web tests run it: a migrated database, its own instance folder, CSRF and rate limits off."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask

from assessor.storage.db import upgrade
from assessor.web import create_app


def app_for_tests(database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, **config: Any) -> Iterator[Flask]:
    """For a fixture to `yield from`: the app with `config` over the test settings, closed afterwards.

    Its instance folder (stored PDFs, the job queue file) is the test's own.
    """
    monkeypatch.setenv("ASSESSOR_INSTANCE", str(tmp_path / "instance"))
    application = create_app(
        {
            "TESTING": True,
            "DATABASE_URL": database_url,
            "WTF_CSRF_ENABLED": False,  # see tests/web/test_security.py
            "SECRET_KEY": "test",
            "RATELIMIT_ENABLED": False,
            **config,
        }
    )
    upgrade(application)
    yield application
    application.extensions["report_jobs"].huey.storage.close()
    application.extensions["db_engine"].dispose()
