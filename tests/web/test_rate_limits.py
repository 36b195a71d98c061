"""Rate limits that are enforced where the routes are, and never lock out a respondent with a valid link."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from assessor.storage.assessments import state_of
from assessor.storage.db import session as db_session
from assessor.storage.db import upgrade
from assessor.storage.models import Assessment
from assessor.web import create_app
from tests.admin.conftest import add_user, sign_in
from tests.admin.conftest import make_app as make_admin_app
from tests.web.pages import parse, token_from, url

OFFICE = {"REMOTE_ADDR": "10.1.2.3"}
NEIGHBOUR = {"REMOTE_ADDR": "10.9.9.9"}
START = {"organisation": "Ministry of Finance", "country": "Uruguay", "language": "en"}


@pytest.fixture
def make_app(database_url: str) -> Iterator[Callable[..., Flask]]:
    """Apps with the shipped limits (unless overridden), CSRF off, on the test database."""
    made: list[Flask] = []

    def build(**config: object) -> Flask:
        settings = {"DATABASE_URL": database_url, "SECRET_KEY": "test", "WTF_CSRF_ENABLED": False}
        application = create_app({**settings, "ASSESSOR_ENV": "development", **config})
        upgrade(application)
        made.append(application)
        return application

    yield build
    for application in made:
        application.extensions["report_jobs"].huey.storage.close()
        application.extensions["db_engine"].dispose()


def assert_refused(response: TestResponse, within: int) -> None:
    """A 429 that says when to come back, in the header and on a proper page."""
    assert response.status_code == 429, response.status_code
    wait = int(response.headers["Retry-After"])
    assert 1 <= wait <= within + 1  # Flask-Limiter rounds the reset time up
    assert "Try again in" in parse(response).get_text() or "Wait" in parse(response).get_text()


def start(client: FlaskClient, app: Flask, address: dict[str, str] = OFFICE) -> str:
    response = client.post(url(app, "pages.start"), data=START, environ_base=address)
    assert response.status_code == 302, response.status_code
    return token_from(response.headers["Location"])


def test_the_31st_download_in_a_minute_is_refused(make_app: Callable[..., Flask]) -> None:
    app = make_app()
    client = app.test_client()
    token = start(client, app)
    path = url(app, "questionnaire.report_pdf", token=token)
    # Not submitted: the view answers with a redirect to the check page, which is cheap and counts the same.
    statuses = [client.get(path, environ_base=OFFICE).status_code for _ in range(30)]
    assert statuses == [302] * 30
    assert_refused(client.get(path, environ_base=OFFICE), within=60)
    # Another address has its own count.
    assert client.get(path, environ_base=NEIGHBOUR).status_code == 302


def test_blank_questionnaires_are_limited_where_they_are_routed(make_app: Callable[..., Flask]) -> None:
    app = make_app(BLANK_RATE_LIMIT="3 per minute")
    client = app.test_client()
    path = url(app, "pages.blank_questionnaire", lang="xx")  # a language the pack lacks: a cheap 404
    assert [client.get(path, environ_base=OFFICE).status_code for _ in range(3)] == [404] * 3
    assert_refused(client.get(path, environ_base=OFFICE), within=60)


def test_creating_assessments_is_bounded_and_the_typed_form_is_kept(make_app: Callable[..., Flask]) -> None:
    app = make_app()
    client = app.test_client()
    tokens = [start(client, app) for _ in range(20)]
    refused = client.post(url(app, "pages.start"), data={**START, "organisation": "Ministerio X"}, environ_base=OFFICE)
    assert_refused(refused, within=3600)
    page = parse(refused)
    assert page.select_one("input[name=organisation]")["value"] == "Ministerio X"
    assert page.select_one("input[name=country]")["value"] == "Uruguay"
    with app.app_context():
        assert db_session().query(Assessment).count() == 20
    # A copy is a creation too.
    assert_refused(client.post(url(app, "questionnaire.copy", token=tokens[0]), environ_base=OFFICE), within=3600)
    assert start(client, app, NEIGHBOUR)


def test_a_valid_link_works_from_an_address_that_failed_100_times(make_app: Callable[..., Flask]) -> None:
    app = make_app()
    client = app.test_client()
    token = start(client, app)
    statuses = [client.get(f"/a/guess-{i}/", environ_base=OFFICE).status_code for i in range(100)]
    assert statuses == [404] * 20 + [429] * 80
    assert_refused(client.get("/a/guess-x/f/funding", environ_base=OFFICE), within=600)
    # The office's honest respondent: every page and a save still work from the same address.
    assert client.get(url(app, "questionnaire.resume", token=token), environ_base=OFFICE).status_code == 200
    factor = url(app, "questionnaire.factor", token=token, factor_id="integrators")
    assert client.get(factor, environ_base=OFFICE).status_code == 200
    saved = client.post(
        factor,
        data={"shown": "integrators_local_firms", "q_integrators_local_firms": "4"},
        environ_base=OFFICE,
    )
    assert saved.status_code == 302
    assert client.get(url(app, "questionnaire.check", token=token), environ_base=OFFICE).status_code == 200
    with app.app_context():
        assert _stored_answers()["integrators_local_firms"] == 4


def test_a_refused_save_shows_the_page_again_with_what_was_typed(make_app: Callable[..., Flask]) -> None:
    app = make_app(SAVE_RATE_LIMIT="2 per minute")
    client = app.test_client()
    token, other = start(client, app), start(client, app)
    factor = url(app, "questionnaire.factor", token=token, factor_id="integrators")

    def save(value: str, path: str = factor) -> TestResponse:
        data = {"shown": "integrators_local_firms", "q_integrators_local_firms": value}
        return client.post(path, data=data, environ_base=OFFICE)

    assert save("1").status_code == 302
    assert save("2").status_code == 302
    refused = save("17")
    assert_refused(refused, within=60)
    page = parse(refused)
    assert page.select_one("input[name=q_integrators_local_firms]")["value"] == "17"
    assert "not saved yet" in page.get_text()
    with app.app_context():
        first = db_session().query(Assessment).order_by(Assessment.id).first()
        assert first is not None
        saved = state_of(db_session(), first).answers
        assert saved["integrators_local_firms"] == 2  # the refused 17 was not saved
    # Counted per assessment: someone else in the office saves as usual.
    assert save("5", url(app, "questionnaire.factor", token=other, factor_id="integrators")).status_code == 302


def test_behind_a_proxy_each_forwarded_client_has_its_own_count(make_app: Callable[..., Flask]) -> None:
    app = make_app(PROXY_HOPS=1, BLANK_RATE_LIMIT="2 per minute")
    client = app.test_client()
    path = url(app, "pages.blank_questionnaire", lang="xx")
    proxy = {"REMOTE_ADDR": "10.0.0.1"}

    def get(forwarded_for: str) -> int:
        return client.get(path, environ_base=proxy, headers={"X-Forwarded-For": forwarded_for}).status_code

    assert [get("203.0.113.5") for _ in range(3)] == [404, 404, 429]
    assert get("198.51.100.7") == 404
    # Only the last hop is believed: a client cannot pick its own address by prepending one.
    assert get("198.51.100.99, 203.0.113.5") == 429


def test_the_admin_sign_in_refusal_carries_retry_after_too(database_url: str) -> None:
    app = make_admin_app(database_url, RATELIMIT_ENABLED=True, ADMIN_SIGNIN_LIMIT_PER_ACCOUNT="1 per 15 minutes")
    add_user(app, "target@example.org", "admin")
    client = app.test_client()
    assert sign_in(client, "target@example.org", "wrong", environ_base=OFFICE).status_code == 200
    refused = sign_in(client, "target@example.org", "wrong", environ_base=OFFICE)
    assert refused.status_code == 429
    assert 1 <= int(refused.headers["Retry-After"]) <= 15 * 60 + 1
    assert "Too many attempts" in refused.get_data(as_text=True)  # the admin area's own page
    app.extensions["report_jobs"].huey.storage.close()
    app.extensions["db_engine"].dispose()


def _stored_answers() -> dict:
    """The one assessment's saved answers, read from its answer rows (call inside an app context)."""
    from assessor.storage.assessments import state_of

    db = db_session()
    return dict(state_of(db, db.query(Assessment).one()).answers)
