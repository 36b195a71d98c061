"""The RuleBook: a loaded, validated, frozen rule pack, as the scoring core sees it.

Nothing here reads files; `assessor.loading` builds a RuleBook from YAML and hands it over.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from assessor.core.conditions import Condition

DONT_KNOW = "dont_know"
# The answer "not applicable", offered only where a question says so: it leaves the question out
# of its factor's score and maximum without lowering confidence (unlike "don't know").
NOT_APPLICABLE = "not_applicable"
# Where a question's `named_text` puts the name of the system being assessed. Filled by plain
# text replacement (`Question.asked`), never str.format: the name is what a respondent typed.
SYSTEM_PLACEHOLDER = "{system}"


class QuestionType(StrEnum):
    """The kinds of question a rule pack can ask."""

    SINGLE = "single"
    MULTIPLE = "multiple"
    YES_PARTIAL_NO = "yes_partial_no"
    NUMBER = "number"
    TEXT = "text"


class Priority(StrEnum):
    """How urgent a recommendation is; the order here is the order in reports."""

    CRITICAL = "critical"
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


class Effort(StrEnum):
    """How much work a recommendation takes."""

    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


class Horizon(StrEnum):
    """When a recommendation can be delivered."""

    QUICK_WIN = "quick_win"  # within six months
    MEDIUM_TERM = "medium_term"  # six to eighteen months
    STRUCTURAL = "structural"  # longer: laws, institutions, budgets


class MissingAnswerPolicy(StrEnum):
    """How a "don't know" or an unanswered question enters a factor's score."""

    EXCLUDE = "exclude"  # left out of the score; lowers confidence only
    ZERO = "zero"  # scored as zero points out of the maximum


PRIORITY_RANK = {p: i for i, p in enumerate(Priority)}
HORIZON_RANK = {h: i for i, h in enumerate(Horizon)}


@dataclass(frozen=True)
class Text:
    """A text in one or more languages, with a fallback chain."""

    by_language: Mapping[str, str]
    default_language: str

    def get(self, language: str | None = None) -> str:
        """The text in `language`, else in the pack's default language, else any."""
        if language and language in self.by_language:
            return self.by_language[language]
        if self.default_language in self.by_language:
            return self.by_language[self.default_language]
        return next(iter(self.by_language.values()), "")

    def languages(self) -> frozenset[str]:
        """The languages this text is written in."""
        return frozenset(self.by_language)


@dataclass(frozen=True)
class Option:
    """One answer a choice question offers."""

    value: str
    label: Text
    points: float
    exclusive: bool = False  # multiple choice: may only be chosen alone ("none of these")


@dataclass(frozen=True)
class Band:
    """Points for a number at or above `min`."""

    min: float
    points: float


@dataclass(frozen=True)
class Question:
    """A question in a factor, with how its answer earns points."""

    id: str
    factor_id: str
    type: QuestionType
    text: Text
    help: Text | None
    options: tuple[Option, ...]
    dont_know: bool
    evidence: bool
    evidence_hint: Text | None
    show_if: Condition | None
    unit: Text | None = None
    min: float | None = None
    max: float | None = None
    integer: bool = False
    bands: tuple[Band, ...] = ()
    max_points_cap: float | None = None
    max_length: int = 5000
    # Ids this question had in earlier versions of the pack: their answers carry over to it.
    renamed_from: tuple[str, ...] = ()
    # Offer "not applicable": an honest answer for this question in some governments (see NOT_APPLICABLE).
    not_applicable: bool = False
    # The question as asked when the respondent named the system assessed: `text` with SYSTEM_PLACEHOLDER.
    named_text: Text | None = None

    # Derived once, at construction: scoring reads these for every question of every assessment,
    # and a frozen dataclass field is cheaper to read than a cached_property.
    max_points: float = field(init=False, repr=False, compare=False)
    min_points: float = field(init=False, repr=False, compare=False)
    _options_by_value: Mapping[str, Option] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "max_points", self._max_points())
        object.__setattr__(self, "min_points", self._min_points())
        object.__setattr__(self, "_options_by_value", {o.value: o for o in self.options})

    def _max_points(self) -> float:
        """The most points an answer to this question can earn."""
        if self.type is QuestionType.TEXT:
            return 0.0
        if self.type is QuestionType.NUMBER:
            return max((b.points for b in self.bands), default=0.0)
        if self.type is QuestionType.MULTIPLE:
            total = sum(o.points for o in self.options if not o.exclusive)
            best_alone = max((o.points for o in self.options if o.exclusive), default=0.0)
            best = max(total, best_alone)
            return min(best, self.max_points_cap) if self.max_points_cap is not None else best
        return max((o.points for o in self.options), default=0.0)

    def _min_points(self) -> float:
        """The fewest points a valid answer can earn: the worst answer, when a range is worked out."""
        if self.type is QuestionType.TEXT:
            return 0.0
        if self.type is QuestionType.NUMBER:
            # A number earns the points of the highest band it reaches; below the first band, none.
            lowest = self.min if self.min is not None else -math.inf
            highest = self.max if self.max is not None else math.inf
            at_lowest = 0.0
            for band in self.bands:
                if lowest >= band.min:
                    at_lowest = band.points
            return min((at_lowest, *(b.points for b in self.bands if lowest < b.min <= highest)))
        if self.type is QuestionType.MULTIPLE:
            # Ticking nothing is a valid answer; an exclusive option on its own may earn less only
            # if a pack gave it negative points, which the loader refuses.
            return min((0.0, *(o.points for o in self.options if o.exclusive)))
        return min((o.points for o in self.options), default=0.0)

    def option(self, value: str) -> Option | None:
        """The option with this value, if the question offers it."""
        return self._options_by_value.get(value)

    def asked(self, language: str | None = None, system: str = "") -> str:
        """The question as the respondent reads it: naming `system` where the pack has a wording for that.

        Plain replacement, so braces or percent signs in the name are only text; escaping for a
        page or a PDF is the template's job, as for any text.
        """
        name = system.strip()
        if name and self.named_text is not None:
            return self.named_text.get(language).replace(SYSTEM_PLACEHOLDER, name)
        return self.text.get(language)


