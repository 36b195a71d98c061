"""The subject on the start page, questions naming the system, "not applicable", and the first steps of a result."""

from __future__ import annotations

from typing import Any

from flask import Flask
from flask.testing import FlaskClient

from assessor.core.answers import checked_answers
from assessor.core.first_steps import first_step_ids
from assessor.core.rulebook import NOT_APPLICABLE, Question, QuestionType, RuleBook
from assessor.core.scoring import score
from tests.answers import worst_answer
from tests.helpers.questionnaire import answer_everything
from tests.web.pages import get_page, parse, stored_state, token_from, url

HOSTILE_NAME = "SIGEF <script>alert(1)</script> {system} {0.__class__} %(x)s"


def _start(client: FlaskClient, app: Flask, **subject: str) -> str:
    data = {"organisation": "Ministry of Finance", "country": "Uruguay", "language": "en", **subject}
    response = client.post(url(app, "pages.start"), data=data)
    assert response.status_code == 302, response.get_data(as_text=True)[:1000]
    return token_from(response.headers["Location"])


def _stored(app: Flask, index: int = 0) -> dict[str, Any]:
    with app.app_context():
        return stored_state(index).answers


def test_start_page_errors_name_the_field_and_keep_everything_typed(app: Flask, client: FlaskClient) -> None:
    typed = {
        "organisation": "Secretaría de Hacienda",
        "country": "México",
        "role": "CIO",
        "system_name": "x" * 201,
        "government_level": "province",  # not a level we offer: a tampered request
        "sector": "health",
        "language": "es",
    }
    response = client.post(url(app, "pages.start"), data=typed)
    assert response.status_code == 200
    page = parse(response)
    summary = {a["href"]: a.get_text(strip=True) for a in page.select(".error-summary a")}
    assert summary == {
        "#system_name": "The name of the system or product must be 200 characters or fewer (this has 201)",
        "#government_level-0": "Select the level of government from the list",
    }
    for name in ("organisation", "country", "role", "system_name"):
        assert page.select_one(f"#{name}")["value"] == typed[name]
    assert page.select_one("#sector option[selected]")["value"] == "health"
    assert page.select_one("input[name=language][checked]")["value"] == "es"
    # Nothing was created.
    assert client.get(url(app, "pages.start")).status_code == 200


def test_questions_name_the_system_as_typed_and_inert(app: Flask, client: FlaskClient, shipped_book: RuleBook) -> None:
    named = _start(client, app, system_name=HOSTILE_NAME, government_level="local", sector="tax_revenue")
    plain = _start(client, app)  # same page, no name: the texts shared per pack must not carry the other's name
    for token, expect_name in ((named, True), (plain, False), (named, True)):
        response = client.get(url(app, "questionnaire.factor", token=token, factor_id="integrators"))
        html = response.get_data(as_text=True)
        assert "<script>alert" not in html
        legend = parse(response).select_one("#question-integrators_inhouse_team legend").get_text(" ", strip=True)
        asked = shipped_book.questions["integrators_inhouse_team"].asked("en", HOSTILE_NAME if expect_name else "")
        assert legend.endswith(asked), legend
        assert (HOSTILE_NAME in legend) is expect_name

    check = get_page(client, url(app, "questionnaire.check", token=named))
    assert check.select_one("#subject-system").get_text(strip=True) == HOSTILE_NAME
    assert check.select_one("#subject-level").get_text(strip=True) == "Subnational: municipality or local government"
    assert check.select_one("#subject-sector").get_text(strip=True) == "Tax and revenue"
    keys = [dt.get_text(" ", strip=True) for dt in check.select("#check-security_privacy ~ dl dt")]
    assert any(HOSTILE_NAME in key for key in keys), keys
    unnamed = get_page(client, url(app, "questionnaire.check", token=plain))
    assert unnamed.select_one("#subject-system").get_text(strip=True) == "Not stated"


def _factor_form(client: FlaskClient, app: Flask, token: str, factor_id: str) -> tuple[str, dict[str, Any]]:
    path = url(app, "questionnaire.factor", token=token, factor_id=factor_id)
    page = get_page(client, path)
    form = page.select_one("main form[method=post]")
    data: dict[str, Any] = {i["name"]: i.get("value", "") for i in form.select("input[type=hidden]")}
    return path, {**data, "action": "later"}


