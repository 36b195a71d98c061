"""PDF downloads served from storage: the PDF when stored, else 303 to a "being prepared" page, never a render.

Most tests run the queue inline (the `app` fixture's immediate mode); those about the wait hold the
jobs in a real queue and drain it here. tests/jobs/test_real_worker.py runs a real worker.
The app runs the minimal pack: these tests are about how a PDF is asked for, made, stored and
served, and its few-page report renders in a fraction of the shipped pack's time (the browser
journeys and tests/report read the shipped pack's reports).
"""

from __future__ import annotations

import io
import re
import time
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from pypdf import PdfReader
from sqlalchemy import func, select, update

from assessor.core.rulebook import RuleBook
from assessor.jobs import ledger
from assessor.jobs.models import DONE, FAILED, ReportJob
from assessor.jobs.report_input import report_input
from assessor.jobs.reports import ReportJobs
from assessor.report import read_report_data, render_pdf, report_cache_key
from tests.answers import worst_answer
from tests.conftest import MINIMAL_PACK
from tests.helpers.apps import app_for_tests
from tests.helpers.questionnaire import answer_everything, start
from tests.jobs.helpers import drain, submitted_assessment
from tests.web.pages import get_page, parse, url


@pytest.fixture
def app(database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Flask]:
    """The app on the minimal pack; report jobs run inline as they are enqueued (immediate mode)."""
    yield from app_for_tests(database_url, tmp_path, monkeypatch, RULES_PATH=str(MINIMAL_PACK), JOBS_IMMEDIATE=True)


@pytest.fixture
def queued_app(database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Flask]:
    """The app with a real queue (SQLite in its instance folder, or PostgreSQL) and no worker: jobs wait."""
    yield from app_for_tests(database_url, tmp_path, monkeypatch, RULES_PATH=str(MINIMAL_PACK), JOBS_RETRIES=0)


@pytest.fixture
def book(app: Flask) -> RuleBook:
    """The pack the app runs."""
    loaded: RuleBook = app.extensions["rulebook"]
    return loaded


@pytest.fixture
def submitted(app: Flask, client: FlaskClient, book: RuleBook) -> str:
    token = start(client, app, organisation="Ministerio de Hacienda <b>y</b> Finanzas")
    answer_everything(client, app, book, token, worst_answer)
    client.post(url(app, "questionnaire.submit", token=token))
    return token


def _jobs(app: Flask) -> ReportJobs:
    jobs: ReportJobs = app.extensions["report_jobs"]
    return jobs


def _ledger_rows(app: Flask) -> list[ReportJob]:
    with app.extensions["db_sessions"]() as db:
        return list(db.scalars(select(ReportJob)))


def test_result_page_links_to_the_pdf(app: Flask, client: FlaskClient, submitted: str) -> None:
    page = get_page(client, url(app, "questionnaire.result", token=submitted))
    link = page.select_one("a[href$='/report.pdf']")
    assert link is not None
    # No `download` attribute: with it, a browser would save the "being prepared" page as the file.
    assert not link.has_attr("download")


def test_pdf_download_headers_content_and_storage(
    app: Flask, client: FlaskClient, submitted: str, book: RuleBook
) -> None:
    path = url(app, "questionnaire.report_pdf", token=submitted)
    response = client.get(path)  # the job ran inline (immediate mode), so the PDF is stored already
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/pdf"
    disposition = response.headers["Content-Disposition"]
    assert re.fullmatch(r'attachment; filename="assessment-A-[A-Z0-9]{6}-\d{4}-\d{2}-\d{2}\.pdf"', disposition)
    assert response.headers["Cache-Control"] == "no-store"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    pdf = response.data
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "Ministerio de Hacienda <b>y</b> Finanzas" in text
    assert book.level("low").title.get("en") in text
    assert read_report_data(pdf)["result"]["overall"]["level"] == "low"

    again = client.get(path)
    assert again.data == pdf
    rows = _ledger_rows(app)
    assert [(row.state, row.attempts) for row in rows] == [(DONE, 1)]  # the second download cost no render
    assert _jobs(app).reports.get(rows[0].key) == pdf


