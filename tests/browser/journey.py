"""Driving the questionnaire in a browser: by mouse and typing, or by keyboard alone."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import Page, expect

from assessor.core.rulebook import Question, QuestionType, RuleBook
from tests.answers import best_answer


def best(q: Question) -> Any:
    """The answer that earns the most points; free text with markup that must stay text."""
    return best_answer(q, text="Our notes, with <b>markup</b> kept as text.")


def shown_questions(page: Page, book: RuleBook) -> list[Question]:
    shown = page.locator("input[name=shown]").get_attribute("value") or ""
    return [book.questions[qid] for qid in shown.split(",") if qid]


def start(page: Page, base_url: str, language: str, organisation: str = "Ministerio de Economía") -> None:
    page.goto(base_url + "/")
    page.fill("#organisation", organisation)
    page.fill("#country", "Uruguay")
    page.check(f"input[name=language][value={language}]")
    page.click("button[type=submit].button-primary")
    expect(page.locator("#resume-link")).to_be_visible()


def answer_page_by_mouse(page: Page, book: RuleBook) -> None:
    for q in shown_questions(page, book):
        scope = f"#question-{q.id}"
        value = best(q)
        if q.type is QuestionType.MULTIPLE:
            for v in value:
                page.check(f"{scope} input[value='{v}']")
        elif q.type in (QuestionType.SINGLE, QuestionType.YES_PARTIAL_NO):
            page.check(f"{scope} input[value='{value}']")
        else:
            page.fill(f"#q_{q.id}", value)
        if q.evidence:
            page.fill(f"#e_{q.id}_text", f"Decree {q.id} of 2026")
    page.click("button[name=action][value=continue]")


def complete_by_mouse(page: Page, book: RuleBook) -> None:
    """From the started page to the check page."""
    page.click("a.button-primary")
    for _step in range(30):
        if "/check" in page.url:
            return
        answer_page_by_mouse(page, book)
    raise AssertionError("did not reach the check page")


def focus_by_tab(page: Page, selector: str, limit: int = 400) -> None:
    """Press Tab until the element matching `selector` has focus, as a keyboard user would."""
    for _ in range(limit):
        if page.evaluate("(s) => document.activeElement && document.activeElement.matches(s)", selector):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"could not reach {selector} with Tab")


def answer_page_by_keyboard(page: Page, book: RuleBook) -> None:
    for q in shown_questions(page, book):
        scope = f"#question-{q.id}"
        value = best(q)
        if q.type in (QuestionType.SINGLE, QuestionType.YES_PARTIAL_NO):
            # Tab enters a radio group on its first (or checked) radio; arrows move and select.
            focus_by_tab(page, f"{scope} input[type=radio]")
            for _ in range(10):
                if page.evaluate("(s) => document.activeElement.value", None) == value:
                    break
                page.keyboard.press("ArrowDown")
            page.keyboard.press("Space")
        elif q.type is QuestionType.MULTIPLE:
            for v in value:
                focus_by_tab(page, f"{scope} input[value='{v}']")
                page.keyboard.press("Space")
        else:
            focus_by_tab(page, f"#q_{q.id}")
            page.keyboard.type(value)
        if q.evidence:
            focus_by_tab(page, f"#e_{q.id}_text")
            page.keyboard.type(f"Decree {q.id}")
    focus_by_tab(page, "button[name=action][value=continue]")
    press_and_wait(page, "Enter")


def press_and_wait(page: Page, key: str) -> None:
    """Press a key that submits or follows a link, and wait for the next page."""
    with page.expect_navigation():
        page.keyboard.press(key)
