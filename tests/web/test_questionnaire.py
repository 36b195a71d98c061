"""The questionnaire from start to result, through the test client, in English and Spanish."""

from __future__ import annotations

import re

import pytest
from flask import Flask
from flask.testing import FlaskClient

from assessor.core.rulebook import DONT_KNOW, RuleBook
from assessor.storage.db import session as db_session
from assessor.storage.models import Assessment
from tests.answers import best_answer, worst_answer
from tests.helpers.questionnaire import answer_everything, form_data, save, start, submitted_through_the_pages
from tests.helpers.statements import statements_run
from tests.web.pages import get_page, parse, stored_state, token_from, url


@pytest.mark.parametrize(
    ("language", "strings"),
    [
        ("en", {"check": "Check your answers", "result": "Overall readiness", "submit": "Submit and see the result"}),
        (
            "es",
            {"check": "Revise sus respuestas", "result": "Preparación general", "submit": "Enviar y ver el resultado"},
        ),
    ],
)
def test_whole_journey(
    app: Flask, client: FlaskClient, shipped_book: RuleBook, language: str, strings: dict[str, str]
) -> None:
    start_page = get_page(client, url(app, "pages.start"), headers={"Accept-Language": language})
    assert start_page.html["lang"] == language
    token = start(client, app, language)
    started = get_page(client, url(app, "questionnaire.started", token=token))
    resume_link = started.select_one("#resume-link")["value"]
    assert resume_link.startswith("http")
    assert resume_link.endswith(f"/a/{token}/")

    answer_everything(client, app, shipped_book, token, best_answer)
    check = get_page(client, url(app, "questionnaire.check", token=token))
    assert check.h1.get_text(strip=True) == strings["check"]
    assert check.html["lang"] == language
    assert strings["submit"] in check.get_text()

    submitted = client.post(url(app, "questionnaire.submit", token=token))
    assert submitted.status_code == 302
    result = get_page(client, submitted.headers["Location"])
    assert strings["result"] in result.get_text()
    level = result.select_one(".headline-level").get_text(strip=True)
    assert level == shipped_book.level("leading").title.get(language)
    assert result.select("table.table tbody tr")  # the table equivalent of the chart
    assert f"{shipped_book.id} {shipped_book.version}" in result.get_text()


def test_weak_answers_bring_recommendations_with_reasons_and_sources(
    app: Flask, client: FlaskClient, shipped_book: RuleBook
) -> None:
    token = submitted_through_the_pages(client, app, shipped_book, worst_answer)
    result = get_page(client, url(app, "questionnaire.result", token=token))
    assert result.select_one(".headline-level").get_text(strip=True) == "Nascent"
    recommendations = result.select("article.recommendation")
    assert len(recommendations) >= 10
    first = recommendations[0]
    assert "Critical priority" in first.get_text()
    assert first.select(".why-list li"), "each recommendation says why it fired"
    assert all(a["href"].startswith("http") for a in first.select(".sources a"))
    assert result.select(".gap-list li"), "critical gaps are listed"


def test_failed_validation_keeps_every_answer(app: Flask, client: FlaskClient, shipped_book: RuleBook) -> None:
    token = start(client, app)
    path = url(app, "questionnaire.factor", token=token, factor_id="integrators")
    page = get_page(client, path)
    data = form_data(page, shipped_book, best_answer)
    data["q_integrators_local_firms"] = "lots"
    data["e_integrators_knowledge_transfer_text"] = "Clause 7 of contract 2025-114"
    response = client.post(path, data=data)
    assert response.status_code == 200
    page = parse(response)
    assert page.title.string.startswith("Error:")
    summary = page.select_one(".error-summary")
    assert "Enter a number between 0 and 500" in summary.get_text()
    assert page.select_one("#q_integrators_local_firms")["value"] == "lots"  # what was typed stays
    assert page.select_one("#q_integrators_inhouse_team-2").has_attr("checked")
    with app.app_context():
        stored = stored_state()
        assert stored.answers["integrators_inhouse_team"] == "dedicated"
        assert stored.evidence["integrators_knowledge_transfer"]["text"] == "Clause 7 of contract 2025-114"
        assert "integrators_local_firms" not in stored.answers
    again = get_page(client, path)  # and a fresh visit shows the saved answers
    assert again.select_one("#q_integrators_inhouse_team-2").has_attr("checked")


