"""A factor's page of questions. Every POST saves what is valid, whatever else is wrong, and shows
back what was typed with the errors.
"""

from __future__ import annotations

from typing import Any

from flask import flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from werkzeug.wrappers import Response

from assessor.core.answers import Answers
from assessor.core.rulebook import Factor, RuleBook
from assessor.core.scoring import question_statuses
from assessor.records import live
from assessor.report.blank import question_numbers
from assessor.storage import assessments as store
from assessor.storage.db import session as db_session
from assessor.web import conflicts, factor_view, limits, questionnaire_state
from assessor.web.forms import FactorForm, answer_field_name, evidence_field_names, factor_form_class
from assessor.web.questionnaire.access import assessment_state, bp, current_assessment, factor_or_404
from assessor.web.rulebook import current_rulebook
from assessor.web.shown import shown_question_ids
from assessor.web.templating import current_language


@bp.route("/f/<factor_id>", methods=["GET", "POST"])
def factor(factor_id: str) -> Response | str | tuple[str, int, dict[str, str]]:
    """One factor's questions. Every POST saves what is valid, whatever else is wrong."""
    state = assessment_state()
    book = current_rulebook()
    factor = factor_or_404(book, factor_id)
    if state.is_submitted:
        flash(_("This assessment has been submitted, so its answers can no longer change."), "info")
        return redirect(url_for(".result"))
    if request.method == "GET":
        answers, _stale = questionnaire_state.stored_answers(book, state)
        return _render_factor(book, factor, answers)

    assessment = current_assessment()
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
        answers, _stale = questionnaire_state.stored_answers(book, store.state_of(db, assessment))
        return _render_factor(book, factor, answers, form, shown_override=shown, notice=notice)
    g.assessment_state = state = store.state_of(db, assessment)
    answers, _stale = questionnaire_state.stored_answers(book, state)
    conflicts.mark(form, book, outcome.conflicts)
    if outcome.conflicts or _has_errors(form, shown):
        return _render_factor(book, factor, answers, form, shown_override=shown)

    newly_shown = _newly_applicable(book, factor, answers, shown)
    back_to_check: dict[str, Any] = {"return": RETURN_TO_CHECK} if returning_to_check() else {}
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
    answers, _stale = questionnaire_state.stored_answers(book, state)
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
            # The field's value is already the core's canonical form (forms.AnswerField._check).
            updates[q.id] = field.data
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
    visible = questionnaire_state.visible_question_ids(book, answers)
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
    visible = questionnaire_state.visible_question_ids(book, answers, statuses)
    if shown_override is not None:
        # Redisplaying errors: keep the questions the respondent was looking at.
        visible |= set(shown_override)
    questions = [q for q in factor.questions if q.id in visible]
    language = current_language()
    texts = factor_view.question_texts(book.content_hash, questions, language)
    states = factor_view.question_states(questions, language, answers, form, assessment_state().system_name)
    ids = [f.id for f in book.factors]
    return render_template(
        "pages/factor.html",
        factor_title=factor.title.get(language),
        factor_description=factor.description.get(language),
        questions=texts,
        states=states,
        shown=",".join(q.id for q in questions),
        labels=factor_view.page_labels(),
        progress=factor_view.progress_view(questionnaire_state.progress(book, answers, factor, statuses)),
        is_last=ids.index(factor.id) + 1 == len(ids),
        numbers=question_numbers(book),
        errors=[link for q in texts for link in states[q.id].error_links(q)],
        sections=factor_view.section_views(
            ((f.id, f.title.get(language)) for f in book.factors),
            questionnaire_state.section_states(book, statuses),
            factor.id,
            "",
        ),
        versions=conflicts.versions_field(questions, assessment_state().versions),
        notice=notice,
        return_to=RETURN_TO_CHECK if returning_to_check() else "",
    )


RETURN_TO_CHECK = "check"


def returning_to_check() -> bool:
    """Whether the page was opened from "Change" on the check page, so saving goes back there.

    Only the one known value is honoured: the return address is never taken from the request.
    """
    return (request.values.get("return") or "") == RETURN_TO_CHECK
