"""The result page states only what was answered: provisional levels, ranges, "find out" gaps, missing options."""

from __future__ import annotations

from typing import Any

from flask import Flask
from flask.testing import FlaskClient

from assessor.core.rulebook import DONT_KNOW, Question, RuleBook
from tests.answers import best_answer
from tests.helpers.questionnaire import submitted_through_the_pages
from tests.web.pages import get_page, url


def _gamed(book: RuleBook) -> Any:
    """Issue 10's example as a respondent would enter it: one best answer per factor, "don't know" elsewhere."""
    firsts = {next(q.id for q in f.questions if q.max_points > 0 and q.show_if is None) for f in book.factors}

    def choose(question: Question) -> Any:
        if question.id == "procurement_clauses":
            return ["code_in_repo"]
        if question.id in firsts or not question.dont_know:
            return best_answer(question)
        return DONT_KNOW

    return choose


def test_a_gamed_result_is_provisional_with_its_range(app: Flask, client: FlaskClient, shipped_book: RuleBook) -> None:
    token = submitted_through_the_pages(client, app, shipped_book, _gamed(shipped_book))
    page = get_page(client, url(app, "questionnaire.result", token=token))
    headline = page.select_one(".headline")
    assert headline is not None
    provisional = headline.select_one(".headline-provisional")
    assert provisional is not None, "a level resting on 'don't know' is not stated as final"
    assert provisional.get_text(" ", strip=True).startswith("Provisional:")
    assert "possible range" in headline.get_text(" ", strip=True)
    rows = page.select("table.table tbody tr")
    assert rows
    assert any("(provisional)" in row.get_text(" ", strip=True) for row in rows)
    # Every factor row has its range figures.
    assert all(row.select("td")[1].get_text(strip=True) not in ("", "—") for row in rows)

    gaps = page.select(".gap-list li.gap-provisional")
    texts = [gap.get_text(" ", strip=True) for gap in gaps]
    tenders = shipped_book.questions["procurement_brand_names"].text.get("en")
    assert any(text.startswith(f"Provisional. Find out first: “{tenders}”") for text in texts), texts


def test_why_names_the_missing_clauses(app: Flask, client: FlaskClient, shipped_book: RuleBook) -> None:
    token = submitted_through_the_pages(client, app, shipped_book, _gamed(shipped_book))
    page = get_page(client, url(app, "questionnaire.result", token=token))
    question = shipped_book.questions["procurement_clauses"]
    article = page.select_one("#rec-procurement_open_licence_clause")
    assert article is not None
    why = article.find_parent("article").select_one(".why-list").get_text(" ", strip=True)  # type: ignore[union-attr]
    label = question.option("open_licence").label.get("en")  # type: ignore[union-attr]
    assert f"Your answer to “{question.text.get('en')}” does not include “{label}”" in why
    present = question.option("code_in_repo").label.get("en")  # type: ignore[union-attr]
    assert present not in why