@pytest.mark.parametrize("length", [5_001, 1_000_000])
def test_over_long_text_gets_a_message_not_an_error_page(
    app: Flask, client: FlaskClient, shipped_book: RuleBook, length: int
) -> None:
    token = start(client, app)
    path = url(app, "questionnaire.factor", token=token, factor_id="procurement")
    data = form_data(get_page(client, path), shipped_book, best_answer)
    data["q_procurement_notes"] = "x" * length
    response = client.post(path, data=data)
    assert response.status_code == 200
    page = parse(response)
    limit = shipped_book.questions["procurement_notes"].max_length
    assert f"Use {limit:,} characters or fewer (this has {length:,})" in page.select_one(".error-summary").get_text()
    with app.app_context():
        stored = stored_state()
        assert stored.answers["procurement_comparative"] == "yes"
        assert "procurement_notes" not in stored.answers


def test_dont_know_with_a_number_is_refused_alone_accepted(
    app: Flask, client: FlaskClient, shipped_book: RuleBook
) -> None:
    token = start(client, app)
    path = url(app, "questionnaire.factor", token=token, factor_id="integrators")
    data = form_data(get_page(client, path), shipped_book, best_answer)
    data["q_integrators_local_firms"] = ["4", DONT_KNOW]
    page = parse(client.post(path, data=data))
    assert "on its own" in page.select_one(".error-summary").get_text()
    data["q_integrators_local_firms"] = ["", DONT_KNOW]
    assert client.post(path, data=data).status_code == 302
    with app.app_context():
        assert stored_state().answers["integrators_local_firms"] == DONT_KNOW


def test_numbers_are_read_in_the_respondents_locale(app: Flask, client: FlaskClient, shipped_book: RuleBook) -> None:
    token = start(client, app, language="es")
    path = url(app, "questionnaire.factor", token=token, factor_id="funding")
    data = form_data(get_page(client, path), shipped_book, best_answer)
    assert client.post(path, data=data).status_code == 302
    data = form_data(get_page(client, path), shipped_book, best_answer)
    data["q_funding_om_years"] = "2,5"  # a Spanish decimal comma; the question takes whole years
    page = parse(client.post(path, data=data))
    assert page.select_one("#q_funding_om_years")["value"] == "2,5"
    assert page.select_one(".error-summary") is not None


def test_skip_logic_hides_follow_ups_until_they_apply(app: Flask, client: FlaskClient, shipped_book: RuleBook) -> None:
    token = start(client, app)
    path = url(app, "questionnaire.factor", token=token, factor_id="funding")
    page = get_page(client, path)
    assert page.select_one("#question-funding_om_years") is None
    # little donor money, so the development-bank follow-up stays hidden and exactly one question appears
    chosen = {"funding_om_budget": "yes", "funding_donor_share": "little"}
    data = form_data(page, shipped_book, lambda q: chosen.get(q.id) or worst_answer(q))
    response = client.post(path, data=data)
    assert response.status_code == 302
    assert response.headers["Location"].endswith("#q_funding_om_years")  # back to answer the new question
    page = get_page(client, path)
    assert page.select_one("#question-funding_om_years") is not None
    assert "1 more question on this page now applies." in page.select_one(".notices").get_text()


def test_resume_link_works_from_a_fresh_client(app: Flask, client: FlaskClient, shipped_book: RuleBook) -> None:
    token = start(client, app)
    path = url(app, "questionnaire.factor", token=token, factor_id="integrators")
    save(client, shipped_book, path, best_answer, action="later")
    other = app.test_client()
    overview = get_page(other, url(app, "questionnaire.resume", token=token))
    assert overview.select_one("main a.button-primary")["href"].endswith("/f/accountability")
    states = {
        a.get_text(): li.select_one(".section-state").get_text()
        for li in overview.select(".section-item")
        for a in li.select("a")
    }
    assert states[shipped_book.factor("integrators").title.get("en")] == "Complete"
    assert states[shipped_book.factor("accountability").title.get("en")] == "Not started"
    page = get_page(other, url(app, "questionnaire.factor", token=token, factor_id="integrators"))
    assert page.select_one("#q_integrators_inhouse_team-2").has_attr("checked")


def test_save_and_come_back_later_shows_the_link(app: Flask, client: FlaskClient, shipped_book: RuleBook) -> None:
    token = start(client, app)
    path = url(app, "questionnaire.factor", token=token, factor_id="integrators")
    location = save(client, shipped_book, path, best_answer, action="later")
    assert location.endswith("/saved")
    saved = get_page(client, location)
    assert saved.select_one("#resume-link")["value"].endswith(f"/a/{token}/")


