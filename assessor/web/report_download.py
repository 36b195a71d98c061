"""The PDF download: cache first, then the render gate; a busy renderer answers 503 with Retry-After.

The view only sends bytes (assessor.report renders); one ReportService per web process is made in
`init_app`, so its font configuration, stylesheets, cache and worker processes are shared by threads.
"""

from __future__ import annotations

import atexit
from pathlib import Path

from flask import Flask, current_app, render_template
from werkzeug.wrappers import Response

from assessor.report import DirectoryPDFStore, ReportInput, ReportService, ReportUnavailableError, report_filename
from assessor.storage.models import Assessment


def init_app(app: Flask) -> None:
    """Create this process's report service: cached PDFs in the instance folder, renders in workers."""
    store = DirectoryPDFStore(Path(app.instance_path) / "pdf-cache")
    service = ReportService(
        store,
        time_limit=float(app.config.get("REPORT_TIME_LIMIT", 30)),
        max_queue=int(app.config.get("REPORT_QUEUE", 4)),
        max_wait=float(app.config.get("REPORT_MAX_WAIT", 30)),
        isolate=bool(app.config.get("REPORT_ISOLATE", True)),
    )
    app.extensions["report_service"] = service
    atexit.register(service.close)


def report_service() -> ReportService:
    """The report service of this app."""
    service: ReportService = current_app.extensions["report_service"]
    return service


def report_input(assessment: Assessment, language: str) -> ReportInput:
    """What the report shows for a submitted assessment: its stored record on its own pack version."""
    from assessor.records.live import pack_cache
    from assessor.records.report_input import submitted_report_input
    from assessor.storage.db import session

    return submitted_report_input(session(), pack_cache(), assessment, language)


def pdf_response(assessment: Assessment, language: str) -> Response | tuple[str, int, dict[str, str]]:
    """The PDF as an attachment, or a friendly 503 when the renderer is busy or failed."""
    report = report_input(assessment, language)
    try:
        pdf = report_service().pdf(report)
    except ReportUnavailableError as error:
        retry = str(error.retry_after or 30)
        current_app.logger.warning("report unavailable for %s: %s", assessment.reference, error)
        return render_template("errors/report_busy.html", retry_after=retry), 503, {"Retry-After": retry}
    response = Response(pdf, mimetype="application/pdf")
    response.headers["Content-Disposition"] = f'attachment; filename="{report_filename(report)}"'
    response.headers["Cache-Control"] = "no-store"
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response
