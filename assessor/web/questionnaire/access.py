"""The questionnaire's blueprint and what every one of its pages needs: the assessment named by the
secret token in the address (`/a/<token>/`), its answers, and the rule pack in use.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, current_app, g

from assessor.core.rulebook import Factor, RuleBook
from assessor.storage import assessments as store
from assessor.storage.db import engine as db_engine
from assessor.storage.db import session as db_session
from assessor.storage.models import Assessment
from assessor.web import limits

bp = Blueprint("questionnaire", __name__, url_prefix="/a/<token>")


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
    # whole assessment when they need it (current_assessment).
    state = store.find_state(db_engine(), g.token)
    if state is None:
        limits.unknown_token()
    g.assessment_state = state


def assessment_state() -> store.AnswerState:
    """What every page of the assessment reads: its status, language, answers and evidence."""
    state: store.AnswerState = g.assessment_state
    return state


def current_assessment() -> Assessment:
    """The whole assessment, as loaded for this request (or now, for a page that began with its state)."""
    if "assessment" not in g:
        g.assessment = store.load(db_session(), assessment_state().id)
    assessment: Assessment = g.assessment
    return assessment


def factor_or_404(book: RuleBook, factor_id: str) -> Factor:
    try:
        return book.factor(factor_id)
    except KeyError:
        abort(404)