def test_pdf_in_the_assessment_language(app: Flask, client: FlaskClient, book: RuleBook) -> None:
    token = start(client, app, language="es")
    answer_everything(client, app, book, token, worst_answer)
    client.post(url(app, "questionnaire.submit", token=token))
    pdf = client.get(url(app, "questionnaire.report_pdf", token=token)).data
    reader = PdfReader(io.BytesIO(pdf))
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert book.level("low").title.get("es") in text
    assert read_report_data(pdf)["language"] == "es"


def test_no_pdf_before_submitting(app: Flask, client: FlaskClient) -> None:
    token = start(client, app)
    response = client.get(url(app, "questionnaire.report_pdf", token=token))
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/check")
    response = client.get(url(app, "questionnaire.report_status", token=token))
    assert response.status_code == 302
    assert _ledger_rows(app) == []


def test_before_the_pdf_is_stored_a_download_answers_at_once_with_being_prepared(
    queued_app: Flask,
) -> None:
    app = queued_app
    client = app.test_client()
    _id, token = submitted_assessment(app, app.extensions["rulebook"], "Ministry of Waiting")
    download = url(app, "questionnaire.report_pdf", token=token)
    status = url(app, "questionnaire.report_status", token=token)

    started = time.perf_counter()
    response = client.get(download)
    assert time.perf_counter() - started < 1.0  # no render inside the request
    assert response.status_code == 303
    assert response.headers["Location"] == status
    assert response.headers["Cache-Control"] == "no-store"

    response = client.get(status)
    assert response.status_code == 202
    assert re.fullmatch(r"[1-9]\d*", response.headers["Retry-After"])
    assert response.headers["Cache-Control"] == "no-store"
    page = parse(response)  # the strict parse every page passes
    assert page.h1 is not None
    assert page.h1.get_text(strip=True) == "Your PDF is being prepared"
    assert f"about {response.headers['Retry-After']} s" in page.get_text(" ", strip=True)
    check_again = [a for a in page.select("a") if a.get_text(strip=True) == "Check again"]
    assert [a["href"] for a in check_again] == [status]
    assert page.select("meta[http-equiv]") == []  # no refresh on a timer (WCAG 2.2.1)
    assert page.select("script:not([src])") == []  # the polling script is a file (CSP: no inline script)
    assert page.select_one("[data-report-status]")["data-download-url"] == download

    # A burst of downloads of the same report: one ledger row, one job in the queue.
    for _ in range(5):
        assert client.get(download).status_code == 303
    assert len(_ledger_rows(app)) == 1
    assert _jobs(app).huey.pending_count() == 1

    assert drain(_jobs(app).huey) == 1  # a worker's turn
    response = client.get(status)
    assert response.status_code == 303
    assert response.headers["Location"] == download
    pdf = client.get(download)
    assert pdf.status_code == 200
    assert pdf.data.startswith(b"%PDF")


def test_a_job_that_failed_says_so_and_is_tried_again_later(queued_app: Flask) -> None:
    app = queued_app
    client = app.test_client()
    _id, token = submitted_assessment(app, app.extensions["rulebook"], "Ministry of Failure")
    status = url(app, "questionnaire.report_status", token=token)
    client.get(url(app, "questionnaire.report_pdf", token=token))
    (row,) = _ledger_rows(app)
    drain(_jobs(app).huey)  # ...but a worker lost the PDF on the way to storage: marked failed
    engine = app.extensions["db_engine"]
    _jobs(app).reports.prune_older_than(ledger.now() + timedelta(days=1))
    ledger.finish(engine, row.key, FAILED, "OSError: disk full")

    response = client.get(status)
    assert response.status_code == 202
    assert parse(response).h1.get_text(strip=True) == "The PDF could not be prepared"
    assert _jobs(app).huey.pending_count() == 0  # not retried at once, on every check
    retry = int(_jobs(app).settings.retry_failed_after.total_seconds())
    assert response.headers["Retry-After"] == str(retry)

    # Past the cool-down, the next check asks for it again.
    with engine.begin() as connection:
        connection.execute(update(ReportJob).values(finished_at=ledger.now() - timedelta(seconds=retry + 1)))
    assert client.get(status).status_code == 202
    assert _jobs(app).huey.pending_count() == 1
    drain(_jobs(app).huey)
    assert client.get(status).status_code == 303


