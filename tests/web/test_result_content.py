"""The result page's content, kept per record and language: each language gets its own, a repeat is the same page."""

from __future__ import annotations

import re

from flask import Flask
from flask.testing import FlaskClient

from assessor.core.rulebook import RuleBook
from tests.answers import worst_answer
from tests.helpers.questionnaire import submitted_through_the_pages
from tests.web.pages import parse, url


def _page(client: FlaskClient, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200
    parse(response)  # the strict page checks: labels, ids, error links
    # The only part that differs between two requests for the same page.
    return re.sub(r'name="csrf_token" value="[^"]*"', "", response.get_data(as_text=True))


def test_each_language_has_its_own_result_and_a_repeat_is_the_same_page(
    app: Flask, client: FlaskClient, shipped_book: RuleBook
) -> None:
    token = submitted_through_the_pages(client, app, shipped_book, worst_answer)
    path = url(app, "questionnaire.result", token=token)
    english = _page(client, path)
    assert "Who acts:" in english
    assert "High priority" in english or "Critical priority" in english

    client.post(url(app, "questionnaire.language", token=token), data={"lang": "es", "next": path})
    spanish = _page(client, path)
    assert "Who acts:" not in spanish
    factor = shipped_book.factors[0]
    assert factor.title.get("es") in spanish
    assert factor.title.get("en") not in spanish

    client.post(url(app, "questionnaire.language", token=token), data={"lang": "en", "next": path})
    assert _page(client, path) == english
