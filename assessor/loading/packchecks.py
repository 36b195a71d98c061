"""Whole-pack checks a policy analyst relies on: weights, reachable bands, conditions that can fire.

These run once every item has been built and its references resolved (see `packbuilder.Builder`),
so each check can see the questions, their `show_if` and the conditions together. Each problem
is reported through the loader's own `error` callback, with the item's position and key path.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from typing import Any, Protocol

from assessor.core.conditions import Condition
from assessor.core.rulebook import Question
from assessor.loading.reachability import Verdict, analyse, describe_witness
from assessor.loading.yamlsource import Position

WEIGHT_TOTAL = 100.0
_WEIGHT_TOLERANCE = 1e-6

ReportError = Callable[[Position, str, str], None]


class Located(Protocol):
    """A pack item that knows where it came from (packbuilder.Item)."""

    model: Any

    def pos(self, *sub: str | int, key: bool = False) -> Position: ...

    def key(self, *sub: str | int) -> str: ...


def check_weights(factor_items: Sequence[Located], error: ReportError) -> None:
    """Factor weights are shares of the overall score: they must add up to 100."""
    if not factor_items:
        return
    total = math.fsum(item.model.weight for item in factor_items)
    if abs(total - WEIGHT_TOTAL) <= _WEIGHT_TOLERANCE:
        return
    shares = ", ".join(f"{item.model.id} {item.model.weight:g}" for item in factor_items)
    first = factor_items[0]
    error(
        first.pos("weight"),
        first.key("weight"),
        f"the factor weights add up to {total:g}, not 100 ({shares}); each weight is the factor's share "
        "of the overall score, so they must add up to 100",
    )


def check_bands(question_items: Sequence[Located], error: ReportError) -> None:
    """A points band that starts above the largest accepted number can never be reached."""
    for item in question_items:
        q = item.model
        if q.type != "number" or q.max is None or not q.bands:
            continue
        reachable = math.floor(q.max) if q.integer else q.max
        for i, band in enumerate(q.bands):
            if band.min > reachable:
                error(
                    item.pos("bands", i, "min"),
                    item.key("bands", i, "min"),
                    f"this band starts at {band.min:g}, above the largest answer the question accepts "
                    f"(max {q.max:g}{', whole numbers' if q.integer else ''}), so no answer can earn its "
                    f"{band.points:g} points",
                )


def check_conditions(
    entries: Sequence[tuple[str, Located, Condition]],
    questions: Mapping[str, Question],
    visibility_order: Sequence[str],
    error: ReportError,
) -> dict[str, Verdict]:
    """Report conditions that never fire, always fire, or fire only on hidden questions.

    `entries` holds ("recommendation" | "critical gap", item, compiled condition). Returns the
    verdict per item id, for `rules test --verbose`.
    """
    verdicts: dict[str, Verdict] = {}
    for what, item, condition in entries:
        verdict = analyse(condition, questions, visibility_order)
        verdicts[item.model.id] = verdict
        message = _message(what, verdict, questions)
        if message:
            error(item.pos("condition"), item.key("condition"), message)
    return verdicts


def check_show_ifs(
    question_items: Sequence[Located],
    questions: Mapping[str, Question],
    visibility_order: Sequence[str],
    error: ReportError,
) -> None:
    """A question whose show_if can never hold is never asked: an error, like advice that never fires."""
    for item in question_items:
        question = questions.get(item.model.id)
        if question is None or question.show_if is None:
            continue
        verdict = analyse(question.show_if, questions, visibility_order)
        if verdict.kind in ("never", "hidden"):
            error(
                item.pos("show_if"),
                item.key("show_if"),
                "this question is never asked: no combination of answers makes its show_if true"
                + (" (it depends on questions that are hidden then)" if verdict.kind == "hidden" else ""),
            )


def _message(what: str, verdict: Verdict, questions: Mapping[str, Question]) -> str | None:
    fires = "fire" if what == "recommendation" else "apply"
    if verdict.kind == "never":
        return (
            f"this {what} can never {fires}: no combination of answers makes the condition true "
            "(two tests that exclude each other, or a number or score outside what is possible?)"
        )
    if verdict.kind == "always":
        return (
            f"this {what} would {fires} {'for' if what == 'recommendation' else 'to'} every assessment: "
            "the condition is true whatever the answers, "
            "so it says nothing about the country"
        )
    if verdict.kind == "hidden":
        shown = "; ".join(
            f"'{q}' is asked only when {show_if.text}"
            for q in verdict.hidden
            if (show_if := questions[q].show_if) is not None
        )
        need = describe_witness(verdict.witness or {})
        return (
            f"this {what} can never {fires}: it needs answers to questions that are hidden then ({shown}); "
            f"it would need {need}"
        )
    return None


def check_first_steps(recommendation_items: Sequence[Located], count: int, warn: ReportError) -> None:
    """First-step ranks that cannot work as written: a tie leaves the order to priority, and no places mean no lead."""
    seen: dict[int, str] = {}
    for item in recommendation_items:
        rank = item.model.first_step
        if rank is None:
            continue
        if count == 0:
            warn(
                item.pos("first_step"),
                item.key("first_step"),
                "scoring.first_steps is 0, so no recommendation leads and this rank has no effect",
            )
        elif rank in seen:
            warn(
                item.pos("first_step"),
                item.key("first_step"),
                f"first_step {rank} is also the rank of '{seen[rank]}': give each a rank of its own, so the "
                "order the result leads with is the one you chose",
            )
        seen.setdefault(rank, item.model.id)
