"""Jinja set-up in one place: filters that show rule pack texts and answers in the page's language."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask import Flask, g, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from markupsafe import Markup

from assessor.core.explain import provisional_cause
from assessor.core.rulebook import DONT_KNOW, Question, QuestionType, RuleBook, Text
from assessor.presentation import labels, sentences
from assessor.presentation.wording import Wording, wording
from assessor.web.rulebook import current_rulebook


def current_language() -> str:
    """The language of the page being rendered."""
    locale = get_locale()
    return str(locale) if locale else "en"


def language_action() -> str:
    """Where the language switch posts: inside an assessment it also changes the assessment's language."""
    return url_for("questionnaire.language" if "assessment_state" in g else "pages.language")


def translate(text: Text | None) -> str:
    """A rule pack text in the page's language (falling back to the pack's default)."""
    return text.get(current_language()) if text is not None else ""


def page_wording() -> Wording:
    """Labels and number, percentage and date formats in the page's language: the report's own."""
    return wording(current_language())


def format_number(value: float | int | None) -> str:
    """A number as the page's locale writes it; whole numbers without decimals."""
    return page_wording().number(value)


def format_percent(value: float | None) -> str:
    """A 0-100 figure as the page's locale writes a percentage ("45 %" in French), as in the PDF."""
    if value is None:
        return "—"
    return page_wording().percent(value)


def answer_text(question: Question, value: Any) -> str:
    """How an answer reads on the check page: as in the report."""
    return sentences.answer_text(question, value, page_wording())


def priority_label(priority: str) -> str:
    """A recommendation's priority, in words."""
    return labels.priority_phrase(priority, page_wording())


def horizon_label(horizon: str) -> str:
    """When a recommendation can be delivered, in words (the PDF's words)."""
    return labels.horizon_label(horizon, page_wording())


def effort_label(effort: str) -> str:
    """How much work a recommendation takes, in words."""
    return labels.effort_phrase(effort, page_wording())


def page_rulebook() -> RuleBook:
    """The pack this page's texts come from: a submitted result's own version, else the live pack."""
    book: RuleBook = g.get("page_rulebook") or current_rulebook()
    return book


def actor_titles(actor_ids: list[str]) -> str:
    """The titles of who acts, joined."""
    book = page_rulebook()
    titles = {a.id: translate(a.title) for a in book.actors}
    return ", ".join(titles.get(a, a) for a in actor_ids)


def reason_sentences(reasons: list[dict[str, Any]]) -> list[str]:
    """Why a recommendation fired, as sentences (the report's): the answers and scores its condition read."""
    book = page_rulebook()
    words = page_wording()
    return list(dict.fromkeys(sentences.reason_sentence(reason, book, words) for reason in reasons))


def provisional_note(item: Mapping[str, Any]) -> str:
    """Why the overall result or a factor (an entry of the result data) is provisional, in a sentence."""
    book = current_rulebook()
    cause, low_level = provisional_cause(book, item)
    if cause == "unscored":
        return str(_("Provisional: no answer given here counts towards a score yet."))
    if cause == "confidence":
        return str(
            _(
                "Provisional: the confidence is %(confidence)s, "
                "below the %(minimum)s needed to state a level as final.",
                confidence=format_percent(item.get("confidence") or 0.0),
                minimum=format_percent(book.scoring.min_confidence),
            )
        )
    if cause == "range" and low_level is not None:
        return str(
            _(
                "Provisional: depending on the answers not known yet, the level could be as low as %(level)s.",
                level=translate(book.level(low_level).title),
            )
        )
    return str(
        _("Provisional: a critical gap that rests on an answer not known yet holds this level down (see below).")
    )


def score_range(item: Mapping[str, Any]) -> str:
    """The range of a score that unknown answers could still move ("possible range 15 to 100"), else ""."""
    span, score = item.get("range"), item.get("score")
    if span is None or score is None or (span[0] == score and span[1] == score):
        return ""
    return str(_("possible range %(low)s–%(high)s", low=format_number(span[0]), high=format_number(span[1])))


def find_out(gap: Mapping[str, Any]) -> str:
    """For a provisional gap: the questions to find the answer to first, quoted (as in the report)."""
    book = current_rulebook()
    return sentences.unknown_questions(list(gap.get("reasons", [])), book, page_wording())


def paragraphs(text: str) -> Markup:
    """Plain text as escaped paragraphs: respondent and pack text never becomes markup."""
    parts = [p.strip() for p in text.replace("\r\n", "\n").split("\n\n") if p.strip()]
    return Markup("").join(Markup("<p>{}</p>").format(p) for p in parts)


def init_app(app: Flask) -> None:
    """Register filters and globals."""
    app.jinja_env.filters["tr"] = translate
    app.jinja_env.filters["number"] = format_number
    app.jinja_env.filters["percent"] = format_percent
    app.jinja_env.filters["paragraphs"] = paragraphs
    app.jinja_env.globals["answer_text"] = answer_text
    app.jinja_env.globals["priority_label"] = priority_label
    app.jinja_env.globals["horizon_label"] = horizon_label
    app.jinja_env.globals["effort_label"] = effort_label
    app.jinja_env.globals["actor_titles"] = actor_titles
    app.jinja_env.globals["reason_sentences"] = reason_sentences
    app.jinja_env.globals["provisional_note"] = provisional_note
    app.jinja_env.globals["score_range"] = score_range
    app.jinja_env.globals["find_out"] = find_out
    app.jinja_env.globals["current_language"] = current_language
    app.jinja_env.globals["DONT_KNOW"] = DONT_KNOW
    app.jinja_env.globals["QuestionType"] = QuestionType
    from assessor.web.factor_view import answered_text  # here: factor_view needs this module's neighbours loaded first

    app.jinja_env.globals["answered_text"] = answered_text

    @app.context_processor
    def _globals() -> dict[str, Any]:
        book = page_rulebook()
        return {
            "rulebook": book,
            "request_path": request.path if request else "/",
            "language_action": language_action() if request else "",
        }
