"""No open redirect through `next`, and no forged Host header in the secret resume link."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from flask import Flask

from assessor.storage.db import upgrade
from assessor.web import create_app, hosts
from assessor.web.redirects import safe_next
from tests.web.pages import token_from, url

BYPASSES = [
    "//evil.example",
    "//evil.example/path",
    "/\t/evil.example/path",
    "/\n/evil.example",
    "/\r/evil.example",
    "/\r\nSet-Cookie: x=1",
    "/%0d%0aSet-Cookie:%20x=1",
    "/\\evil.example",
    "/\\\\evil.example",
    "\\\\evil.example",
    "/%5Cevil.example",
    "/%2F%2Fevil.example",
    "/%2f/evil.example",
    "%2F%2Fevil.example",
    "/%09/evil.example",
    "javascript:alert(1)",
    "JavaScript:alert(1)",
    "https://evil.example",
    "http:/evil.example",
    "https:evil.example",
    "data:text/html,<script>alert(1)</script>",
    " /evil",
    " //evil.example",
    "\t//evil.example",
    "/ /evil.example",
    "／／evil.example",  # full-width solidus, read as a slash by some browsers
    "/\x00/evil.example",
    "evil.example",
    "",
    "/" + "a" * 5000,
]


@pytest.mark.parametrize("target", BYPASSES)
def test_safe_next_refuses_the_usual_bypasses(target: str) -> None:
    assert safe_next(target) is None


@pytest.mark.parametrize("target", ["/", "/a/tok-en_1/f/funding", "/a/x/check?lang=es", "/questionnaire/es.pdf"])
def test_safe_next_keeps_our_own_paths(target: str) -> None:
    assert safe_next(target) == target


@pytest.fixture
def make_app(database_url: str) -> Iterator[Callable[..., Flask]]:
    made: list[Flask] = []

    def build(**config: object) -> Flask:
        settings = {"DATABASE_URL": database_url, "SECRET_KEY": "test", "WTF_CSRF_ENABLED": False}
        application = create_app({**settings, "RATELIMIT_ENABLED": False, **config})
        upgrade(application)
        made.append(application)
        return application

    yield build
    for application in made:
        application.extensions["report_jobs"].huey.storage.close()
        application.extensions["db_engine"].dispose()


@pytest.mark.parametrize("target", BYPASSES)
def test_language_switches_never_leave_the_site(make_app: Callable[..., Flask], target: str) -> None:
    app = make_app(ASSESSOR_ENV="development")
    client = app.test_client()
    started = client.post(url(app, "pages.start"), data={"organisation": "O", "country": "C", "language": "en"})
    token = token_from(started.headers["Location"])
    for path, home in (
        (url(app, "pages.language"), "/"),
        (url(app, "questionnaire.language", token=token), f"/a/{token}/"),
    ):
        response = client.post(path, data={"lang": "es", "next": target})
        assert response.status_code == 302, (path, response.status_code)
        assert response.headers["Location"] == home


def _resume_link(app: Flask, host: str) -> tuple[int, str]:
    """Start an assessment with `host` in the Host header; the status and the page with the resume link."""
    client = app.test_client()
    base = f"https://{host}/"
    # A literal path: url() builds in a request on "localhost", which these apps do not trust.
    started = client.post("/", data={"organisation": "O", "country": "C", "language": "en"}, base_url=base)
    if started.status_code != 302:
        return started.status_code, started.get_data(as_text=True)
    page = client.get(started.headers["Location"], base_url=base)
    return page.status_code, page.get_data(as_text=True)


def test_a_forged_host_is_refused_outside_development(make_app: Callable[..., Flask]) -> None:
    app = make_app(TRUSTED_HOSTS=["assessor.example.gov"], ASSESSOR_ENV="production")
    status, _page = _resume_link(app, "evil.example")
    assert status == 400
    status, page = _resume_link(app, "assessor.example.gov")
    assert status == 200
    assert "https://assessor.example.gov/a/" in page
    assert "evil.example" not in page


def test_the_resume_link_uses_the_configured_server_name(make_app: Callable[..., Flask]) -> None:
    app = make_app(SERVER_NAME="assessor.example.gov", ASSESSOR_ENV="production")
    assert app.config["TRUSTED_HOSTS"] == ["assessor.example.gov"]
    assert _resume_link(app, "evil.example")[0] == 400
    status, page = _resume_link(app, "assessor.example.gov")
    assert status == 200
    assert "https://assessor.example.gov/a/" in page


def test_production_without_host_settings_does_not_start(make_app: Callable[..., Flask]) -> None:
    app = make_app(ASSESSOR_ENV="production")
    with pytest.raises(hosts.HostSettingsError, match="ASSESSOR_SERVER_NAME"):
        hosts.require_settings(app)
    hosts.require_settings(make_app(ASSESSOR_ENV="development"))
    hosts.require_settings(make_app(ASSESSOR_ENV="production", TRUSTED_HOSTS=["a.example"]))
