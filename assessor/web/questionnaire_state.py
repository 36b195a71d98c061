"""Between stored assessments and the scoring core: current answers, visible questions, progress."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from assessor.core.answers import Answers, validate_answers
from assessor.core.renames import apply_renames
from assessor.core.result import QuestionStatus
from assessor.core.rulebook import Factor, RuleBook
from assessor.core.scoring import question_statuses
from assessor.storage.assessments import AnswerState

SHOWN = (
    QuestionStatus.ANSWERED,
    QuestionStatus.DONT_KNOW,
    QuestionStatus.NOT_APPLICABLE,
    QuestionStatus.UNANSWERED,
)


@dataclass(frozen=True)
class Progress:
    """Where the respondent is: factor x of N, questions answered of those that apply."""

    factor_number: int
    factor_count: int
    answered: int
    applicable: int


def carried(
    book: RuleBook, answers: Mapping[str, Any], evidence: Mapping[str, Any]
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Answers and evidence with those given under a question's old id moved to its id now.

    What the next save stores for real (storage.assessments.carry_over); pages show it at once.
    """
    return apply_renames(book, answers, evidence)


def stored_answers(book: RuleBook, state: AnswerState) -> tuple[Answers, list[str]]:
    """The assessment's answers as the core sees them, and the ids of any that no longer fit the pack.

    Answers saved against an older version of the pack may refer to questions or options that
    have gone; they are set aside (kept in storage, not scored) rather than failing the page.
    """
    answers, evidence = carried(book, state.answers, state.evidence)
    validated, problems = validate_answers(book, answers, evidence)
    return validated, sorted({p.question_id for p in problems})


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


NOT_STARTED, IN_PROGRESS, COMPLETE = "not_started", "in_progress", "complete"


def section_states(book: RuleBook, statuses: Mapping[str, QuestionStatus]) -> dict[str, str]:
    """Each factor's state, from the questions that apply: not started, in progress or complete.

    "Don't know" counts as answered, as in the progress count: the respondent has dealt with it.
    """
    states: dict[str, str] = {}
    for factor in book.factors:
        applicable = [q.id for q in factor.questions if statuses[q.id] in SHOWN]
        answered = [qid for qid in applicable if statuses[qid] is not QuestionStatus.UNANSWERED]
        if applicable and len(answered) == len(applicable):
            states[factor.id] = COMPLETE
        elif answered:
            states[factor.id] = IN_PROGRESS
        else:
            states[factor.id] = NOT_STARTED
    return states


@dataclass(frozen=True)
class Missing:
    """What a submission now would leave out: unanswered questions that apply, and their sections."""

    count: int
    factor_ids: tuple[str, ...]

    def needs_confirmation(self, applicable: int) -> bool:
        """Many unanswered (a quarter or more of those that apply): the respondent confirms before submitting.

        A few gaps only lower the confidence a little; a questionnaire mostly empty gives a result
        that says little, and the respondent should choose that knowingly.
        """
        return self.count > 0 and self.count * 4 >= applicable


def missing(book: RuleBook, statuses: Mapping[str, QuestionStatus]) -> Missing:
    """The unanswered questions that apply, counted, and the sections they are in (in pack order)."""
    count = 0
    factor_ids: list[str] = []
    for factor in book.factors:
        here = sum(1 for q in factor.questions if statuses[q.id] is QuestionStatus.UNANSWERED)
        if here:
            count += here
            factor_ids.append(factor.id)
    return Missing(count, tuple(factor_ids))
