"""The questionnaire: factor pages, check your answers, submit, result. Everything under /a/<token>/.

Views stay thin: they load the assessment named by the secret token, validate with the forms,
save through `assessor.storage.assessments`, and redirect (post/redirect/get).
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, current_app, flash, g, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from werkzeug.wrappers import Response

from assessor.core.answers import Answers, normalise_answer
from assessor.core.rulebook import DONT_KNOW, Factor, RuleBook
from assessor.core.scoring import question_statuses
from assessor.records import live
from assessor.records.service import record_maker
from assessor.report.blank import question_numbers
from assessor.storage import assessments as store
from assessor.storage.db import engine as db_engine
from assessor.storage.db import session as db_session
from assessor.storage.models import Assessment
from assessor.web import answers as view_answers
from assessor.web import conflicts, limits, pageview, result_views
from assessor.web.forms import FactorForm, answer_field_name, evidence_field_names, factor_form_class
from assessor.web.hosts import external_url
from assessor.web.i18n import supported_languages
from assessor.web.redirects import safe_next
from assessor.web.shown import shown_question_ids
from assessor.web.templating import current_language

bp = Blueprint("questionnaire", __name__, url_prefix="/a/<token>")


def current_rulebook() -> RuleBook:
    """The rule pack this app was started with."""
    book: RuleBook = current_app.extensions["rulebook"]
    return book


@bp.url_value_preprocessor
def _pull_token(_endpoint: str | None, values: dict[str, Any] | None) -> None:
    g.token = (values or {}).pop("token", "")


@bp.url_defaults
def _add_token(endpoint: str, values: dict[str, Any]) -> None:
    if "token" in g and current_app.url_map.is_endpoint_expecting(endpoint, "token"):
        values.setdefault("token", g.token)


@bp.before_request
def _load_assessment() -> None:
    # What every page reads (status, language, answers); pages that show or change more load the
    # whole assessment when they need it (_assessment).
    state = store.find_state(db_engine(), g.token)
    if state is None:
        limits.unknown_token()
    g.assessment_state = state


def _state() -> store.AnswerState:
    """What every page of the assessment reads: its status, language, answers and evidence."""
    state: store.AnswerState = g.assessment_state
    return state


def _assessment() -> Assessment:
    """The whole assessment, as loaded for this request (or now, for a page that began with its state)."""
    if "assessment" not in g:
        g.assessment = store.load(db_session(), _state().id)
    assessment: Assessment = g.assessment
    return assessment


def _factor_or_404(book: RuleBook, factor_id: str) -> Factor:
    try:
        return book.factor(factor_id)
    except KeyError:
        abort(404)


@bp.get("/")
def resume() -> Response | str:
    """Pick up where the respondent left off: an overview of the sections, and a link to the next one to do."""
    assessment = _assessment()
    if assessment.is_submitted:
        return redirect(url_for(".result"))
    book = current_rulebook()
    answers, _stale = view_answers.stored_answers(book, _state())
    statuses = question_statuses(book, answers)
    language = current_language()
    factor = view_answers.first_incomplete_factor(book, answers)
    return render_template(
        "pages/overview.html",
        assessment=assessment,
        sections=pageview.section_views(
            ((f.id, f.title.get(language)) for f in book.factors),
            view_answers.section_states(book, statuses),
            None,
            url_for(".resume") + "f/",
        ),
        progress=view_answers.progress(book, answers, None, statuses),
        next_url=url_for(".factor", factor_id=factor.id) if factor is not None else url_for(".check"),
    )


@bp.get("/started")
def started() -> str:
    """The resume link, shown right after starting (the only time the token is in a page we make)."""
    return render_template(
        "pages/started.html", assessment=_assessment(), resume_url=_resume_url(), next_url=_next_section_url()
    )


def _next_section_url() -> str:
    """The first section with a question still to answer, or the check page when none is left."""
    book = current_rulebook()
    answers, _stale = view_answers.stored_answers(book, _state())
    factor = view_answers.first_incomplete_factor(book, answers)
    return url_for(".factor", factor_id=factor.id) if factor is not None else url_for(".check")


@bp.get("/saved")
def saved() -> str:
    """Answers saved: how to come back."""
    return render_template("pages/saved.html", assessment=_assessment(), resume_url=_resume_url())


def _resume_url() -> str:
    return external_url(".resume")


@bp.route("/f/<factor_id>", methods=["GET", "POST"])
def factor(factor_id: str) -> Response | str | tuple[str, int, dict[str, str]]:
    """One factor's questions. Every POST saves what is valid, whatever else is wrong."""
    state = _state()
    book = current_rulebook()
    factor = _factor_or_404(book, factor_id)
    if state.is_submitted:
        flash(_("This assessment has been submitted, so its answers can no longer change."), "info")
        return redirect(url_for(".result"))
    if request.method == "GET":
        answers, _stale = view_answers.stored_answers(book, state)
        return _render_factor(book, factor, answers)

    assessment = _assessment()
    form = factor_form_class(book, factor.id)()
    shown = shown_question_ids(book, factor, state, request.form.get("shown", ""))
    if (wait := limits.save_refused()) is not None:
        return _render_unsaved(book, factor, state, form, shown, wait)
    form.validate()
    updates, evidence_updates = _valid_updates(factor, form, shown)
    db = db_session()
    try:
        outcome = store.save_page(
            db,
            assessment,
            book,
            updates,
            evidence_updates,
            pack_version_id=live.live_pack_version_id(db),
            versions=conflicts.posted_versions(request.form.get("versions", ""), shown),
            changed_by=live.session_marker(),
        )
    except store.AssessmentLockedError:
        # Submitted in another window while this page was open: nothing was saved, and nothing typed is lost.
        notice = _(
            "This assessment was submitted in another window, so these answers were not saved. "
            "They are shown below so that you can copy them."
        )
        answers, _stale = view_answers.stored_answers(book, store.state_of(db, assessment))
        return _render_factor(book, factor, answers, form, shown_override=shown, notice=notice)
    g.assessment_state = state = store.state_of(db, assessment)
    answers, _stale = view_answers.stored_answers(book, state)
    conflicts.mark(form, book, outcome.conflicts)
    if outcome.conflicts or _has_errors(form, shown):
        return _render_factor(book, factor, answers, form, shown_override=shown)

    newly_shown = _newly_applicable(book, factor, answers, shown)
    back_to_check: dict[str, Any] = {"return": RETURN_TO_CHECK} if _returning_to_check() else {}
    if newly_shown:
        flash(
            ngettext(
                "Your answers mean %(num)d more question on this page now applies.",
                "Your answers mean %(num)d more questions on this page now apply.",
                len(newly_shown),
            ),
            "info",
        )
        return redirect(
            url_for(".factor", factor_id=factor.id, _anchor=answer_field_name(newly_shown[0]), **back_to_check)
        )
    action = request.form.get("action", "continue")
    if back_to_check and action == "continue":
        return redirect(url_for(".check", _anchor="check-" + factor.id))
    if action == "later":
        return redirect(url_for(".saved"))
    ids = [f.id for f in book.factors]
    position = ids.index(factor.id)
    if action == "back":
        if position == 0:
            return redirect(url_for(".started"))
        return redirect(url_for(".factor", factor_id=ids[position - 1]))
    if position + 1 < len(ids):
        return redirect(url_for(".factor", factor_id=ids[position + 1]))
    return redirect(url_for(".check"))