def test_back_saves_and_goes_to_the_previous_section(app: Flask, client: FlaskClient, shipped_book: RuleBook) -> None:
    token = start(client, app)
    path = url(app, "questionnaire.factor", token=token, factor_id="accountability")
    response = client.post(path, data=form_data(get_page(client, path), shipped_book, best_answer, action="back"))
    assert response.headers["Location"].endswith("/f/integrators")
    with app.app_context():
        assert stored_state().answers["accountability_owner"] == "yes"


def test_a_submitted_assessment_is_read_only_and_can_be_copied(
    app: Flask, client: FlaskClient, shipped_book: RuleBook
) -> None:
    token = submitted_through_the_pages(client, app, shipped_book, best_answer)
    path = url(app, "questionnaire.factor", token=token, factor_id="integrators")
    data = {"shown": "integrators_inhouse_team", "q_integrators_inhouse_team": "none"}
    response = client.post(path, data=data)
    assert response.headers["Location"].endswith("/result")
    with app.app_context():
        assert stored_state().answers["integrators_inhouse_team"] == "dedicated"

    copied = client.post(url(app, "questionnaire.copy", token=token))
    new_token = token_from(copied.headers["Location"])
    assert new_token != token
    with app.app_context():
        rows = db_session().query(Assessment).order_by(Assessment.id).all()
        assert len(rows) == 2
        assert rows[1].status == "draft"
        assert stored_state(1).answers == stored_state(0).answers
        assert rows[1].copied_from_id == rows[0].id


def test_a_submitted_assessments_result_page_reads_no_answer_rows(
    app: Flask, client: FlaskClient, shipped_book: RuleBook
) -> None:
    # The page shows the stored record; the rows are read only by what needs them (copying).
    token = submitted_through_the_pages(client, app, shipped_book, best_answer)
    with statements_run(app.extensions["db_engine"]) as statements:
        get_page(client, url(app, "questionnaire.result", token=token))
        assert statements, "the listener saw the page's queries"
        assert not [s for s in statements if re.search(r"\bFROM answer\b", s)]
        client.post(url(app, "questionnaire.copy", token=token))
    assert [s for s in statements if re.search(r"\bFROM answer\b", s)]
    with app.app_context():
        assert stored_state(1).answers == stored_state(0).answers


def test_the_token_is_stored_only_as_a_hash(app: Flask, client: FlaskClient) -> None:
    token = start(client, app)
    assert len(token) >= 43  # 32 random bytes, base64url: 256 bits
    with app.app_context():
        stored = db_session().query(Assessment).one()
        assert token not in repr(vars(stored))
        assert stored.token_hash != token
        assert len(stored.token_hash) == 64


def test_a_wrong_token_is_a_friendly_404(app: Flask, client: FlaskClient) -> None:
    page = get_page(client, url(app, "questionnaire.resume", token="not-a-real-token"), status=404)
    assert "copied all of it" in page.get_text()


def test_switching_language_changes_the_assessment(app: Flask, client: FlaskClient, shipped_book: RuleBook) -> None:
    token = start(client, app, language="en")
    path = url(app, "questionnaire.factor", token=token, factor_id="funding")
    response = client.post(url(app, "questionnaire.language", token=token), data={"lang": "es", "next": path})
    assert response.headers["Location"] == path
    page = get_page(client, path)
    assert page.html["lang"] == "es"
    assert page.h1.get_text(strip=True) == shipped_book.factor("funding").title.get("es")


def test_language_switch_never_redirects_off_site(app: Flask, client: FlaskClient) -> None:
    response = client.post(url(app, "pages.language"), data={"lang": "es", "next": "//evil.example/x"})
    assert response.headers["Location"] == "/"


def test_start_form_errors_name_each_field(app: Flask, client: FlaskClient) -> None:
    response = client.post(url(app, "pages.start"), data={"organisation": "", "country": "x" * 101, "language": "xx"})
    page = parse(response)
    assert page.title.string.startswith("Error:")
    messages = [a.get_text(strip=True) for a in page.select(".error-summary a")]
    assert "Enter the name of your organisation" in messages
    assert any("100 characters or fewer" in m for m in messages)
    assert page.select_one("#country")["value"] == "x" * 101  # nothing typed is lost


def test_form_library_messages_follow_the_page_language(app: Flask, client: FlaskClient) -> None:
    # WTForms' own catalogue is loaded once per language and kept: each request must still get its own.
    expected = {
        "en": "Not a valid choice.",
        "es": "Opción inválida.",
        "fr": "N'est pas un choix valide.",
        "pt": "Escolha inválida.",
    }
    for language in ["en", "es", "fr", "es", "pt", "en"]:
        response = client.post(
            url(app, "pages.start"),
            data={"organisation": "A", "country": "B", "language": "xx"},
            headers={"Accept-Language": language},
        )
        messages = [a.get_text(strip=True) for a in parse(response).select(".error-summary a")]
        assert messages == [expected[language]], language


