"""Conditions in plain words: a rule-engine syntax tree read back as sentences in the team's language.

"the answer to 3.2 is “No” or “Partly”", "the Funding score is below 40". One phrase per node,
chains of one operator flattened into "all of these hold:" / "at least one of these holds:"
lists; anything without a phrase of its own is shown as the condition's text. Call it inside an
app context with the wanted locale forced (flask_babel.force_locale): the words come from the
interface catalogues.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import rule_engine
import rule_engine.ast as rast
from babel.lists import format_list
from babel.numbers import format_decimal
from flask_babel import gettext

from assessor.core.conditions import OVERALL_SCORE, SCORE_PREFIX
from assessor.core.rulebook import DONT_KNOW, Question, QuestionType, RuleBook


def _(message: str, **variables: Any) -> str:
    """The interface catalogues' translation of `message`, as a str (Flask-Babel's is untyped)."""
    return str(gettext(message, **variables))


# A literal on the left is read as if written on the right: `40 > x` is `x < 40`.
_MIRRORED = {"gt": "lt", "ge": "le", "lt": "gt", "le": "ge", "eq": "eq", "ne": "ne"}


@dataclass(frozen=True)
class Clause:
    """A condition, or part of one, in words; a group line ("all of these hold:") has parts below it."""

    text: str
    parts: tuple[Clause, ...] = ()

    def lines(self, indent: str = "  ", depth: int = 0) -> Iterator[str]:
        """The clause as indented plain-text lines, for the command line."""
        yield f"{indent * depth}- {self.text}"
        for part in self.parts:
            yield from part.lines(indent, depth + 1)


def question_numbers(book: RuleBook) -> dict[str, str]:
    """Each question's number as the rule book prints it: factor, then question ("3.2")."""
    return {
        q.id: f"{f_index}.{q_index}"
        for f_index, factor in enumerate(book.factors, start=1)
        for q_index, q in enumerate(factor.questions, start=1)
    }


def describe(text: str, book: RuleBook, language: str) -> Clause:
    """The condition `text` (already checked by the loader) in words."""
    try:
        tree = rule_engine.Rule(text).statement.expression
    except (rule_engine.errors.EngineError, RecursionError):
        return Clause(text)
    return _Describer(book, language).clause(tree)


