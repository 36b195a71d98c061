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


def drift(old_book: RuleBook, old: Result, new_book: RuleBook, new: Result) -> Drift:
    """Compare a result on `old_book` with the same answers' result on `new_book`."""
    renamed = [(o, n) for o, n in new_book.renames.items() if o in old_book.questions and n not in old_book.questions]
    renamed_old = {o for o, _n in renamed}
    renamed_new = {n: o for o, n in renamed}
    added = [q for q in new_book.questions if q not in old_book.questions and q not in renamed_new]
    removed = [q for q in old_book.questions if q not in new_book.questions and q not in renamed_old]
    old_points = {q.id: q for f in old.factors for q in f.questions}
    points: list[NumberChange] = []
    for f in new.factors:
        for q in f.questions:
            before = old_points.get(renamed_new.get(q.id, q.id))
            if before is not None and (before.points != q.points or before.max_points != q.max_points):
                points.append(NumberChange(q.id, before.points, q.points))
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
    old_factors = {f.id: f for f in old.factors}
    levels = [LevelMove("overall", old.overall.score, new.overall.score, old.overall.level, new.overall.level)]
    for f in new.factors:
        was = old_factors.get(f.id)
        levels.append(LevelMove(f.id, was.score if was else None, f.score, was.level if was else None, f.level))
    old_recs = [r.id for r in old.recommendations]
    new_recs = [r.id for r in new.recommendations]
    old_gaps = [g.id for g in old.critical_gaps]
    new_gaps = [g.id for g in new.critical_gaps]
    return Drift(
        old_version=old_book.version,
        new_version=new_book.version,
        questions_added=added,
        questions_removed=removed,
        questions_renamed=renamed,
        points_changed=points,
        weights_changed=weights,
        thresholds_changed=thresholds,
        levels=levels,
        recommendations_gained=[r for r in new_recs if r not in old_recs],
        recommendations_lost=[r for r in old_recs if r not in new_recs],
        gaps_gained=[g for g in new_gaps if g not in old_gaps],
        gaps_lost=[g for g in old_gaps if g not in new_gaps],
    )
