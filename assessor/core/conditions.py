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
from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

import rule_engine
import rule_engine.ast as rast
from rule_engine import DataType

from assessor.core.kleene import collect_missing, kleene, outcomes, walk
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
    _possible_memo: dict[tuple[Any, ...], bool] = field(default_factory=dict, repr=False)
    _missing_memo: dict[tuple[Value, ...], dict[str, tuple[str, ...]]] = field(default_factory=dict, repr=False)
    # The symbols under each node of the tree, by node id: worked out once, read on every could_hold.
    _node_symbols: dict[int, tuple[str, ...]] = field(default_factory=dict, repr=False)
    # The multiple-choice questions this condition tests an option of ("a" in x), by id.
    _multiple_choice: Mapping[str, Question] = field(default_factory=dict, repr=False)
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

    def could_hold(
        self,
        env: Mapping[str, Value],
        unknown: Collection[str],
        spans: Mapping[str, tuple[float, float]],
    ) -> bool:
        """True when the condition might hold once the unknown answers are known.

        `unknown` names the questions whose answer is not known yet ("don't know", blank, or
        uncertain whether it applies): any comparison on one of them might go either way. A
        question that is null because it does not apply (hidden) stays null: a condition on it never
        comes to hold. `spans` gives, for score symbols, the lowest and highest value the score can
        take once the unknowns are known; a comparison on a score might hold anywhere in that span.
        """
        key = (
            self._key(env),
            tuple([s in unknown for s in self.symbols]),
            tuple([spans.get(s) for s in self.symbols]),
        )
        hit = self._possible_memo.get(key)
        if hit is not None:
            return hit
        thing = dict(zip(self.symbols, key[0], strict=True))
        result = outcomes(self._rule.statement.expression, thing, unknown, spans, self._node_symbols)[0]
        if len(self._possible_memo) >= _MEMO_LIMIT:
            self._possible_memo.clear()
        self._possible_memo[key] = result
        return result

    def missing_options(self, env: Mapping[str, Value]) -> dict[str, tuple[str, ...]]:
        """For a condition that holds: the options it needed that each multiple-choice answer lacks.

        `"open_licence" not in clauses` holds because the answer lacks "open_licence", so that is what
        a reason must name, not the options the answer has. Only option tests that helped make the
        condition true count (in `a or b`, only the true side). An exclusive option such as "none"
        that made `"none" in x` true stands for every other option being absent.
        """
        if not self._multiple_choice:
            return {}
        key = self._key(env)
        hit = self._missing_memo.get(key)
        if hit is not None:
            return hit
        found: dict[str, list[str]] = {}
        thing = dict(zip(self.symbols, key, strict=True))
        collect_missing(self._rule.statement.expression, thing, True, self._multiple_choice, found)
        result = {
            qid: tuple(o.value for o in self._multiple_choice[qid].options if o.value in values)
            for qid, values in found.items()
        }
        if len(self._missing_memo) >= _MEMO_LIMIT:
            self._missing_memo.clear()
        self._missing_memo[key] = result
        return result

    def evaluate(self, env: Mapping[str, Value]) -> bool:
        """True when the condition holds for these symbol values.

        A condition that cannot be decided is false: we fire advice and caps only on what the
        answers actually say (see `kleene.kleene` for what "cannot be decided" means).
        """
        key = self._key(env)
        hit = self._memo.get(key)
        if hit is not None:
            return hit
        result = kleene(self._rule.statement.expression, dict(zip(self.symbols, key, strict=True))) is True
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
    for node in walk(rule.statement.expression):
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
    # A multiple-choice answer can only be tested with `in` (== is refused above), so every one read is tested.
    multiple_choice = {
        name: q for name in symbols if (q := scope.questions.get(name)) is not None and q.type is QuestionType.MULTIPLE
    }
    return Condition(
        _multiple_choice=multiple_choice,
        text=text,
        symbols=tuple(dict.fromkeys(symbols)),
        dont_know_ids=tuple(dict.fromkeys(dont_know_ids)),
        _rule=rule,
        question_symbols=frozenset(s for s in symbols if s in scope.questions),
    )


def _resolve_item(thing: Mapping[str, Value], name: str) -> Value:
    return thing.get(name)


def condition_nodes(condition: Condition) -> Iterator[Any]:
    """Every node of a compiled condition's tree, for checks that reason about what it can do."""
    return walk(condition._rule.statement.expression)


def expression_nodes(node: Any) -> Iterator[Any]:
    """Every node of a sub-tree of a condition, the node itself first."""
    return walk(node)


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
