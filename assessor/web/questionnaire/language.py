"""Switching an assessment's language (its pages and its report)."""

from __future__ import annotations

from flask import redirect, request, session, url_for
from werkzeug.wrappers import Response

from assessor.storage import assessments as store
from assessor.storage.db import session as db_session
from assessor.web.i18n import supported_languages
from assessor.web.questionnaire.access import bp, current_assessment
from assessor.web.redirects import safe_next


@bp.post("/language")
def language() -> Response:
    """Switch the language of this assessment (pages and report)."""
    choice = request.form.get("lang", "")
    if choice in supported_languages():
        store.set_language(db_session(), current_assessment(), choice)
        session["lang"] = choice
    return redirect(safe_next(request.form.get("next")) or url_for(".resume"))
