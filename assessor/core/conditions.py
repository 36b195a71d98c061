"""Conditions in a rule pack: compiled once with rule-engine, checked against the questions, evaluated safely.

A condition is a rule-engine expression over these symbols:

- each question id: the answer (text for single, yes/partial/no and text questions, a list of
  option values for multiple choice, a number for number questions), or null when the question
  is unanswered, answered "don't know" or hidden;
- `score_<factor id>`: the factor's score from 0 to 100 (null when nothing in it was scored);
- `overall_score`: the overall score;
- `dont_know`: the list of question ids answered "don't know".

rule-engine parses into its own syntax tree and never hands text to Python's `eval`, and a typed
context makes unknown names fail at compile time. We walk its tree to check what the library
cannot know: that a compared text is one of the question's option values.
"""

from __future__ import annotations

import math
import operator
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

import rule_engine
import rule_engine.ast as rast
from rule_engine import DataType

from assessor.core.rulebook import DONT_KNOW, Question, QuestionType

OVERALL_SCORE = "overall_score"
SCORE_PREFIX = "score_"
MAX_CONDITION_LENGTH = 2000
# Past this many distinct inputs a condition's memo starts afresh; it bounds memory, not speed.
_MEMO_LIMIT = 20_000

Value = Any  # str | tuple[str, ...] | float | None


