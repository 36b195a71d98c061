"""The rule book: a RuleBook laid out for people, in one language, as plain data for templates.

Weights as shares of 100, every question with its options, points and bands, every condition in
plain words beside its text. Takes any RuleBook: the live pack, one loaded from a folder, or a
stored version once those exist. Call inside an app context with the locale forced (see wording).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask_babel import gettext

from assessor.admin.wording import Clause, describe, question_numbers
from assessor.core.rulebook import Question, QuestionType, RuleBook, Text


def _(message: str, **variables: Any) -> str:
    """The interface catalogues' translation of `message`, as a str (Flask-Babel's is untyped)."""
    return str(gettext(message, **variables))


@dataclass(frozen=True)
class OptionEntry:
    """One answer a question offers and what it earns."""

    value: str
    label: str
    points: float
    exclusive: bool


@dataclass(frozen=True)
class BandEntry:
    """Points for a number at or above `min`."""

    min: float
    points: float


@dataclass(frozen=True)
class QuestionEntry:
    """A question as the book prints it."""

    number: str
    id: str
    type_label: str
    text: str
    help: str
    unit: str
    min: float | None
    max: float | None
    dont_know: bool
    evidence: bool
    max_points: float
    not_applicable: bool
    named_text: str
    options: tuple[OptionEntry, ...]
    bands: tuple[BandEntry, ...]
    show_if: Clause | None
    show_if_text: str


@dataclass(frozen=True)
class FactorEntry:
    """A factor, its weight as a share of 100, and its questions."""

    number: int
    id: str
    title: str
    description: str
    weight: float
    share: float
    questions: tuple[QuestionEntry, ...]


@dataclass(frozen=True)
class LevelEntry:
    """A maturity level and the score that reaches it."""

    id: str
    title: str
    min_score: float
    description: str


@dataclass(frozen=True)
class GapEntry:
    """A critical gap: what it caps, how far, and when."""

    id: str
    reason: str
    caps: tuple[str, ...]
    max_level: str
    condition: Clause
    condition_text: str


@dataclass(frozen=True)
class RecommendationEntry:
    """A recommendation and its trigger."""

    id: str
    title: str
    text: str
    clause: str
    factor: str
    priority: str
    effort: str
    horizon: str
    who: tuple[str, ...]
    sources: tuple[tuple[str, str], ...]
    condition: Clause
    condition_text: str
    first_step: int | None = None


@dataclass(frozen=True)
class BookView:
    """The whole book in one language."""

    id: str
    version: str
    content_hash: str
    title: str
    description: str
    language: str
    languages: tuple[str, ...]
    levels: tuple[LevelEntry, ...]
    factors: tuple[FactorEntry, ...]
    gaps: tuple[GapEntry, ...]
    recommendations: tuple[RecommendationEntry, ...]
    question_count: int
    # How many fired recommendations a result leads with (scoring.first_steps).
    first_steps: int = 5


def question_type_label(kind: QuestionType) -> str:
    """What kind of answer a question takes, in words."""
    labels = {
        QuestionType.SINGLE: _("One answer from a list"),
        QuestionType.MULTIPLE: _("Any answers from a list"),
        QuestionType.YES_PARTIAL_NO: _("Yes, partly or no"),
        QuestionType.NUMBER: _("A number"),
        QuestionType.TEXT: _("Free text (earns no points)"),
    }
    return str(labels[kind])


def weight_shares(book: RuleBook) -> dict[str, float]:
    """Each factor's weight as a share of 100 (weights need not add up to 100)."""
    total = sum(f.weight for f in book.factors)
    return {f.id: (f.weight * 100 / total if total else 0.0) for f in book.factors}


def _text(text: Text | None, language: str) -> str:
    return text.get(language) if text is not None else ""


def _question(question: Question, number: str, book: RuleBook, language: str) -> QuestionEntry:
    show_if = question.show_if
    return QuestionEntry(
        number=number,
        id=question.id,
        type_label=question_type_label(question.type),
        text=question.text.get(language),
        help=_text(question.help, language),
        unit=_text(question.unit, language),
        min=question.min,
        max=question.max,
        dont_know=question.dont_know,
        evidence=question.evidence,
        max_points=question.max_points,
        not_applicable=question.not_applicable,
        named_text=_text(question.named_text, language),
        options=tuple(OptionEntry(o.value, o.label.get(language), o.points, o.exclusive) for o in question.options),
        bands=tuple(BandEntry(b.min, b.points) for b in question.bands),
        show_if=describe(show_if.text, book, language) if show_if is not None else None,
        show_if_text=show_if.text if show_if is not None else "",
    )


def build_book(book: RuleBook, language: str) -> BookView:
    """The rule book in `language` (texts fall back to the pack's default language)."""
    numbers = question_numbers(book)
    shares = weight_shares(book)
    factor_titles = {f.id: f.title.get(language) for f in book.factors}
    level_titles = {lv.id: lv.title.get(language) for lv in book.levels}
    actor_titles = {a.id: a.title.get(language) for a in book.actors}
    factors = tuple(
        FactorEntry(
            number=index,
            id=f.id,
            title=f.title.get(language),
            description=f.description.get(language),
            weight=f.weight,
            share=shares[f.id],
            questions=tuple(_question(q, numbers[q.id], book, language) for q in f.questions),
        )
        for index, f in enumerate(book.factors, start=1)
    )
    gaps = tuple(
        GapEntry(
            id=gap.id,
            reason=gap.reason.get(language),
            caps=tuple(factor_titles.get(c, _("Overall") if c == "overall" else c) for c in gap.caps),
            max_level=level_titles.get(gap.max_level, gap.max_level),
            condition=describe(gap.condition.text, book, language),
            condition_text=gap.condition.text,
        )
        for gap in book.critical_gaps
    )
    recommendations = tuple(
        RecommendationEntry(
            id=rec.id,
            title=rec.title.get(language),
            text=rec.text.get(language),
            clause=_text(rec.clause, language),
            factor=factor_titles.get(rec.factor_id, "") if rec.factor_id else "",
            priority=rec.priority.value,
            effort=rec.effort.value,
            horizon=rec.horizon.value,
            who=tuple(actor_titles.get(a, a) for a in rec.who),
            sources=tuple((s.title, s.url) for s in rec.sources),
            condition=describe(rec.condition.text, book, language),
            condition_text=rec.condition.text,
            first_step=rec.first_step,
        )
        for rec in book.recommendations
    )
    return BookView(
        id=book.id,
        version=book.version,
        content_hash=book.content_hash,
        title=book.title.get(language),
        description=_text(book.description, language),
        language=language,
        languages=book.languages,
        levels=tuple(
            LevelEntry(lv.id, lv.title.get(language), lv.min_score, lv.description.get(language)) for lv in book.levels
        ),
        factors=factors,
        gaps=gaps,
        recommendations=recommendations,
        question_count=len(book.questions),
        first_steps=book.scoring.first_steps,
    )
