"""Every page type the browser tests visit, each reached the way a respondent reaches it.

The accessibility test walks this catalogue (axe, then a phone-sized screen), so a new page type is
added once. Pages past a whole questionnaire start from one answered in the database, as the
questionnaire would have saved it: answering by mouse is what tests/browser/test_journeys.py tests.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from playwright.sync_api import Page

from assessor.core.answers import checked_answers
from assessor.core.result import QuestionStatus
from assessor.core.rulebook import QuestionType, RuleBook
from assessor.core.scoring import question_statuses
from assessor.records.live import live_pack_version_id
from assessor.storage import assessments as store
from tests.browser.conftest import LiveServer
from tests.browser.journey import best, start


def answered_in_the_database(server: LiveServer, book: RuleBook, language: str = "en") -> str:
    """A draft with every question that applies answered (best answers, evidence given); its resume link."""
    answers: dict[str, Any] = {}
    for question in book.questions.values():
        value = best(question)
        answers[question.id] = int(value) if question.type is QuestionType.NUMBER else value
    evidence = {q.id: {"text": f"Decree {q.id} of 2026", "link": ""} for q in book.questions.values() if q.evidence}
    statuses = question_statuses(book, checked_answers(book, answers, evidence))
    shown = {qid for qid, status in statuses.items() if status is not QuestionStatus.HIDDEN}
    with server.app.app_context(), server.app.extensions["db_sessions"]() as db:
        _assessment, token = store.create(
            db,
            live_pack_version_id(db),
            organisation="Ministerio de Economía",
            country="Uruguay",
            role=None,
            language=language,
            answers={qid: value for qid, value in answers.items() if qid in shown},
            evidence={qid: item for qid, item in evidence.items() if qid in shown},
        )
    return f"{server.url}/a/{token}/"


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
    page.goto(answered_in_the_database(server, book) + "check")


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
