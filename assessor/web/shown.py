"""Which questions a posted factor page showed: its hidden `shown` field, checked before use.

Only the questions a page showed are saved from it (one it did not show keeps its stored answer
rather than being cleared because the browser sent nothing for it). The field comes from the
browser, so it is bounded (an 8 MB field once cost 200 MB to split) and checked against the pack
and against what the page could have shown: a question hidden by the stored answers cannot be
answered by adding its id.
"""

from __future__ import annotations

from assessor.core.rulebook import Factor, RuleBook
from assessor.storage.assessments import AnswerState
from assessor.web import questionnaire_state


def shown_field_limit(factor: Factor) -> int:
    """The longest `shown` a page of this factor can send: every question id, comma-separated."""
    return sum(len(q.id) + 1 for q in factor.questions)


def shown_question_ids(book: RuleBook, factor: Factor, state: AnswerState, raw: str) -> list[str]:
    """The ids in `raw` that are this factor's questions and visible given the stored answers, in order."""
    if len(raw) > shown_field_limit(factor):
        return []  # no page of ours sends this: a tampered request saves nothing
    answers, _stale = questionnaire_state.stored_answers(book, state)
    visible = questionnaire_state.visible_question_ids(book, answers)
    ids = {q.id for q in factor.questions} & visible
    return list(dict.fromkeys(qid for qid in raw.split(",") if qid in ids))
