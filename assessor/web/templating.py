"""Jinja set-up in one place: filters that show rule pack texts and answers in the page's language."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import InvalidOperation
from typing import Any

from babel.lists import format_list
from flask import Flask, current_app, g, request, url_for
from flask_babel import format_decimal, format_scientific, get_locale
from flask_babel import format_percent as format_percent_babel
from flask_babel import gettext as _
from markupsafe import Markup

from assessor.core.explain import provisional_cause
from assessor.core.rulebook import DONT_KNOW, NOT_APPLICABLE, Question, QuestionType, RuleBook, Text


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


def format_number(value: float | int | None) -> str:
    """A number as the page's locale writes it; whole numbers without decimals."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    try:
        return str(format_decimal(value))
    except InvalidOperation:
        # Past Babel's decimal precision (a value stored before today's range checks): the
        # locale's scientific form still shows the order of magnitude instead of failing the page.
        return str(format_scientific(value, format="0.###E0"))


def format_percent(value: float | None) -> str:
    """A 0-100 figure as the page's locale writes a percentage ("45 %" in French)."""
    if value is None:
        return "—"
    return str(format_percent_babel(value / 100, format="#,##0.#%"))


def answer_text(question: Question, value: Any) -> str:
    """How an answer reads on the check page."""
    if value is None:
        return str(_("Not answered"))
    if value == DONT_KNOW:
        return str(_("Don’t know"))
    if value == NOT_APPLICABLE:
        return str(_("Not applicable"))
    if question.type is QuestionType.MULTIPLE:
        labels = [translate(opt.label) for v in value if (opt := question.option(v)) is not None]
        return ", ".join(labels) if labels else str(_("None selected"))
    if question.type is QuestionType.NUMBER:
        unit = translate(question.unit)
        return f"{format_number(value)} {unit}".strip()
    if question.type is QuestionType.TEXT:
        return str(value)
    option = question.option(value)
    return translate(option.label) if option is not None else str(value)


def priority_label(priority: str) -> str:
    """A recommendation's priority, in words."""
    labels = {
        "critical": _("Critical priority"),
        "high": _("High priority"),
        "medium": _("Medium priority"),
        "low": _("Low priority"),
    }
    return str(labels.get(priority, priority))


def horizon_label(horizon: str) -> str:
    """When a recommendation can be delivered, in words."""
    labels = {
        "quick_win": _("Quick win (within 6 months)"),
        "medium_term": _("6 to 18 months"),
        "structural": _("Structural (longer term)"),
    }
    return str(labels.get(horizon, horizon))


def effort_label(effort: str) -> str:
    """How much work a recommendation takes, in words."""
    labels = {"low": _("Low effort"), "medium": _("Medium effort"), "high": _("High effort")}
    return str(labels.get(effort, effort))


def page_rulebook() -> RuleBook:
    """The pack this page's texts come from: a submitted result's own version, else the live pack."""
    book: RuleBook = g.get("page_rulebook") or current_app.extensions["rulebook"]
    return book


def actor_titles(actor_ids: list[str]) -> str:
    """The titles of who acts, joined."""
    book = page_rulebook()
    titles = {a.id: translate(a.title) for a in book.actors}
    return ", ".join(titles.get(a, a) for a in actor_ids)


def reason_sentences(reasons: list[dict[str, Any]]) -> list[str]:
    """Why a recommendation fired, as sentences: the answers and scores its condition read."""
    book = page_rulebook()
    questions = book.questions
    factor_titles = {f.id: translate(f.title) for f in book.factors}
    sentences: list[str] = []
    for reason in reasons:
        if "question" in reason:
            question = questions.get(reason["question"])
            if question is None:
                continue
            text = translate(question.text)
            answer = reason.get("answer")
            missing = reason.get("missing")
            if missing and answer is not None:
                # The condition turned on options the answer lacks: name those, not the ones it has.
                labels = [
                    str(_("“%(option)s”", option=translate(opt.label)))
                    for value in missing
                    if (opt := question.option(value)) is not None
                ]
                sentences.append(
                    _(
                        "Your answer to “%(question)s” does not include %(options)s.",
                        question=text,
                        options=format_list(labels, style="or", locale=get_locale()),
                    )
                )
            elif answer is None:
                sentences.append(_("“%(question)s” is not answered.", question=text))
            else:
                value = tuple(answer) if isinstance(answer, list) else answer
                sentences.append(
                    _("You answered “%(answer)s” to “%(question)s”", answer=answer_text(question, value), question=text)
                )
        elif "factor" in reason and reason.get("score") is not None:
            sentences.append(
                _(
                    "%(factor)s scored %(score)s out of 100.",
                    factor=factor_titles.get(reason["factor"], reason["factor"]),
                    score=format_number(reason["score"]),
                )
            )
        elif "overall_score" in reason and reason["overall_score"] is not None:
            sentences.append(
                _("The overall score is %(score)s out of 100.", score=format_number(reason["overall_score"]))
            )
    return sentences


def provisional_note(item: Mapping[str, Any]) -> str:
    """Why the overall result or a factor (an entry of the result data) is provisional, in a sentence."""
    book: RuleBook = current_app.extensions["rulebook"]
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
    """For a provisional gap: the questions to find the answer to first, quoted."""
    book: RuleBook = current_app.extensions["rulebook"]
    texts: list[str] = []
    for reason in gap.get("reasons", []):
        question = book.questions.get(str(reason.get("question", "")))
        if question is not None and reason.get("answer") in (None, DONT_KNOW):
            texts.append(str(_("“%(option)s”", option=translate(question.text))))
    return format_list(list(dict.fromkeys(texts)), locale=get_locale()) if texts else ""


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
    from assessor.web.pageview import answered_text  # here: pageview needs this module's neighbours loaded first

    app.jinja_env.globals["answered_text"] = answered_text

    @app.context_processor
    def _globals() -> dict[str, Any]:
        book = page_rulebook()
        return {
            "rulebook": book,
            "request_path": request.path if request else "/",
            "language_action": language_action() if request else "",
        }
