"""After submitting: the result page, a rescore beside it, the report PDF from storage, and a copy
for next year's assessment.
"""

from __future__ import annotations

from flask import abort, flash, g, redirect, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from assessor.records import live
from assessor.records.service import assessment_subject
from assessor.storage import assessments as store
from assessor.storage.db import session as db_session
from assessor.web import limits, result_views
from assessor.web.questionnaire.access import assessment_state, bp, current_assessment
from assessor.web.rulebook import current_rulebook
from assessor.web.templating import current_language


@bp.get("/result")
def result() -> Response | str:
    """The scored, explained result, from the stored record and the pack version that scored it."""
    assessment = current_assessment()
    if not assessment.is_submitted:
        flash(_("Check your answers and submit to see the result."), "info")
        return redirect(url_for(".check"))
    return result_views.result_page(assessment)


@bp.post("/rescore")
def rescore() -> Response:
    """Rescore the submitted answers on the pack version the app runs now, beside the original."""
    from assessor.records.rescore import rescore as rescore_record

    assessment = current_assessment()
    if not assessment.is_submitted:
        return redirect(url_for(".check"))
    db = db_session()
    row = rescore_record(db, live.pack_cache(), assessment, current_rulebook(), live.live_pack_version_id(db))
    return redirect(url_for(".rescored", record_id=row.id))


@bp.get("/rescore/<int:record_id>")
def rescored(record_id: int) -> str:
    """A rescore beside the original result, with what changed and why."""
    assessment = current_assessment()
    if not assessment.is_submitted:
        abort(404)
    return result_views.rescore_page(assessment, record_id)


@bp.get("/report.pdf")
def report_pdf() -> Response:
    """The assessment report as a PDF in the page's language, from storage; 303 to its status page until stored."""
    assessment = current_assessment()
    if not assessment.is_submitted:
        flash(_("Check your answers and submit to see the result."), "info")
        return redirect(url_for(".check"))
    from assessor.web.report_download import report_pdf_response

    return report_pdf_response(assessment, current_language(), url_for(".report_status"))


@bp.get("/report/status")
def report_status() -> Response:
    """ "Being prepared" until the report PDF is stored, then 303 to the download."""
    assessment = current_assessment()
    if not assessment.is_submitted:
        return redirect(url_for(".check"))
    from assessor.web.report_download import report_status_response

    return report_status_response(assessment, current_language(), url_for(".report_pdf"))


@bp.post("/copy")
def copy() -> Response:
    """Start a new assessment from this one: the yearly re-assessment keeps last year's answers."""
    source = current_assessment()
    if (wait := limits.creation_refused()) is not None:
        raise limits.RateLimited("create", wait)
    state = assessment_state()
    db = db_session()
    _copied, token = store.create(
        db,
        live.live_pack_version_id(db),
        organisation=source.organisation,
        country=source.country,
        role=source.role,
        language=source.language,
        answers=state.answers,
        evidence=state.evidence,
        copied_from=source,
        changed_by=live.session_marker(),
        subject=assessment_subject(source),
    )
    g.token = token
    flash(
        _(
            "This is a new assessment with the answers of %(reference)s. Review them and submit.",
            reference=source.reference,
        ),
        "info",
    )
    return redirect(url_for(".started", token=token))
