"""Hostile input: each gets a clear message or inert output, never a 500, a leak or a lost answer."""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from assessor.core.rulebook import RuleBook
from assessor.storage.db import session as db_session
from assessor.storage.models import Assessment
from tests.answers import best_answer
from tests.helpers.questionnaire import form_data, start
from tests.web.pages import get_page, parse, stored_state, url

HOSTILE_TEXTS = {
    "markup": '<script>alert("x")</script><img src=x onerror=alert(1)><a href="javascript:alert(1)">x</a>',
    "file URL": '<img src="file:///etc/passwd"><link rel="attachment" href="file:///etc/passwd">',
    "loopback URL": '<img src="http://127.0.0.1:9/canary"><iframe src="http://localhost:9/"></iframe>',
    "template syntax": "{{ config }} {% for x in range(10**9) %}{{ x }}{% endfor %} ${7*7} #{7*7}",
    "control characters": "line\x00break\x07bell\x1b[31mred\x7f end",
    "right-to-left override": "invoice\u202egnp.exe \u2066isolated\u2069",
    "emoji and astral": "🏛️ 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 ∑",
}


@pytest.mark.parametrize("kind", list(HOSTILE_TEXTS))
def test_hostile_text_is_saved_safely_and_shown_inert(
    app: Flask, client: FlaskClient, shipped_book: RuleBook, kind: str
) -> None:
    hostile = HOSTILE_TEXTS[kind]
    token = start(client, app, organisation=hostile[:200])
    path = url(app, "questionnaire.factor", token=token, factor_id="procurement")
    data = form_data(get_page(client, path), shipped_book, best_answer)
    data["q_procurement_notes"] = hostile
    data["e_procurement_comparative_text"] = hostile
    response = client.post(path, data=data)
    assert response.status_code in (200, 302)
    for page_path in (
        url(app, "questionnaire.check", token=token),
        url(app, "questionnaire.started", token=token),
        path,
    ):
        page = client.get(page_path)
        assert page.status_code == 200
        html = page.get_data(as_text=True)
        parse(page)
        assert "<script>alert" not in html
        assert "<img src=x" not in html
        assert 'src="file:///etc/passwd"' not in html
        assert "\x00" not in html
    with app.app_context():
        stored = stored_state()
        assert stored.answers["procurement_comparative"] == "yes"  # the valid answers were kept


def test_control_characters_are_removed_but_text_kept(app: Flask, client: FlaskClient, shipped_book: RuleBook) -> None:
    token = start(client, app, organisation="Minis\x00try\x07 of Finance")
    with app.app_context():
        stored = db_session().query(Assessment).one()
        assert stored.organisation == "Ministry of Finance"
    path = url(app, "questionnaire.factor", token=token, factor_id="procurement")
    data = form_data(get_page(client, path), shipped_book, best_answer)
    data["q_procurement_notes"] = "tab\tand\nnew lines stay\x00"
    client.post(path, data=data)
    with app.app_context():
        assert stored_state().answers["procurement_notes"] == "tab\tand\nnew lines stay"


@pytest.mark.parametrize(
    "link",
    ["file:///etc/passwd", "javascript:alert(1)", "data:text/html,<script>alert(1)</script>", "ftp://x/y"],
)
def test_dangerous_evidence_links_are_refused(
    app: Flask, client: FlaskClient, shipped_book: RuleBook, link: str
) -> None:
    token = start(client, app)
    path = url(app, "questionnaire.factor", token=token, factor_id="funding")
    data = form_data(get_page(client, path), shipped_book, best_answer)
    data["e_funding_om_budget_link"] = link
    page = parse(client.post(path, data=data))
    assert "Enter a web address starting with https://" in page.select_one(".error-summary").get_text()
    with app.app_context():
        stored = stored_state()
        assert "funding_om_budget_link" not in str(stored.evidence)
        assert stored.answers["funding_om_budget"] == "yes"


def test_malformed_utf8_in_a_form_is_not_an_error(app: Flask, client: FlaskClient) -> None:
    body = b"organisation=Minist%FF%FEry&country=Per%C3&language=en"
    response = client.post(url(app, "pages.start"), data=body, content_type="application/x-www-form-urlencoded")
    assert response.status_code in (200, 302)


@pytest.mark.parametrize(
    "token",
    ["x" * 5000, "../../etc/passwd", "%00", "' OR '1'='1", "A" * 43, "<script>"],
)
def test_tampered_tokens_are_a_plain_404(client: FlaskClient, token: str) -> None:
    response = client.get(f"/a/{token}/check")
    assert response.status_code == 404


def test_tampered_factor_page_fields_are_ignored(app: Flask, client: FlaskClient) -> None:
    token = start(client, app)
    path = url(app, "questionnaire.factor", token=token, factor_id="funding")
    data: dict[str, Any] = {
        "shown": "funding_om_budget,integrators_local_firms,nope",  # another factor's question, an unknown id
        "q_funding_om_budget": "yes",
        "q_integrators_local_firms": "400",
        "q_nope": "1",
    }
    assert client.post(path, data=data).status_code == 302
    with app.app_context():
        assert stored_state().answers == {"funding_om_budget": "yes"}


def test_an_option_that_does_not_exist_is_refused(app: Flask, client: FlaskClient) -> None:
    token = start(client, app)
    path = url(app, "questionnaire.factor", token=token, factor_id="funding")
    response = client.post(path, data={"shown": "funding_om_budget", "q_funding_om_budget": "<b>maybe</b>"})
    page = parse(response)
    assert "Select one of the options" in page.select_one(".error-summary").get_text()
