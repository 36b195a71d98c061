"""An answer's problem, as the core names it (a code and its parameters), in the reader's words.

The core checks every answer (assessor.core.answers); the questionnaire's form and the command
line's answers-file check both show its problems through `problem_message`, so one rule always
reads the same, in the page's or the command's language.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from assessor.core.answers import number_bounds
from assessor.core.rulebook import Question, QuestionType
from assessor.presentation.wording import Wording


def _option_label(question: Question | None, value: str, w: Wording) -> str:
    option = question.option(value) if question is not None else None
    return option.label.get(w.language) if option is not None else value


def _range(params: Mapping[str, Any], w: Wording) -> str:
    # Without thousands separators: "1,000" is an error in English (web/numbers.py), so a
    # message must not suggest typing it.
    return w.gettext(
        "Enter a number between %(min)s and %(max)s",
        min=w.plain_number(params.get("min", 0)),
        max=w.plain_number(params.get("max", 0)),
    )


def _choose(question: Question | None, w: Wording) -> str:
    if question is not None and question.type is QuestionType.MULTIPLE:
        return w.gettext("Select only the options listed")
    return w.gettext("Select one of the options")


def problem_message(code: str, params: Mapping[str, Any], question: Question | None, w: Wording) -> str:
    """The sentence for problem `code` of an answer to `question` (None for evidence and other fields)."""
    if code == "unknown_question":
        return w.gettext("No question has this id")
    if code in ("not_an_option", "dont_know_not_offered", "not_applicable_not_offered"):
        return _choose(question, w)
    if code == "exclusive_option":
        return w.gettext(
            "“%(option)s” cannot be selected with other options",
            option=_option_label(question, str(params.get("option", "")), w),
        )
    if code == "not_whole":
        return w.gettext(
            "%(value)s is not a whole number: enter a whole number, like 3",
            value=w.plain_number(params.get("value", 0)),
        )
    if code == "out_of_range":
        return _range(params, w)
    if code == "too_long":
        return w.gettext(
            "Use %(limit)s characters or fewer (this has %(length)s)",
            limit=w.number(params.get("limit", 0)),
            length=w.number(params.get("length", 0)),
        )
    if code == "link_scheme":
        return w.gettext("Enter a web address starting with https://")
    if code == "evidence_shape":
        return w.gettext("Give the evidence as text, or as a text and a link")
    if code == "wrong_type":
        expected = params.get("expected")
        if expected == "number" and question is not None:
            low, high = number_bounds(question)
            return _range({"min": low, "max": high}, w)
        if expected == "text":
            return w.gettext("Enter text")
        return _choose(question, w)
    return w.gettext("Enter a valid answer")