def test_hostile_text_is_shown_as_text(app: Flask, client: FlaskClient, shipped_book: RuleBook) -> None:
    hostile = "<script>alert(1)</script><img src=x onerror=alert(1)>{{ 7*7 }}"
    token = start(client, app, organisation=hostile)
    path = url(app, "questionnaire.factor", token=token, factor_id="procurement")
    data = form_data(get_page(client, path), shipped_book, best_answer)
    data["q_procurement_notes"] = hostile
    client.post(path, data=data)
    check = client.get(url(app, "questionnaire.check", token=token)).get_data(as_text=True)
    assert "<script>alert(1)</script>" not in check
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in check
    assert "49" not in parse(client.get(url(app, "questionnaire.started", token=token))).select_one(".lead").get_text()


def test_change_on_the_check_page_returns_there_after_saving(
    app: Flask, client: FlaskClient, shipped_book: RuleBook
) -> None:
    token = start(client, app)
    answer_everything(client, app, shipped_book, token, best_answer)
    check = get_page(client, url(app, "questionnaire.check", token=token))
    change = check.select_one("#check-integrators ~ dl .summary-action a")["href"]
    assert "return=check" in change
    page = get_page(client, change.split("#")[0])
    assert page.select_one("input[name=return]")["value"] == "check"
    response = client.post(change.split("#")[0], data=form_data(page, shipped_book, best_answer))
    assert response.status_code == 302
    assert response.headers["Location"].split("#")[0].endswith("/check")


def test_only_the_known_return_value_is_honoured(app: Flask, client: FlaskClient, shipped_book: RuleBook) -> None:
    token = start(client, app)
    path = url(app, "questionnaire.factor", token=token, factor_id="integrators")
    page = get_page(client, path + "?return=https://evil.example/")
    assert page.select_one("input[name=return]") is None
    data = form_data(page, shipped_book, best_answer)
    data["return"] = "//evil.example/"
    response = client.post(path, data=data)
    assert "evil" not in response.headers["Location"]


def test_factor_pages_list_the_sections_with_their_state(
    app: Flask, client: FlaskClient, shipped_book: RuleBook
) -> None:
    token = start(client, app)
    first = shipped_book.factors[0].id
    save(client, shipped_book, url(app, "questionnaire.factor", token=token, factor_id=first), best_answer)
    # Twice: the second GET is filled from the shared page frame, the first may be rendered in full.
    for _visit in range(2):
        page = get_page(client, url(app, "questionnaire.factor", token=token, factor_id=shipped_book.factors[1].id))
        items = page.select(".section-nav .section-item")
        assert len(items) == len(shipped_book.factors)
        assert items[0].select_one(".section-state").get_text() == "Complete"
        assert items[1].select_one("a")["aria-current"] == "page"
        assert items[2].select_one(".section-state").get_text() == "Not started"
        assert token not in items[2].select_one("a")["href"]  # relative: the shared frame holds no token


def test_submitting_mostly_unanswered_asks_for_confirmation(
    app: Flask, client: FlaskClient, shipped_book: RuleBook
) -> None:
    token = start(client, app)
    first = shipped_book.factors[0]
    save(client, shipped_book, url(app, "questionnaire.factor", token=token, factor_id=first.id), best_answer)
    check = get_page(client, url(app, "questionnaire.check", token=token))
    warning = check.select_one("#missing").get_text(" ", strip=True)
    assert "questions that apply are not answered" in warning
    for factor in shipped_book.factors[1:]:
        assert factor.title.get("en") in warning
    assert first.title.get("en") not in warning

    refused = client.post(url(app, "questionnaire.submit", token=token))
    assert refused.status_code == 302
    assert "/check?confirm=missing" in refused.headers["Location"]
    again = get_page(client, refused.headers["Location"])
    assert "Confirm that you want to submit" in again.select_one("#confirm-error").get_text()
    with app.app_context():
        assert not stored_state().is_submitted

    accepted = client.post(url(app, "questionnaire.submit", token=token), data={"confirm": "yes"})
    assert accepted.headers["Location"].endswith("/result")


def test_a_complete_assessment_submits_without_confirmation(
    app: Flask, client: FlaskClient, shipped_book: RuleBook
) -> None:
    token = start(client, app)
    answer_everything(client, app, shipped_book, token, best_answer)
    assert get_page(client, url(app, "questionnaire.check", token=token)).select_one("#missing") is None
    assert client.post(url(app, "questionnaire.submit", token=token)).headers["Location"].endswith("/result")
