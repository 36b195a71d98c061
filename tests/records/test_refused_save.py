"""A save refused because the assessment was submitted meanwhile leaves nothing behind to write."""

from __future__ import annotations

import pytest
from flask import Flask

from assessor.core.rulebook import RuleBook
from assessor.records.live import live_pack_version_id, pack_cache
from assessor.records.service import record_maker
from assessor.storage import assessments as store
from assessor.storage.db import session as db_session
from assessor.storage.models import SUBMITTED
from tests.helpers.statements import statements_run


def test_a_refused_save_leaves_the_session_clean(app: Flask) -> None:
    """The refusal learns the stored status without a pending change: the page it then renders reads
    the database, and a pending change would be flushed by that read, outside any write transaction
    (on SQLite "database is locked", a 503, when another writer is busy)."""
    book: RuleBook = app.extensions["rulebook"]
    with app.test_request_context():
        db = db_session()
        version = live_pack_version_id(db)
        assessment, _token = store.create(db, version, organisation="M", country="Peru", role=None, language="en")
        # Submitted in another window (another session): this object still says draft, as the open page's did.
        with app.extensions["db_sessions"]() as other:
            elsewhere = store.load(other, assessment.id)
            store.submit(other, elsewhere, book, version, record_maker(other, pack_cache(), book, "en"))
        assert assessment.status != SUBMITTED
        question = next(iter(book.questions.values()))
        with statements_run(app.extensions["db_engine"]) as statements:
            with pytest.raises(store.AssessmentLockedError) as refused:
                store.save_page(db, assessment, book, {question.id: None}, {}, pack_version_id=version)
            assert assessment.reference in str(refused.value)
            assert assessment.status == SUBMITTED
        assert [s for s in statements if s.lstrip().upper().startswith(("UPDATE", "INSERT"))] == []
        assert not db.dirty
