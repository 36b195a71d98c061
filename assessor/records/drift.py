"""What changed between a result and its rescore on another pack version, and why.

Questions added, removed or renamed; points and weights changed; level thresholds moved; the
levels reached; the recommendations and critical gaps gained or lost. Ids and numbers only: pages
and the CLI word it.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from assessor.core.result import Result
from assessor.core.rulebook import RuleBook


@dataclass(frozen=True)
class LevelMove:
    """A factor's (or the overall) score and level before and after."""

    subject: str  # a factor id, or "overall"
    old_score: float | None
    new_score: float | None
    old_level: str | None
    new_level: str | None


@dataclass(frozen=True)
class NumberChange:
    """A number the pack sets that changed: a factor's weight, a level's threshold, a question's points."""

    subject: str
    old: float | None
    new: float | None


@dataclass(frozen=True)
class Drift:
    """Everything that differs between two results of the same answers, with the pack changes behind it."""

    old_version: str
    new_version: str
    questions_added: list[str] = field(default_factory=list)
    questions_removed: list[str] = field(default_factory=list)
    questions_renamed: list[tuple[str, str]] = field(default_factory=list)
    points_changed: list[NumberChange] = field(default_factory=list)
    weights_changed: list[NumberChange] = field(default_factory=list)
    thresholds_changed: list[NumberChange] = field(default_factory=list)
    levels: list[LevelMove] = field(default_factory=list)
    recommendations_gained: list[str] = field(default_factory=list)
    recommendations_lost: list[str] = field(default_factory=list)
    gaps_gained: list[str] = field(default_factory=list)
    gaps_lost: list[str] = field(default_factory=list)

    @property
    def moved(self) -> list[LevelMove]:
        """Only the levels or scores that changed."""
        return [m for m in self.levels if m.old_level != m.new_level or m.old_score != m.new_score]

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready, for `assessor rescore --json`."""
        data = asdict(self)
        data["questions_renamed"] = [{"old": old, "new": new} for old, new in self.questions_renamed]
        data["levels_moved"] = [asdict(m) for m in self.moved]
        return data


@dataclass(frozen=True)
class Outcome:
    """What a drift compares of one result: scores and levels, each question's points, the ids that fired.

    Made from a core Result, or straight from a stored record's figures when thousands are compared
    (see records.impact), so both paths compare exactly the same things.
    """

    overall_score: float | None
    overall_level: str | None
    factors: dict[str, tuple[float | None, str | None]]  # factor id -> (score, level), in the result's order
    points: dict[str, tuple[float | None, float]]  # question id -> (points, max points), in order
    recommendations: tuple[str, ...]
    gaps: tuple[str, ...]

    @classmethod
    def of(cls, result: Result) -> Outcome:
        """The figures of a core Result."""
        return cls(
            result.overall.score,
            result.overall.level,
            {f.id: (f.score, f.level) for f in result.factors},
            {q.id: (q.points, q.max_points) for f in result.factors for q in f.questions},
            tuple(r.id for r in result.recommendations),
            tuple(g.id for g in result.critical_gaps),
        )


@dataclass(frozen=True)
class PackChanges:
    """What differs between two pack versions whatever the answers: computed once per pair of packs."""

    old_version: str
    new_version: str
    questions_added: list[str]
    questions_removed: list[str]
    questions_renamed: list[tuple[str, str]]
    weights_changed: list[NumberChange]
    thresholds_changed: list[NumberChange]
    old_id_of: dict[str, str]  # a renamed question's new id -> its old id


def pack_changes(old_book: RuleBook, new_book: RuleBook) -> PackChanges:
    """Questions added, removed and renamed, weights and level thresholds changed, from `old_book` to `new_book`."""
    renamed = [(o, n) for o, n in new_book.renames.items() if o in old_book.questions and n not in old_book.questions]
    renamed_old = {o for o, _n in renamed}
    renamed_new = {n: o for o, n in renamed}
    added = [q for q in new_book.questions if q not in old_book.questions and q not in renamed_new]
    removed = [q for q in old_book.questions if q not in new_book.questions and q not in renamed_old]
    old_weights = {f.id: f.weight for f in old_book.factors}
    weights = [
        NumberChange(f.id, old_weights[f.id], f.weight)
        for f in new_book.factors
        if f.id in old_weights and old_weights[f.id] != f.weight
    ]
    old_thresholds = {lv.id: lv.min_score for lv in old_book.levels}
    thresholds = [
        NumberChange(lv.id, old_thresholds.get(lv.id), lv.min_score)
        for lv in new_book.levels
        if old_thresholds.get(lv.id) != lv.min_score
    ]
    return PackChanges(old_book.version, new_book.version, added, removed, renamed, weights, thresholds, renamed_new)


def compare(changes: PackChanges, old: Outcome, new: Outcome) -> Drift:
    """The drift of one set of answers scored on both packs of `changes`."""
    points: list[NumberChange] = []
    old_points = old.points
    for qid, (now, maximum) in new.points.items():
        before = old_points.get(changes.old_id_of.get(qid, qid))
        if before is not None and (before[0] != now or before[1] != maximum):
            points.append(NumberChange(qid, before[0], now))
    levels = [LevelMove("overall", old.overall_score, new.overall_score, old.overall_level, new.overall_level)]
    for fid, (score, level) in new.factors.items():
        was = old.factors.get(fid)
        levels.append(LevelMove(fid, was[0] if was else None, score, was[1] if was else None, level))
    return Drift(
        old_version=changes.old_version,
        new_version=changes.new_version,
        questions_added=changes.questions_added,
        questions_removed=changes.questions_removed,
        questions_renamed=changes.questions_renamed,
        points_changed=points,
        weights_changed=changes.weights_changed,
        thresholds_changed=changes.thresholds_changed,
        levels=levels,
        recommendations_gained=[r for r in new.recommendations if r not in old.recommendations],
        recommendations_lost=[r for r in old.recommendations if r not in new.recommendations],
        gaps_gained=[g for g in new.gaps if g not in old.gaps],
        gaps_lost=[g for g in old.gaps if g not in new.gaps],
    )


def drift(old_book: RuleBook, old: Result, new_book: RuleBook, new: Result) -> Drift:
    """Compare a result on `old_book` with the same answers' result on `new_book`."""
    return compare(pack_changes(old_book, new_book), Outcome.of(old), Outcome.of(new))
