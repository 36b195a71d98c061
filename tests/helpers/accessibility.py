"""axe-core run on a Playwright page: zero violations at WCAG 2.2 AA, or a message naming each one."""

from __future__ import annotations

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]}}


def assert_accessible(page: Page, what: str) -> None:
    results = Axe().run(page, options=WCAG_AA)
    violations = results.response["violations"]
    details = [f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}" for v in violations]
    assert not violations, f"{what}: " + "; ".join(details)
