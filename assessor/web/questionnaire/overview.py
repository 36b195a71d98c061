"""Where a respondent lands: the overview of sections on resuming, the resume link right after
starting, and the page after "save and come back later".
"""

from __future__ import annotations

from flask import redirect, render_template, url_for
from werkzeug.wrappers import Response

from assessor.core.scoring import question_statuses
from assessor.web import factor_view, questionnaire_state
from assessor.web.hosts import external_url
from assessor.web.questionnaire.access import assessment_state, bp, current_assessment
from assessor.web.rulebook import current_rulebook
from assessor.web.templating import current_language


@bp.get("/")
def resume() -> Response | str:
    """Pick up where the respondent left off: an overview of the sections, and a link to the next one to do."""
    assessment = current_assessment()
    if assessment.is_submitted:
        return redirect(url_for(".result"))
    book = current_rulebook()
    answers, _stale = questionnaire_state.stored_answers(book, assessment_state())
    statuses = question_statuses(book, answers)
    language = current_language()
    factor = questionnaire_state.first_incomplete_factor(book, answers)
    return render_template(
        "pages/overview.html",
        assessment=assessment,
        sections=factor_view.section_views(
            ((f.id, f.title.get(language)) for f in book.factors),
            questionnaire_state.section_states(book, statuses),
            None,
            url_for(".resume") + "f/",
        ),
        progress=questionnaire_state.progress(book, answers, None, statuses),
        next_url=url_for(".factor", factor_id=factor.id) if factor is not None else url_for(".check"),
    )


@bp.get("/started")
def started() -> str:
    """The resume link, shown right after starting (the only time the token is in a page we make)."""
    return render_template(
        "pages/started.html", assessment=current_assessment(), resume_url=_resume_url(), next_url=_next_section_url()
    )


def _next_section_url() -> str:
    """The first section with a question still to answer, or the check page when none is left."""
    book = current_rulebook()
    answers, _stale = questionnaire_state.stored_answers(book, assessment_state())
    factor = questionnaire_state.first_incomplete_factor(book, answers)
    return url_for(".factor", factor_id=factor.id) if factor is not None else url_for(".check")


@bp.get("/saved")
def saved() -> str:
    """Answers saved: how to come back."""
    return render_template("pages/saved.html", assessment=current_assessment(), resume_url=_resume_url())


def _resume_url() -> str:
    return external_url(".resume")
