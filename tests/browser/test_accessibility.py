"""axe-core on every page type, error states included: zero violations at WCAG 2.2 AA; and on a
390 px wide screen (a common phone) no page scrolls sideways (WCAG 1.4.10, reflow)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from assessor.core.rulebook import RuleBook
from tests.browser.conftest import LiveServer
from tests.browser.journey import answer_page_by_mouse, start
from tests.browser.pages import PAGES, open_page
from tests.helpers.accessibility import assert_accessible

PHONE_WIDTH = 390


@pytest.mark.parametrize("name", list(PAGES))
def test_page_is_accessible_and_fits_a_phone(
    page: Page, live_server: LiveServer, shipped_book: RuleBook, name: str
) -> None:
    open_page(name, page, live_server, shipped_book)
    assert_accessible(page, name)
    # The same page on a phone: media queries apply again at once, as when a phone loads it.
    page.set_viewport_size({"width": PHONE_WIDTH, "height": 844})
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= PHONE_WIDTH, f"{name}: {scroll_width} px wide at a {PHONE_WIDTH} px viewport"


def test_answering_does_not_change_accessibility(page: Page, live_server: LiveServer, shipped_book: RuleBook) -> None:
    start(page, live_server.url, "en")
    page.click("a.button-primary")
    answer_page_by_mouse(page, shipped_book)
    assert_accessible(page, "a factor page after answering the first")
