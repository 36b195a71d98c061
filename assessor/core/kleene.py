"""Evaluating a compiled condition's syntax tree: three-valued, and what unknown answers could make of it.

`kleene` evaluates with true, false and unknown (a null answer); `outcomes` tells whether a
condition could still come out true once unknown answers are known; `collect_missing` finds the
options whose absence made a condition true. Pure functions over rule-engine's tree: no state.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping
from typing import Any

import rule_engine
import rule_engine.ast as rast

from assessor.core.rulebook import Question

Value = Any  # str | tuple[str, ...] | float | None


def kleene(node: Any, thing: Mapping[str, Value]) -> bool | None:
    """Evaluate with three-valued logic: True, False, or None for "unknown".

    A comparison that reads an unknown answer (null: unanswered, "don't know" or hidden) is
    unknown, not false: so `a < 2 or b == "x"` holds when b is "x" whatever a is, and
    `a != "yes"` does not fire for a question nobody answered. `and`, `or` and `not` combine
    unknowns as in SQL. Everything else is evaluated by rule-engine itself, node by node.
    """
    if isinstance(node, rast.LogicExpression):
        left = kleene(node.left, thing)
        if node.type == "and":
            if left is False:
                return False
            right = kleene(node.right, thing)
            if right is False:
                return False
            return True if (left is True and right is True) else None
        if left is True:
            return True
        right = kleene(node.right, thing)
        if right is True:
            return True
        return False if (left is False and right is False) else None
    if isinstance(node, rast.UnaryExpression) and node.type == "not":
        inner = kleene(node.right, thing)
        return None if inner is None else not inner
    if isinstance(node, rast.ComparisonExpression) and _compares_unknown(node, thing):
        return None
    try:
        return bool(node.evaluate(thing))
    except (rule_engine.errors.EngineError, TypeError, ArithmeticError, ValueError, KeyError):
        return None


def outcomes(
    node: Any,
    thing: Mapping[str, Value],
    unknown: Collection[str],
    spans: Mapping[str, tuple[float, float]],
    node_symbols: dict[int, tuple[str, ...]],
) -> tuple[bool, bool]:
    """Whether the node could come out true, and whether it could come out false, once unknowns are known.

    `and`, `or` and `not` combine these as three-valued logic does (treating the operands as
    independent, which can only widen what is possible). Any other node is a leaf: one that reads an
    unknown answer could go either way; one that reads a score with a span is tried at both ends
    and at its value; any other is evaluated, and a leaf that stays undecided with everything known
    (it reads a question that does not apply) can come out neither true nor false.
    """
    if isinstance(node, rast.LogicExpression):
        left_true, left_false = outcomes(node.left, thing, unknown, spans, node_symbols)
        right_true, right_false = outcomes(node.right, thing, unknown, spans, node_symbols)
        if node.type == "and":
            return left_true and right_true, left_false or right_false
        return left_true or right_true, left_false and right_false
    if isinstance(node, rast.UnaryExpression) and node.type == "not":
        inner_true, inner_false = outcomes(node.right, thing, unknown, spans, node_symbols)
        return inner_false, inner_true
    tests_null = isinstance(node, rast.ComparisonExpression) and (
        isinstance(node.left, rast.NullExpression) or isinstance(node.right, rast.NullExpression)
    )
    names = node_symbols.get(id(node))
    if names is None:
        names = node_symbols[id(node)] = tuple(n.name for n in walk(node) if isinstance(n, rast.SymbolExpression))
    if not tests_null and any(name in unknown for name in names):
        return True, True
    results = {kleene(node, thing)}
    for name in names:
        span = spans.get(name)
        if span is not None:
            for end in span:
                results.add(kleene(node, {**thing, name: end}))
    return True in results, False in results


def collect_missing(
    node: Any, thing: Mapping[str, Value], want: bool, questions: Mapping[str, Question], found: dict[str, list[str]]
) -> None:
    """Gather the options whose absence makes `node` come out as `want` (see `Condition.missing_options`)."""
    if isinstance(node, rast.LogicExpression):
        sides = [side for side in (node.left, node.right) if kleene(side, thing) is want]
        both_needed = (node.type == "and") is want  # a true "and" or a false "or" rests on both sides
        if both_needed and len(sides) < 2:
            return
        for side in sides:
            collect_missing(side, thing, want, questions, found)
        return
    if isinstance(node, rast.UnaryExpression) and node.type == "not":
        collect_missing(node.right, thing, not want, questions, found)
        return
    if not (
        isinstance(node, rast.ContainsExpression)
        and isinstance(node.member, rast.StringExpression)
        and isinstance(node.container, rast.SymbolExpression)
    ):
        return
    question = questions.get(node.container.name)
    chosen = thing.get(node.container.name)
    if question is None or chosen is None:
        return
    member = node.member.value
    if not want and member not in chosen:
        found.setdefault(question.id, []).append(member)
    elif want and member in chosen and (option := question.option(member)) is not None and option.exclusive:
        found.setdefault(question.id, []).extend(o.value for o in question.options if not o.exclusive)


def _compares_unknown(node: Any, thing: Mapping[str, Value]) -> bool:
    """True for `symbol == value` or `symbol != value` where the symbol is null (tests of null itself excepted)."""
    for side, other in ((node.left, node.right), (node.right, node.left)):
        if (
            isinstance(side, rast.SymbolExpression)
            and thing.get(side.name) is None
            and not isinstance(other, rast.NullExpression)
        ):
            return True
    return False


def walk(node: Any) -> Iterator[Any]:
    """Every node of a rule-engine tree, depth first, left operands before right ones."""
    stack = [node]
    seen: set[int] = set()
    while stack:
        current = stack.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        yield current
        children: list[Any] = []
        # rule-engine keeps some children in slots or properties, so look at every public attribute;
        # dir() is alphabetical, which puts left before right and container before member.
        for name in dir(current):
            if name.startswith("_"):
                continue
            try:
                value = getattr(current, name)
            except Exception:  # a property that cannot be read holds no child
                continue
            if isinstance(value, rast.ExpressionBase):
                children.append(value)
            elif isinstance(value, tuple | list):
                children.extend(v for v in value if isinstance(v, rast.ExpressionBase))
        stack.extend(reversed(children))
