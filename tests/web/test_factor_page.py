"""The factor page: plain Jinja from component macros, fed by shared question texts and one respondent's state."""

from __future__ import annotations

from typing import Any

from flask import Flask
from flask.testing import FlaskClient

from assessor.core.rulebook import DONT_KNOW, Question, QuestionType, RuleBook
from tests.answers import best_answer, worst_answer
from tests.helpers.questionnaire import form_data, start
from tests.web.pages import parse, url

HOSTILE = 'Budget "line" 4 & <b>5</b> </textarea><script>alert(1)</script> {{ 7*7 }}'


def mixed_answer(q: Question) -> Any:
    """Best, worst or don't know by turns, so that every kind of state is on some page."""
    turn = sum(map(ord, q.id)) % 3
    if turn == 2 and q.dont_know:
        return DONT_KNOW
    if q.type is QuestionType.TEXT:
        return HOSTILE
    return best_answer(q) if turn == 0 else worst_answer(q)


def answer_all_pages(client: FlaskClient, app: Flask, book: RuleBook, token: str) -> dict[str, Any]:
    """Save every factor page once, with mixed answers and hostile evidence; return what was posted."""
    posted: dict[str, Any] = {}
    for factor in book.factors:
        path = url(app, "questionnaire.factor", token=token, factor_id=factor.id)
        data = form_data(parse(client.get(path)), book, mixed_answer)
        for key in list(data):
            if key.startswith("e_") and key.endswith("_text"):
                data[key] = HOSTILE
                data[key.replace("_text", "_link")] = 'https://example.org/?a=1&b="2"'
        assert client.post(path, data=data).status_code == 302
        posted.update(data)
    return posted


def test_saved_answers_come_back_checked_and_typed(app: Flask, client: FlaskClient, shipped_book: RuleBook) -> None:
    token = start(client, app)
    posted = answer_all_pages(client, app, shipped_book, token)
    for factor in shipped_book.factors:
        page = parse(client.get(url(app, "questionnaire.factor", token=token, factor_id=factor.id)))
        for qid in page.select_one("input[name=shown]")["value"].split(","):
            name = f"q_{qid}"
            if name not in posted:
                continue  # a follow-up opened by this page's own answers
            sent = posted[name]
            field = page.select(f"[name={name}]")
            if field[0].name == "textarea":
                assert field[0].get_text() == sent
            elif field[0]["type"] in ("radio", "checkbox"):
                checked = sorted(i["value"] for i in field if i.has_attr("checked"))
                assert checked == sorted(sent if isinstance(sent, list) else [sent]), qid
            else:
                assert field[0]["value"].replace(",", ".") == str(sent).replace(",", "."), qid


def test_each_respondent_sees_only_their_own_page(app: Flask, shipped_book: RuleBook) -> None:
    first, second = app.test_client(), app.test_client()
    first_token = start(first, app, organisation="First ministry")
    answer_all_pages(first, app, shipped_book, first_token)
    second_token = start(second, app, organisation="Second ministry")
    for factor in shipped_book.factors:
        path = url(app, "questionnaire.factor", token=second_token, factor_id=factor.id)
        page = second.get(path).get_data(as_text=True)
        assert first_token not in page
        assert "Budget &#34;line&#34;" not in page  # the first respondent's evidence
        assert parse(second.get(path)).select("input[checked]") == []  # nothing answered yet


def test_hostile_answers_are_text(app: Flask, client: FlaskClient, shipped_book: RuleBook) -> None:
    token = start(client, app)
    answer_all_pages(client, app, shipped_book, token)
    path = url(app, "questionnaire.factor", token=token, factor_id="procurement")
    text = client.get(path).get_data(as_text=True)
    assert "<script>alert(1)</script>" not in text
    assert "&lt;/textarea&gt;&lt;script&gt;" in text
    page = parse(client.get(path))
    assert page.select_one("textarea[name=q_procurement_notes]").get_text() == HOSTILE


def test_a_pending_notice_is_shown_once(app: Flask, client: FlaskClient, shipped_book: RuleBook) -> None:
    token = start(client, app)
    # Asking for the result before submitting leaves a notice for the next page.
    assert client.get(url(app, "questionnaire.result", token=token)).status_code == 302
    path = url(app, "questionnaire.factor", token=token, factor_id=shipped_book.factors[0].id)
    assert parse(client.get(path)).select_one(".notices") is not None
    assert parse(client.get(path)).select_one(".notices") is None


def test_question_texts_follow_the_language(app: Flask, client: FlaskClient, shipped_book: RuleBook) -> None:
    # The texts are shared per pack version and language: switching language must not show the
    # other language's cached copy.
    token = start(client, app, language="en")
    factor = shipped_book.factors[0]
    path = url(app, "questionnaire.factor", token=token, factor_id=factor.id)
    first = factor.questions[0]
    assert first.text.get("en") in parse(client.get(path)).get_text()
    switched = client.post(url(app, "questionnaire.language", token=token), data={"lang": "fr", "next": path})
    assert switched.status_code in (302, 303)
    page = parse(client.get(path)).get_text()
    assert first.text.get("fr") in page
    assert first.text.get("en") not in page