class ConditionError(Exception):
    """A condition that does not compile or refers to something that does not exist."""

    def __init__(self, message: str, offset: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.offset = offset  # character offset in the condition text, where known


@dataclass(frozen=True)
class ConditionScope:
    """What a condition may refer to: the questions and factors of the pack."""

    questions: Mapping[str, Question]
    factor_ids: tuple[str, ...]
    allow_scores: bool = True  # show_if conditions may not refer to scores

    def symbol_types(self) -> dict[str, DataType]:
        """The rule-engine type of every symbol in scope."""
        types: dict[str, Any] = {}
        for q in self.questions.values():
            if q.type is QuestionType.MULTIPLE:
                types[q.id] = DataType.ARRAY(DataType.STRING)
            elif q.type is QuestionType.NUMBER:
                types[q.id] = DataType.FLOAT
            else:
                types[q.id] = DataType.STRING
        types[DONT_KNOW] = DataType.ARRAY(DataType.STRING)
        if self.allow_scores:
            for fid in self.factor_ids:
                types[SCORE_PREFIX + fid] = DataType.FLOAT
            types[OVERALL_SCORE] = DataType.FLOAT
        return types


@dataclass(eq=False)
class Condition:
    """A compiled condition with the symbols it reads; evaluation is memoised on their values."""

    text: str
    symbols: tuple[str, ...]
    dont_know_ids: tuple[str, ...]  # question ids named in `"x" in dont_know`
    _rule: rule_engine.Rule = field(repr=False)
    question_symbols: frozenset[str] = frozenset()  # the symbols that are question ids
    _memo: dict[tuple[Value, ...], bool] = field(default_factory=dict, repr=False)
    # itemgetter builds the memo key in C; it is the hot path of scoring a whole pack.
    _getter: Any = field(default=None, repr=False)
    _dont_know_index: int | None = field(default=None, repr=False)
    _question_ids: tuple[str, ...] = field(default=(), repr=False)

    def __post_init__(self) -> None:
        direct = [s for s in self.symbols if s in self.question_symbols]
        self._question_ids = tuple(dict.fromkeys([*direct, *self.dont_know_ids]))
        if self.symbols:
            self._getter = operator.itemgetter(*self.symbols)
        if DONT_KNOW in self.symbols:
            self._dont_know_index = self.symbols.index(DONT_KNOW)

    def _key(self, env: Mapping[str, Value]) -> tuple[Value, ...]:
        getter = self._getter
        if getter is None:
            key = tuple([env.get(s) for s in self.symbols])
        else:
            try:
                got = getter(env)
            except KeyError:  # an env without every symbol (show_if while resolving): slow path
                key = tuple([env.get(s) for s in self.symbols])
            else:
                key = got if len(self.symbols) > 1 else (got,)
        if self._dont_know_index is not None:
            # Only the ids this condition names matter: keep the memo key small and reusable.
            every = key[self._dont_know_index] or ()
            named = tuple(qid for qid in self.dont_know_ids if qid in every)
            key = (*key[: self._dont_know_index], named, *key[self._dont_know_index + 1 :])
        return key

    @property
    def question_ids(self) -> tuple[str, ...]:
        """The question ids this condition reads, directly or through `dont_know`."""
        return self._question_ids

    def evaluate(self, env: Mapping[str, Value]) -> bool:
        """True when the condition holds for these symbol values.

        A condition that cannot be decided is false: we fire advice and caps only on what the
        answers actually say (see `_kleene` for what "cannot be decided" means).
        """
        key = self._key(env)
        hit = self._memo.get(key)
        if hit is not None:
            return hit
        result = _kleene(self._rule.statement.expression, dict(zip(self.symbols, key, strict=True))) is True
        if len(self._memo) >= _MEMO_LIMIT:
            self._memo.clear()
        self._memo[key] = result
        return result


def compile_condition(text: str, scope: ConditionScope) -> Condition:
    """Compile and check a condition; raise ConditionError naming what is wrong."""
    if not text.strip():
        raise ConditionError("the condition is empty")
    if len(text) > MAX_CONDITION_LENGTH:
        raise ConditionError(f"the condition is longer than {MAX_CONDITION_LENGTH} characters")
    types = scope.symbol_types()
    context = rule_engine.Context(
        type_resolver=rule_engine.type_resolver_from_dict(types),
        resolver=_resolve_item,
    )
    try:
        rule = rule_engine.Rule(text, context=context)
    except rule_engine.errors.SymbolResolutionError as exc:
        raise ConditionError(_unknown_symbol_message(exc.symbol_name, scope)) from None
    except rule_engine.errors.RuleSyntaxError as exc:
        raise ConditionError(_syntax_message(exc), _syntax_offset(exc)) from None
    except rule_engine.errors.EngineError as exc:
        hint = ""
        if "mismatch" in exc.message:
            hint = " (a text answer compared with a number, or a number with a text?)"
        raise ConditionError(f"the condition does not type-check: {exc.message}{hint}") from None
    except RecursionError:
        raise ConditionError("the condition is nested too deeply") from None
    except Exception as exc:
        raise ConditionError(f"the condition could not be compiled ({type(exc).__name__})") from None

    symbols: list[str] = []
    dont_know_ids: list[str] = []
    allowed_dont_know: set[int] = set()
    for node in _walk(rule.statement.expression):
        if isinstance(node, rast.ContainsExpression) and isinstance(node.member, rast.StringExpression):
            allowed_dont_know.add(id(node.container))
        if isinstance(node, rast.SymbolExpression):
            if node.scope is not None:
                raise ConditionError(f"built-in symbol '${node.name}' is not allowed in conditions")
            if node.name == DONT_KNOW and id(node) not in allowed_dont_know:
                # Only membership tests: the memo keys on the ids a condition names, not the whole list.
                raise ConditionError("use dont_know only as '\"<question id>\" in dont_know'")
            symbols.append(node.name)
        _check_node(node, scope, dont_know_ids)
    return Condition(
        text=text,
        symbols=tuple(dict.fromkeys(symbols)),
        dont_know_ids=tuple(dict.fromkeys(dont_know_ids)),
        _rule=rule,
        question_symbols=frozenset(s for s in symbols if s in scope.questions),
    )


def _kleene(node: Any, thing: Mapping[str, Value]) -> bool | None:
    """Evaluate with three-valued logic: True, False, or None for "unknown".

    A comparison that reads an unknown answer (null: unanswered, "don't know" or hidden) is
    unknown, not false: so `a < 2 or b == "x"` holds when b is "x" whatever a is, and
    `a != "yes"` does not fire for a question nobody answered. `and`, `or` and `not` combine
    unknowns as in SQL. Everything else is evaluated by rule-engine itself, node by node.
    """
    if isinstance(node, rast.LogicExpression):
        left = _kleene(node.left, thing)
        if node.type == "and":
            if left is False:
                return False
            right = _kleene(node.right, thing)
            if right is False:
                return False
            return True if (left is True and right is True) else None
        if left is True:
            return True
        right = _kleene(node.right, thing)
        if right is True:
            return True
        return False if (left is False and right is False) else None
    if isinstance(node, rast.UnaryExpression) and node.type == "not":
        inner = _kleene(node.right, thing)
        return None if inner is None else not inner
    if isinstance(node, rast.ComparisonExpression) and _compares_unknown(node, thing):
        return None
    try:
        return bool(node.evaluate(thing))
    except (rule_engine.errors.EngineError, TypeError, ArithmeticError, ValueError, KeyError):
        return None


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


def _resolve_item(thing: Mapping[str, Value], name: str) -> Value:
    return thing.get(name)


def _walk(node: Any) -> Iterator[Any]:
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


def condition_nodes(condition: Condition) -> Iterator[Any]:
    """Every node of a compiled condition's tree, for checks that reason about what it can do."""
    return _walk(condition._rule.statement.expression)


def expression_nodes(node: Any) -> Iterator[Any]:
    """Every node of a sub-tree of a condition, the node itself first."""
    return _walk(node)


def _check_node(node: Any, scope: ConditionScope, dont_know_ids: list[str]) -> None:
    """Check comparisons between a question and a literal against the question's definition."""
    if isinstance(node, rast.FuzzyComparisonExpression):
        # Refused rather than run: rule-engine matches with Python's backtracking `re`, where a
        # pattern such as (a+)+$ takes hours on a 30-character answer; and a pattern's truth
        # cannot be enumerated, so the loader could not tell whether the condition can fire.
        raise ConditionError(
            "regular expressions (=~, !~, =~~, !~~) are not allowed in conditions: some patterns take "
            'hours to match; compare with == or != instead (text == "exact answer")'
        )
    if isinstance(node, rast.FloatExpression) and not math.isfinite(node.value):
        shown = "nan" if node.value != node.value else ("inf" if node.value > 0 else "-inf")
        raise ConditionError(f"'{shown}' is not a finite number; compare with a number such as 0 or 100")
    if isinstance(node, rast.ComparisonExpression | rast.ArithmeticComparisonExpression):
        for sym, lit in ((node.left, node.right), (node.right, node.left)):
            if isinstance(sym, rast.SymbolExpression):
                _check_comparison(
                    sym.name, lit, scope, arithmetic=isinstance(node, rast.ArithmeticComparisonExpression)
                )
    elif isinstance(node, rast.ContainsExpression):
        container, member = node.container, node.member
        if isinstance(container, rast.SymbolExpression) and isinstance(member, rast.StringExpression):
            if container.name == DONT_KNOW:
                q = scope.questions.get(member.value)
                if q is None:
                    raise ConditionError(f"'{member.value}' in dont_know: no question has the id '{member.value}'")
                if not q.dont_know:
                    raise ConditionError(
                        f"'{member.value}' in dont_know: question '{q.id}' does not offer \"don't know\""
                    )
                dont_know_ids.append(q.id)
            else:
                q = scope.questions.get(container.name)
                if q is not None and q.option(member.value) is None:
                    raise ConditionError(
                        f"'{member.value}' is not an option of question '{q.id}'; expected one of: {_option_list(q)}"
                    )
        elif isinstance(member, rast.SymbolExpression) and isinstance(container, rast.ArrayExpression):
            # `x in ["a", "b"]` is `x == "a" or x == "b"`: each text is checked as == would be.
            for element in container.value or ():
                _check_comparison(member.name, element, scope, arithmetic=False)


def _check_comparison(name: str, other: Any, scope: ConditionScope, *, arithmetic: bool) -> None:
    q = scope.questions.get(name)
    numeric = (q is not None and q.type is QuestionType.NUMBER) or (q is None and name != DONT_KNOW)
    if isinstance(other, rast.StringExpression):
        if numeric:
            raise ConditionError(f"'{name}' is a number and cannot be compared with the text \"{other.value}\"")
        if q is None:
            return
        if arithmetic:
            raise ConditionError(f"'{name}' is not a number; use == or != to compare it")
        if q.type in (QuestionType.SINGLE, QuestionType.YES_PARTIAL_NO) and q.option(other.value) is None:
            hint = f' (to test "don\'t know", write \'"{q.id}" in dont_know\')' if other.value == DONT_KNOW else ""
            raise ConditionError(
                f"\"{other.value}\" is not an option of question '{q.id}'; expected one of: {_option_list(q)}{hint}"
            )
        if q.type is QuestionType.MULTIPLE:
            raise ConditionError(
                f"'{q.id}' is a multiple-choice question: write '\"{other.value}\" in {q.id}' to test one option"
            )
    elif isinstance(other, rast.FloatExpression) and not numeric:
        raise ConditionError(f"'{name}' is not a number and cannot be compared with {other.value}")


def _option_list(q: Question) -> str:
    return ", ".join(f'"{o.value}"' for o in q.options)


def _unknown_symbol_message(name: str, scope: ConditionScope) -> str:
    if name.startswith(SCORE_PREFIX) or name == OVERALL_SCORE:
        if not scope.allow_scores:
            return f"'{name}': a show_if condition can refer to answers only, not to scores"
        return f"unknown factor in '{name}'; expected score_ followed by one of: " + ", ".join(scope.factor_ids)
    return (
        f"unknown question or factor id '{name}'; expected a question id, score_<factor id>, overall_score or dont_know"
    )


def _syntax_message(exc: rule_engine.errors.RuleSyntaxError) -> str:
    token = exc.token
    if token is None:
        return "the condition is incomplete (it ends too early)"
    value = str(getattr(token, "value", ""))[:20]
    if value.startswith("="):
        return f"syntax error at '{value}': to compare, write == (a single = is not allowed)"
    return f"syntax error at '{value}'"


def _syntax_offset(exc: rule_engine.errors.RuleSyntaxError) -> int | None:
    token = exc.token
    pos = getattr(token, "lexpos", None)
    return pos if isinstance(pos, int) else None