class _Describer:
    """Walks one tree; knows the pack's questions, factor titles and the language."""

    def __init__(self, book: RuleBook, language: str) -> None:
        self.book = book
        self.language = language
        self.numbers = question_numbers(book)
        self.factor_titles = {f.id: f.title.get(language) for f in book.factors}

    def clause(self, node: Any) -> Clause:
        if isinstance(node, rast.LogicExpression):
            return self._logic(node)
        if isinstance(node, rast.UnaryExpression) and node.type == "not":
            inner = node.right
            if isinstance(inner, rast.ContainsExpression):
                phrase = self._contains(inner, negated=True)
                if phrase is not None:
                    return Clause(phrase)
            return Clause(_("this does not hold:"), (self.clause(inner),))
        if isinstance(node, rast.ContainsExpression):
            phrase = self._contains(node, negated=False)
            if phrase is not None:
                return Clause(phrase)
        if isinstance(node, rast.ComparisonExpression | rast.ArithmeticComparisonExpression):
            phrase = self._comparison(node)
            if phrase is not None:
                return Clause(phrase)
        if isinstance(node, rast.BooleanExpression):
            return Clause(_("always") if node.value else _("never"))
        return Clause(_source(node))

    # -- and / or ---------------------------------------------------------------------------

    def _logic(self, node: Any) -> Clause:
        operands = list(_flatten(node, node.type))
        if node.type == "or":
            same = self._same_question_options(operands)
            if same is not None:
                question, values = same
                return Clause(
                    _(
                        "the answer to %(question)s is %(options)s",
                        question=self._ref(question),
                        options=self._labels(question, values, "or"),
                    )
                )
        heading = _("all of these hold:") if node.type == "and" else _("at least one of these holds:")
        return Clause(heading, tuple(self.clause(operand) for operand in operands))

    def _same_question_options(self, operands: list[Any]) -> tuple[Question, list[str]] | None:
        """`q == "a" or q == "b"` on one choice question: the question and the values, else None."""
        question: Question | None = None
        values: list[str] = []
        for operand in operands:
            if not (isinstance(operand, rast.ComparisonExpression) and operand.type == "eq"):
                return None
            oriented = _oriented(operand)
            if oriented is None or not isinstance(oriented[1], rast.StringExpression):
                return None
            found = self.book.questions.get(oriented[0])
            if found is None or found.type not in (QuestionType.SINGLE, QuestionType.YES_PARTIAL_NO):
                return None
            if question is not None and found.id != question.id:
                return None
            question = found
            values.append(oriented[1].value)
        return (question, values) if question is not None else None

    # -- comparisons ------------------------------------------------------------------------

    def _comparison(self, node: Any) -> str | None:
        oriented = _oriented(node)
        if oriented is None:
            return None
        name, literal, operator = oriented
        if name == OVERALL_SCORE or (name.startswith(SCORE_PREFIX) and name[len(SCORE_PREFIX) :] in self.factor_titles):
            return self._score(name, literal, operator)
        question = self.book.questions.get(name)
        if question is None:
            return None
        ref = self._ref(question)
        fuzzy = isinstance(node, rast.FuzzyComparisonExpression)
        if isinstance(literal, rast.NullExpression):
            if operator == "eq":
                return _("question %(question)s has no answer (unanswered, “don’t know” or not shown)", question=ref)
            if operator == "ne":
                return _("question %(question)s has an answer", question=ref)
            return None
        if fuzzy and isinstance(literal, rast.StringExpression):
            pattern = self._quoted(literal.value)
            if node.type.startswith("eq"):
                return _("the answer to %(question)s matches the pattern %(pattern)s", question=ref, pattern=pattern)
            return _("the answer to %(question)s does not match the pattern %(pattern)s", question=ref, pattern=pattern)
        if isinstance(literal, rast.StringExpression):
            if question.type is QuestionType.TEXT:
                shown = self._quoted(literal.value)
            else:
                shown = self._labels(question, [literal.value], "or")
            if operator == "eq":
                return _("the answer to %(question)s is %(options)s", question=ref, options=shown)
            if operator == "ne":
                return _("the answer to %(question)s is given and is not %(options)s", question=ref, options=shown)
            return None
        if isinstance(literal, rast.FloatExpression):
            value = self._number(literal.value, question)
            phrases = {
                "eq": _("the answer to %(question)s is %(value)s", question=ref, value=value),
                "ne": _("the answer to %(question)s is given and is not %(value)s", question=ref, value=value),
                "gt": _("the answer to %(question)s is more than %(value)s", question=ref, value=value),
                "ge": _("the answer to %(question)s is at least %(value)s", question=ref, value=value),
                "lt": _("the answer to %(question)s is less than %(value)s", question=ref, value=value),
                "le": _("the answer to %(question)s is at most %(value)s", question=ref, value=value),
            }
            return phrases.get(operator)
        return None

    def _score(self, name: str, literal: Any, operator: str) -> str | None:
        if name == OVERALL_SCORE:
            subject = _("the overall score")
        else:
            subject = _("the %(factor)s score", factor=self.factor_titles[name[len(SCORE_PREFIX) :]])
        if isinstance(literal, rast.NullExpression):
            if operator == "eq":
                return _("%(subject)s has no value (nothing in it was scored)", subject=subject)
            return _("%(subject)s has a value", subject=subject) if operator == "ne" else None
        if not isinstance(literal, rast.FloatExpression):
            return None
        value = self._number(literal.value, None)
        phrases = {
            "eq": _("%(subject)s is exactly %(value)s", subject=subject, value=value),
            "ne": _("%(subject)s is not %(value)s", subject=subject, value=value),
            "gt": _("%(subject)s is above %(value)s", subject=subject, value=value),
            "ge": _("%(subject)s is at least %(value)s", subject=subject, value=value),
            "lt": _("%(subject)s is below %(value)s", subject=subject, value=value),
            "le": _("%(subject)s is at most %(value)s", subject=subject, value=value),
        }
        return phrases.get(operator)

    def _contains(self, node: Any, *, negated: bool) -> str | None:
        container, member = node.container, node.member
        if not (isinstance(container, rast.SymbolExpression) and isinstance(member, rast.StringExpression)):
            return None
        if container.name == DONT_KNOW:
            question = self.book.questions.get(member.value)
            if question is None:
                return None
            if negated:
                return _("question %(question)s was not answered “don’t know”", question=self._ref(question))
            return _("question %(question)s was answered “don’t know”", question=self._ref(question))
        question = self.book.questions.get(container.name)
        if question is None:
            return None
        options = self._labels(question, [member.value], "and")
        if negated:
            return _(
                "the answer to %(question)s is given and does not include %(options)s",
                question=self._ref(question),
                options=options,
            )
        return _("the answer to %(question)s includes %(options)s", question=self._ref(question), options=options)

    # -- words ------------------------------------------------------------------------------

    def _ref(self, question: Question) -> str:
        return self.numbers.get(question.id, question.id)

    def _quoted(self, text: str) -> str:
        return _("“%(text)s”", text=text)

    def _labels(self, question: Question, values: list[str], style: str) -> str:
        labels = []
        for value in values:
            option = question.option(value)
            labels.append(self._quoted(option.label.get(self.language) if option is not None else value))
        return format_list(labels, style="or" if style == "or" else "standard", locale=self.language)

    def _number(self, value: Any, question: Question | None) -> str:
        number = Decimal(str(value))
        shown = format_decimal(number.normalize() if number == number.to_integral() else number, locale=self.language)
        if question is not None and question.unit is not None:
            unit = question.unit.get(self.language)
            return f"{shown} {unit}".strip()
        return shown


