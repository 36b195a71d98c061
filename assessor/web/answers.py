"""Between stored assessments and the scoring core: current answers, visible questions, progress."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from assessor.core.answers import Answers, validate_answers
from assessor.core.explain import result_to_dict
from assessor.core.result import QuestionStatus
from assessor.core.rulebook import Factor, RuleBook
from assessor.core.scoring import question_statuses, score
from assessor.storage.assessments import AnswerState
from assessor.storage.models import Assessment

SHOWN = (QuestionStatus.ANSWERED, QuestionStatus.DONT_KNOW, QuestionStatus.UNANSWERED)


@dataclass(frozen=True)
class Progress:
    """Where the respondent is: factor x of N, questions answered of those that apply."""

    factor_number: int
    factor_count: int
    answered: int
    applicable: int


def stored_answers(book: RuleBook, assessment: Assessment | AnswerState) -> tuple[Answers, list[str]]:
    """The assessment's answers as the core sees them, and the ids of any that no longer fit the pack.

    Answers saved against an older version of the pack may refer to questions or options that
    have gone; they are set aside (kept in storage, not scored) rather than failing the page.
    """
    answers, problems = validate_answers(book, assessment.answers or {}, assessment.evidence or {})
    return answers, sorted({p.question_id for p in problems})


def visible_question_ids(
    book: RuleBook, answers: Answers, statuses: Mapping[str, QuestionStatus] | None = None
) -> set[str]:
    """Questions that apply given the answers so far: shown on pages and on the check page.

    `statuses` saves working them out again where the caller has them (see `question_statuses`).
    """
    if statuses is None:
        statuses = question_statuses(book, answers)
    return {qid for qid, status in statuses.items() if status in SHOWN}


def progress(
    book: RuleBook, answers: Answers, factor: Factor | None, statuses: Mapping[str, QuestionStatus] | None = None
) -> Progress:
    """Progress through the questionnaire."""
    if statuses is None:
        statuses = question_statuses(book, answers)
    applicable = [qid for qid, status in statuses.items() if status in SHOWN]
    answered = [qid for qid in applicable if statuses[qid] is not QuestionStatus.UNANSWERED]
    number = [f.id for f in book.factors].index(factor.id) + 1 if factor is not None else len(book.factors)
    return Progress(number, len(book.factors), len(answered), len(applicable))


def first_incomplete_factor(book: RuleBook, answers: Answers) -> Factor | None:
    """The first factor with an applicable question not answered yet."""
    statuses = question_statuses(book, answers)
    for factor in book.factors:
        if any(statuses[q.id] is QuestionStatus.UNANSWERED for q in factor.questions):
            return factor
    return None


def results_by_language(book: RuleBook, answers: Answers, languages: tuple[str, ...]) -> dict[str, Any]:
    """The scored result in every interface language, as stored on submission.

    Stored whole so that a submitted assessment keeps showing what it was scored to, even after
    the rule pack changes.
    """
    result = score(book, answers)
    return {"by_language": {lang: result_to_dict(book, result, lang) for lang in languages}}


def result_in(assessment: Assessment, language: str) -> dict[str, Any] | None:
    """The stored result in a language (or the assessment's own language)."""
    stored = assessment.result or {}
    by_language = stored.get("by_language", {})
    found = by_language.get(language) or by_language.get(assessment.language)
    if found is None and by_language:
        found = next(iter(by_language.values()))
    return found if isinstance(found, dict) else None
