"""How answers, reasons and critical gaps read in the report: plain sentences from ids and values."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal

from assessor.core.rulebook import DONT_KNOW, NOT_APPLICABLE, Question, QuestionType, RuleBook
from assessor.report import formatting
from assessor.report.messages import Messages


def answer_text(question: Question, value: Any, t: Messages) -> str:
    """An answer as the respondent saw it: option labels, a number with its unit, or the text typed."""
    lang = t.language
    if value is None:
        return t("status.unanswered")
    if value == DONT_KNOW:
        return t("status.dont_know")
    if value == NOT_APPLICABLE:
        return t("status.not_applicable")
    if question.type in (QuestionType.SINGLE, QuestionType.YES_PARTIAL_NO):
        option = question.option(str(value))
        return option.label.get(lang) if option else str(value)
    if question.type is QuestionType.MULTIPLE:
        chosen = list(value) if isinstance(value, list | tuple) else [value]
        if not chosen:
            return t("answer.none_selected")
        labels = []
        for item in chosen:
            option = question.option(str(item))
            labels.append(option.label.get(lang) if option else str(item))
        return ", ".join(labels)
    if question.type is QuestionType.NUMBER and isinstance(value, int | float):
        text = formatting.number(float(value), lang)
        return f"{text} {question.unit.get(lang)}" if question.unit else text
    return str(value)


def reason_sentence(reason: Mapping[str, Any], book: RuleBook, t: Messages) -> str:
    """One fact behind a recommendation or gap, as a sentence.

    `reason` is the plain form `Reason.as_dict()` gives: {"question", "answer"}, {"factor", "score"}
    or {"overall_score"}.
    """
    lang = t.language
    if "overall_score" in reason:
        return t("reason.overall", score=formatting.score(reason["overall_score"], lang))
    if "factor" in reason:
        factor = _factor_title(book, str(reason["factor"]), lang)
        if reason.get("score") is None:
            return t("reason.score_none", factor=factor)
        return t("reason.score", factor=factor, score=formatting.score(reason["score"], lang))
    question_id = str(reason.get("question", ""))
    question = book.questions.get(question_id)
    question_text = question.text.get(lang) if question else question_id
    answer = reason.get("answer")
    if answer == DONT_KNOW:
        return t("reason.dont_know", question=question_text)
    if answer is None:
        return t("reason.unanswered", question=question_text)
    missing = reason.get("missing")
    if missing and question is not None:
        # The condition turned on options the answer lacks: name those, not the ones it has.
        labels = [t("blank.quoted", text=_option_label(question, value, lang)) for value in missing]
        return t("reason.missing", question=question_text, options=_join(labels, lang, style="or"))
    shown = answer_text(question, answer, t) if question else str(answer)
    return t("reason.answer", answer=shown, question=question_text)


def unknown_questions(reasons: list[Mapping[str, Any]], book: RuleBook, t: Messages) -> str:
    """The questions behind a provisional gap whose answers are not known yet, quoted and joined."""
    lang = t.language
    texts = []
    for reason in reasons:
        question = book.questions.get(str(reason.get("question", "")))
        if question is not None and reason.get("answer") in (None, DONT_KNOW):
            texts.append(t("blank.quoted", text=question.text.get(lang)))
    return _join(list(dict.fromkeys(texts)), lang)


def _option_label(question: Question, value: str, lang: str) -> str:
    option = question.option(value)
    return option.label.get(lang) if option is not None else value


def gap_caps_sentence(caps: list[str], max_level: str, book: RuleBook, t: Messages) -> str:
    """What a critical gap caps: "Caps Predictable funding and the overall result at Emerging."."""
    lang = t.language
    targets = [t("gap.overall") if cap == "overall" else _factor_title(book, cap, lang) for cap in caps]
    level = book.level(max_level).title.get(lang)
    return t("gap.caps", targets=_join(targets, lang), level=level)


def _factor_title(book: RuleBook, factor_id: str, lang: str) -> str:
    try:
        return book.factor(factor_id).title.get(lang)
    except KeyError:
        return factor_id


def _join(items: list[str], lang: str, style: Literal["standard", "or"] = "standard") -> str:
    """A list in prose with the language's own conjunction ("a, b and c", "a, b y c"; "a or b" with style="or")."""
    from babel.lists import format_list

    return format_list(items, style=style, locale=formatting.locale_for(lang)) if items else ""
