"""Answers that tests give to any rule pack question: the best and the worst by points."""

from __future__ import annotations

from typing import Any

from assessor.core.rulebook import Question, QuestionType


def best_answer(q: Question, text: str = "Our notes.") -> Any:
    """The answer that earns the most points (`text` for a free-text question)."""
    if q.type in (QuestionType.SINGLE, QuestionType.YES_PARTIAL_NO):
        return max(q.options, key=lambda o: o.points).value
    if q.type is QuestionType.MULTIPLE:
        return [o.value for o in q.options if not o.exclusive]
    if q.type is QuestionType.NUMBER:
        # the band that earns the most (a count of bad tenders earns most at 0)
        return str(int(max(q.bands, key=lambda b: (b.points, b.min)).min))
    return text


def worst_answer(q: Question) -> Any:
    """The answer that earns the fewest points."""
    if q.type in (QuestionType.SINGLE, QuestionType.YES_PARTIAL_NO):
        return min(q.options, key=lambda o: o.points).value
    if q.type is QuestionType.MULTIPLE:
        return [o.value for o in q.options if o.exclusive][:1] or []
    if q.type is QuestionType.NUMBER:
        return str(int(min(q.bands, key=lambda b: (b.points, -b.min)).min))
    return "Nothing yet."
