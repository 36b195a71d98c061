"""Every page type the browser tests visit, each reached the way a respondent reaches it.

The accessibility and narrow-screen tests both walk this catalogue, so a new page type is added once.
"""

from __future__ import annotations

from collections.abc import Callable

from playwright.sync_api import Page

from assessor.core.rulebook import RuleBook
from tests.browser.conftest import LiveServer
from tests.browser.journey import complete_by_mouse, start


def _start_page(page: Page, server: LiveServer, book: RuleBook) -> None:
    page.goto(server.url + "/")


def _start_errors(page: Page, server: LiveServer, book: RuleBook) -> None:
    page.goto(server.url + "/")
    with page.expect_navigation():
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
    with page.expect_navigation():
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
    with page.expect_navigation():
        page.click("form[action$='/submit'] button")


def _result_weak(page: Page, server: LiveServer, book: RuleBook) -> None:
    start(page, server.url, "es")
    page.click("a.button-primary")
    page.click("button[name=action][value=later]")
    page.goto(page.url.replace("/saved", "/check"))
    page.check("#confirm")  # nearly everything unanswered: the check page asks to confirm
    with page.expect_navigation():
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
    with page.expect_navigation():
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


def open_page(name: str, page: Page, server: LiveServer, book: RuleBook) -> None:
    """Reach page `name` and wait until it has loaded.

    A click that submits a form returns once the navigation has begun, before the new document
    exists; reading the page then finds no document element.
    """
    PAGES[name](page, server, book)
    page.wait_for_load_state("load")
