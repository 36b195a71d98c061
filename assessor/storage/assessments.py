"""Creating, finding, saving and submitting assessments; each change is one transaction.

Answers live in rows (see answer_rows). A save and a submit are write transactions that first make
sure the assessment is still a draft, holding it so that neither can slip between the other's
read and write: SQLite's write lock (BEGIN IMMEDIATE), PostgreSQL's row lock (FOR UPDATE).
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cached_property
from typing import Any

from sqlalchemy import Engine, bindparam, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from assessor.core.rulebook import RuleBook
from assessor.storage import answer_rows
from assessor.storage.answer_rows import Conflict, StoredAnswer
from assessor.storage.db import begin_write
from assessor.storage.models import DRAFT, ORIGINAL, SUBMITTED, Assessment, SubmissionRecord
from assessor.subject import Subject

# 32 random bytes: 256 bits, well past the 128 the design asks for.
TOKEN_BYTES = 32
_REFERENCE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I to misread on paper
MOVED = "moved"


class AssessmentLockedError(Exception):
    """A submitted assessment was asked to change."""


def hash_token(token: str) -> str:
    """The stored form of a resume token.

    A plain SHA-256 is enough here: the token has 256 bits of randomness, so there is nothing to
    brute-force that a slow hash would protect.
    """
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def new_token() -> str:
    """A fresh secret resume token."""
    return secrets.token_urlsafe(TOKEN_BYTES)


def _new_reference() -> str:
    return "A-" + "".join(secrets.choice(_REFERENCE_ALPHABET) for _ in range(6))


def create(
    db: Session,
    pack_version_id: int,
    *,
    organisation: str,
    country: str,
    role: str | None,
    language: str,
    answers: Mapping[str, Any] | None = None,
    evidence: Mapping[str, Any] | None = None,
    copied_from: Assessment | None = None,
    changed_by: str = "",
    subject: Subject | None = None,
) -> tuple[Assessment, str]:
    """A new draft assessment (with any answers it starts from) and its resume token (shown once)."""
    subject = subject or Subject()
    begin_write(db)
    for _attempt in range(5):
        token = new_token()
        assessment = Assessment(
            reference=_new_reference(),
            token_hash=hash_token(token),
            organisation=organisation,
            country=country,
            role=role or None,
            system_name=subject.system_name,
            government_level=subject.government_level,
            sector=subject.sector,
            language=language,
            status=DRAFT,
            pack_version_id=pack_version_id,
            copied_from_id=copied_from.id if copied_from is not None else None,
        )
        try:
            with db.begin_nested():
                db.add(assessment)
                db.flush()
                answer_rows.write(
                    db,
                    assessment.id,
                    dict(answers or {}),
                    dict(evidence or {}),
                    changed_by=changed_by,
                    note="copied" if copied_from is not None else None,
                )
            db.commit()
            return assessment, token
        except IntegrityError:
            # A reference collision (1 in a billion per pair): draw another.
            continue
    raise RuntimeError("could not allocate a unique assessment reference")


def find(db: Session, token: str) -> Assessment | None:
    """The assessment a resume token opens, if any."""
    if not token or len(token) > 100:
        return None
    return db.scalars(_BY_TOKEN_HASH, {"token_hash": hash_token(token)}).first()


@dataclass(frozen=True)
class AnswerState:
    """What a questionnaire page reads of an assessment: no more, and not an ORM object.

    The factor page is the most requested page of all (every save redirects to one); loading the
    full ORM object for it cost more than the rest of the page (bench/load_bench.py).
    `answers`, `evidence` and `versions` come from the answer rows, read by `read_rows` when first
    asked for: a submitted assessment's result page never asks. `versions` holds each answer's
    fingerprint, which the factor page carries so a save can tell whether another window changed
    the answer since; only that page asks for it, so the hashing waits until then too.
    """

    id: int
    status: str
    language: str
    pack_version_id: int = 0
    # The name of the system assessed ("" when not given): questions worded for it name it.
    system_name: str = ""
    # Reads the answer rows (the default: an assessment with none).
    read_rows: Callable[[], Mapping[str, StoredAnswer]] = field(default=dict, repr=False, compare=False)

    @property
    def is_submitted(self) -> bool:
        """True once submitted: the assessment is then read-only."""
        return self.status == SUBMITTED

    @cached_property
    def rows(self) -> Mapping[str, StoredAnswer]:
        """Every stored answer by question id (cleared ones included), read on first use."""
        return self.read_rows()

    @cached_property
    def _maps(self) -> tuple[dict[str, Any], dict[str, dict[str, str]]]:
        return answer_rows.as_maps(self.rows)

    @property
    def answers(self) -> dict[str, Any]:
        """The answers that are set, by question id."""
        return self._maps[0]

    @property
    def evidence(self) -> dict[str, dict[str, str]]:
        """The evidence that is set, by question id."""
        return self._maps[1]

    @cached_property
    def versions(self) -> dict[str, str]:
        """Each stored answer's fingerprint, by question id."""
        return {qid: row.fingerprint for qid, row in self.rows.items()}

    @classmethod
    def of_rows(
        cls,
        assessment_id: int,
        status: str,
        language: str,
        pack_version_id: int,
        rows: Mapping[str, StoredAnswer],
        system_name: str = "",
    ) -> AnswerState:
        """The state from the assessment's columns and its answer rows, already read."""
        return cls(assessment_id, status, language, pack_version_id, system_name, lambda: rows)


