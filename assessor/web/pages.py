"""Public pages: the start page (which creates an assessment), the language switcher and the blank questionnaire."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from assessor.jobs.reports import blank_key
from assessor.records.live import live_pack_version_id
from assessor.report.blank import blank_filename
from assessor.storage import assessments as store
from assessor.storage.db import session as db_session
from assessor.subject import Subject
from assessor.web import limits
from assessor.web.forms import StartForm
from assessor.web.i18n import browser_language, language_name, supported_languages
from assessor.web.redirects import safe_next
from assessor.web.rulebook import current_rulebook
from assessor.web.subject_view import government_level_choices, sector_choices

bp = Blueprint("pages", __name__)


def _start_form() -> StartForm:
    form = StartForm()
    form.language.choices = [(code, language_name(code)) for code in supported_languages()]
    form.government_level.choices = government_level_choices()
    form.sector.choices = sector_choices()
    if request.method == "GET" and not form.language.data:
        form.language.data = browser_language()
    return form


@bp.route("/", methods=["GET", "POST"])
def start() -> Response | str | tuple[str, int, dict[str, str]]:
    """What the assessment is; starting one creates it and shows its resume link."""
    book = current_rulebook()
    form = _start_form()
    refused: int | None = None
    if form.validate_on_submit() and (refused := limits.creation_refused()) is None:
        db = db_session()
        assessment, token = store.create(
            db,
            live_pack_version_id(db),
            organisation=form.organisation.data or "",
            country=form.country.data or "",
            role=form.role.data or None,
            language=form.language.data or book.default_language,
            subject=Subject(form.system_name.data or "", form.government_level.data or None, form.sector.data or None),
        )
        session["lang"] = assessment.language
        return redirect(url_for("questionnaire.started", token=token))
    # A radio group's error links to its first radio; every other field's to the field itself.
    radios = ("language", "government_level")
    errors = [(f"{name}-0" if name in radios else name, str(m)) for name, ms in form.errors.items() for m in ms]
    if refused is not None:
        flash(limits.creation_message(refused), "error")
    question_count = len(book.questions)
    page = render_template(
        "pages/start.html",
        book=book,
        form=form,
        errors=errors,
        question_count=question_count,
        minutes=max(10, round(question_count * 0.6 / 5) * 5),
    )
    if refused is not None:
        return page, 429, limits.retry_after_header(refused)  # the page keeps what was typed
    return page


@bp.post("/language")
def language() -> Response:
    """Switch the interface language outside an assessment."""
    choice = request.form.get("lang", "")
    if choice in supported_languages():
        session["lang"] = choice
    return redirect(safe_next(request.form.get("next")) or url_for(".start"))


@bp.get("/questionnaire/<lang>.pdf")
def blank_questionnaire(lang: str) -> Response:
    """The blank questionnaire in `lang`, to print and fill in by hand; 404 for a language the pack lacks.

    Built by a job per (pack, language) and stored; until then, 303 to its status page. It holds no
    answers, so unlike the report it may be cached by browsers and proxies.
    """
    from assessor.web.report_download import pdf_bytes_response, report_jobs

    book = current_rulebook()
    if lang not in book.languages:
        abort(404)
    jobs = report_jobs()
    pdf = jobs.blanks.get(blank_key(book, lang))
    if pdf is None:
        jobs.request_blank(lang)
        pdf = jobs.blanks.get(blank_key(book, lang))  # there already when the queue runs jobs inline (tests)
    if pdf is None:
        return redirect(url_for(".blank_questionnaire_status", lang=lang), code=303)
    return pdf_bytes_response(pdf, blank_filename(book, lang), "public, max-age=3600")


@bp.get("/questionnaire/<lang>/status")
def blank_questionnaire_status(lang: str) -> Response:
    """ "Being prepared" until the blank questionnaire is stored, then 303 to it."""
    from assessor.web.report_download import preparing_page, report_jobs

    if lang not in current_rulebook().languages:
        abort(404)
    jobs = report_jobs()
    download = url_for(".blank_questionnaire", lang=lang)
    key = blank_key(current_rulebook(), lang)
    if jobs.blanks.get(key) is not None:
        return redirect(download, code=303)
    jobs.request_blank(lang)
    return preparing_page(jobs.status(key), download)


@bp.get("/healthz")
def health() -> tuple[str, int]:
    """For load balancers: the app is up (the database is checked by real pages)."""
    return _("ok"), 200
