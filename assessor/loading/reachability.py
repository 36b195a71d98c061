"""Can a condition fire at all, does it always fire, and which answers would make it fire?

Decided by exhaustive search over the questions the condition reads (closed over their
`show_if`), evaluated with the app's own three-valued evaluator (`Condition.evaluate`), so the
verdicts follow exactly the rules scoring uses: null answers make comparisons unknown, hidden
questions are null, "don't know" is null and listed in `dont_know`. The search is finite because
every domain is: choice questions have their options (multiple choice: every admissible subset),
numbers and scores only need one value per stretch between the constants the conditions compare
against (plus those constants), and texts only matter as "one of the compared texts, or another".

We chose this over a solver such as z3: the shipped pack decides in a few milliseconds, it uses
the real evaluator rather than a second encoding of its semantics that could drift, and it adds
no 60 MB dependency. A condition whose search space exceeds MAX_CASES, or that does arithmetic
or compares two answers with each other, is left undecided: no verdict rather than a wrong one.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

import rule_engine.ast as rast

from assessor.core.conditions import OVERALL_SCORE, SCORE_PREFIX, Condition, condition_nodes, expression_nodes
from assessor.core.rulebook import DONT_KNOW, Question, QuestionType

MAX_CASES = 20_000  # at most a second or two for one condition that never fires, on a busy machine
SCORE_RANGE = (0.0, 100.0)


class _State:
    """A raw answer state that is not a value: not answered, or answered "don't know"."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __repr__(self) -> str:
        return self.name


UNANSWERED = _State("unanswered")
ANSWERED_DONT_KNOW = _State("dont_know")
_OTHER_TEXT = "(another text)"

Kind = Literal["fires", "never", "always", "hidden", "undecided"]


@dataclass(frozen=True)
class Verdict:
    """What the search found for one condition."""

    kind: Kind
    # Answers (question id -> value or ANSWERED_DONT_KNOW) and scores that make it fire, if any.
    witness: Mapping[str, Any] | None = None
    # For "hidden": the questions it needs answered that their show_if keeps hidden.
    hidden: tuple[str, ...] = ()


def analyse(condition: Condition, questions: Mapping[str, Question], visibility_order: Sequence[str]) -> Verdict:
    """Decide whether `condition` can fire, always fires, or can fire only on hidden questions."""
    order = _closure(condition, questions, visibility_order)
    if not all(_decidable(c) for c in _conditions(condition, [questions[q] for q in order])):
        return Verdict("undecided")
    numbers = _number_constants(condition, [questions[q] for q in order])
    texts = _text_constants(condition, [questions[q] for q in order])
    scores = [s for s in condition.symbols if s.startswith(SCORE_PREFIX) or s == OVERALL_SCORE]
    score_points = _points(numbers, *SCORE_RANGE, integer=False)
    domains = [_domain(questions[q], numbers, texts, answered_only=False) for q in order]
    score_domains: list[list[Any]] = [[None, *score_points] for _ in scores]
    if _size(domains + score_domains) > MAX_CASES:
        return Verdict("undecided")
    witness = _first_firing(condition, questions, order, domains, scores, score_domains, ignore_show_if=False)
    if witness is None:
        if all(questions[q].show_if is None for q in order):
            return Verdict("never")
        relaxed = _first_firing(condition, questions, order, domains, scores, score_domains, ignore_show_if=True)
        if relaxed is not None:
            hidden = tuple(
                q for q in order if questions[q].show_if is not None and relaxed.get(q, UNANSWERED) is not UNANSWERED
            )
            return Verdict("hidden", relaxed, hidden)
        return Verdict("never")
    answered = [_domain(questions[q], numbers, texts, answered_only=True) for q in order]
    always = not any(
        not condition.evaluate(env)
        for env in _envs(questions, order, answered, scores, [score_points for _ in scores], ignore_show_if=False)
    )
    return Verdict("always" if always else "fires", witness)


