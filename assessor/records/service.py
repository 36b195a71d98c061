"""Making and reading submission records: scoring inside the submit transaction, upgrading old shapes."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy.orm import Session

from assessor.core.answers import Answers, validate_answers
from assessor.core.result import Result
from assessor.core.rulebook import RuleBook
from assessor.core.scoring import score
from assessor.records import model
from assessor.records.packs import PackCache
from assessor.storage import answer_rows
from assessor.storage.assessments import RecordMaker
from assessor.storage.models import Assessment, SubmissionRecord
from assessor.subject import Subject


def assessment_subject(assessment: Assessment) -> Subject:
    """The subject as the assessment's row holds it now."""
    return Subject(assessment.system_name or "", assessment.government_level, assessment.sector)


def unplaced_answers(
    db: Session,
    cache: PackCache,
    book: RuleBook,
    answers: Mapping[str, Any],
    evidence: Mapping[str, Any],
    unusable: frozenset[str] = frozenset(),
) -> tuple[model.UnplacedAnswer, ...]:
    """Answers (or evidence) this pack cannot score, with the question text they were given to.

    Those to questions the pack no longer has, and `unusable` ones (an option that has gone).
    """
    from assessor.records.live import old_question

    found: list[model.UnplacedAnswer] = []
    for qid in dict.fromkeys([*answers, *evidence]):
        if qid in book.questions and qid not in unusable:
            continue
        if qid in book.questions:
            old: tuple[Any, str] | None = (book.questions[qid], book.version)
        else:
            old = old_question(db, cache, book.id, qid)
        item = evidence.get(qid)
        found.append(
            model.UnplacedAnswer(
                question_id=qid,
                question_text=old[0].text.get() if old else qid,
                value=answers.get(qid),
                evidence=model.EvidenceData.model_validate(item) if item else None,
                pack_version=old[1] if old else "",
            )
        )
    return tuple(found)


def build_record(
    db: Session,
    cache: PackCache,
    book: RuleBook,
    language: str,
    answers: Mapping[str, Any],
    evidence: Mapping[str, Any],
    subject: Subject | None = None,
) -> model.SubmissionRecord:
    """Score the answers on `book` and keep everything the result was made from (what was assessed too)."""
    validated, problems = validate_answers(book, answers, evidence)
    result = score(book, validated)
    unusable = frozenset(p.question_id for p in problems)
    return model.SubmissionRecord(
        rules=model.RulesRef(id=book.id, version=book.version, hash=book.content_hash),
        scored_at=datetime.now(UTC),
        language=language,
        answers={qid: list(v) if isinstance(v, tuple) else v for qid, v in validated.values.items()},
        evidence={qid: model.EvidenceData(text=e.text, link=e.link) for qid, e in validated.evidence.items()},
        result=model.ResultData.of(result),
        unplaced=unplaced_answers(db, cache, book, answers, evidence, unusable),
        subject=model.SubjectData.of(subject) if subject is not None else None,
    )


def record_maker(
    db: Session, cache: PackCache, book: RuleBook, language: str, subject: Subject | None = None
) -> RecordMaker:
    """What `storage.assessments.submit` calls, inside its transaction, with the answers it read."""

    def make(answers: dict[str, Any], evidence: dict[str, dict[str, str]]) -> tuple[int, dict[str, Any]]:
        record = build_record(db, cache, book, language, answers, evidence, subject)
        return model.SCHEMA_VERSION, record.dump()

    return make


@dataclass(frozen=True)
class ReadRecord:
    """A stored record read back: the typed record, its pack, and the Result and answers it holds."""

    row: SubmissionRecord
    record: model.SubmissionRecord
    book: RuleBook
    # What was assessed: the record's own, or for a record made before it kept one, the assessment's.
    subject: Subject = field(default_factory=Subject)

    @property
    def result(self) -> Result:
        """The core Result the record holds."""
        return self.record.result.to_core()

    @property
    def answers(self) -> Answers:
        """The answers the record scored, validated against its own pack."""
        evidence = {qid: e.model_dump() for qid, e in self.record.evidence.items()}
        validated, _problems = validate_answers(self.book, self.record.answers, evidence)
        return validated


def read_record(db: Session, cache: PackCache, row: SubmissionRecord, assessment: Assessment) -> ReadRecord:
    """A stored record of any schema version, with the pack version it names."""
    from assessor.records.packs import pack_version

    answers: dict[str, Any] = {}
    evidence: dict[str, Any] = {}
    if row.schema_version != model.SCHEMA_VERSION:
        # Schema 1 kept only the result: the answers are the (frozen) rows of the submitted assessment.
        answers, evidence = answer_rows.as_maps(answer_rows.load_rows(db, assessment.id))
    record = model.upgrade(row.schema_version, row.data, answers, evidence, assessment.language)
    book = cache.book(pack_version(db, row.pack_version_id))
    subject = record.subject.to_subject() if record.subject is not None else assessment_subject(assessment)
    return ReadRecord(row, record, book, subject)
