"""The result page and the check page's kept-but-unscored answers, from records and pinned packs."""

from __future__ import annotations

from typing import Any

from flask import g, render_template
from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from assessor.core.explain import result_to_dict
from assessor.core.rulebook import RuleBook
from assessor.records import live
from assessor.records.packs import pack_version
from assessor.records.service import ReadRecord, read_record, unplaced_answers
from assessor.storage import assessments as store
from assessor.storage.assessments import AnswerState
from assessor.storage.db import session as db_session
from assessor.storage.models import ORIGINAL, RESCORE, Assessment, PackVersion, SubmissionRecord
from assessor.web import questionnaire_state
from assessor.web.result_content import ResultContent, build_result_content, result_contents
from assessor.web.subject_view import subject_view
from assessor.web.templating import answer_text, current_language


def use_page_rulebook(book: RuleBook) -> None:
    """Make every text on this page (footer, actors, reasons) come from `book`, not the live pack."""
    g.page_rulebook = book


def result_data(read: ReadRecord, language: str) -> dict[str, Any]:
    """The record's result with texts from its own pack, in `language` (questions naming the system assessed)."""
    return result_to_dict(read.book, read.result, language, read.subject.system_name)


def original(db: Session, assessment: Assessment) -> ReadRecord:
    """The record that froze the assessment, read with its pack."""
    row = store.original_record(db, assessment.id)
    if row is None:
        raise LookupError(f"{assessment.reference} has no submission record")
    return read_record(db, live.pack_cache(), row, assessment)


def result_page(assessment: Assessment) -> str:
    """The result page of a submitted assessment: its content built once per record and language (result_content)."""
    db = db_session()
    found = db.execute(_RECORDS, {"assessment_id": assessment.id}).all()
    # The original first, then rescores, oldest first (as store.records orders them).
    found = sorted(found, key=lambda r: (r.kind != ORIGINAL, r.id))
    if not found or found[0].kind != ORIGINAL:
        raise LookupError(f"{assessment.reference} has no submission record")
    original_row = found[0]
    book = _book(db, original_row.pack_version_id, original_row.content_hash)
    use_page_rulebook(book)
    language = current_language()

    def build() -> ResultContent:
        row = db.get(SubmissionRecord, original_row.id)
        if row is None:
            raise LookupError(f"{assessment.reference} has no submission record")
        read = read_record(db, live.pack_cache(), row, assessment)
        unplaced = [item.question_text for item in read.record.unplaced]
        return build_result_content(read.book, result_data(read, language), subject_view(read.subject), unplaced)

    content = result_contents().get(original_row.id, book, language, build)
    rescores = [r for r in found if r.kind == RESCORE]
    live_id = live.live_pack_version_id(db)
    can_rescore = original_row.pack_version_id != live_id and all(r.pack_version_id != live_id for r in rescores)
    return render_template(
        "pages/result.html",
        assessment=assessment,
        book=book,
        result=content,
        rescores=[(r, _book(db, r.pack_version_id, r.content_hash).version) for r in rescores],
        can_rescore=can_rescore,
    )


# The assessment's records with their pack versions' hashes, in one query built once: a result
# page whose content is cached needs no record's JSON (tens of kilobytes), and building a
# statement cost as much as running it.
_RECORDS = (
    select(SubmissionRecord.id, SubmissionRecord.kind, SubmissionRecord.pack_version_id, PackVersion.content_hash)
    .join(PackVersion, PackVersion.id == SubmissionRecord.pack_version_id)
    .where(SubmissionRecord.assessment_id == bindparam("assessment_id"))
    .order_by(SubmissionRecord.id)
)


def _book(db: Session, pack_version_id: int, content_hash: str) -> RuleBook:
    """A stored pack version's RuleBook, reading its stored files only when this process lacks it."""
    book = live.pack_cache().cached(content_hash)
    return book if book is not None else live.pack_cache().book(pack_version(db, pack_version_id))


def unplaced_rows(db: Session, book: RuleBook, state: AnswerState, stale: frozenset[str]) -> list[dict[str, str]]:
    """Answers kept but not scored, by the question text they were given to, for the check page."""
    answers, evidence = questionnaire_state.carried(book, state.answers, state.evidence)
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


def rescore_page(assessment: Assessment, record_id: int) -> str:
    """A rescore beside the original result, and what changed between them."""
    from flask import abort

    from assessor.records.rescore import compare
    from assessor.storage.models import SubmissionRecord

    db = db_session()
    row = db.get(SubmissionRecord, record_id)
    if row is None or row.assessment_id != assessment.id or row.kind != RESCORE:
        abort(404)
    found = compare(db, live.pack_cache(), assessment, row)
    language = current_language()
    use_page_rulebook(found.original.book)
    old_book, new_book = found.original.book, found.rescored.book
    return render_template(
        "pages/rescore.html",
        assessment=assessment,
        old=result_data(found.original, language),
        new=result_data(found.rescored, language),
        drift=found.drift,
        old_book=old_book,
        new_book=new_book,
        subject_title=lambda sid: _subject_title(old_book, new_book, sid),
        level_title=lambda book, lid: book.level(lid).title.get(language) if lid else "—",
    )


def _subject_title(old_book: RuleBook, new_book: RuleBook, subject: str) -> str:
    from flask_babel import gettext

    if subject == "overall":
        return str(gettext("Overall readiness"))
    for book in (new_book, old_book):
        if subject in book.questions:
            return book.questions[subject].text.get(current_language())
        if any(f.id == subject for f in book.factors):
            return book.factor(subject).title.get(current_language())
        for rec in book.recommendations:
            if rec.id == subject:
                return rec.title.get(current_language())
        for gap in book.critical_gaps:
            if gap.id == subject:
                return gap.reason.get(current_language())
        for level in book.levels:
            if level.id == subject:
                return level.title.get(current_language())
    return subject