def test_the_job_renders_the_same_bytes_as_a_single_render(app: Flask, client: FlaskClient, submitted: str) -> None:
    pdf = client.get(url(app, "questionnaire.report_pdf", token=submitted)).data
    (row,) = _ledger_rows(app)
    with app.extensions["db_sessions"]() as db:
        report = report_input(db, row.assessment_id, "en", book=_jobs(app).book)
    assert report_cache_key(report) == row.key
    assert render_pdf(report) == pdf


def test_retention_prunes_stored_pdfs_and_a_later_download_renders_again(
    app: Flask, client: FlaskClient, submitted: str
) -> None:
    path = url(app, "questionnaire.report_pdf", token=submitted)
    first = client.get(path).data
    (row,) = _ledger_rows(app)
    jobs = _jobs(app)
    jobs.prune()  # immediate mode: runs inline; nothing is old enough yet
    assert jobs.reports.get(row.key) == first

    # Thirty-one days later (the default retention is 30): the PDF and the ledger row go.
    old = ledger.now() - timedelta(days=31)
    engine = app.extensions["db_engine"]
    with engine.begin() as connection:
        connection.execute(update(ReportJob).values(finished_at=old))
    store = jobs.reports
    if hasattr(store, "path"):
        import os

        os.utime(store.path(row.key), (old.timestamp(), old.timestamp()))
    else:
        from assessor.jobs.models import StoredPDF

        with engine.begin() as connection:
            connection.execute(update(StoredPDF).values(created_at=old))
    jobs.prune()
    assert jobs.reports.get(row.key) is None
    with engine.connect() as connection:
        assert connection.execute(select(func.count()).select_from(ReportJob)).scalar_one() == 0

    again = client.get(path)
    assert again.status_code == 200
    assert again.data == first  # rendered again, to the same bytes


def test_blank_questionnaire_is_built_by_a_job_and_stored(queued_app: Flask) -> None:
    app = queued_app
    book: RuleBook = app.extensions["rulebook"]
    client = app.test_client()
    path = url(app, "pages.blank_questionnaire", lang="es")
    status = url(app, "pages.blank_questionnaire_status", lang="es")
    response = client.get(path)
    assert response.status_code == 303
    assert response.headers["Location"] == status
    page = client.get(status)
    assert page.status_code == 202
    assert parse(page).h1.get_text(strip=True) == "Your PDF is being prepared"
    assert client.get(path).status_code == 303
    assert _jobs(app).huey.pending_count() == 1  # asked twice, built once
    drain(_jobs(app).huey)
    assert client.get(status).headers["Location"] == path
    response = client.get(path)
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "public, max-age=3600"
    assert f"questionnaire-minimal-{book.version}-es.pdf" in response.headers["Content-Disposition"]
    from assessor.report.blank import render_blank_questionnaire

    assert response.data == render_blank_questionnaire(book, "es")
    # Retention applies to reports (they hold answers), not to the blank forms.
    assert _jobs(app).blanks.prune_older_than(ledger.now() - timedelta(days=1)) == 0


@pytest.mark.parametrize("endpoint", ["pages.blank_questionnaire", "pages.blank_questionnaire_status"])
def test_blank_questionnaire_in_an_unknown_language_is_404(app: Flask, client: FlaskClient, endpoint: str) -> None:
    assert client.get(url(app, endpoint, lang="de")).status_code == 404
    assert client.get(url(app, endpoint, lang="..")).status_code == 404
    assert _ledger_rows(app) == []