def _render_unsaved(
    book: RuleBook, factor: Factor, state: store.AnswerState, form: FactorForm, shown: list[str], wait: int
) -> tuple[str, int, dict[str, str]]:
    """The page again with what was typed, nothing saved, and when to save again (a 429)."""
    answers, _stale = view_answers.stored_answers(book, state)
    flash(limits.unsaved_message(wait), "error")
    return _render_factor(book, factor, answers, form, shown_override=shown), 429, limits.retry_after_header(wait)


def _valid_updates(
    factor: Factor, form: FactorForm, shown: list[str]
) -> tuple[dict[str, Any], dict[str, dict[str, str] | None]]:
    """What can be saved from this POST: every field without an error."""
    updates: dict[str, Any] = {}
    evidence: dict[str, dict[str, str] | None] = {}
    for q in factor.questions:
        if q.id not in shown:
            continue
        field = form[answer_field_name(q.id)]
        if not field.errors:
            value = field.data
            if value is not None and value != DONT_KNOW:
                try:
                    value = normalise_answer(q, value)
                except ValueError:
                    # The form's checks mirror the core's; this only trips on a tampered request.
                    field.errors = [*field.errors, _("Enter a valid answer")]
                    value = None
                    continue
            updates[q.id] = value
        if q.evidence:
            text_field, link_field = (form[name] for name in evidence_field_names(q.id))
            if not text_field.errors and not link_field.errors:
                text, link = text_field.data or "", link_field.data or ""
                evidence[q.id] = {"text": text, "link": link} if (text or link) else None
    return updates, evidence


