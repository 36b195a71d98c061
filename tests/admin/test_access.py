"""Every admin route refuses anonymous visitors (to sign-in) and roles below its own (403).

The routes come from `app.url_map`, so a route added later without a role is caught here: the
guard refuses a view that declares no role to everyone, and the last test names it.
"""

from __future__ import annotations

from collections.abc import Callable

from flask import Flask
from flask.testing import FlaskClient
from werkzeug.routing import Rule

from assessor.admin.models import ROLES
from assessor.web.admin.access import PUBLIC, REQUIRED_ROLE

SAMPLE_VALUES = {"account_id": 1, "reference": "A-SAMPLE", "kind": "csv"}


def admin_rules(app: Flask) -> list[Rule]:
    rules = [rule for rule in app.url_map.iter_rules() if rule.endpoint.startswith("admin.")]
    assert len(rules) >= 9, [r.endpoint for r in rules]  # the walk must not silently find nothing
    return rules


def requests_for(app: Flask, rule: Rule) -> list[tuple[str, str]]:
    with app.test_request_context():
        from flask import url_for

        path = url_for(rule.endpoint, **{a: SAMPLE_VALUES[a] for a in rule.arguments})
    return [(method, path) for method in sorted((rule.methods or set()) - {"HEAD", "OPTIONS"})]


def is_public(app: Flask, endpoint: str) -> bool:
    return bool(getattr(app.view_functions[endpoint], PUBLIC, False))


def test_every_admin_route_declares_a_role_or_is_public(admin_app: Flask) -> None:
    for rule in admin_rules(admin_app):
        view = admin_app.view_functions[rule.endpoint]
        declared = getattr(view, REQUIRED_ROLE, None)
        assert declared in ROLES or is_public(admin_app, rule.endpoint), f"{rule.endpoint} declares no role"


def test_anonymous_visitors_are_sent_to_sign_in_from_every_admin_route(admin_app: Flask) -> None:
    client = admin_app.test_client()
    checked = 0
    for rule in admin_rules(admin_app):
        if is_public(admin_app, rule.endpoint):
            continue
        for method, path in requests_for(admin_app, rule):
            response = client.open(path, method=method)
            assert response.status_code == 302, (method, path, response.status_code)
            assert response.headers["Location"].startswith("/admin/sign-in?next="), (method, path)
            checked += 1
    assert checked >= 8


def test_roles_below_a_routes_role_get_403_on_every_admin_route(
    admin_app: Flask, signed_in: Callable[[str], FlaskClient]
) -> None:
    clients = {role: signed_in(role) for role in ROLES}
    refused = 0
    for rule in admin_rules(admin_app):
        if is_public(admin_app, rule.endpoint):
            continue
        needed = getattr(admin_app.view_functions[rule.endpoint], REQUIRED_ROLE)
        for role in ROLES[: ROLES.index(needed)]:
            for method, path in requests_for(admin_app, rule):
                response = clients[role].open(path, method=method)
                assert response.status_code == 403, (role, method, path, response.status_code)
                refused += 1
    assert refused >= 8  # users and audit pages and actions refuse viewers and editors


def test_a_route_without_a_role_is_refused_to_everyone(database_url: str) -> None:
    from assessor.web.admin.blueprint import bp
    from tests.admin.conftest import add_user, make_app, sign_in

    app = make_app(database_url)
    add_user(app, "boss@example.org", "admin")

    def forgotten() -> str:
        return "secret"

    # Added to the app directly under the blueprint's name, as a later developer's route would be.
    app.add_url_rule("/admin/forgotten", endpoint=f"{bp.name}.forgotten", view_func=forgotten)
    client = app.test_client()
    assert sign_in(client, "boss@example.org").status_code == 302
    response = client.get("/admin/forgotten")
    assert response.status_code == 403
    assert "secret" not in response.get_data(as_text=True)
    app.extensions["report_jobs"].huey.storage.close()
    app.extensions["db_engine"].dispose()


def test_officials_pages_need_no_account(admin_app: Flask) -> None:
    client = admin_app.test_client()
    response = client.get("/")
    assert response.status_code == 200
    assert "/admin" not in response.get_data(as_text=True)  # officials are never pointed at it
