"""Security: headers, cookies, CSRF, rate limits, request size."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from flask import Flask
from flask.testing import FlaskClient

from assessor.storage.db import upgrade
from assessor.web import create_app
from tests.web.pages import parse, token_from, url


@pytest.fixture
def make_app(database_url: str) -> Iterator[Callable[..., Flask]]:
    """Apps with their own settings, on the test database."""
    made: list[Flask] = []

    def build(**config: object) -> Flask:
        application = create_app({"DATABASE_URL": database_url, "SECRET_KEY": "test", **config})
        upgrade(application)
        made.append(application)
        return application

    yield build
    for application in made:
        application.extensions["db_engine"].dispose()


def test_every_page_has_the_security_headers(client: FlaskClient, app: Flask) -> None:
    response = client.get(url(app, "pages.start"))
    headers = response.headers
    assert headers["Content-Security-Policy"] == (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
        "form-action 'self'; frame-ancestors 'none'"
    )
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert headers["X-Frame-Options"] == "DENY"


def test_pages_use_no_inline_script_or_style(client: FlaskClient, app: Flask) -> None:
    page = parse(client.get(url(app, "pages.start")))
    assert all(script.get("src") for script in page.find_all("script"))
    assert not page.find_all("style")
    assert not page.find_all(style=True)


def test_assessment_pages_are_not_cached(client: FlaskClient, app: Flask) -> None:
    response = client.post(url(app, "pages.start"), data={"organisation": "O", "country": "C", "language": "en"})
    started = client.get(response.headers["Location"])
    assert started.headers["Cache-Control"] == "no-store"


def test_production_cookies_are_secure(make_app: Callable[..., Flask]) -> None:
    application = make_app(ASSESSOR_ENV="production", WTF_CSRF_ENABLED=True)
    response = application.test_client().get("/", base_url="https://assessor.example")
    cookie = response.headers["Set-Cookie"]
    assert cookie.startswith("__Host-session=")
    for attribute in ("Secure", "HttpOnly", "SameSite=Lax", "Path=/"):
        assert attribute in cookie
    assert response.headers["Strict-Transport-Security"].startswith("max-age=31536000")


def test_development_cookies_work_over_plain_http(make_app: Callable[..., Flask]) -> None:
    application = make_app(ASSESSOR_ENV="development", WTF_CSRF_ENABLED=True)
    cookie = application.test_client().get("/").headers["Set-Cookie"]
    assert "Secure" not in cookie
    assert "HttpOnly" in cookie


def test_csrf_is_enforced(make_app: Callable[..., Flask]) -> None:
    application = make_app(ASSESSOR_ENV="development", WTF_CSRF_ENABLED=True)
    client = application.test_client()
    data = {"organisation": "O", "country": "C", "language": "en"}
    refused = client.post("/", data=data)
    assert refused.status_code == 400
    assert "could not be saved" in parse(refused).get_text()
    page = parse(client.get("/"))
    token = page.select_one("input[name=csrf_token]")["value"]
    accepted = client.post("/", data={**data, "csrf_token": token})
    assert accepted.status_code == 302
    resume = token_from(accepted.headers["Location"])
    forged = client.post(f"/a/{resume}/submit", data={"csrf_token": "forged"})
    assert forged.status_code == 400


def test_no_view_is_exempt_from_csrf(app: Flask) -> None:
    from assessor.web.security import csrf

    assert not csrf._exempt_views
    assert not csrf._exempt_blueprints


def test_guessing_tokens_is_rate_limited(make_app: Callable[..., Flask]) -> None:
    application = make_app(RESUME_FAILURE_LIMIT="3 per minute", ASSESSOR_ENV="development")
    client = application.test_client()
    statuses = [client.get(f"/a/guess-{i}/").status_code for i in range(5)]
    assert statuses == [404, 404, 404, 429, 429]
    assert "Too many attempts" in parse(client.get("/a/guess-x/")).get_text()


def test_rate_limit_is_per_client_address(make_app: Callable[..., Flask]) -> None:
    application = make_app(RESUME_FAILURE_LIMIT="2 per minute", ASSESSOR_ENV="development")
    client = application.test_client()
    for _ in range(3):
        client.get("/a/guess/", environ_base={"REMOTE_ADDR": "10.0.0.1"})
    assert client.get("/a/guess/", environ_base={"REMOTE_ADDR": "10.0.0.1"}).status_code == 429
    assert client.get("/a/guess/", environ_base={"REMOTE_ADDR": "10.0.0.2"}).status_code == 404


def test_an_oversized_request_gets_a_friendly_413(client: FlaskClient, app: Flask) -> None:
    response = client.post(url(app, "pages.start"), data={"organisation": "x" * (9 * 1024 * 1024)})
    assert response.status_code == 413
    assert "too large to save" in parse(response).get_text()


@pytest.mark.parametrize("path", ["/../../etc/passwd", "/static/../web/__init__.py", "/a/%00/"])
def test_odd_paths_are_404_not_500(client: FlaskClient, path: str) -> None:
    assert client.get(path).status_code == 404
