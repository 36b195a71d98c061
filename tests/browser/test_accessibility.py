"""axe-core on every page type, error states included: zero violations at WCAG 2.2 AA."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from assessor.core.rulebook import RuleBook
from tests.browser.conftest import LiveServer
from tests.browser.journey import answer_page_by_mouse, start
from tests.browser.pages import PAGES, open_page
from tests.helpers.accessibility import assert_accessible


@pytest.mark.parametrize("name", list(PAGES))
def test_page_has_no_wcag_violations(page: Page, live_server: LiveServer, shipped_book: RuleBook, name: str) -> None:
    open_page(name, page, live_server, shipped_book)
    assert_accessible(page, name)


def test_answering_does_not_change_accessibility(page: Page, live_server: LiveServer, shipped_book: RuleBook) -> None:
    start(page, live_server.url, "en")
    page.click("a.button-primary")
    answer_page_by_mouse(page, shipped_book)
    assert_accessible(page, "a factor page after answering the first")