def _has_errors(form: FactorForm, shown: list[str]) -> bool:
    if form.errors.get("csrf_token"):
        return True
    for qid in shown:
        names = [answer_field_name(qid), *evidence_field_names(qid)]
        if any(form[name].errors for name in names if name in form):
            return True
    return False


def _newly_applicable(book: RuleBook, factor: Factor, answers: Answers, shown: list[str]) -> list[str]:
    visible = view_answers.visible_question_ids(book, answers)
    return [q.id for q in factor.questions if q.id in visible and q.id not in shown and q.id not in answers.values]


def _render_factor(
    book: RuleBook,
    factor: Factor,
    answers: Answers,
    form: FactorForm | None = None,
    shown_override: list[str] | None = None,
    notice: str | None = None,
) -> str:
    statuses = question_statuses(book, answers)
    visible = view_answers.visible_question_ids(book, answers, statuses)
    if shown_override is not None:
        # Redisplaying errors: keep the questions the respondent was looking at.
        visible |= set(shown_override)
    questions = [q for q in factor.questions if q.id in visible]
    language = current_language()
    texts = pageview.question_texts(book.content_hash, questions, language)
    states = pageview.question_states(questions, language, answers, form)
    ids = [f.id for f in book.factors]
    return render_template(
        "pages/factor.html",
        factor_title=factor.title.get(language),
        factor_description=factor.description.get(language),
        questions=texts,
        states=states,
        shown=",".join(q.id for q in questions),
        labels=pageview.page_labels(),
        progress=pageview.progress_view(view_answers.progress(book, answers, factor, statuses)),
        is_last=ids.index(factor.id) + 1 == len(ids),
        numbers=question_numbers(book),
        errors=[link for q in texts for link in states[q.id].error_links(q)],
        sections=pageview.section_views(
            ((f.id, f.title.get(language)) for f in book.factors),
            view_answers.section_states(book, statuses),
            factor.id,
            "",
        ),
        versions=conflicts.versions_field(questions, _state().versions),
        notice=notice,
        return_to=RETURN_TO_CHECK if _returning_to_check() else "",
    )


RETURN_TO_CHECK = "check"


def _returning_to_check() -> bool:
    """Whether the page was opened from "Change" on the check page, so saving goes back there.

    Only the one known value is honoured: the return address is never taken from the request.
    """
    return (request.values.get("return") or "") == RETURN_TO_CHECK


