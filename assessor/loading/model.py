"""The rule pack file format as pydantic models: the one definition behind validation and the JSON Schema.

Every key is documented here (the `description`s end up in the schema an editor shows) and in
`rules/README.md`. Cross-references (ids used in conditions, caps, examples) are checked after
this, in `assessor.loading.rulepack`, because they span files.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, PlainValidator, WithJsonSchema

ID_PATTERN = r"^[a-z][a-z0-9_]{0,62}$"
LANGUAGE_PATTERN = r"^[a-z]{2,3}(-[A-Z]{2})?$"
Identifier = Annotated[str, Field(pattern=ID_PATTERN)]


def _text(value: Any) -> str | dict[str, str]:
    if isinstance(value, str):
        if not value.strip():
            raise ValueError("the text is empty")
        return value
    if isinstance(value, dict) and value:
        for lang, text in value.items():
            if not isinstance(lang, str) or not _is_language(lang):
                raise ValueError(f"'{lang}' is not a language code such as en, es, pt or fr")
            if not isinstance(text, str) or not text.strip():
                raise ValueError(f"the {lang} text is empty")
        return value
    raise ValueError("expected a text, or a map of language code to text (en: ..., es: ...)")


def _is_language(code: str) -> bool:
    import re

    return re.fullmatch(LANGUAGE_PATTERN, code) is not None


Text = Annotated[
    str | dict[str, str],
    PlainValidator(_text),
    WithJsonSchema(
        {
            "description": "A text in one language, or a map of language code to text.",
            "anyOf": [
                {"type": "string", "minLength": 1},
                {
                    "type": "object",
                    "propertyNames": {"pattern": LANGUAGE_PATTERN},
                    "additionalProperties": {"type": "string", "minLength": 1},
                    "minProperties": 1,
                },
            ],
        }
    ),
]


class _Strict(BaseModel):
    # allow_inf_nan: `max: nan` or `weight: inf` would make every comparison and sum meaningless.
    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)


class PackMeta(_Strict):
    """Who made the rule pack and which version it is."""

    id: Identifier = Field(description="A stable identifier for the pack, e.g. oss_readiness.")
    title: Text = Field(description="The pack's name as shown to respondents.")
    version: str = Field(min_length=1, max_length=40, description="The version; every assessment and PDF records it.")
    languages: list[Annotated[str, Field(pattern=LANGUAGE_PATTERN)]] = Field(
        min_length=1, description="The languages every text is written in; the first is the default."
    )
    description: Text | None = Field(None, description="What the assessment covers, in a sentence or two.")
    publisher: str | None = Field(None, description="Who maintains the pack.")


class Scoring(_Strict):
    """How missing answers and missing evidence count."""

    dont_know: Literal["exclude", "zero"] = Field(
        "exclude",
        description='exclude: a "don\'t know" is left out of the score (it lowers confidence); zero: it scores 0.',
    )
    unanswered: Literal["exclude", "zero"] = Field(
        "exclude", description="exclude: an unanswered question is left out of the score; zero: it scores 0."
    )
    missing_evidence_credit: float = Field(
        0.5,
        ge=0,
        le=1,
        description="How much an answer counts towards confidence when evidence is asked for and none is given.",
    )
    min_confidence: float = Field(
        60,
        ge=0,
        le=100,
        description=(
            "The confidence (0-100) below which levels are shown as provisional: too little is known "
            "to state them as final."
        ),
    )
    first_steps: int = Field(
        5,
        ge=0,
        le=10,
        description=(
            "How many fired recommendations the result page and the report's summary lead with, as "
            "'first steps': those with a first_step rank first (lowest rank leading), then the others "
            "by priority. 0 shows no first steps."
        ),
    )


class LevelModel(_Strict):
    """A maturity level."""

    id: Identifier
    title: Text
    min_score: float = Field(ge=0, le=100, description="The lowest score (0-100) that reaches this level.")
    description: Text = Field(description="What a government at this level looks like.")


class Actor(_Strict):
    """Someone who acts on recommendations."""

    id: Identifier
    title: Text


class OptionModel(_Strict):
    """An answer a choice question offers."""

    value: Annotated[str, Field(min_length=1, max_length=60, pattern=r"^[A-Za-z0-9_.-]+$")] = Field(
        description="The stored value; conditions compare with it. Always text, even if it looks like a number."
    )
    label: Text
    points: float = Field(0, ge=0, le=1000, description="Points this answer earns.")
    exclusive: bool = Field(
        False, description="Multiple choice only: this option can only be chosen alone (e.g. 'none of these')."
    )


class BandModel(_Strict):
    """Points for a number at or above a threshold."""

    min: float = Field(description="The band starts at this value (inclusive).")
    points: float = Field(ge=0, le=1000)


class QuestionModel(_Strict):
    """A question; its type decides which other keys apply."""

    id: Identifier = Field(description="Unique across the pack; conditions refer to the answer by this id.")
    type: Literal["single", "multiple", "yes_partial_no", "number", "text"]
    text: Text = Field(description="The question as the respondent reads it.")
    help: Text | None = Field(None, description="Why it matters and how to answer.")
    options: list[OptionModel] | None = Field(
        None,
        description=(
            "single and multiple: the answers offered. yes_partial_no: optional, to change the default "
            "labels or points (yes 2, partial 1, no 0)."
        ),
    )
    dont_know: bool = Field(True, description='Offer "don\'t know".')
    not_applicable: bool = Field(
        False,
        description=(
            'Offer "not applicable", where some governments can honestly say the question does not '
            "concern them (no product chosen yet, a national-only arrangement). It leaves the question "
            "out of the score and its factor's maximum, without lowering confidence."
        ),
    )
    named_text: Text | None = Field(
        None,
        description=(
            "The question as asked when the respondent named the system assessed on the start page: "
            "{system} stands for that name, in every language. Without a name, text is asked."
        ),
    )
    evidence: bool = Field(False, description="Ask for evidence (a text and an optional link).")
    evidence_hint: Text | None = Field(
        None, description="What evidence to cite, e.g. 'the budget line in the 2026 law'."
    )
    show_if: str | None = Field(None, description="Ask only when this condition holds (answers only, no scores).")
    unit: Text | None = Field(None, description="number: the unit shown beside the field.")
    min: float | None = Field(None, description="number: the smallest accepted value.")
    max: float | None = Field(None, description="number: the largest accepted value.")
    integer: bool = Field(False, description="number: only whole numbers.")
    bands: list[BandModel] | None = Field(None, description="number: points by threshold, lowest first.")
    max_points: float | None = Field(None, gt=0, description="multiple: cap on the summed points.")
    max_length: int = Field(5000, ge=1, le=5000, description="text: the longest accepted answer.")
    renamed_from: list[Identifier] | None = Field(
        None,
        description=(
            "Ids this question had in earlier versions of the pack. Answers given under an old id carry "
            "over to this question when a draft moves to this version, and answers files may use them."
        ),
    )


class FactorModel(_Strict):
    """A readiness factor and its questions."""

    id: Identifier
    title: Text
    description: Text
    weight: float = Field(gt=0, le=100, description="The factor's weight in the overall score.")
    levels: dict[str, Text] | None = Field(
        None, description="Optional: what each level looks like for this factor, by level id."
    )
    questions: list[QuestionModel] = Field(min_length=1)


class CriticalGapModel(_Strict):
    """A blocker that caps levels whatever the score."""

    id: Identifier
    condition: str = Field(min_length=1)
    caps: list[str] = Field(min_length=1, description="Factor ids, and/or 'overall'.")
    max_level: Identifier = Field(description="The highest level the capped factors (or overall) can reach.")
    reason: Text = Field(description="Shown to the respondent: why the level is capped.")


class SourceModel(_Strict):
    """A published source."""

    title: str = Field(min_length=1)
    url: Annotated[str, Field(pattern=r"^https?://\S+$")]


class RecommendationModel(_Strict):
    """An action, fired by a condition."""

    id: Identifier
    title: Text
    text: Text
    condition: str = Field(min_length=1)
    priority: Literal["critical", "high", "medium", "low"]
    effort: Literal["low", "medium", "high"]
    horizon: Literal["quick_win", "medium_term", "structural"] = Field(
        description="quick_win: within six months; medium_term: six to eighteen months; structural: longer."
    )
    who: list[Identifier] = Field(min_length=1, description="Actor ids: who acts.")
    factor: Identifier | None = Field(None, description="The factor this action belongs to, for the roadmap.")
    sources: list[SourceModel] = Field(min_length=1)
    clause: Text | None = Field(None, description="Model text to paste into terms of reference or a contract.")
    first_step: int | None = Field(
        None,
        ge=1,
        le=99,
        description=(
            "Its rank among the first steps a result leads with (1 leads), when it fires; see "
            "scoring.first_steps. Unranked recommendations lead only to fill places left."
        ),
    )


class ExpectationModel(_Strict):
    """What a worked example must produce."""

    overall_level: Identifier | None = None
    factor_levels: dict[str, Identifier] | None = None
    fires: list[Identifier] = Field(default_factory=list)
    not_fires: list[Identifier] = Field(default_factory=list)
    gaps: list[Identifier] | None = Field(None, description="The exact critical gap ids that must apply.")
    first_steps: list[Identifier] | None = Field(
        None, description="The exact recommendation ids the result must lead with, in order."
    )


class ExampleModel(_Strict):
    """A named set of answers and the result the policy team expects from it."""

    id: Identifier
    title: Text
    answers: dict[str, Any] = Field(description="Question id -> answer, as in an answers file.")
    evidence: dict[str, Any] | None = None
    expect: ExpectationModel


class RulePackFile(_Strict):
    """One file of a rule pack.

    A pack is one file or a folder of files; every top-level key but pack, scoring and levels may
    be split across files.
    """

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        json_schema_extra={
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "title": "assessor rule pack file",
        },
    )

    pack: PackMeta | None = None
    scoring: Scoring | None = None
    levels: list[LevelModel] | None = None
    actors: list[Actor] | None = None
    factors: list[FactorModel] | None = None
    critical_gaps: list[CriticalGapModel] | None = None
    recommendations: list[RecommendationModel] | None = None
    examples: list[ExampleModel] | None = None


TOP_LEVEL_KEYS = tuple(RulePackFile.model_fields)
SINGLE_KEYS = ("pack", "scoring", "levels")
