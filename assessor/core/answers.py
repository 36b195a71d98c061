"""Checking raw answers against a RuleBook: every problem named by question id, nothing dropped.

This is the one place an answer's rules live (options, exclusive options, whole numbers, ranges,
text and evidence lengths, link schemes). A problem carries a code and its parameters, which the
web form and the command line turn into a sentence in the reader's language
(`assessor.presentation.problems`); `message` is the same problem in plain English for logs,
rule-pack examples and tests.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from assessor.core.rulebook import DONT_KNOW, NOT_APPLICABLE, Question, QuestionType, RuleBook

MAX_EVIDENCE_LENGTH = 5000
MAX_LINK_LENGTH = 2000

# C0 and C1 control characters (but tab, newline, carriage return), and the bidirectional
# embedding/override/isolate controls that can make text display in a misleading order.
_UNSAFE_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def clean_text(text: str) -> str:
    """Text without control characters: they have no place in an answer, and NUL breaks databases."""
    return _UNSAFE_CHARACTERS.sub("", text)


@dataclass(frozen=True)
class Evidence:
    """What the respondent cites to back an answer."""

    text: str = ""
    link: str = ""

    def is_given(self) -> bool:
        """True when any evidence was given."""
        return bool(self.text.strip() or self.link.strip())


class InvalidAnswerError(ValueError):
    """One answer or evidence that breaks a rule: `code` names the rule, `params` its figures."""

    def __init__(self, code: str, message: str, **params: Any) -> None:
        super().__init__(message)
        self.code = code
        self.params: dict[str, Any] = params


@dataclass(frozen=True)
class AnswerProblem:
    """Why one answer cannot be used: the rule broken (`code`, `params`) and the same in English."""

    question_id: str
    message: str
    code: str = "invalid"
    params: Mapping[str, Any] = field(default_factory=dict)

    @classmethod
    def from_error(cls, question_id: str, error: InvalidAnswerError) -> AnswerProblem:
        """The problem an InvalidAnswerError describes, for `question_id`."""
        return cls(question_id, str(error), error.code, error.params)

    def __str__(self) -> str:
        return f"question '{self.question_id}': {self.message}"


@dataclass(frozen=True)
class Answers:
    """Validated answers: values normalised (multiple choice as tuples, numbers as floats)."""

    values: Mapping[str, Any] = field(default_factory=dict)
    evidence: Mapping[str, Evidence] = field(default_factory=dict)


class InvalidAnswersError(ValueError):
    """Raised with every problem found, so a caller can show them all at once."""

    def __init__(self, problems: list[AnswerProblem]) -> None:
        super().__init__("; ".join(str(p) for p in problems))
        self.problems = problems


def validate_answers(
    book: RuleBook,
    answers: Mapping[str, Any],
    evidence: Mapping[str, Any] | None = None,
) -> tuple[Answers, list[AnswerProblem]]:
    """Normalise what can be used and report the rest; a None value means unanswered."""
    questions = book.questions
    problems: list[AnswerProblem] = []
    values: dict[str, Any] = {}
    for qid, raw in answers.items():
        question = questions.get(qid)
        if question is None:
            problems.append(AnswerProblem(str(qid), "unknown question id", "unknown_question"))
            continue
        if raw is None:
            continue
        try:
            values[qid] = normalise_answer(question, raw)
        except InvalidAnswerError as exc:
            problems.append(AnswerProblem.from_error(qid, exc))
    normalised_evidence: dict[str, Evidence] = {}
    for qid, raw in (evidence or {}).items():
        question = questions.get(qid)
        if question is None:
            problems.append(AnswerProblem(str(qid), "evidence for an unknown question id", "unknown_question"))
            continue
        try:
            item = normalise_evidence(raw)
        except InvalidAnswerError as exc:
            problems.append(AnswerProblem.from_error(qid, exc))
            continue
        if item.is_given():
            normalised_evidence[qid] = item
    return Answers(values, normalised_evidence), problems


def checked_answers(book: RuleBook, answers: Mapping[str, Any], evidence: Mapping[str, Any] | None = None) -> Answers:
    """Validated answers, or InvalidAnswersError listing every problem."""
    result, problems = validate_answers(book, answers, evidence)
    if problems:
        raise InvalidAnswersError(problems)
    return result


_SINGLE = QuestionType.SINGLE
_YES_PARTIAL_NO = QuestionType.YES_PARTIAL_NO
_MULTIPLE = QuestionType.MULTIPLE
_NUMBER = QuestionType.NUMBER


def normalise_answer(question: Question, raw: Any) -> Any:
    """The answer in canonical form, or InvalidAnswerError (a ValueError) naming the rule it breaks."""
    if raw == DONT_KNOW:
        if not question.dont_know:
            raise InvalidAnswerError("dont_know_not_offered", '"don\'t know" is not offered for this question')
        return DONT_KNOW
    if raw == NOT_APPLICABLE:
        if not question.not_applicable:
            raise InvalidAnswerError("not_applicable_not_offered", '"not applicable" is not offered for this question')
        return NOT_APPLICABLE
    kind = question.type
    if kind is _SINGLE or kind is _YES_PARTIAL_NO:
        if not isinstance(raw, str):
            raise InvalidAnswerError(
                "wrong_type", f"expected one option value as text, got {_describe(raw)}", expected="option"
            )
        if question.option(raw) is None:
            raise InvalidAnswerError(
                "not_an_option", f"'{raw}' is not an option; expected one of: {_options(question)}", values=[raw]
            )
        return raw
    if kind is _MULTIPLE:
        return _normalise_multiple(question, raw)
    if kind is _NUMBER:
        return _normalise_number(question, raw)
    if not isinstance(raw, str):
        raise InvalidAnswerError("wrong_type", f"expected text, got {_describe(raw)}", expected="text")
    text = clean_text(raw)
    if len(text) > question.max_length:
        raise InvalidAnswerError(
            "too_long",
            f"the text is {len(text):,} characters long; the limit is {question.max_length:,}",
            length=len(text),
            limit=question.max_length,
        )
    return text


def _normalise_multiple(question: Question, raw: Any) -> tuple[str, ...]:
    if not isinstance(raw, list | tuple) or not all(isinstance(v, str) for v in raw):
        raise InvalidAnswerError(
            "wrong_type", f"expected a list of option values, got {_describe(raw)}", expected="options"
        )
    chosen = tuple(dict.fromkeys(raw))
    unknown = [v for v in chosen if question.option(v) is None]
    if unknown:
        raise InvalidAnswerError(
            "not_an_option",
            f"not an option: {', '.join(repr(v) for v in unknown)}; expected any of: {_options(question)}",
            values=unknown,
        )
    exclusive = [v for v in chosen if (opt := question.option(v)) is not None and opt.exclusive]
    if exclusive and len(chosen) > 1:
        raise InvalidAnswerError(
            "exclusive_option", f"'{exclusive[0]}' cannot be chosen together with other options", option=exclusive[0]
        )
    # Keep the pack's option order so equal answers compare equal.
    order = [o.value for o in question.options]
    return tuple(sorted(chosen, key=order.index))


# A number question without a range in the pack still gets one: every number the app stores,
# shows and scores is finite and printable. No pack range goes beyond the hard limit either, the
# largest magnitude at which a float still holds every whole number exactly.
DEFAULT_NUMBER_LIMIT = 1e9
HARD_NUMBER_LIMIT = 1e15


def number_bounds(question: Question) -> tuple[float, float]:
    """The smallest and largest number accepted for a number question: the pack's, or the defaults."""
    low = -DEFAULT_NUMBER_LIMIT if question.min is None else max(question.min, -HARD_NUMBER_LIMIT)
    high = DEFAULT_NUMBER_LIMIT if question.max is None else min(question.max, HARD_NUMBER_LIMIT)
    return low, high


