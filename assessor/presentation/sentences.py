"""How answers, reasons and critical gaps read on the result page and in the report: sentences from ids and values."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from assessor.core.rulebook import DONT_KNOW, NOT_APPLICABLE, Question, QuestionType, RuleBook
from assessor.presentation.wording import Wording


def answer_text(question: Question, value: Any, t: Wording) -> str:
    """An answer as the respondent saw it: option labels, a number with its unit, or the text typed."""
    lang = t.language
    if value is None:
        return t.gettext("Not answered")
    if value == DONT_KNOW:
        return t.gettext("Don’t know")
    if value == NOT_APPLICABLE:
        return t.gettext("Not applicable")
    if question.type in (QuestionType.SINGLE, QuestionType.YES_PARTIAL_NO):
        option = question.option(str(value))
        return option.label.get(lang) if option else str(value)
    if question.type is QuestionType.MULTIPLE:
        chosen = list(value) if isinstance(value, list | tuple) else [value]
        if not chosen:
            return t.gettext("None of the options")
        labels = []
        for item in chosen:
            option = question.option(str(item))
            labels.append(option.label.get(lang) if option else str(item))
        return ", ".join(labels)
    if question.type is QuestionType.NUMBER and isinstance(value, int | float):
        text = t.number(value)
        return f"{text} {question.unit.get(lang)}" if question.unit else text
    return str(value)


def reason_sentence(reason: Mapping[str, Any], book: RuleBook, t: Wording) -> str:
    """One fact behind a recommendation or gap, as a sentence.

    `reason` is the plain form `Reason.as_dict()` gives: {"question", "answer"}, {"factor", "score"}
    or {"overall_score"}.
    """
    lang = t.language
    if "overall_score" in reason:
        return t.gettext("The overall score is %(score)s out of 100", score=t.score(reason["overall_score"]))
    if "factor" in reason:
        factor = _factor_title(book, str(reason["factor"]), lang)
        if reason.get("score") is None:
            return t.gettext("%(factor)s could not be scored", factor=factor)
        return t.gettext("%(factor)s scored %(score)s out of 100", factor=factor, score=t.score(reason["score"]))
    question_id = str(reason.get("question", ""))
    question = book.questions.get(question_id)
    question_text = question.text.get(lang) if question else question_id
    answer = reason.get("answer")
    if answer == DONT_KNOW:
        return t.gettext("You answered “don't know” to “%(question)s”", question=question_text)
    if answer is None:
        return t.gettext("You did not answer “%(question)s”", question=question_text)
    missing = reason.get("missing")
    if missing and question is not None:
        # The condition turned on options the answer lacks: name those, not the ones it has.
        labels = [t.quoted(_option_label(question, value, lang)) for value in missing]
        return t.gettext(
            "Your answer to “%(question)s” does not include %(options)s",
            question=question_text,
            options=t.join(labels, style="or"),
        )
    shown = answer_text(question, answer, t) if question else str(answer)
    return t.gettext("You answered “%(answer)s” to “%(question)s”", answer=shown, question=question_text)


def unknown_questions(reasons: list[Mapping[str, Any]], book: RuleBook, t: Wording) -> str:
    """The questions behind a provisional gap whose answers are not known yet, quoted and joined."""
    lang = t.language
    texts = []
    for reason in reasons:
        question = book.questions.get(str(reason.get("question", "")))
        if question is not None and reason.get("answer") in (None, DONT_KNOW):
            texts.append(t.quoted(question.text.get(lang)))
    return t.join(list(dict.fromkeys(texts)))


def _option_label(question: Question, value: str, lang: str) -> str:
    option = question.option(value)
    return option.label.get(lang) if option is not None else value


def gap_caps_sentence(caps: list[str], max_level: str, book: RuleBook, t: Wording) -> str:
    """What a critical gap caps: "Caps Predictable funding and the overall result at Emerging."."""
    lang = t.language
    targets = [t.gettext("the overall result") if cap == "overall" else _factor_title(book, cap, lang) for cap in caps]
    level = book.level(max_level).title.get(lang)
    return t.gettext("Caps %(targets)s at %(level)s.", targets=t.join(targets), level=level)


def _factor_title(book: RuleBook, factor_id: str, lang: str) -> str:
    try:
        return book.factor(factor_id).title.get(lang)
    except KeyError:
        return factor_id