def state_of(db: Session, assessment: Assessment) -> AnswerState:
    """The state of an assessment already loaded (its rows read now)."""
    rows = answer_rows.load_rows(db, assessment.id)
    return AnswerState.of_rows(
        assessment.id, assessment.status, assessment.language, assessment.pack_version_id, rows, assessment.system_name
    )


def find_state(engine: Engine, token: str) -> AnswerState | None:
    """`find`, for pages that only read answers: the same lookup without an ORM session's cost.

    A draft's answer rows are read at once, in the same transaction as its status: its pages show
    them (and a save may change them at any moment). A submitted assessment's rows can no longer
    change, so they are read only if a page asks (copying it does; its result page, from the
    stored record, does not): a later read sees the same rows.
    """
    if not token or len(token) > 100:
        return None
    with engine.connect() as connection:
        row = connection.execute(_STATE_BY_TOKEN_HASH, {"token_hash": hash_token(token)}).first()
        if row is None:
            return None
        if row.status != SUBMITTED:
            rows = answer_rows.load_rows(connection, row.id)
            return AnswerState.of_rows(row.id, row.status, row.language, row.pack_version_id, rows, row.system_name)
    return AnswerState(
        row.id, row.status, row.language, row.pack_version_id, row.system_name, lambda: _read_rows(engine, row.id)
    )


def _read_rows(engine: Engine, assessment_id: int) -> dict[str, StoredAnswer]:
    with engine.connect() as connection:
        return answer_rows.load_rows(connection, assessment_id)


def load(db: Session, assessment_id: int) -> Assessment:
    """The full assessment by id (after `find_state`), for pages that show or change more."""
    assessment = db.get(Assessment, assessment_id)
    if assessment is None:
        raise LookupError(f"assessment {assessment_id} has gone")
    return assessment


# Built once: these run on every questionnaire request, and building a statement cost as much as running it.
_BY_TOKEN_HASH = select(Assessment).where(Assessment.token_hash == bindparam("token_hash"))
_STATE_BY_TOKEN_HASH = select(
    Assessment.id, Assessment.status, Assessment.language, Assessment.pack_version_id, Assessment.system_name
).where(Assessment.token_hash == bindparam("token_hash"))


def _hold_draft(db: Session, assessment: Assessment) -> None:
    """Inside a write transaction: lock the assessment's row and make sure it is still a draft."""
    status = db.execute(select(Assessment.status).where(Assessment.id == assessment.id).with_for_update()).scalar_one()
    if status != DRAFT:
        db.rollback()
        # What the database says, not a change to write: a plain assignment would be flushed by the
        # next read (autoflush), a write outside any write transaction.
        set_committed_value(assessment, "status", status)
        raise AssessmentLockedError(assessment.reference)


@dataclass(frozen=True)
class SaveOutcome:
    """What a save did: the questions it could not write because another window changed them."""

    conflicts: list[Conflict]


