"""The policy team's area in Chromium: sign in, read the rule book, compare versions, sign out;
axe-core at WCAG 2.2 AA with zero violations on every admin page type."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from assessor.admin import accounts
from assessor.storage.db import transaction, upgrade
from assessor.web import create_app
from assessor.web.admin.signin import hasher
from tests.admin.conftest import CHEAP_ARGON2, PASSWORD
from tests.admin.edited_pack import edited_copy
from tests.browser.conftest import LiveServer
from tests.helpers.accessibility import assert_accessible
from tests.helpers.records import submitted
from tests.helpers.shipped import EDITED_VERSION, SHIPPED_VERSION


@pytest.fixture
def admin_server(database_url: str, tmp_path: Path) -> Iterator[LiveServer]:
    """The app on loopback with one admin account and an edited pack to compare with the live one."""
    app = create_app(
        {
            "DATABASE_URL": database_url,
            "SECRET_KEY": "browser-tests",
            "ASSESSOR_ENV": "development",
            "ADMIN_RULE_PACKS": [str(edited_copy(tmp_path))],
            **CHEAP_ARGON2,
        }
    )
    upgrade(app)
    with app.test_request_context(), transaction() as db:
        accounts.create_user(db, hasher(), "boss@example.org", "admin", PASSWORD, actor="test")
    reference = submitted(app, "Ministry of Digital", "Kenya", best=True)
    app.config["TEST_REFERENCE"] = reference
    with LiveServer(app) as server:
        yield server
    app.extensions["db_engine"].dispose()


def sign_in(page: Page, server: LiveServer) -> None:
    page.goto(server.url + "/admin/")
    expect(page).to_have_url(server.url + "/admin/sign-in?next=/admin/")
    page.get_by_label("Email address").fill("boss@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Policy team")


def test_sign_in_read_the_book_compare_and_sign_out(page: Page, admin_server: LiveServer) -> None:
    sign_in(page, admin_server)
    page.get_by_role("link", name="Rule book").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Rule book")
    expect(page.get_by_text("the answer to 3.1 is “Yes” or “Partly”").first).to_be_visible()
    page.get_by_role("link", name="Compare versions").first.click()
    page.get_by_label("Older version").select_option("live")
    page.get_by_label("Newer version").select_option("pack-0")
    page.get_by_role("button", name="Compare").click()
    expect(page.get_by_role("heading", level=2).first).to_contain_text(
        f"{SHIPPED_VERSION} to oss_readiness {EDITED_VERSION}"
    )
    expect(page.get_by_text("the answer to 3.2 is less than 2 years").first).to_be_visible()
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_text("You have signed out.")).to_be_visible()
    page.goto(admin_server.url + "/admin/rules/")
    expect(page).to_have_url(admin_server.url + "/admin/sign-in?next=/admin/rules/")


def test_a_wrong_password_is_reported_at_the_field(page: Page, admin_server: LiveServer) -> None:
    page.goto(admin_server.url + "/admin/sign-in")
    page.get_by_label("Email address").fill("boss@example.org")
    page.get_by_label("Password").fill("not the password")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("alert")).to_contain_text("The email address or password is not right")
    assert_accessible(page, "sign-in with an error")


@pytest.mark.parametrize(
    "path",
    [
        "/admin/sign-in",
        "/admin/",
        "/admin/rules/",
        "/admin/rules/diff",
        "/admin/rules/diff?old=live&new=pack-0",
        "/admin/users",
        "/admin/audit",
        "/admin/assessments/",
        "/admin/assessments/?submitted_from=yesterday",
        "/admin/assessments/{reference}",
    ],
)
def test_admin_pages_have_no_wcag_violations(page: Page, admin_server: LiveServer, path: str) -> None:
    if path != "/admin/sign-in":
        sign_in(page, admin_server)
    page.goto(admin_server.url + path.format(reference=admin_server.app.config["TEST_REFERENCE"]))
    assert_accessible(page, path)
