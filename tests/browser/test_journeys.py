"""The whole journey in real Chromium: each language, resume in a fresh browser, keyboard alone, no JavaScript."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect
from pypdf import PdfReader

from assessor.core.rulebook import RuleBook
from tests.browser.conftest import CHROMIUM_ARGS, LiveServer
from tests.browser.journey import (
    answer_page_by_keyboard,
    answer_page_by_mouse,
    complete_by_mouse,
    focus_by_tab,
    press_and_wait,
    start,
)

HEADINGS = {
    "en": ("Check your answers", "Overall readiness"),
    "es": ("Revise sus respuestas", "Preparación general"),
    "pt": ("Revise suas respostas", "Preparação geral"),
    "fr": ("Vérifiez vos réponses", "Préparation globale"),
}


@pytest.mark.parametrize("language", list(HEADINGS))
def test_whole_journey_in_each_language(
    page: Page, live_server: LiveServer, shipped_book: RuleBook, language: str
) -> None:
    start(page, live_server.url, language)
    expect(page.locator("html")).to_have_attribute("lang", language)
    complete_by_mouse(page, shipped_book)
    check_heading, result_heading = HEADINGS[language]
    expect(page.locator("h1")).to_have_text(check_heading)
    page.click("form[action$='/submit'] button")
    expect(page.locator("#overall-title")).to_have_text(result_heading)
    expect(page.locator(".headline-level")).to_have_text(shipped_book.level("leading").title.get(language))
    expect(page.locator("table.table tbody tr")).to_have_count(len(shipped_book.factors))

    with page.expect_download(timeout=120_000) as download_info:
        page.click("a[href$='/report.pdf']")
    download = download_info.value
    assert download.suggested_filename.startswith("assessment-A-")
    pdf = Path(download.path()).read_bytes()
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    assert "Ministerio de Economía" in text
    assert shipped_book.level("leading").title.get(language) in text


def test_leave_and_resume_in_a_fresh_browser(
    browser: Browser, page: Page, live_server: LiveServer, shipped_book: RuleBook
) -> None:
    start(page, live_server.url, "en")
    link = page.locator("#resume-link").input_value()
    page.click("a.button-primary")
    answer_page_by_mouse(page, shipped_book)  # may ask again if more questions now apply
    while "/f/integrators" in page.url:
        answer_page_by_mouse(page, shipped_book)
    page.click("button[name=action][value=later]")
    expect(page.locator("#resume-link")).to_have_value(link)

    other = browser.new_context()
    try:
        fresh = other.new_page()
        fresh.goto(link)
        expect(fresh.locator(".section-item").first.locator(".section-state")).to_have_text("Complete")
        fresh.click("main a.button-primary")  # the overview's "Continue": the first section not finished
        assert fresh.url.endswith("/f/accountability")
        fresh.goto(link.rstrip("/") + "/f/integrators")
        expect(fresh.locator("#question-integrators_inhouse_team input[value=dedicated]")).to_be_checked()
    finally:
        other.close()


def test_whole_journey_by_keyboard_alone(page: Page, live_server: LiveServer, shipped_book: RuleBook) -> None:
    page.goto(live_server.url + "/")
    focus_by_tab(page, "#organisation")
    page.keyboard.type("Ministry of Finance")
    focus_by_tab(page, "#country")
    page.keyboard.type("Jamaica")
    focus_by_tab(page, "input[name=language]")
    page.keyboard.press("Space")
    focus_by_tab(page, "button[type=submit].button-primary")
    press_and_wait(page, "Enter")
    focus_by_tab(page, "a.button-primary")
    press_and_wait(page, "Enter")
    for _step in range(30):
        if "/check" in page.url:
            break
        answer_page_by_keyboard(page, shipped_book)
    assert "/check" in page.url
    focus_by_tab(page, "form[action$='/submit'] button")
    press_and_wait(page, "Enter")
    expect(page.locator(".headline-level")).to_have_text("Leading")


@pytest.mark.parametrize("context", [{"java_script_enabled": False}], indirect=True)
def test_whole_journey_without_javascript(page: Page, live_server: LiveServer, shipped_book: RuleBook) -> None:
    start(page, live_server.url, "en")
    expect(page.locator(".copy-button")).to_be_hidden()  # no JavaScript: the link is plain selectable text
    complete_by_mouse(page, shipped_book)
    page.click("form[action$='/submit'] button")
    expect(page.locator(".headline-level")).to_have_text("Leading")


def test_the_copy_button_appears_with_javascript(page: Page, live_server: LiveServer) -> None:
    start(page, live_server.url, "en")
    expect(page.locator(".copy-button")).to_be_visible()


def test_errors_move_focus_to_the_summary(page: Page, live_server: LiveServer, shipped_book: RuleBook) -> None:
    start(page, live_server.url, "en")
    page.click("a.button-primary")
    page.fill("#q_integrators_local_firms", "many")
    page.click("button[name=action][value=continue]")
    summary = page.locator(".error-summary")
    expect(summary).to_be_focused()
    summary.locator("a").first.click()
    expect(page.locator("#q_integrators_local_firms")).to_be_focused()
    expect(page.locator("#q_integrators_local_firms")).to_have_value("many")


def test_chromium_is_debians(browser: Browser) -> None:
    assert browser.version
    assert "--no-sandbox" in CHROMIUM_ARGS


def test_change_on_the_check_page_comes_back_to_it(page: Page, live_server: LiveServer, shipped_book: RuleBook) -> None:
    start(page, live_server.url, "en")
    complete_by_mouse(page, shipped_book)
    page.locator("#check-integrators ~ dl .summary-action a").first.click()
    expect(page.locator("button[name=action][value=continue]")).to_have_text("Save and return to check your answers")
    page.click("button[name=action][value=continue]")
    expect(page.locator("h1")).to_have_text("Check your answers")


def test_factor_pages_let_the_official_jump_between_sections(
    page: Page, live_server: LiveServer, shipped_book: RuleBook
) -> None:
    start(page, live_server.url, "en")
    page.click("a.button-primary")
    answer_page_by_mouse(page, shipped_book)
    while "/f/" + shipped_book.factors[0].id in page.url:
        answer_page_by_mouse(page, shipped_book)
    page.click(".section-nav summary")
    items = page.locator(".section-nav .section-item")
    expect(items.nth(0).locator(".section-state")).to_have_text("Complete")
    items.nth(3).locator("a").click()
    assert page.url.endswith("/f/" + shipped_book.factors[3].id)
