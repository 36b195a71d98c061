"""Two windows on the same question: the page carries each answer's version, a stale save is told so.

The factor page holds, in a hidden field, a fingerprint of every answer and evidence it shows
("q1:<hash of answer>.<hash of evidence>,..."). A save
whose answer moved on in the meantime is not written; the page comes back with both values, the
respondent's own still filled in, so that saving again keeps it and nothing is lost either way.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from flask_babel import gettext as _

from assessor.core.rulebook import Question, RuleBook
from assessor.storage.answer_rows import NEVER_SAVED, Conflict
from assessor.web.forms import FactorForm, answer_field_name
from assessor.web.templating import answer_text


def versions_field(questions: Iterable[Question], versions: Mapping[str, str]) -> str:
    """The hidden field's value: each shown question's fingerprint when the page was made."""
    return ",".join(f"{q.id}:{versions.get(q.id, NEVER_SAVED)}" for q in questions)


def posted_versions(raw: str, shown: Iterable[str]) -> dict[str, str] | None:
    """The versions a posted page was made with, for the questions it showed; None when it sent none.

    A page made before versions existed (or a hand-made request) sends none: its save is
    checked as before, question by question, without the version test.
    """
    if not raw:
        return None
    allowed = set(shown)
    found: dict[str, str] = {}
    for part in raw.split(",")[:500]:
        qid, _sep, prints = part.partition(":")
        if qid in allowed and len(prints) <= 40:
            found[qid] = prints
    return found


def mark(form: FactorForm, book: RuleBook, conflicts: Iterable[Conflict]) -> None:
    """Put a message on each conflicting question saying what the other window saved."""
    for conflict in conflicts:
        name = answer_field_name(conflict.question_id)
        if name not in form:
            continue
        question = book.questions[conflict.question_id]
        stored = conflict.stored
        value = tuple(stored.value) if isinstance(stored.value, list) else stored.value
        message = _(
            "This answer was changed in another window since you opened this page. "
            "Saved there: “%(answer)s”. Your answer is shown below and was not saved: "
            "save again to keep it, or choose the saved one.",
            answer=answer_text(question, value),
        )
        if stored.evidence:
            message += " " + _(
                "Evidence saved there: “%(evidence)s”.",
                evidence=" ".join(filter(None, [stored.evidence.get("text"), stored.evidence.get("link")])),
            )
        field = form[name]
        field.errors = [*field.errors, message]
