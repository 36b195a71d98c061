"""Answers given under a question's old id (its `renamed_from`), moved to the id it has now. Pure."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from assessor.core.rulebook import RuleBook


def apply_renames(
    book: RuleBook, answers: Mapping[str, Any], evidence: Mapping[str, Any] | None = None
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Answers and evidence with old ids replaced by the new ones; an answer under the new id wins."""
    moved_answers, moved_evidence = dict(answers), dict(evidence or {})
    for old_id, new_id in book.renames.items():
        if old_id in book.questions or new_id in moved_answers or new_id in moved_evidence:
            continue
        if old_id in moved_answers:
            moved_answers[new_id] = moved_answers.pop(old_id)
        if old_id in moved_evidence:
            moved_evidence[new_id] = moved_evidence.pop(old_id)
    return moved_answers, moved_evidence