def describe_witness(witness: Mapping[str, Any]) -> str:
    """The answers in a witness as a short phrase: budget = "no", "years" answered don't know."""
    parts: list[str] = []
    for name, value in witness.items():
        if value is UNANSWERED or value is None:
            continue
        if value is ANSWERED_DONT_KNOW:
            parts.append(f'{name} answered "don\'t know"')
        elif isinstance(value, tuple):
            parts.append(f"{name} = [" + ", ".join(f'"{v}"' for v in value) + "]")
        elif isinstance(value, str):
            parts.append(f'{name} = "{value}"')
        else:
            parts.append(f"{name} = {value:g}")
    return ", ".join(parts) or "no answers at all"


# -- the search ------------------------------------------------------------------------------------


def _first_firing(
    condition: Condition,
    questions: Mapping[str, Question],
    order: list[str],
    domains: list[list[Any]],
    scores: list[str],
    score_domains: list[list[Any]],
    *,
    ignore_show_if: bool,
) -> dict[str, Any] | None:
    for raw, env in _raw_and_envs(questions, order, domains, scores, score_domains, ignore_show_if=ignore_show_if):
        if condition.evaluate(env):
            return raw
    return None


def _envs(
    questions: Mapping[str, Question],
    order: list[str],
    domains: list[list[Any]],
    scores: list[str],
    score_domains: list[list[Any]],
    *,
    ignore_show_if: bool,
) -> Iterator[dict[str, Any]]:
    for _raw, env in _raw_and_envs(questions, order, domains, scores, score_domains, ignore_show_if=ignore_show_if):
        yield env


def _raw_and_envs(
    questions: Mapping[str, Question],
    order: list[str],
    domains: list[list[Any]],
    scores: list[str],
    score_domains: list[list[Any]],
    *,
    ignore_show_if: bool,
) -> Iterator[tuple[dict[str, Any], dict[str, Any]]]:
    """Every combination of raw states, with the environment scoring would build from it."""
    for combo in itertools.product(*domains, *score_domains):
        raw = dict(zip(order, combo, strict=False))
        env = _visible(questions, order, raw, ignore_show_if=ignore_show_if)
        for name, value in zip(scores, combo[len(order) :], strict=True):
            env[name] = value
            raw[name] = value
        yield raw, env


def _visible(
    questions: Mapping[str, Question], order: list[str], raw: Mapping[str, Any], *, ignore_show_if: bool
) -> dict[str, Any]:
    """The condition environment, applying show_if as `assessor.core.scoring` does."""
    env: dict[str, Any] = {DONT_KNOW: ()}
    unknown: set[str] = set()  # unanswered, "don't know", or uncertain (its show_if reads an unknown)
    dont_know: list[str] = []
    for qid in order:
        show_if = questions[qid].show_if
        if show_if is not None and not ignore_show_if:
            if any(r in unknown for r in show_if.question_ids):
                unknown.add(qid)
                env[qid] = None
                continue
            if not show_if.evaluate(env):
                env[qid] = None
                continue
        value = raw[qid]
        if value is UNANSWERED or value is ANSWERED_DONT_KNOW:
            unknown.add(qid)
            env[qid] = None
            if value is ANSWERED_DONT_KNOW:
                dont_know.append(qid)
        else:
            env[qid] = value
    env[DONT_KNOW] = tuple(dont_know)
    return env


def _size(domains: list[list[Any]]) -> int:
    total = 1
    for domain in domains:
        total *= max(len(domain), 1)
        if total > MAX_CASES:
            break
    return total


# -- domains ---------------------------------------------------------------------------------------


def _closure(condition: Condition, questions: Mapping[str, Question], visibility_order: Sequence[str]) -> list[str]:
    """The questions the condition reads and, recursively, those their show_if reads; parents first."""
    needed: set[str] = set()
    todo = list(condition.question_ids)
    while todo:
        qid = todo.pop()
        if qid in needed or qid not in questions:
            continue
        needed.add(qid)
        show_if = questions[qid].show_if
        if show_if is not None:
            todo.extend(show_if.question_ids)
    return [q for q in visibility_order if q in needed]


