"""At a 390 px wide viewport (a common phone) no page scrolls sideways, in real Chromium."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from assessor.core.rulebook import RuleBook
from tests.browser.conftest import LiveServer
from tests.browser.pages import PAGES, open_page

WIDTH = 390


@pytest.mark.parametrize("name", list(PAGES))
def test_no_page_scrolls_sideways_at_390_px(
    page: Page, live_server: LiveServer, shipped_book: RuleBook, name: str
) -> None:
    page.set_viewport_size({"width": WIDTH, "height": 844})
    open_page(name, page, live_server, shipped_book)
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= WIDTH, f"{name}: {scroll_width} px wide at a {WIDTH} px viewport"
