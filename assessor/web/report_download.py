"""PDF downloads served from storage: the stored bytes at once, or a "being prepared" page, never a render.

A download whose PDF is not stored yet asks for a job (a ledger claim: a burst enqueues once) and
answers 303 to a status page. That page says the PDF is being prepared and about how long it will
take, with a "Check again" link and Retry-After; no meta refresh (it fails WCAG 2.2.1 and axe's
meta-refresh rule), and a small script polls where JavaScript runs. Once the PDF is stored the
status page answers 303 to the download.
"""

from __future__ import annotations

from flask import Flask, current_app, redirect, render_template, request
from werkzeug.wrappers import Response

from assessor.jobs.report_input import report_input
from assessor.jobs.reports import JobStatus, ReportJobs
from assessor.jobs.reports import init_app as init_report_jobs
from assessor.report.cache import report_cache_key
from assessor.report.filename import report_filename
from assessor.storage.models import Assessment


def init_app(app: Flask) -> None:
    """Set up the report jobs (queue, ledger, stores) of this app."""
    init_report_jobs(app)


def report_jobs() -> ReportJobs:
    """The report jobs of this app."""
    jobs: ReportJobs = current_app.extensions["report_jobs"]
    return jobs


def pdf_bytes_response(pdf: bytes, filename: str, cache_control: str) -> Response:
    """Stored PDF bytes as an attachment."""
    response = Response(pdf, mimetype="application/pdf")
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.headers["Cache-Control"] = cache_control
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


def report_pdf_response(assessment: Assessment, language: str, status_url: str) -> Response:
    """The stored report PDF, or (after asking for a job) a 303 to its status page."""
    from assessor.storage.db import session as db_session

    jobs = report_jobs()
    # Scoring the answers costs milliseconds; it names the PDF (the key) and its filename.
    report = report_input(db_session(), assessment.id, language, book=jobs.book)
    key = report_cache_key(report)
    pdf = jobs.reports.get(key)
    if pdf is None:
        jobs.request_report(key, assessment.id, language)
        if jobs.huey.immediate:  # the job ran inline (tests): the PDF is there now
            pdf = jobs.reports.get(key)
    if pdf is None:
        return _see_other(status_url)
    return pdf_bytes_response(pdf, report_filename(report), "no-store")  # it holds answers: no shared cache


def report_status_response(assessment: Assessment, language: str, download_url: str) -> Response:
    """303 to the download once the PDF is stored; until then the "being prepared" page."""
    from assessor.storage.db import session as db_session

    jobs = report_jobs()
    key = report_cache_key(report_input(db_session(), assessment.id, language, book=jobs.book))
    if jobs.reports.get(key) is not None:
        return _see_other(download_url)
    jobs.request_report(key, assessment.id, language)  # idempotent; re-asks after a failure cools down
    return preparing_page(jobs.status(key), download_url)


def preparing_page(status: JobStatus, download_url: str, check_url: str | None = None) -> Response:
    """The "being prepared" (or "could not be prepared") page, never cached, with Retry-After.

    `check_url` is where "Check again" goes: this page's own path unless given (with its query).
    """
    seconds = status.seconds if not status.failed else int(report_jobs().settings.retry_failed_after.total_seconds())
    html = render_template(
        "pages/preparing.html",
        status=status,
        seconds=seconds,
        check_url=check_url or request.path,
        download_url=download_url,
    )
    # 202 Accepted: the request is understood and the work is under way (or will be tried again).
    response = Response(html, status=202, mimetype="text/html")
    response.headers["Retry-After"] = str(seconds)
    response.headers["Cache-Control"] = "no-store"
    return response


def _see_other(location: str) -> Response:
    response = redirect(location, code=303)
    response.headers["Cache-Control"] = "no-store"
    return response
