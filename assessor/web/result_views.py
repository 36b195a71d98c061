"""The result page and the check page's kept-but-unscored answers, from records and pinned packs."""

from __future__ import annotations

from typing import Any

from flask import g, render_template
from markupsafe import Markup
from sqlalchemy.orm import Session

from assessor.core.explain import result_to_dict
from assessor.core.rulebook import RuleBook
from assessor.records import live
from assessor.records.service import ReadRecord, read_record, unplaced_answers
from assessor.report.charts import factor_chart_svg
from assessor.storage import assessments as store
from assessor.storage.assessments import AnswerState
from assessor.storage.db import session as db_session
from assessor.storage.models import RESCORE, Assessment
from assessor.web import answers as view_answers
from assessor.web.templating import answer_text, current_language


def use_page_rulebook(book: RuleBook) -> None:
    """Make every text on this page (footer, actors, reasons) come from `book`, not the live pack."""
    g.page_rulebook = book


def result_data(read: ReadRecord, language: str) -> dict[str, Any]:
    """The record's result with texts from its own pack, in `language`."""
    return result_to_dict(read.book, read.result, language)


def original(db: Session, assessment: Assessment) -> ReadRecord:
    """The record that froze the assessment, read with its pack."""
    row = store.original_record(db, assessment.id)
    if row is None:
        raise LookupError(f"{assessment.reference} has no submission record")
    return read_record(db, live.pack_cache(), row, assessment)


def result_page(assessment: Assessment) -> str:
    """The result page of a submitted assessment."""
    db = db_session()
    read = original(db, assessment)
    use_page_rulebook(read.book)
    language = current_language()
    data = result_data(read, language)
    rescores = [r for r in store.records(db, assessment.id) if r.kind == RESCORE]
    return render_template(
        "pages/result.html",
        assessment=assessment,
        book=read.book,
        result=data,
        chart=Markup(factor_chart_svg(data, read.book, data.get("language"))),
        unplaced=read.record.unplaced,
        rescores=rescores,
    )


def unplaced_rows(db: Session, book: RuleBook, state: AnswerState, stale: frozenset[str]) -> list[dict[str, str]]:
    """Answers kept but not scored, by the question text they were given to, for the check page."""
    answers, evidence = view_answers.carried(book, state.answers, state.evidence)
    found = unplaced_answers(db, live.pack_cache(), book, answers, evidence, stale)
    rows = []
    for item in found:
        question = book.questions.get(item.question_id)
        if question is None:
            from assessor.records.live import old_question

            old = old_question(db, live.pack_cache(), book.id, item.question_id)
            question = old[0] if old else None
        value = tuple(item.value) if isinstance(item.value, list) else item.value
        shown = answer_text(question, value) if question is not None and value is not None else str(value or "")
        rows.append(
            {
                "text": item.question_text,
                "answer": shown,
                "evidence": " ".join(filter(None, [item.evidence.text, item.evidence.link])) if item.evidence else "",
            }
        )
    return rows