def _domain(q: Question, numbers: list[float], texts: list[str], *, answered_only: bool) -> list[Any]:
    values: list[Any]
    if q.type in (QuestionType.SINGLE, QuestionType.YES_PARTIAL_NO):
        values = [o.value for o in q.options]
    elif q.type is QuestionType.MULTIPLE:
        plain = [o.value for o in q.options if not o.exclusive]
        # () too: an answers file may give an empty list, which the core accepts.
        values = [(o.value,) for o in q.options if o.exclusive]
        for n in range(1, len(plain) + 1):
            values.extend(itertools.combinations(plain, n))
        values.append(())
    elif q.type is QuestionType.NUMBER:
        values = _points(numbers, q.min, q.max, integer=q.integer)
    else:
        values = [*texts, _OTHER_TEXT]
    if answered_only:
        return values
    # Real answers before "don't know": the first witness found is then the plainest to read.
    return [UNANSWERED, *values, *([ANSWERED_DONT_KNOW] if q.dont_know else [])]


def _points(constants: list[float], low: float | None, high: float | None, *, integer: bool) -> list[float]:
    """One value per stretch between the constants (and the constants themselves), within bounds."""
    inside = {c for c in constants if (low is None or c >= low) and (high is None or c <= high)}
    cuts = sorted(inside | {b for b in (low, high) if b is not None}) or [0.0]
    points = set(cuts)
    points.update((a + b) / 2 for a, b in itertools.pairwise(cuts))
    if low is None:
        points.add(cuts[0] - 1)
    if high is None:
        points.add(cuts[-1] + 1)
    if integer:
        points = {float(f(p)) for p in points for f in (math.floor, math.ceil)}
    return sorted(p for p in points if (low is None or p >= low) and (high is None or p <= high))


def _number_constants(condition: Condition, questions: list[Question]) -> list[float]:
    found: set[float] = set()
    for cond in _conditions(condition, questions):
        for node in condition_nodes(cond):
            if isinstance(node, rast.FloatExpression) and math.isfinite(node.value):
                found.add(float(node.value))
    return sorted(found)


def _text_constants(condition: Condition, questions: list[Question]) -> list[str]:
    found: dict[str, None] = {}
    for cond in _conditions(condition, questions):
        for node in condition_nodes(cond):
            if isinstance(node, rast.StringExpression):
                found[node.value] = None
    return list(found)


_STRUCTURE = (rast.LogicExpression, rast.UnaryExpression)
_COMPARISONS = (rast.ComparisonExpression, rast.ArithmeticComparisonExpression)


def _decidable(condition: Condition) -> bool:
    """True when the condition only compares answers and scores with constants.

    Then one value per stretch between those constants stands for every value in it. Arithmetic
    (`years * 2 > 5`) or comparing two answers (`a < b`) would need other values: no verdict.
    """
    for node in condition_nodes(condition):
        if isinstance(node, _COMPARISONS):
            symbols = [s for s in (node.left, node.right) if _has_symbol(s)]
            if len(symbols) != 1 or not isinstance(symbols[0], rast.SymbolExpression):
                return False
        elif isinstance(node, rast.ContainsExpression):
            if _has_symbol(node.member) and _has_symbol(node.container):
                return False
            if not all(isinstance(s, rast.SymbolExpression) for s in (node.member, node.container) if _has_symbol(s)):
                return False
        elif isinstance(node, rast.UnaryExpression) and node.type != "not" and _has_symbol(node):
            return False
        elif not isinstance(node, (*_STRUCTURE, rast.SymbolExpression)) and _has_symbol(node):
            return False
    return True


def _has_symbol(node: Any) -> bool:
    return any(isinstance(n, rast.SymbolExpression) for n in expression_nodes(node))


def _conditions(condition: Condition, questions: list[Question]) -> list[Condition]:
    return [condition, *(q.show_if for q in questions if q.show_if is not None)]