def save_page(
    db: Session,
    assessment: Assessment,
    book: RuleBook,
    answers: Mapping[str, Any],
    evidence: Mapping[str, Mapping[str, str] | None],
    *,
    pack_version_id: int | None = None,
    versions: Mapping[str, str] | None = None,
    changed_by: str = "",
) -> SaveOutcome:
    """Save one page's answers and evidence in one transaction; only these questions are written.

    A value of None clears an answer; evidence of None clears it. The assessment moves to the
    pack version it was answered on (`pack_version_id`), carrying answers over the pack's renames.
    Raises AssessmentLockedError when the assessment was submitted meanwhile (nothing written).
    """
    begin_write(db)
    _hold_draft(db, assessment)
    if pack_version_id is not None and pack_version_id != assessment.pack_version_id:
        carry_over(db, assessment.id, book, changed_by=changed_by)
        assessment.pack_version_id = pack_version_id
    conflicts = answer_rows.write(db, assessment.id, answers, evidence, expected=versions, changed_by=changed_by)
    assessment.updated_at = datetime.now(UTC)
    db.commit()
    return SaveOutcome(conflicts)


def carry_over(db: Session, assessment_id: int, book: RuleBook, *, changed_by: str = "") -> None:
    """Move answers given under a question's old id to its new one, as the pack's renames say.

    An answer with no home in this pack stays in its row, untouched: listed, kept, not scored.
    """
    rows = answer_rows.load_rows(db, assessment_id)
    moves: dict[str, str] = {}
    for old_id, row in rows.items():
        new_id = book.renames.get(old_id)
        if old_id in book.questions or new_id is None or (row.value is None and not row.evidence):
            continue
        target = rows.get(new_id)
        if target is not None and (target.value is not None or target.evidence):
            continue  # answered under the new id already: that answer stands, the old row is kept
        moves[old_id] = new_id
    if not moves:
        return
    answer_rows.write(
        db,
        assessment_id,
        {new: rows[old].value for old, new in moves.items()},
        {new: rows[old].evidence for old, new in moves.items()},
        changed_by=changed_by,
        note=MOVED,
    )
    answer_rows.write(db, assessment_id, dict.fromkeys(moves), dict.fromkeys(moves), changed_by=changed_by, note=MOVED)


def set_language(db: Session, assessment: Assessment, language: str) -> None:
    """Change the assessment's language (pages and report)."""
    begin_write(db)
    assessment.language = language
    db.commit()


# Makes the record from the answers read inside the submit transaction: (schema version, data).
RecordMaker = Callable[[dict[str, Any], dict[str, dict[str, str]]], tuple[int, dict[str, Any]]]


def submit(
    db: Session,
    assessment: Assessment,
    book: RuleBook,
    pack_version_id: int,
    make_record: RecordMaker,
    *,
    changed_by: str = "",
) -> SubmissionRecord:
    """Freeze the assessment and store the record its answers score to, in one transaction.

    The status flips first (`UPDATE ... WHERE status = 'draft'`), so from then on no save can land;
    the answers scored are read after that, inside the same transaction.
    """
    begin_write(db)
    now = datetime.now(UTC)
    flipped = db.execute(
        update(Assessment)
        .where(Assessment.id == assessment.id, Assessment.status == DRAFT)
        .values(status=SUBMITTED, submitted_at=now, updated_at=now)
        .execution_options(synchronize_session=False)
    )
    if flipped.rowcount != 1:  # type: ignore[attr-defined]
        db.rollback()
        raise AssessmentLockedError(assessment.reference)
    if pack_version_id != assessment.pack_version_id:
        carry_over(db, assessment.id, book, changed_by=changed_by)
    answers, evidence = answer_rows.as_maps(answer_rows.load_rows(db, assessment.id))
    schema_version, data = make_record(answers, evidence)
    record = SubmissionRecord(
        assessment_id=assessment.id,
        pack_version_id=pack_version_id,
        kind=ORIGINAL,
        schema_version=schema_version,
        data=data,
        created_at=now,
    )
    db.add(record)
    db.execute(update(Assessment).where(Assessment.id == assessment.id).values(pack_version_id=pack_version_id))
    db.commit()
    db.refresh(assessment)
    return record


def records(db: Session, assessment_id: int) -> list[SubmissionRecord]:
    """The assessment's records: the original first, then rescores, oldest first."""
    found = db.scalars(
        select(SubmissionRecord).where(SubmissionRecord.assessment_id == assessment_id).order_by(SubmissionRecord.id)
    ).all()
    return sorted(found, key=lambda r: (r.kind != ORIGINAL, r.id))


def original_record(db: Session, assessment_id: int) -> SubmissionRecord | None:
    """The record that froze the assessment, if it was submitted."""
    found = records(db, assessment_id)
    return found[0] if found and found[0].kind == ORIGINAL else None
