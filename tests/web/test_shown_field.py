"""The hidden `shown` field: bounded, and checked against the pack and what the page could show."""

from __future__ import annotations

import tracemalloc

from flask import Flask
from flask.testing import FlaskClient

from assessor.core.rulebook import RuleBook
from assessor.storage.db import session as db_session
from assessor.storage.models import Assessment
from assessor.web.shown import shown_field_limit, shown_question_ids
from tests.web.pages import url
from tests.web.test_questionnaire import start


def _stored_answers(app: Flask) -> dict[str, object]:
    with app.app_context():
        return dict(db_session().query(Assessment).one().answers or {})


def test_a_tampered_shown_cannot_answer_a_hidden_question(app: Flask, client: FlaskClient) -> None:
    token = start(client, app)
    path = url(app, "questionnaire.factor", token=token, factor_id="funding")
    # funding_om_years applies only once the budget is "yes" or "partial": the page did not show it.
    client.post(
        path,
        data={
            "shown": "funding_om_budget,funding_om_years",
            "q_funding_om_budget": "no",
            "q_funding_om_years": "5",
            "action": "later",
        },
    )
    answers = _stored_answers(app)
    assert answers["funding_om_budget"] == "no"
    assert "funding_om_years" not in answers


def test_a_question_the_page_showed_is_saved(app: Flask, client: FlaskClient) -> None:
    token = start(client, app)
    path = url(app, "questionnaire.factor", token=token, factor_id="funding")
    client.post(path, data={"shown": "funding_om_budget", "q_funding_om_budget": "yes", "action": "later"})
    # Now the page shows the years question, and its answer is saved.
    assert "q_funding_om_years" in client.get(path).get_data(as_text=True)
    both = "funding_om_budget,funding_om_years"
    client.post(path, data={"shown": both, "q_funding_om_years": "2", "action": "later"})
    assert _stored_answers(app)["funding_om_years"] == 2


def test_an_oversized_shown_saves_nothing_and_costs_little(
    app: Flask, client: FlaskClient, shipped_book: RuleBook
) -> None:
    token = start(client, app)
    path = url(app, "questionnaire.factor", token=token, factor_id="funding")
    huge = "funding_om_budget," * (7 * 1024 * 1024 // len("funding_om_budget,"))
    response = client.post(path, data={"shown": huge, "q_funding_om_budget": "yes", "action": "later"})
    assert response.status_code in (200, 302)
    assert "funding_om_budget" not in _stored_answers(app)
    # Checked before it is split: no list of a million strings is ever made.
    factor = shipped_book.factor("funding")
    with app.test_request_context():
        tracemalloc.start()
        try:
            with app.app_context():
                assessment = db_session().query(Assessment).one()
                assert shown_question_ids(shipped_book, factor, assessment, huge) == []
            _current, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
    assert peak < 5 * 1024 * 1024, peak
    assert len(huge) > shown_field_limit(factor)


def test_ids_from_other_factors_and_repeats_are_dropped(
    app: Flask, client: FlaskClient, shipped_book: RuleBook
) -> None:
    token = start(client, app)
    factor = shipped_book.factor("funding")
    with app.app_context():
        assessment = db_session().query(Assessment).one()
        raw = "integrators_local_firms,funding_om_budget,funding_om_budget,nonsense"
        assert shown_question_ids(shipped_book, factor, assessment, raw) == ["funding_om_budget"]
    assert token
