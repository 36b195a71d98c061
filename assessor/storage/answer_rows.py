"""Answers as rows: one per (assessment, question), each change appended to the history.

A save writes only the questions it was given, and a question changed since the page was loaded
(its version moved on) is not overwritten: it comes back as a Conflict for the respondent to settle.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, bindparam, select
from sqlalchemy.orm import Session

from assessor.storage.models import Answer, AnswerChange


@dataclass(frozen=True)
class StoredAnswer:
    """One question's stored answer, evidence and version (0: never saved)."""

    value: Any
    evidence: dict[str, str] | None
    version: int

    @property
    def fingerprint(self) -> str:
        """What a page carries to tell, on save, whether the answer or its evidence changed meanwhile."""
        return f"{fingerprint(self.value)}.{fingerprint(self.evidence)}"


def _plain(value: Any) -> Any:
    return list(value) if isinstance(value, tuple) else value


def fingerprint(value: Any) -> str:
    """A short hash of a stored value: equal values, equal fingerprints (tuples read as lists)."""
    text = json.dumps(_plain(value), sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


NEVER_SAVED = StoredAnswer(None, None, 0).fingerprint


@dataclass(frozen=True)
class Conflict:
    """A question whose answer changed in another window since this page was loaded."""

    question_id: str
    stored: StoredAnswer
    posted_value: Any
    posted_evidence: dict[str, str] | None


_ROWS = select(Answer.question_id, Answer.value, Answer.evidence, Answer.version).where(
    Answer.assessment_id == bindparam("assessment_id")
)


def load_rows(db: Session | Connection, assessment_id: int) -> dict[str, StoredAnswer]:
    """Every stored answer of an assessment by question id (cleared ones included)."""
    rows = db.execute(_ROWS, {"assessment_id": assessment_id}).all()
    return {row.question_id: StoredAnswer(row.value, row.evidence, row.version) for row in rows}


def as_maps(rows: Mapping[str, StoredAnswer]) -> tuple[dict[str, Any], dict[str, dict[str, str]]]:
    """The answers and evidence that are set, as plain maps (the shape of an answers file)."""
    answers = {qid: row.value for qid, row in rows.items() if row.value is not None}
    evidence = {qid: dict(row.evidence) for qid, row in rows.items() if row.evidence}
    return answers, evidence


def write(
    db: Session,
    assessment_id: int,
    answers: Mapping[str, Any],
    evidence: Mapping[str, Mapping[str, str] | None],
    *,
    expected: Mapping[str, str] | None = None,
    changed_by: str = "",
    note: str | None = None,
) -> list[Conflict]:
    """Write these questions' answers and evidence (None clears); return those that conflicted.

    Runs inside the caller's transaction. `expected` holds each question's fingerprint when the
    page was loaded; a question missing from it is written without that check. An answer (or its
    evidence) that changed since then and would now change again is a conflict: not written.
    """
    rows = {
        row.question_id: row
        for row in db.scalars(
            select(Answer).where(Answer.assessment_id == assessment_id, Answer.question_id.in_([*answers, *evidence]))
        )
    }
    now = datetime.now(UTC)
    conflicts: list[Conflict] = []
    for qid in dict.fromkeys([*answers, *evidence]):
        row = rows.get(qid)
        old_value = row.value if row is not None else None
        old_evidence = row.evidence if row is not None else None
        new_value = _plain(answers[qid]) if qid in answers else old_value
        given = evidence.get(qid)
        new_evidence = (dict(given) if given else None) if qid in evidence else old_evidence
        if new_value == old_value and new_evidence == old_evidence:
            continue
        version = row.version if row is not None else 0
        if (
            expected is not None
            and qid in expected
            and _overwrites(expected[qid], old_value, old_evidence, new_value, new_evidence)
        ):
            conflicts.append(Conflict(qid, StoredAnswer(old_value, old_evidence, version), new_value, new_evidence))
            continue
        if row is None:
            row = Answer(assessment_id=assessment_id, question_id=qid, version=0)
            db.add(row)
        row.value, row.evidence = new_value, new_evidence
        row.version = version + 1
        row.changed_at, row.changed_by = now, changed_by
        db.add(
            AnswerChange(
                assessment_id=assessment_id,
                question_id=qid,
                old_value=old_value,
                new_value=new_value,
                old_evidence=old_evidence,
                new_evidence=new_evidence,
                changed_at=now,
                changed_by=changed_by,
                note=note,
            )
        )
    db.flush()
    return conflicts


def _overwrites(loaded: str, old_value: Any, old_evidence: Any, new_value: Any, new_evidence: Any) -> bool:
    """True when the save would overwrite a change made after the page was loaded."""
    value_print, _dot, evidence_print = loaded.partition(".")
    value_moved = fingerprint(old_value) != value_print and new_value != old_value
    evidence_moved = fingerprint(old_evidence) != evidence_print and new_evidence != old_evidence
    return value_moved or evidence_moved


@dataclass(frozen=True)
class HistoryEntry:
    """One change to one answer, as the report appendix and the JSON export show it."""

    question_id: str
    old_value: Any
    new_value: Any
    old_evidence: dict[str, str] | None
    new_evidence: dict[str, str] | None
    changed_at: datetime
    changed_by: str
    note: str | None

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready."""
        return {
            "question": self.question_id,
            "old": self.old_value,
            "new": self.new_value,
            "old_evidence": self.old_evidence,
            "new_evidence": self.new_evidence,
            "changed_at": self.changed_at.isoformat(),
            "changed_by": self.changed_by,
            "note": self.note,
        }


def history(db: Session, assessment_id: int) -> list[HistoryEntry]:
    """Every change to the assessment's answers, oldest first."""
    changes = db.scalars(
        select(AnswerChange).where(AnswerChange.assessment_id == assessment_id).order_by(AnswerChange.id)
    )
    return [
        HistoryEntry(
            c.question_id, c.old_value, c.new_value, c.old_evidence, c.new_evidence, c.changed_at, c.changed_by, c.note
        )
        for c in changes
    ]