def _flatten(node: Any, kind: str) -> Iterator[Any]:
    """The operands of a chain of one operator (`a and b and c`), in order."""
    if isinstance(node, rast.LogicExpression) and node.type == kind:
        yield from _flatten(node.left, kind)
        yield from _flatten(node.right, kind)
    else:
        yield node


def _oriented(node: Any) -> tuple[str, Any, str] | None:
    """(symbol name, literal, operator) for a comparison of a symbol with a literal, else None."""
    left, right = node.left, node.right
    operator = str(node.type)
    base = operator.removesuffix("_fzm").removesuffix("_fzs")
    if isinstance(left, rast.SymbolExpression) and not isinstance(right, rast.SymbolExpression):
        return left.name, right, base
    if isinstance(right, rast.SymbolExpression) and not isinstance(left, rast.SymbolExpression):
        mirrored = _MIRRORED.get(base)
        return (right.name, left, mirrored) if mirrored else None
    return None


def _source(node: Any) -> str:
    """A node we have no words for, as rule-engine would write it."""
    try:
        return _render(node)
    except TypeError:  # a node kind this renderer does not know: say so rather than fail the page
        return "…"


def _render(node: Any) -> str:
    if isinstance(node, rast.SymbolExpression):
        return str(node.name)
    if isinstance(node, rast.StringExpression):
        return '"' + str(node.value).replace('"', '\\"') + '"'
    if isinstance(node, rast.FloatExpression):
        return str(node.value)
    if isinstance(node, rast.NullExpression):
        return "null"
    if isinstance(node, rast.LogicExpression):
        return f"({_render(node.left)} {node.type} {_render(node.right)})"
    if isinstance(node, rast.ComparisonExpression | rast.ArithmeticComparisonExpression):
        return f"{_render(node.left)} {node.type} {_render(node.right)}"
    raise TypeError(type(node).__name__)
