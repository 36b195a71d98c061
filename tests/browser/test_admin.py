"""The policy team's area in Chromium: sign in, read the rule book, compare versions, sign out; upload
a workbook as a draft, propose it, preview its impact, approve and publish it, roll back; axe-core at
WCAG 2.2 AA with zero violations on every admin page type."""

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
from tests.admin.impact_helpers import CHANGED_QUESTION, NEW_TITLE, NEW_VERSION, edited_workbook
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
        accounts.create_user(db, hasher(), "editor@example.org", "editor", PASSWORD, actor="test")
    reference = submitted(app, "Ministry of Digital", "Kenya", best=True)
    # One year of operations budget: the draft of the journey below re-points that question.
    submitted(app, "Ministry of Works", "Chile", best=True, overrides={CHANGED_QUESTION: 1.0})
    app.config["TEST_REFERENCE"] = reference
    with LiveServer(app) as server:
        yield server
    app.extensions["db_engine"].dispose()


def sign_in(page: Page, server: LiveServer, email: str = "boss@example.org") -> None:
    page.goto(server.url + "/admin/")
    expect(page).to_have_url(server.url + "/admin/sign-in?next=/admin/")
    page.get_by_label("Email address").fill(email)
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


@pytest.mark.slow
def test_a_workbook_draft_proposed_previewed_published_and_rolled_back(
    page: Page, admin_server: LiveServer, tmp_path: Path
) -> None:
    workbook = tmp_path / "pack.xlsx"
    workbook.write_bytes(edited_workbook())
    # Checking an upload (check --strict and the worked examples) and loading a version the first time
    # take seconds each, many on a busy shared machine.
    slow = 120_000
    page.set_default_timeout(slow)  # actions wait for the navigation they start
    # The editor uploads the edited workbook and proposes it.
    sign_in(page, admin_server, "editor@example.org")
    page.get_by_role("link", name="Rule pack versions").click()
    assert_accessible(page, "versions page (editor)")
    page.get_by_label("Rule pack file").set_input_files(str(workbook))
    page.get_by_label("What changed and why").fill("Three years of budget earn more; clearer advice title")
    page.get_by_role("button", name="Upload and check").click()
    expect(page.get_by_text(f"Version {NEW_VERSION} is stored as a draft.")).to_be_visible(timeout=slow)
    page.get_by_label("Note").fill("Please review")
    page.get_by_role("button", name=f"Propose version {NEW_VERSION}").click()
    expect(page.get_by_text(f"Version {NEW_VERSION} is proposed for review.")).to_be_visible()
    # What it would do to the assessments already submitted.
    page.get_by_role("link", name=f"Preview the impact of version {NEW_VERSION}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Impact of version {NEW_VERSION}", timeout=slow)
    expect(page.locator(".facts")).to_contain_text("2")
    moved = page.get_by_role("row").filter(has_text="Ministry of Works")
    expect(moved).to_contain_text("Predictable funding")
    assert_accessible(page, "impact page")
    page.get_by_label("Country").fill("Kenya")
    page.get_by_role("button", name="Preview").click()
    expect(page.get_by_role("row").filter(has_text="Ministry of Works")).to_have_count(0)
    page.get_by_role("button", name="Sign out").click()

    # A second person, an admin, approves: published and live at once, then rolled back.
    sign_in(page, admin_server)
    page.get_by_role("link", name="Rule pack versions").click()
    page.get_by_label("Note").fill("Reviewed with the impact preview")
    page.get_by_role("button", name=f"Approve and publish version {NEW_VERSION}").click()
    expect(page.get_by_text(f"Version {NEW_VERSION} is published and active.")).to_be_visible(timeout=slow)
    expect(page.locator(".site-footer")).to_contain_text(f"version {NEW_VERSION}")
    assert_accessible(page, "versions page after publishing")
    page.get_by_role("link", name="Rule book").first.click()
    expect(page.get_by_text(NEW_TITLE).first).to_be_visible()
    page.get_by_role("link", name="Rule pack versions").click()
    page.get_by_label("Note").fill("Rolled back: the finance ministry asked for a month")
    page.get_by_role("button", name=f"Make version {SHIPPED_VERSION} active again").click()
    expect(page.get_by_text(f"Version {SHIPPED_VERSION} is active again.")).to_be_visible()
    expect(page.locator(".site-footer")).to_contain_text(f"version {SHIPPED_VERSION}")
    page.get_by_role("link", name="Audit log").click()
    expect(page.get_by_text("Rolled back: the finance ministry asked for a month")).to_be_visible()
    assert_accessible(page, "audit log after the rollback")
