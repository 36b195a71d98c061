"""What changed between two versions of a rule pack, for review meetings.

Each version is flattened to `(kind, id) -> {field: value}`, one field per language for texts
(`title::es`); the diff lists what was added, removed and changed, and sorts each changed field
into what a reviewer asks about: reworded (texts), re-pointed (points, weights, thresholds,
conditions) or otherwise changed. Long texts come with a word-level diff; conditions with both
plain-word readings. A question's `renamed_from` is not carried by the RuleBook, so a renamed
question shows as one removed and one added.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import Any

from assessor.admin.book import weight_shares
from assessor.admin.wording import Clause, describe, question_numbers
from assessor.core.rulebook import RuleBook, Text

REWORDED = "reworded"
REPOINTED = "repointed"
OTHER = "other"
ADDED = "added"
REMOVED = "removed"
CHANGED = "changed"

KINDS = ("pack", "level", "factor", "question", "option", "band", "recommendation", "gap", "actor")
# Fields that move scores or decide what fires.
_SCORING_FIELDS = {"points", "weight", "share", "min_score", "condition", "show_if", "max_level", "caps", "min", "max"}
_CONDITION_FIELDS = {"condition", "show_if"}
# Texts longer than this get a word-level diff rather than old → new.
LONG_TEXT = 60

Flat = dict[tuple[str, str], dict[str, Any]]


@dataclass(frozen=True)
class WordChange:
    """A run of words: kept ("equal"), taken out ("delete") or put in ("insert")."""

    kind: str
    text: str


@dataclass(frozen=True)
class FieldChange:
    """One field of one thing, before and after."""

    name: str
    language: str | None
    category: str
    old: Any
    new: Any
    words: tuple[WordChange, ...] = ()
    old_words: Clause | None = None  # conditions, read in plain words
    new_words: Clause | None = None


@dataclass(frozen=True)
class Change:
    """A thing added, removed or changed, with its label in the new version (the old one when removed)."""

    status: str
    kind: str
    id: str
    label: str
    fields: tuple[FieldChange, ...] = ()

    @property
    def categories(self) -> set[str]:
        """The kinds of change among its fields."""
        return {f.category for f in self.fields}


@dataclass(frozen=True)
class PackDiff:
    """Every change from `old` to `new`, in pack order."""

    old_id: str
    old_version: str
    new_id: str
    new_version: str
    language: str
    changes: tuple[Change, ...] = field(default_factory=tuple)

    def count(self, status: str) -> int:
        """How many things were added, removed or changed."""
        return sum(1 for c in self.changes if c.status == status)


def _texts(prefix: str, text: Text | None) -> dict[str, str]:
    if text is None:
        return {}
    return {f"{prefix}::{lang}": value for lang, value in text.by_language.items()}


def flatten(book: RuleBook) -> Flat:
    """The pack as `(kind, id) -> {field: value}`, in pack order."""
    flat: Flat = {("pack", book.id): {"version": book.version, **_texts("title", book.title)}}
    flat[("pack", book.id)].update(_texts("description", book.description))
    for level in book.levels:
        flat[("level", level.id)] = {
            "min_score": level.min_score,
            **_texts("title", level.title),
            **_texts("description", level.description),
        }
    shares = weight_shares(book)
    for factor in book.factors:
        flat[("factor", factor.id)] = {
            "weight": factor.weight,
            "share": round(shares[factor.id], 1),
            **_texts("title", factor.title),
            **_texts("description", factor.description),
        }
        for q in factor.questions:
            flat[("question", q.id)] = {
                "factor": q.factor_id,
                "type": q.type.value,
                "dont_know": q.dont_know,
                "evidence": q.evidence,
                "min": q.min,
                "max": q.max,
                "show_if": q.show_if.text if q.show_if is not None else None,
                **_texts("text", q.text),
                **_texts("help", q.help),
                **_texts("unit", q.unit),
            }
            for option in q.options:
                flat[("option", f"{q.id}.{option.value}")] = {
                    "points": option.points,
                    "exclusive": option.exclusive,
                    **_texts("label", option.label),
                }
            for band in q.bands:
                flat[("band", f"{q.id}@{band.min:g}")] = {"points": band.points}
    for actor in book.actors:
        flat[("actor", actor.id)] = _texts("title", actor.title)
    for gap in book.critical_gaps:
        flat[("gap", gap.id)] = {
            "condition": gap.condition.text,
            "caps": ", ".join(gap.caps),
            "max_level": gap.max_level,
            **_texts("reason", gap.reason),
        }
    for rec in book.recommendations:
        flat[("recommendation", rec.id)] = {
            "factor": rec.factor_id,
            "priority": rec.priority.value,
            "effort": rec.effort.value,
            "horizon": rec.horizon.value,
            "who": ", ".join(rec.who),
            "condition": rec.condition.text,
            "sources": "; ".join(f"{s.title} <{s.url}>" for s in rec.sources),
            **_texts("title", rec.title),
            **_texts("text", rec.text),
            **_texts("clause", rec.clause),
        }
    return flat


def word_changes(old: str, new: str) -> tuple[WordChange, ...]:
    """A word-level diff of two texts."""
    a, b = old.split(), new.split()
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    runs: list[WordChange] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            runs.append(WordChange("equal", " ".join(a[i1:i2])))
            continue
        if i2 > i1:
            runs.append(WordChange("delete", " ".join(a[i1:i2])))
        if j2 > j1:
            runs.append(WordChange("insert", " ".join(b[j1:j2])))
    return tuple(runs)


def _label(book: RuleBook, kind: str, ident: str, language: str) -> str:
    numbers = question_numbers(book)
    if kind == "question":
        return f"{numbers.get(ident, '')} {book.questions[ident].text.get(language)}".strip()
    if kind == "option":
        qid, _dot, value = ident.partition(".")
        option = book.questions[qid].option(value)
        label = option.label.get(language) if option is not None else value
        return f"{numbers.get(qid, qid)}: {label}"
    if kind == "band":
        qid, _at, minimum = ident.partition("@")
        return f"{numbers.get(qid, qid)} ≥ {minimum}"
    if kind == "factor":
        return book.factor(ident).title.get(language)
    if kind == "level":
        return book.level(ident).title.get(language)
    if kind == "recommendation":
        return next(r.title.get(language) for r in book.recommendations if r.id == ident)
    if kind == "gap":
        return next(g.reason.get(language) for g in book.critical_gaps if g.id == ident)
    if kind == "actor":
        return next(a.title.get(language) for a in book.actors if a.id == ident)
    return book.title.get(language)


def _field_change(name: str, old: Any, new: Any, old_book: RuleBook, new_book: RuleBook, language: str) -> FieldChange:
    base, _sep, lang = name.partition("::")
    category = REWORDED if lang else (REPOINTED if base in _SCORING_FIELDS else OTHER)
    words: tuple[WordChange, ...] = ()
    if isinstance(old, str) and isinstance(new, str) and max(len(old), len(new)) > LONG_TEXT:
        words = word_changes(old, new)
    old_words = new_words = None
    if base in _CONDITION_FIELDS:
        old_words = describe(old, old_book, language) if isinstance(old, str) else None
        new_words = describe(new, new_book, language) if isinstance(new, str) else None
    return FieldChange(base, lang or None, category, old, new, words, old_words, new_words)


def diff_packs(old: RuleBook, new: RuleBook, language: str) -> PackDiff:
    """Every change from `old` to `new`, labelled in `language`."""
    before, after = flatten(old), flatten(new)
    changes: list[Change] = []
    order = list(after) + [key for key in before if key not in after]
    for key in sorted(order, key=lambda k: KINDS.index(k[0])):
        kind, ident = key
        if kind == "pack":
            if key not in before or key not in after:  # a different pack id: compare the pack lines directly
                continue
        if key not in before:
            changes.append(Change(ADDED, kind, ident, _label(new, kind, ident, language)))
        elif key not in after:
            changes.append(Change(REMOVED, kind, ident, _label(old, kind, ident, language)))
        else:
            names = list(after[key]) + [n for n in before[key] if n not in after[key]]
            fields = tuple(
                _field_change(n, before[key].get(n), after[key].get(n), old, new, language)
                for n in names
                if before[key].get(n) != after[key].get(n)
            )
            if fields:
                changes.append(Change(CHANGED, kind, ident, _label(new, kind, ident, language), fields))
    return PackDiff(old.id, old.version, new.id, new.version, language, tuple(changes))


def diff_to_dict(diff: PackDiff) -> dict[str, Any]:
    """The diff as JSON-ready data (`assessor rules diff --json`)."""

    def clause(c: Clause | None) -> dict[str, Any] | None:
        return None if c is None else {"text": c.text, "parts": [clause(p) for p in c.parts]}

    return {
        "old": {"id": diff.old_id, "version": diff.old_version},
        "new": {"id": diff.new_id, "version": diff.new_version},
        "language": diff.language,
        "summary": {status: diff.count(status) for status in (ADDED, REMOVED, CHANGED)},
        "changes": [
            {
                "status": c.status,
                "kind": c.kind,
                "id": c.id,
                "label": c.label,
                "fields": [
                    {
                        "field": f.name,
                        "language": f.language,
                        "category": f.category,
                        "old": f.old,
                        "new": f.new,
                        **(
                            {"old_words": clause(f.old_words), "new_words": clause(f.new_words)}
                            if f.old_words or f.new_words
                            else {}
                        ),
                    }
                    for f in c.fields
                ],
            }
            for c in diff.changes
        ],
    }