def _normalise_number(question: Question, raw: Any) -> float:
    if isinstance(raw, bool) or not isinstance(raw, int | float):
        raise InvalidAnswerError("wrong_type", f"expected a number, got {_describe(raw)}", expected="number")
    if isinstance(raw, int) and abs(raw) > HARD_NUMBER_LIMIT:
        # Checked before float(): a 1,001-digit integer would overflow it.
        raise _out_of_range(question, f"the number has {len(str(abs(raw))):,} digits; it is out of range")
    value = float(raw)
    if not math.isfinite(value):
        raise _out_of_range(question, "expected a finite number")
    if question.integer and not value.is_integer():
        raise InvalidAnswerError("not_whole", f"expected a whole number, got {raw}", value=value)
    low, high = number_bounds(question)
    if value < low:
        raise _out_of_range(question, f"{_fmt(value)} is below the minimum of {_fmt(low)}")
    if value > high:
        raise _out_of_range(question, f"{_fmt(value)} is above the maximum of {_fmt(high)}")
    return value


def _out_of_range(question: Question, message: str) -> InvalidAnswerError:
    low, high = number_bounds(question)
    return InvalidAnswerError("out_of_range", message, min=low, max=high)


def normalise_evidence(raw: Any) -> Evidence:
    """Evidence as text, or as {"text": ..., "link": ...}."""
    if isinstance(raw, str):
        text, link = raw, ""
    elif isinstance(raw, Mapping):
        extra = set(raw) - {"text", "link"}
        if extra:
            raise InvalidAnswerError(
                "evidence_shape", f"evidence has unknown keys {sorted(extra)}; expected text and link"
            )
        text, link = raw.get("text") or "", raw.get("link") or ""
        if not isinstance(text, str) or not isinstance(link, str):
            raise InvalidAnswerError("evidence_shape", "evidence text and link must be text")
    else:
        raise InvalidAnswerError("evidence_shape", f'evidence must be text or {{"text", "link"}}, got {_describe(raw)}')
    text, link = clean_text(text), clean_text(link)
    if len(text) > MAX_EVIDENCE_LENGTH:
        raise InvalidAnswerError(
            "too_long",
            f"the evidence is {len(text):,} characters long; the limit is {MAX_EVIDENCE_LENGTH:,}",
            length=len(text),
            limit=MAX_EVIDENCE_LENGTH,
            field="evidence",
        )
    if len(link) > MAX_LINK_LENGTH:
        raise InvalidAnswerError(
            "too_long",
            f"the evidence link is longer than {MAX_LINK_LENGTH:,} characters",
            length=len(link),
            limit=MAX_LINK_LENGTH,
            field="link",
        )
    if link and not link.lower().startswith(("https://", "http://")):
        raise InvalidAnswerError("link_scheme", "the evidence link must start with https:// or http://", field="link")
    return Evidence(text=text, link=link)


def _options(question: Question) -> str:
    values = [repr(o.value) for o in question.options]
    if question.dont_know:
        values.append(repr(DONT_KNOW))
    if question.not_applicable:
        values.append(repr(NOT_APPLICABLE))
    return ", ".join(values)


def _describe(raw: Any) -> str:
    text = repr(raw)
    return f"{type(raw).__name__} {text[:40]}{'...' if len(text) > 40 else ''}"


def _fmt(value: float) -> str:
    if value.is_integer() and abs(value) <= HARD_NUMBER_LIMIT:
        return str(int(value))
    return f"{value:g}"  # 1e+308, not 309 digits
