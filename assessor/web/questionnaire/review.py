"""Check your answers, and submit: scoring and freezing the assessment in one transaction."""

from __future__ import annotations

from flask import redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from assessor.core.scoring import question_statuses
from assessor.records import live
from assessor.records.service import assessment_subject, record_maker
from assessor.report.blank import question_numbers
from assessor.storage import assessments as store
from assessor.storage.db import session as db_session
from assessor.web import questionnaire_state, result_views
from assessor.web.questionnaire.access import assessment_state, bp, current_assessment
from assessor.web.rulebook import current_rulebook
from assessor.web.subject_view import subject_view
from assessor.web.templating import current_language


@bp.get("/check")
def check() -> Response | str:
    """Every answer and its evidence, by factor, with links to change them."""
    assessment = current_assessment()
    if assessment.is_submitted:
        return redirect(url_for(".result"))
    book = current_rulebook()
    state = assessment_state()
    answers, stale = questionnaire_state.stored_answers(book, state)
    statuses = question_statuses(book, answers)
    visible = questionnaire_state.visible_question_ids(book, answers, statuses)
    progress = questionnaire_state.progress(book, answers, None, statuses)
    missing = questionnaire_state.missing(book, statuses)
    language = current_language()
    return render_template(
        "pages/check.html",
        assessment=assessment,
        book=book,
        system=assessment.system_name,
        subject=subject_view(assessment_subject(assessment)),
        answers=answers,
        visible=visible,
        unplaced=result_views.unplaced_rows(db_session(), book, state, frozenset(stale)),
        progress=progress,
        missing=missing,
        numbers=question_numbers(book),
        missing_titles=[book.factor(fid).title.get(language) for fid in missing.factor_ids],
        confirm=missing.needs_confirmation(progress.applicable),
        confirm_error=request.args.get("confirm") == "missing",
    )


@bp.post("/submit")
def submit() -> Response:
    """Score the answers and freeze the assessment."""
    assessment = current_assessment()
    if assessment.is_submitted:
        return redirect(url_for(".result"))
    book = current_rulebook()
    answers, _stale = questionnaire_state.stored_answers(book, assessment_state())
    statuses = question_statuses(book, answers)
    applicable = questionnaire_state.progress(book, answers, None, statuses).applicable
    if (
        questionnaire_state.missing(book, statuses).needs_confirmation(applicable)
        and request.form.get("confirm") != "yes"
    ):
        # Many questions unanswered and not confirmed: back to the check page, which says what is missing.
        return redirect(url_for(".check", confirm="missing", _anchor="submit-title"))
    db = db_session()
    maker = record_maker(db, live.pack_cache(), book, assessment.language, assessment_subject(assessment))
    try:
        store.submit(db, assessment, book, live.live_pack_version_id(db), maker, changed_by=live.session_marker())
    except store.AssessmentLockedError:
        pass  # submitted twice (double click): the first one stands
    return redirect(url_for(".result"))
