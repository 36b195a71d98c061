"""Two windows on one question: the later save is told, sees both values, and loses nothing."""

from __future__ import annotations

from flask import Flask
from flask.testing import FlaskClient

from assessor.core.rulebook import RuleBook
from assessor.storage import answer_rows
from assessor.storage.db import session as db_session
from tests.answers import best_answer
from tests.helpers.questionnaire import answer_everything, form_data, start
from tests.web.pages import get_page, parse, stored_state, url

QID = "funding_om_budget"


def _page_data(client: FlaskClient, path: str, book: RuleBook, value: str) -> dict[str, object]:
    return form_data(get_page(client, path), book, lambda q: value if q.id == QID else None)


def test_the_later_of_two_windows_is_told_and_chooses(app: Flask, client: FlaskClient, shipped_book: RuleBook) -> None:
    token = start(client, app)
    path = url(app, "questionnaire.factor", token=token, factor_id="funding")
    first = _page_data(client, path, shipped_book, "yes")
    second = _page_data(client, path, shipped_book, "no")  # opened before the first window saves
    assert client.post(path, data=first).status_code == 302

    response = client.post(path, data=second)
    assert response.status_code == 200
    page = parse(response)
    message = page.select_one(f"#question-{QID} .error-message").get_text()
    assert "changed in another window since you opened this page" in message
    assert "Saved there: “Yes”" in message
    assert page.select_one(f"#q_{QID}-2").has_attr("checked")  # this window's "no" is still chosen
    with app.app_context():
        assert stored_state().answers[QID] == "yes"  # the other window's answer is kept

    # Saving the page again (it now carries what is stored) keeps this window's answer.
    again = {i["name"]: i.get("value", "") for i in page.select("main form input[type=hidden]")}
    again.update({f"q_{QID}": "no", "action": "continue"})
    assert client.post(path, data=again).status_code == 302
    with app.app_context():
        state = stored_state()
        assert state.answers[QID] == "no"
        changes = [c for c in answer_rows.history(db_session(), state.id) if c.question_id == QID]
    assert [(c.old_value, c.new_value) for c in changes] == [(None, "yes"), ("yes", "no")]
    assert changes[0].changed_by  # a session marker, not a secret
    assert len(changes[0].changed_by) == 16


def test_same_answer_from_two_windows_is_no_conflict(app: Flask, client: FlaskClient, shipped_book: RuleBook) -> None:
    token = start(client, app)
    path = url(app, "questionnaire.factor", token=token, factor_id="funding")
    first = _page_data(client, path, shipped_book, "yes")
    second = _page_data(client, path, shipped_book, "yes")
    assert client.post(path, data=first).status_code == 302
    assert client.post(path, data=second).status_code == 302


def test_a_save_after_a_submit_elsewhere_changes_nothing(
    app: Flask, client: FlaskClient, shipped_book: RuleBook
) -> None:
    # The race itself (the save refused with its answers on the page) is in tests/records/test_concurrency.py.
    token = start(client, app)
    answer_everything(client, app, shipped_book, token, best_answer)
    path = url(app, "questionnaire.factor", token=token, factor_id="funding")
    stale = _page_data(client, path, shipped_book, "partial")
    assert client.post(url(app, "questionnaire.submit", token=token)).status_code == 302
    response = client.post(path, data=stale)
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/result")
    with app.app_context():
        assert stored_state().answers[QID] == "yes"
