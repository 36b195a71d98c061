"""What the job tests share: submitted assessments made through the storage layer, and draining a queue."""

from __future__ import annotations

from typing import Any

from flask import Flask
from huey import Huey

from assessor.core.rulebook import QuestionType, RuleBook
from assessor.records.live import live_pack_version_id, pack_cache
from assessor.records.service import record_maker
from assessor.storage import assessments as store
from tests.answers import worst_answer


def submitted_assessment(app: Flask, book: RuleBook, organisation: str, language: str = "en") -> tuple[int, str]:
    """A submitted assessment with every question answered (worst answers), as the questionnaire saves it."""
    answers: dict[str, Any] = {}
    for question in book.questions.values():
        value = worst_answer(question)
        if question.type is QuestionType.NUMBER:
            value = int(value)  # stored as a number, as the questionnaire saves it
        answers[question.id] = value
    sessions = app.extensions["db_sessions"]
    with app.app_context(), sessions() as db:
        version = live_pack_version_id(db)
        assessment, token = store.create(
            db, version, organisation=organisation, country="Testland", role=None, language=language, answers=answers
        )
        store.submit(db, assessment, book, version, record_maker(db, pack_cache(), book, language))
        return assessment.id, token


def drain(huey: Huey) -> int:
    """Run every job waiting in the queue, here and now (the tests' stand-in for a worker); returns how many."""
    ran = 0
    while (task := huey.dequeue()) is not None:
        huey.execute(task)
        ran += 1
    return ran
