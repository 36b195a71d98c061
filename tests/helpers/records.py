"""Submitted assessments made directly through the storage layer, as the questionnaire's submit makes them."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask import Flask

from assessor.core.answers import validate_answers
from assessor.core.rulebook import QuestionType, RuleBook
from assessor.records.live import live_pack_version_id, pack_cache
from assessor.records.service import record_maker
from assessor.storage import assessments as store
from assessor.storage.db import session as db_session
from tests.answers import best_answer, worst_answer


def submitted(
    app: Flask, organisation: str, country: str, best: bool, overrides: Mapping[str, Any] | None = None
) -> str:
    """A real assessment, answered and submitted as the questionnaire does; its reference.

    Every answer the best (or worst) one, but those `overrides` gives.
    """
    book: RuleBook = app.extensions["rulebook"]
    raw: dict[str, Any] = {}
    for q in book.questions.values():
        value = best_answer(q) if best else worst_answer(q)
        raw[q.id] = float(value) if q.type is QuestionType.NUMBER else value  # the form gives text, files numbers
    raw.update(overrides or {})
    with app.test_request_context():
        answers, problems = validate_answers(book, raw, {})
        assert not problems
        db = db_session()
        version = live_pack_version_id(db)
        assessment, _token = store.create(
            db,
            version,
            organisation=organisation,
            country=country,
            role=None,
            language="en",
            answers=dict(answers.values),
            evidence={},
        )
        store.submit(db, assessment, book, version, record_maker(db, pack_cache(), book, "en"))
        return assessment.reference
