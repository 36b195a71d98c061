"""axe-core on every page type, error states included: zero violations at WCAG 2.2 AA."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Page

from assessor.core.rulebook import RuleBook
from tests.browser.conftest import LiveServer
from tests.browser.journey import answer_page_by_mouse, complete_by_mouse, start
from tests.helpers.accessibility import assert_accessible


def _start_page(page: Page, server: LiveServer, book: RuleBook) -> None:
    page.goto(server.url + "/")


def _start_errors(page: Page, server: LiveServer, book: RuleBook) -> None:
    page.goto(server.url + "/")
    page.click("button[type=submit].button-primary")


def _started(page: Page, server: LiveServer, book: RuleBook) -> None:
    start(page, server.url, "en")


def _factor(page: Page, server: LiveServer, book: RuleBook) -> None:
    start(page, server.url, "es")
    page.click("a.button-primary")


def _factor_errors(page: Page, server: LiveServer, book: RuleBook) -> None:
    start(page, server.url, "en")
    page.click("a.button-primary")
    page.fill("#q_integrators_local_firms", "many")
    page.fill("#e_integrators_knowledge_transfer_link", "not a link")
    page.click("button[name=action][value=continue]")


def _saved(page: Page, server: LiveServer, book: RuleBook) -> None:
    start(page, server.url, "en")
    page.click("a.button-primary")
    page.click("button[name=action][value=later]")


def _check(page: Page, server: LiveServer, book: RuleBook) -> None:
    start(page, server.url, "en")
    complete_by_mouse(page, book)


def _result(page: Page, server: LiveServer, book: RuleBook) -> None:
    _check(page, server, book)
    page.click("form[action$='/submit'] button")


def _result_weak(page: Page, server: LiveServer, book: RuleBook) -> None:
    start(page, server.url, "es")
    page.click("a.button-primary")
    page.click("button[name=action][value=later]")
    page.goto(page.url.replace("/saved", "/check"))
    page.check("#confirm")  # nearly everything unanswered: the check page asks to confirm
    page.click("form[action$='/submit'] button")


def _overview(page: Page, server: LiveServer, book: RuleBook) -> None:
    start(page, server.url, "fr")
    page.goto(page.locator("#resume-link").input_value())


def _factor_sections_open(page: Page, server: LiveServer, book: RuleBook) -> None:
    start(page, server.url, "pt")
    page.click("a.button-primary")
    page.click(".section-nav summary")


def _check_unconfirmed(page: Page, server: LiveServer, book: RuleBook) -> None:
    start(page, server.url, "en")
    page.goto(page.locator("#resume-link").input_value() + "check")
    page.click("form[action$='/submit'] button")  # not confirmed: back with an error


def _preparing(page: Page, server: LiveServer, book: RuleBook) -> None:
    page.goto(server.url + "/questionnaire/fr/status")  # the blank questionnaire's "being prepared" page


def _not_found(page: Page, server: LiveServer, book: RuleBook) -> None:
    page.goto(server.url + "/a/no-such-link/")


PAGES: dict[str, Callable[[Page, LiveServer, RuleBook], None]] = {
    "start": _start_page,
    "start with errors": _start_errors,
    "started": _started,
    "factor (Spanish)": _factor,
    "factor with errors": _factor_errors,
    "saved": _saved,
    "check your answers": _check,
    "check, many unanswered, not confirmed": _check_unconfirmed,
    "resume overview (French)": _overview,
    "factor with the sections open (Portuguese)": _factor_sections_open,
    "result": _result,
    "result with gaps and advice (Spanish)": _result_weak,
    "PDF being prepared (French)": _preparing,
    "not found": _not_found,
}


@pytest.mark.parametrize("name", list(PAGES))
def test_page_has_no_wcag_violations(page: Page, live_server: LiveServer, shipped_book: RuleBook, name: str) -> None:
    PAGES[name](page, live_server, shipped_book)
    assert_accessible(page, name)


def test_answering_does_not_change_accessibility(page: Page, live_server: LiveServer, shipped_book: RuleBook) -> None:
    start(page, live_server.url, "en")
    page.click("a.button-primary")
    answer_page_by_mouse(page, shipped_book)
    assert_accessible(page, "a factor page after answering the first")
