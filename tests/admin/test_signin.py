"""Signing in and out: Argon2 hashes, throttling, expiry, session rotation, revocation, CSRF."""

from __future__ import annotations

import http.client
import statistics
import threading
import time
import urllib.parse
from collections.abc import Callable

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select
from werkzeug.serving import WSGIRequestHandler, make_server

from assessor.admin import accounts
from assessor.admin.models import AuditEvent, UserAccount
from assessor.storage.db import session as db_session
from assessor.storage.db import transaction
from assessor.web.admin.access import SEEN_AT, SIGNED_IN_AT
from bench.loopback import free_port
from tests.admin.conftest import PASSWORD, add_user, make_app, sign_in


def test_passwords_are_stored_as_argon2id_hashes(admin_app: Flask) -> None:
    with admin_app.app_context():
        account = accounts.get_user(db_session(), "viewer@example.org")
        assert account.password_hash.startswith("$argon2id$")
        assert PASSWORD not in account.password_hash


def test_sign_in_then_sign_out(admin_app: Flask) -> None:
    client = admin_app.test_client()
    response = sign_in(client, "Editor@Example.org ")
    assert response.status_code == 302
    assert response.headers["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200
    response = client.post("/admin/sign-out")
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 302  # back to the sign-in page


def test_wrong_password_and_unknown_address_get_the_same_answer(admin_app: Flask) -> None:
    client = admin_app.test_client()
    wrong = sign_in(client, "viewer@example.org", "not the password at all")
    unknown = sign_in(client, "nobody@example.org", "not the password at all")
    assert wrong.status_code == unknown.status_code == 200
    text = "The email address or password is not right"
    assert text in wrong.get_data(as_text=True)
    assert text in unknown.get_data(as_text=True)
    with admin_app.app_context():
        assert accounts.get_user(db_session(), "viewer@example.org").failed_signins == 1


def test_unknown_addresses_cost_one_argon2_verification_too(database_url: str) -> None:
    # Real costs large enough to measure (~20-60 ms a verification); an unknown address that
    # skipped the hash would answer in well under a millisecond.
    app = make_app(database_url, ADMIN_ARGON2_TIME_COST=2, ADMIN_ARGON2_MEMORY_KIB=32768, ADMIN_ARGON2_PARALLELISM=1)
    add_user(app, "known@example.org", "viewer")
    client = app.test_client()
    sign_in(client, "warm@example.org", "x" * 12)  # makes the dummy hash once

    def median_seconds(email: str) -> float:
        times = []
        for _ in range(5):
            start = time.perf_counter()
            sign_in(client, email, "wrong password here")
            times.append(time.perf_counter() - start)
        return statistics.median(times)

    known, unknown = median_seconds("known@example.org"), median_seconds("unknown@example.org")
    assert unknown > known / 3, (known, unknown)
    app.extensions["report_jobs"].huey.storage.close()
    app.extensions["db_engine"].dispose()


def test_disabled_accounts_cannot_sign_in(admin_app: Flask) -> None:
    with admin_app.app_context(), transaction() as db:
        accounts.disable(db, "editor@example.org", actor="test")
    response = sign_in(admin_app.test_client(), "editor@example.org")
    assert response.status_code == 200
    assert "not right" in response.get_data(as_text=True)


def test_sign_in_rotates_the_session(admin_app: Flask) -> None:
    client = admin_app.test_client()
    with client.session_transaction() as session:
        session["planted"] = "by someone else"
        session["csrf_token"] = "planted-token"
        session["lang"] = "es"
    sign_in(client, "viewer@example.org")
    with client.session_transaction() as session:
        assert "planted" not in session
        assert session.get("csrf_token") != "planted-token"
        assert session["lang"] == "es"  # the language chosen before signing in is kept
        assert "_user_id" in session


def test_a_role_change_or_disabling_ends_existing_sessions(
    admin_app: Flask, signed_in: Callable[[str], FlaskClient]
) -> None:
    editor = signed_in("editor")
    assert editor.get("/admin/").status_code == 200
    with admin_app.app_context(), transaction() as db:
        accounts.set_role(db, "editor@example.org", "viewer", actor="test")
    assert editor.get("/admin/").status_code == 302
    viewer = signed_in("viewer")
    with admin_app.app_context(), transaction() as db:
        accounts.disable(db, "viewer@example.org", actor="test")
    assert viewer.get("/admin/").status_code == 302


@pytest.mark.parametrize(
    ("key", "setting"), [(SEEN_AT, "ADMIN_IDLE_TIMEOUT"), (SIGNED_IN_AT, "ADMIN_ABSOLUTE_TIMEOUT")]
)
def test_sessions_expire(admin_app: Flask, signed_in: Callable[[str], FlaskClient], key: str, setting: str) -> None:
    client = signed_in("viewer")
    assert client.get("/admin/").status_code == 200
    limit = admin_app.config[setting]
    with client.session_transaction() as session:
        session[key] = time.time() - limit - 5
        if key == SIGNED_IN_AT:
            session[SEEN_AT] = time.time()  # active all along: the absolute limit still applies
    response = client.get("/admin/rules/")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/admin/sign-in")
    with client.session_transaction() as session:
        assert "_user_id" not in session
    assert client.get("/admin/").status_code == 302  # still signed out


def test_activity_keeps_the_idle_clock_running(admin_app: Flask, signed_in: Callable[[str], FlaskClient]) -> None:
    client = signed_in("viewer")
    idle = admin_app.config["ADMIN_IDLE_TIMEOUT"]
    with client.session_transaction() as session:
        session[SEEN_AT] = time.time() - idle + 60  # a minute left
    assert client.get("/admin/").status_code == 200
    with client.session_transaction() as session:
        assert time.time() - session[SEEN_AT] < 5


def test_timeouts_are_configurable(database_url: str) -> None:
    app = make_app(database_url, ADMIN_IDLE_TIMEOUT=60, ADMIN_ABSOLUTE_TIMEOUT=120)
    assert app.config["ADMIN_IDLE_TIMEOUT"] == 60
    assert app.config["ADMIN_ABSOLUTE_TIMEOUT"] == 120
    app.extensions["report_jobs"].huey.storage.close()
    app.extensions["db_engine"].dispose()


def test_sign_in_only_redirects_inside_the_admin_area(admin_app: Flask) -> None:
    for target, expected in [
        ("/admin/rules/", "/admin/rules/"),
        ("//evil.example/", "/admin/"),
        ("https://evil.example/", "/admin/"),
        ("/a/token/", "/admin/"),
    ]:
        client = admin_app.test_client()
        response = sign_in(client, "viewer@example.org", query_string={"next": target})
        assert response.headers["Location"] == expected, target


def test_sign_in_is_throttled_per_account(database_url: str) -> None:
    app = make_app(database_url, RATELIMIT_ENABLED=True, ADMIN_SIGNIN_LIMIT_PER_ACCOUNT="3 per 15 minutes")
    add_user(app, "target@example.org", "admin")
    for address in ("10.0.0.1", "10.0.0.2", "10.0.0.3"):  # a different address each time
        client = app.test_client()
        response = sign_in(client, "target@example.org", "guess " * 3, environ_base={"REMOTE_ADDR": address})
        assert response.status_code == 200
    client = app.test_client()
    blocked = sign_in(client, "target@example.org", environ_base={"REMOTE_ADDR": "10.0.0.4"})  # even the right password
    assert blocked.status_code == 429
    assert "Too many attempts" in blocked.get_data(as_text=True)
    other = sign_in(client, "other@example.org", "guess guess guess", environ_base={"REMOTE_ADDR": "10.0.0.4"})
    assert other.status_code == 200  # other accounts are not locked out
    app.extensions["report_jobs"].huey.storage.close()
    app.extensions["db_engine"].dispose()


def test_sign_in_is_throttled_per_address(database_url: str) -> None:
    app = make_app(database_url, RATELIMIT_ENABLED=True, ADMIN_SIGNIN_LIMIT_PER_ADDRESS="4 per 15 minutes")
    add_user(app, "someone@example.org", "viewer")
    client = app.test_client()
    for n in range(4):
        assert sign_in(client, f"guess{n}@example.org", "wrong password!").status_code == 200
    assert sign_in(client, "someone@example.org").status_code == 429
    elsewhere = app.test_client()
    assert sign_in(elsewhere, "someone@example.org", environ_base={"REMOTE_ADDR": "10.9.9.9"}).status_code == 302
    app.extensions["report_jobs"].huey.storage.close()
    app.extensions["db_engine"].dispose()


def test_successful_sign_ins_do_not_count_against_the_limit(database_url: str) -> None:
    app = make_app(database_url, RATELIMIT_ENABLED=True, ADMIN_SIGNIN_LIMIT_PER_ACCOUNT="2 per 15 minutes")
    add_user(app, "busy@example.org", "viewer")
    for _ in range(4):
        assert sign_in(app.test_client(), "busy@example.org").status_code == 302
    app.extensions["report_jobs"].huey.storage.close()
    app.extensions["db_engine"].dispose()


def test_every_admin_form_needs_its_csrf_token(database_url: str) -> None:
    app = make_app(database_url, WTF_CSRF_ENABLED=True)
    add_user(app, "boss@example.org", "admin")
    client = app.test_client()
    assert sign_in(client, "boss@example.org").status_code == 400  # no token
    page = client.get("/admin/sign-in").get_data(as_text=True)
    token = page.split('name="csrf_token" type="hidden" value="')[1].split('"')[0]
    response = client.post(
        "/admin/sign-in", data={"email": "boss@example.org", "password": PASSWORD, "csrf_token": token}
    )
    assert response.status_code == 302
    with app.app_context():
        other = db_session().query(UserAccount).filter_by(email="boss@example.org").one()
    for path in ("/admin/sign-out", f"/admin/users/{other.id}/disable", f"/admin/users/{other.id}/role"):
        assert client.post(path, data={"role": "viewer"}).status_code == 400, path
    assert client.get("/admin/").status_code == 200  # still signed in: the forged sign-out did nothing
    app.extensions["report_jobs"].huey.storage.close()
    app.extensions["db_engine"].dispose()


def test_failed_sign_ins_at_the_same_moment_all_count(admin_app: Flask) -> None:
    """Real threads against a real server: each failure is counted and audited, none is refused."""
    port = free_port()
    server = make_server("127.0.0.1", port, admin_app, threaded=True, request_handler=_Quiet)
    serving = threading.Thread(target=server.serve_forever, daemon=True)
    serving.start()
    threads_count, repeats = 8, 5
    statuses: list[int] = []

    def attacker() -> None:
        for _attempt in range(repeats):
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            body = urllib.parse.urlencode({"email": "viewer@example.org", "password": "not the password at all"})
            connection.request("POST", "/admin/sign-in", body, {"Content-Type": "application/x-www-form-urlencoded"})
            statuses.append(connection.getresponse().status)
            connection.close()

    try:
        threads = [threading.Thread(target=attacker) for _thread in range(threads_count)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        server.shutdown()
        serving.join(timeout=10)
    assert statuses == [200] * threads_count * repeats
    with admin_app.app_context():
        db = db_session()
        assert accounts.get_user(db, "viewer@example.org").failed_signins == threads_count * repeats
        failed = select(func.count()).select_from(AuditEvent).where(AuditEvent.action == "user.signin_failed")
        assert db.scalar(failed) == threads_count * repeats


class _Quiet(WSGIRequestHandler):
    def log_request(self, *_args: object, **_kwargs: object) -> None:
        pass