@dataclass(frozen=True)
class Level:
    """A maturity level, reached from `min_score` upwards."""

    id: str
    title: Text
    min_score: float
    description: Text


@dataclass(frozen=True)
class Factor:
    """A readiness factor: weighted, with its questions in order."""

    id: str
    title: Text
    description: Text
    weight: float
    questions: tuple[Question, ...]
    level_descriptions: Mapping[str, Text] = field(default_factory=dict)


@dataclass(frozen=True)
class Actor:
    """Who acts on a recommendation (a ministry of finance, a procurement authority...)."""

    id: str
    title: Text


@dataclass(frozen=True)
class Source:
    """A published source behind a recommendation."""

    title: str
    url: str


@dataclass(frozen=True)
class CriticalGap:
    """A blocker: when its condition holds, the named levels cannot rise above `max_level`."""

    id: str
    condition: Condition
    caps: tuple[str, ...]  # factor ids, and/or "overall"
    max_level: str
    reason: Text


@dataclass(frozen=True)
class Recommendation:
    """An action that fires when its condition holds."""

    id: str
    title: Text
    text: Text
    condition: Condition
    priority: Priority
    effort: Effort
    horizon: Horizon
    who: tuple[str, ...]
    factor_id: str | None
    sources: tuple[Source, ...]
    clause: Text | None = None
    # Its rank among the "first steps" a result leads with (1 leads); None: it leads only to fill places.
    first_step: int | None = None


@dataclass(frozen=True)
class ExampleExpectation:
    """What a worked example must produce."""

    overall_level: str | None
    factor_levels: Mapping[str, str]
    fires: tuple[str, ...]
    not_fires: tuple[str, ...]
    gaps: tuple[str, ...] | None
    first_steps: tuple[str, ...] | None = None


@dataclass(frozen=True)
class WorkedExample:
    """A named set of answers with the result the policy team expects."""

    id: str
    title: Text
    answers: Mapping[str, object]
    evidence: Mapping[str, object]
    expect: ExampleExpectation


@dataclass(frozen=True)
class ScoringPolicy:
    """Pack-wide choices about missing answers and evidence."""

    dont_know: MissingAnswerPolicy = MissingAnswerPolicy.EXCLUDE
    unanswered: MissingAnswerPolicy = MissingAnswerPolicy.EXCLUDE
    # An answer given without the evidence the question asks for counts this much
    # towards confidence: the answer is probably right but nobody can check it.
    missing_evidence_credit: float = 0.5
    # Below this confidence (0-100) a level is provisional: too much is unknown to state it as final.
    min_confidence: float = 60.0
    # How many fired recommendations a result leads with as "first steps" (see core.first_steps).
    first_steps: int = 5


@dataclass(frozen=True)
class RuleBook:
    """A whole rule pack, validated, with every condition compiled."""

    id: str
    title: Text
    version: str
    content_hash: str
    languages: tuple[str, ...]
    default_language: str
    description: Text | None
    levels: tuple[Level, ...]
    factors: tuple[Factor, ...]
    actors: tuple[Actor, ...]
    critical_gaps: tuple[CriticalGap, ...]
    recommendations: tuple[Recommendation, ...]
    examples: tuple[WorkedExample, ...]
    scoring: ScoringPolicy
    # Question ids in an order where every show_if refers only to questions before it.
    visibility_order: tuple[str, ...] = ()

    questions: Mapping[str, Question] = field(init=False, repr=False, compare=False)
    # A question's earlier ids (its `renamed_from`) to its id now.
    renames: Mapping[str, str] = field(init=False, repr=False, compare=False)
    _factors_by_id: Mapping[str, Factor] = field(init=False, repr=False, compare=False)
    _level_ranks: Mapping[str, int] = field(init=False, repr=False, compare=False)
    # Recommendations in the order results list them: priority, then horizon, then pack order.
    recommendations_in_order: tuple[Recommendation, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Every question by id, in questionnaire order; and indexes scoring uses on every call.
        object.__setattr__(self, "questions", {q.id: q for f in self.factors for q in f.questions})
        object.__setattr__(self, "renames", {old: q.id for q in self.questions.values() for old in q.renamed_from})
        object.__setattr__(self, "_factors_by_id", {f.id: f for f in self.factors})
        object.__setattr__(self, "_level_ranks", {lv.id: i for i, lv in enumerate(self.levels)})
        ordered = sorted(
            enumerate(self.recommendations),
            key=lambda item: (PRIORITY_RANK[item[1].priority], HORIZON_RANK[item[1].horizon], item[0]),
        )
        object.__setattr__(self, "recommendations_in_order", tuple(rec for _i, rec in ordered))

    def factor(self, factor_id: str) -> Factor:
        """The factor with this id."""
        return self._factors_by_id[factor_id]

    def level(self, level_id: str) -> Level:
        """The level with this id."""
        for lv in self.levels:
            if lv.id == level_id:
                return lv
        raise KeyError(level_id)

    def level_for(self, score: float) -> Level:
        """The highest level whose threshold the score reaches."""
        reached = self.levels[0]
        for lv in self.levels:
            if score >= lv.min_score:
                reached = lv
        return reached

    def level_rank(self, level_id: str) -> int:
        """The position of a level, lowest first."""
        return self._level_ranks[level_id]