def test_not_applicable_is_offered_where_the_pack_allows_and_saved(app: Flask, client: FlaskClient) -> None:
    token = _start(client, app)
    path, data = _factor_form(client, app, token, "ecosystem")
    page = get_page(client, path)
    assert page.select_one("#q_ecosystem_product_health-na")["type"] == "radio"
    assert page.select_one("#q_ecosystem_maintainer_orgs-na")["type"] == "checkbox"
    assert page.select_one("label[for=q_ecosystem_product_health-na]").get_text(strip=True) == "Not applicable"
    assert page.select_one("#q_ecosystem_catalogue-na") is None  # not offered there

    # Not applicable beside a number: an error, and the number typed comes back.
    bad = {**data, "q_ecosystem_product_health": NOT_APPLICABLE, "q_ecosystem_maintainer_orgs": ["4", NOT_APPLICABLE]}
    response = client.post(path, data=bad)
    assert response.status_code == 200
    errors = parse(response)
    assert [a.get_text(strip=True) for a in errors.select(".error-summary a")] == [
        "Select “Not applicable” on its own, or clear it and give an answer"
    ]
    assert errors.select_one("#q_ecosystem_maintainer_orgs")["value"] == "4"

    good = {**data, "q_ecosystem_product_health": NOT_APPLICABLE, "q_ecosystem_maintainer_orgs": NOT_APPLICABLE}
    assert client.post(path, data=good).status_code == 302
    saved = _stored(app)
    assert saved["ecosystem_product_health"] == NOT_APPLICABLE
    assert saved["ecosystem_maintainer_orgs"] == NOT_APPLICABLE
    again = get_page(client, path)
    assert again.select_one("#q_ecosystem_product_health-na").has_attr("checked")

    check = get_page(client, url(app, "questionnaire.check", token=token))
    rows = {
        row.select_one("dt").get_text(" ", strip=True): row.select_one("dd p").get_text(strip=True)
        for row in check.select("#check-ecosystem ~ dl .summary-row")
    }
    shown = [answer for text, answer in rows.items() if "health of the open-source product" in text]
    assert shown == ["Not applicable"]

    # A question that does not offer it refuses a tampered "not applicable".
    path, data = _factor_form(client, app, token, "funding")
    response = client.post(path, data={**data, "q_funding_om_budget": NOT_APPLICABLE})
    assert response.status_code == 200
    assert "funding_om_budget" not in _stored(app)


def _worst(question: Question) -> Any:
    if question.id in ("ecosystem_product_health", "ecosystem_maintainer_orgs"):
        return NOT_APPLICABLE
    return worst_answer(question)


def test_the_result_leads_with_the_first_steps_then_the_rest_by_factor(
    app: Flask, client: FlaskClient, shipped_book: RuleBook
) -> None:
    token = _start(client, app, system_name="SIGEF", government_level="national", sector="payments")
    answer_everything(client, app, shipped_book, token, _worst)
    client.post(url(app, "questionnaire.submit", token=token), data={"confirm": "yes"})
    page = get_page(client, url(app, "questionnaire.result", token=token))

    answers = {
        qid: float(v) if shipped_book.questions[qid].type is QuestionType.NUMBER and v != NOT_APPLICABLE else v
        for qid, v in _stored(app).items()
    }
    result = score(shipped_book, checked_answers(shipped_book, answers))
    expected = first_step_ids(shipped_book, result.recommendations)
    assert len(expected) == 5
    assert expected[:3] == ["accountability_appoint_owner", "funding_secure_om_line", "procurement_remove_brand_names"]

    first = page.select_one("section.first-steps")
    assert first.select_one("h2").get_text(strip=True) == "Your first 5 steps"
    assert [a["aria-labelledby"].removeprefix("rec-") for a in first.select("ol > li > article")] == expected

    rest = page.select_one("section[aria-labelledby=recommendations-title]")
    assert rest.select_one("h2").get_text(strip=True) == "Other recommendations, by factor"
    groups = [
        (g.select_one("h3").get_text(strip=True), [a["aria-labelledby"] for a in g.select("article")])
        for g in rest.select("section")
    ]
    titles = [title for title, _ids in groups]
    in_pack_order = [f.title.get("en") for f in shipped_book.factors if f.title.get("en") in titles]
    assert titles[: len(in_pack_order)] == in_pack_order
    shown_once = [i.removeprefix("rec-") for _title, ids in groups for i in ids] + expected
    assert sorted(shown_once) == sorted(r.id for r in result.recommendations)
    assert "ecosystem_check_product_health" not in shown_once  # no product, no advice on its health

    assert page.select_one("#subject-system").get_text(strip=True) == "SIGEF"
    assert page.select_one("#subject-sector").get_text(strip=True) == "Payments and financial services"
