"""Public pages: the start page (which creates an assessment), the language switcher and the blank questionnaire."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from assessor.core.rulebook import RuleBook
from assessor.report.blank import BlankQuestionnaires, blank_filename
from assessor.storage import assessments as store
from assessor.storage.db import session as db_session
from assessor.web import limits
from assessor.web.forms import StartForm
from assessor.web.i18n import browser_language, language_name, supported_languages
from assessor.web.redirects import safe_next

bp = Blueprint("pages", __name__)


def current_rulebook() -> RuleBook:
    """The rule pack this app was started with."""
    book: RuleBook = current_app.extensions["rulebook"]
    return book


def _start_form() -> StartForm:
    form = StartForm()
    form.language.choices = [(code, language_name(code)) for code in supported_languages()]
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
        assessment, token = store.create(
            db_session(),
            book,
            organisation=form.organisation.data or "",
            country=form.country.data or "",
            role=form.role.data or None,
            language=form.language.data or book.default_language,
        )
        session["lang"] = assessment.language
        return redirect(url_for("questionnaire.started", token=token))
    errors = [(f"{name}-0" if name == "language" else name, str(m)) for name, ms in form.errors.items() for m in ms]
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


def _blank_questionnaires() -> BlankQuestionnaires:
    # One per app, made on first use; dict.setdefault is atomic, so racing threads share one.
    cache: BlankQuestionnaires = current_app.extensions.setdefault("blank_questionnaires", BlankQuestionnaires())
    return cache


@bp.get("/questionnaire/<lang>.pdf")
def blank_questionnaire(lang: str) -> Response:
    """The blank questionnaire in `lang`, to print and fill in by hand; 404 for a language the pack lacks.

    It holds no answers, so unlike the report it may be cached by browsers and proxies. Each
    language renders once per process (a few seconds) and is then served from memory.
    """
    book = current_rulebook()
    if lang not in book.languages:
        abort(404)
    pdf = _blank_questionnaires().pdf(book, lang)
    response = Response(pdf, mimetype="application/pdf")
    response.headers["Content-Disposition"] = f'attachment; filename="{blank_filename(book, lang)}"'
    response.headers["Cache-Control"] = "public, max-age=3600"
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


@bp.get("/healthz")
def health() -> tuple[str, int]:
    """For load balancers: the app is up (the database is checked by real pages)."""
    return _("ok"), 200
