"""The PDF download from the result page: headers, content read back, cache, and a busy renderer."""

from __future__ import annotations

import io
import re
import threading

import pytest
from flask import Flask
from flask.testing import FlaskClient
from pypdf import PdfReader

from assessor.core.rulebook import RuleBook
from assessor.report import read_report_data
from tests.answers import worst_answer
from tests.web.pages import get_page, url
from tests.web.test_questionnaire import answer_everything, start


@pytest.fixture
def submitted(app: Flask, client: FlaskClient, shipped_book: RuleBook) -> str:
    token = start(client, app, organisation="Ministerio de Hacienda <b>y</b> Finanzas")
    answer_everything(client, app, shipped_book, token, worst_answer)
    client.post(url(app, "questionnaire.submit", token=token))
    return token


def test_result_page_links_to_the_pdf(app: Flask, client: FlaskClient, submitted: str) -> None:
    page = get_page(client, url(app, "questionnaire.result", token=submitted))
    link = page.select_one("a[href$='/report.pdf']")
    assert link is not None
    assert link.has_attr("download")


def test_pdf_download_headers_content_and_cache(
    app: Flask, client: FlaskClient, submitted: str, shipped_book: RuleBook
) -> None:
    path = url(app, "questionnaire.report_pdf", token=submitted)
    response = client.get(path)
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/pdf"
    disposition = response.headers["Content-Disposition"]
    assert re.fullmatch(r'attachment; filename="assessment-A-[A-Z0-9]{6}-\d{4}-\d{2}-\d{2}\.pdf"', disposition)
    assert response.headers["Cache-Control"] == "no-store"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    pdf = response.data
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "Ministerio de Hacienda <b>y</b> Finanzas" in text
    assert shipped_book.level("nascent").title.get("en") in text
    data = read_report_data(pdf)
    assert data["result"]["overall"]["level"] == "nascent"

    service = app.extensions["report_service"]
    renders = service.stats.renders
    again = client.get(path)
    assert again.data == pdf
    assert service.stats.renders == renders  # the second download cost no render


def test_pdf_in_the_assessment_language(app: Flask, client: FlaskClient, shipped_book: RuleBook) -> None:
    token = start(client, app, language="es")
    answer_everything(client, app, shipped_book, token, worst_answer)
    client.post(url(app, "questionnaire.submit", token=token))
    pdf = client.get(url(app, "questionnaire.report_pdf", token=token)).data
    reader = PdfReader(io.BytesIO(pdf))
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert shipped_book.level("nascent").title.get("es") in text


def test_no_pdf_before_submitting(app: Flask, client: FlaskClient) -> None:
    token = start(client, app)
    response = client.get(url(app, "questionnaire.report_pdf", token=token))
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/check")


def test_a_busy_renderer_answers_503_with_retry_after(app: Flask, client: FlaskClient, submitted: str) -> None:
    service = app.extensions["report_service"]
    gate = service.gate
    release = threading.Event()
    held = threading.Event()
    slots = gate.max_concurrent + gate.max_queue

    def occupy() -> None:
        with gate.slot():
            held.set()
            release.wait(30)

    threads = [threading.Thread(target=occupy) for _ in range(slots)]
    for thread in threads:
        thread.start()
    try:
        held.wait(10)
        for _ in range(200):  # until every slot and queue place is taken
            if gate.active == gate.max_concurrent and gate.waiting == gate.max_queue:
                break
            threading.Event().wait(0.05)
        response = client.get(url(app, "questionnaire.report_pdf", token=submitted))
        assert response.status_code == 503
        assert int(response.headers["Retry-After"]) > 0
        assert "not ready yet" in response.get_data(as_text=True)
    finally:
        release.set()
        for thread in threads:
            thread.join(10)