@bp.get("/check")
def check() -> Response | str:
    """Every answer and its evidence, by factor, with links to change them."""
    assessment = _assessment()
    if assessment.is_submitted:
        return redirect(url_for(".result"))
    book = current_rulebook()
    state = _state()
    answers, stale = view_answers.stored_answers(book, state)
    statuses = question_statuses(book, answers)
    visible = view_answers.visible_question_ids(book, answers, statuses)
    progress = view_answers.progress(book, answers, None, statuses)
    missing = view_answers.missing(book, statuses)
    language = current_language()
    return render_template(
        "pages/check.html",
        assessment=assessment,
        book=book,
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
    assessment = _assessment()
    if assessment.is_submitted:
        return redirect(url_for(".result"))
    book = current_rulebook()
    answers, _stale = view_answers.stored_answers(book, _state())
    statuses = question_statuses(book, answers)
    applicable = view_answers.progress(book, answers, None, statuses).applicable
    if view_answers.missing(book, statuses).needs_confirmation(applicable) and request.form.get("confirm") != "yes":
        # Many questions unanswered and not confirmed: back to the check page, which says what is missing.
        return redirect(url_for(".check", confirm="missing", _anchor="submit-title"))
    db = db_session()
    maker = record_maker(db, live.pack_cache(), book, assessment.language)
    try:
        store.submit(db, assessment, book, live.live_pack_version_id(db), maker, changed_by=live.session_marker())
    except store.AssessmentLockedError:
        pass  # submitted twice (double click): the first one stands
    return redirect(url_for(".result"))


@bp.get("/result")
def result() -> Response | str:
    """The scored, explained result, from the stored record and the pack version that scored it."""
    assessment = _assessment()
    if not assessment.is_submitted:
        flash(_("Check your answers and submit to see the result."), "info")
        return redirect(url_for(".check"))
    return result_views.result_page(assessment)


@bp.post("/rescore")
def rescore() -> Response:
    """Rescore the submitted answers on the pack version the app runs now, beside the original."""
    from assessor.records.rescore import rescore as rescore_record

    assessment = _assessment()
    if not assessment.is_submitted:
        return redirect(url_for(".check"))
    db = db_session()
    row = rescore_record(db, live.pack_cache(), assessment, current_rulebook(), live.live_pack_version_id(db))
    return redirect(url_for(".rescored", record_id=row.id))


@bp.get("/rescore/<int:record_id>")
def rescored(record_id: int) -> str:
    """A rescore beside the original result, with what changed and why."""
    assessment = _assessment()
    if not assessment.is_submitted:
        abort(404)
    return result_views.rescore_page(assessment, record_id)


@bp.get("/report.pdf")
def report_pdf() -> Response:
    """The assessment report as a PDF in the page's language, from storage; 303 to its status page until stored."""
    assessment = _assessment()
    if not assessment.is_submitted:
        flash(_("Check your answers and submit to see the result."), "info")
        return redirect(url_for(".check"))
    from assessor.web.report_download import report_pdf_response

    return report_pdf_response(assessment, current_language(), url_for(".report_status"))


@bp.get("/report/status")
def report_status() -> Response:
    """ "Being prepared" until the report PDF is stored, then 303 to the download."""
    assessment = _assessment()
    if not assessment.is_submitted:
        return redirect(url_for(".check"))
    from assessor.web.report_download import report_status_response

    return report_status_response(assessment, current_language(), url_for(".report_pdf"))


@bp.post("/copy")
def copy() -> Response:
    """Start a new assessment from this one: the yearly re-assessment keeps last year's answers."""
    source = _assessment()
    if (wait := limits.creation_refused()) is not None:
        raise limits.RateLimited("create", wait)
    state = _state()
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


@bp.post("/language")
def language() -> Response:
    """Switch the language of this assessment (pages and report)."""
    choice = request.form.get("lang", "")
    if choice in supported_languages():
        store.set_language(db_session(), _assessment(), choice)
        session["lang"] = choice
    return redirect(safe_next(request.form.get("next")) or url_for(".resume"))
