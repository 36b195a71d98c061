"""Fixtures for the admin area: an app with cheap Argon2 settings, accounts of each role, signing in."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from assessor.admin import accounts
from assessor.storage.db import transaction, upgrade
from assessor.web import create_app

PASSWORD = "correct horse battery staple"
# The lowest costs argon2-cffi accepts: tests check the rules, not the hash's strength.
CHEAP_ARGON2 = {"ADMIN_ARGON2_TIME_COST": 1, "ADMIN_ARGON2_MEMORY_KIB": 8, "ADMIN_ARGON2_PARALLELISM": 1}


def make_app(database_url: str, **overrides: Any) -> Flask:
    """An app on a fresh migrated database with cheap hashing; CSRF and limits off unless overridden."""
    config: dict[str, Any] = {
        "TESTING": True,
        "DATABASE_URL": database_url,
        "WTF_CSRF_ENABLED": False,
        "SECRET_KEY": "test",
        "RATELIMIT_ENABLED": False,
        **CHEAP_ARGON2,
    }
    config.update(overrides)
    application = create_app(config)
    upgrade(application)
    return application


def add_user(app: Flask, email: str, role: str, password: str = PASSWORD) -> None:
    """Create an account directly, as `assessor users create` does."""
    from assessor.web.admin.signin import hasher

    with app.test_request_context():
        with transaction() as db:
            accounts.create_user(db, hasher(), email, role, password, actor="test")


def sign_in(client: FlaskClient, email: str, password: str = PASSWORD, **kwargs: Any) -> Any:
    """POST the sign-in form."""
    return client.post("/admin/sign-in", data={"email": email, "password": password}, **kwargs)


@pytest.fixture
def admin_app(database_url: str) -> Iterator[Flask]:
    """The app with one account of each role."""
    application = make_app(database_url)
    for role in ("viewer", "editor", "admin"):
        add_user(application, f"{role}@example.org", role)
    yield application
    application.extensions["report_jobs"].huey.storage.close()
    application.extensions["db_engine"].dispose()


@pytest.fixture
def signed_in(admin_app: Flask) -> Callable[[str], FlaskClient]:
    """A test client signed in with the given role's account."""

    def client_for(role: str) -> FlaskClient:
        client = admin_app.test_client()
        response = sign_in(client, f"{role}@example.org")
        assert response.status_code == 302, response.get_data(as_text=True)[:400]
        return client

    return client_for
