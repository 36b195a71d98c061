"""WTForms built from the rule pack: one form per factor page, and the start form.

Each question is one field whatever its type, so "don't know" (and "not applicable", where the pack
offers it) travels under the same name as the answer (a radio option, or a checkbox beside a number
or text box). Fields turn raw input into the values the scoring core expects, and the core alone
decides whether an answer is valid (`normalise_answer`): its problem codes become the messages here,
through the presentation layer. What stays in this module is what only a form has: reading numbers
typed in the page's language, and the shape of what was posted ("don't know" ticked beside an
answer, two radios at once).
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from functools import lru_cache
from typing import Any

from babel import support
from babel.numbers import format_decimal
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import Field, RadioField, SelectField, StringField, TextAreaField
from wtforms.i18n import messages_path
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from assessor.core.answers import InvalidAnswerError, clean_text, normalise_answer, normalise_evidence, number_bounds
from assessor.core.rulebook import DONT_KNOW, NOT_APPLICABLE, Factor, Question, QuestionType, RuleBook
from assessor.presentation.problems import problem_message
from assessor.subject import GOVERNMENT_LEVELS, MAX_SYSTEM_NAME, SECTORS
from assessor.web.numbers import NumberSyntaxError, decimal_mark, parse_number
from assessor.web.templating import page_wording

MAX_ORGANISATION = 200
MAX_COUNTRY = 100
MAX_ROLE = 200
# The answers that stand for no option: each must be chosen on its own.
_SPECIAL = (DONT_KNOW, NOT_APPLICABLE)


def answer_field_name(question_id: str) -> str:
    """The form field name of a question's answer."""
    return f"q_{question_id}"


def evidence_field_names(question_id: str) -> tuple[str, str]:
    """The form field names of a question's evidence text and link."""
    return f"e_{question_id}_text", f"e_{question_id}_link"


class AnswerField(Field):
    """A question's answer: parses the raw input and keeps it for redisplay if it is wrong."""

    def __init__(self, question: Question, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.question = question
        self.raw: list[str] = []

    @property
    def dont_know_chosen(self) -> bool:
        """True when "don't know" is the answer (or was ticked)."""
        return self.data == DONT_KNOW or DONT_KNOW in self.raw

    def process_formdata(self, valuelist: list[Any]) -> None:
        self.raw = [clean_text(str(v)) for v in valuelist]
        self.data = self.parse(self.raw)

    def selected(self, value: str) -> bool:
        """True when this option (or "don't know") is chosen, as typed or as saved."""
        if self.raw:
            return value in self.raw
        if isinstance(self.data, list | tuple):
            return value in self.data
        return bool(self.data == value)

    def parse(self, raw: list[str]) -> Any:
        """The answer from the raw values, or None when nothing was given."""
        values = [v for v in raw if v != ""]
        return values[0] if values else None

    def redisplay(self) -> str:
        """The text to put back in a text box: what was typed, or the saved value."""
        typed = [v for v in self.raw if v not in _SPECIAL]
        if typed:
            return typed[0]
        if self.data is None or self.data in _SPECIAL:
            return ""
        return str(self.data)

    def _dont_know_alone(self, values: Iterable[str]) -> None:
        values = list(values)
        others = [v for v in values if v not in ("", *_SPECIAL)]
        if DONT_KNOW in values and (others or NOT_APPLICABLE in values):
            raise ValidationError(_l("Select “Don’t know” on its own, or clear it and give an answer"))
        if NOT_APPLICABLE in values and others:
            raise ValidationError(_l("Select “Not applicable” on its own, or clear it and give an answer"))

    def _check(self, value: Any) -> None:
        """Let the core judge the parsed answer; keep its canonical form, or show its problem."""
        if value is None:
            return
        try:
            self.data = normalise_answer(self.question, value)
        except InvalidAnswerError as problem:
            message = problem_message(problem.code, problem.params, self.question, page_wording())
            raise ValidationError(message) from None


class ChoiceAnswerField(AnswerField):
    """Single choice and yes/partial/no: radios, "don't know" among them where offered."""

    def pre_validate(self, form: Any) -> None:
        self._dont_know_alone(self.raw)
        if len([v for v in self.raw if v != ""]) > 1:
            raise ValidationError(_l("Select one option only"))
        self._check(self.data)


class MultipleAnswerField(AnswerField):
    """Multiple choice: checkboxes, with "don't know" as one that must stand alone."""

    def parse(self, raw: list[str]) -> Any:
        values = [v for v in dict.fromkeys(raw) if v != ""]
        if not values:
            return None
        if len(values) == 1 and values[0] in _SPECIAL:
            return values[0]
        return values

    def pre_validate(self, form: Any) -> None:
        self._dont_know_alone(self.raw)
        self._check(self.data)


class NumberAnswerField(AnswerField):
    """A number in the respondent's locale ("1.234,5" in Spanish), or "don't know"."""

    def parse(self, raw: list[str]) -> Any:
        typed = [v.strip() for v in raw if v not in ("", *_SPECIAL) and v.strip()]
        if typed:
            return typed[0]  # converted in pre_validate, where a bad number can become an error
        return _special_chosen(raw)

    def pre_validate(self, form: Any) -> None:
        self._dont_know_alone([v.strip() for v in self.raw])
        if not isinstance(self.data, str) or self.data in _SPECIAL:
            self._check(self.data)
            return
        q = self.question
        try:
            number = parse_number(self.data, _lang())
        except NumberSyntaxError as error:
            raise ValidationError(_syntax_message(q, error)) from None
        # At most 15 digits (numbers.py), so the float holds exactly what was typed.
        self._check(int(number) if number == number.to_integral_value() else float(number))
        if q.integer and isinstance(self.data, float):
            self.data = int(self.data)

    def redisplay(self) -> str:
        typed = [v for v in self.raw if v not in _SPECIAL]
        if typed:
            return typed[0]
        if isinstance(self.data, int | float) and not isinstance(self.data, bool):
            return format_decimal(Decimal(str(self.data)), locale=_lang(), group_separator=False)
        return ""


class TextAnswerField(AnswerField):
    """Free text, up to the question's limit, or "don't know"."""

    def parse(self, raw: list[str]) -> Any:
        typed = [v for v in raw if v not in _SPECIAL and v.strip()]
        if typed:
            return typed[0]
        return _special_chosen(raw)

    def pre_validate(self, form: Any) -> None:
        self._dont_know_alone([v.strip() for v in self.raw])
        self._check(self.data)


def _special_chosen(raw: list[str]) -> str | None:
    """ "Don't know" or "not applicable" when ticked beside an empty box (both ticked: an error later)."""
    return next((v for v in _SPECIAL if v in raw), None)


def _lang() -> str:
    locale = get_locale()
    return str(locale) if locale else "en"


def _range_message(q: Question) -> str:
    low, high = number_bounds(q)
    return problem_message("out_of_range", {"min": low, "max": high}, q, page_wording())


def _syntax_message(q: Question, error: NumberSyntaxError) -> Any:
    if error.kind == "grouping":
        return _l("Write the number without thousands separators, for example %(example)s", example=error.example)
    if error.kind == "decimal_mark":
        if decimal_mark(_lang()) == ",":
            return _l("Write the number with a decimal comma, for example %(example)s", example=error.example)
        return _l("Write the number with a decimal point, for example %(example)s", example=error.example)
    return _range_message(q)


def _evidence_rule(part: str) -> Any:
    """A validator that asks the core whether an evidence text or link is acceptable."""

    def check(form: Any, field: Field) -> None:
        if not field.data:
            return
        try:
            normalise_evidence({part: field.data})
        except InvalidAnswerError as problem:
            raise ValidationError(problem_message(problem.code, problem.params, None, page_wording())) from None

    return check


class _LengthWithCount(Length):
    """Length that says how long the text was, so the respondent knows how much to cut."""

    def __call__(self, form: Any, field: Field) -> None:
        if field.data and len(field.data) > self.max:
            too_long = {"limit": self.max, "length": len(field.data)}
            raise ValidationError(problem_message("too_long", too_long, None, page_wording()))


def answer_field(question: Question) -> Any:
    """The (unbound) field for one question, by its type; WTForms binds it when the form is built."""
    kind = question.type
    if kind in (QuestionType.SINGLE, QuestionType.YES_PARTIAL_NO):
        return ChoiceAnswerField(question)
    if kind is QuestionType.MULTIPLE:
        return MultipleAnswerField(question)
    if kind is QuestionType.NUMBER:
        return NumberAnswerField(question)
    return TextAnswerField(question)


@lru_cache(maxsize=16)
def _wtforms_translations(locale: str) -> support.NullTranslations:
    return support.Translations.load(messages_path(), [locale], domain="wtforms")


class _Form(FlaskForm):
    """Our forms' base: WTForms' own messages in the page's language, read from disk once per language."""

    class Meta(FlaskForm.Meta):
        def get_translations(self, form: Any) -> support.NullTranslations:
            # Flask-WTF loads WTForms' catalogue afresh on every request, a third of a page save's time.
            return _wtforms_translations(str(get_locale() or "en"))


class FactorForm(_Form):
    """Base class of the per-factor forms built by `factor_form_class`."""

    questions: tuple[Question, ...] = ()


_FORM_CLASSES: dict[tuple[str, str], type[FactorForm]] = {}


def factor_form_class(book: RuleBook, factor_id: str) -> type[FactorForm]:
    """A form class for one factor's page; cached per rule pack, as building a class costs time."""
    key = (book.content_hash, factor_id)
    cached = _FORM_CLASSES.get(key)
    if cached is not None:
        return cached
    if len(_FORM_CLASSES) > 256:
        _FORM_CLASSES.clear()
    factor: Factor = book.factor(factor_id)
    attributes: dict[str, Any] = {"questions": factor.questions}
    for q in factor.questions:
        attributes[answer_field_name(q.id)] = answer_field(q)
        if q.evidence:
            text_name, link_name = evidence_field_names(q.id)
            attributes[text_name] = TextAreaField(validators=[Optional(), _evidence_rule("text")], filters=[_strip])
            attributes[link_name] = StringField(validators=[Optional(), _evidence_rule("link")], filters=[_strip])
    form_class = type(f"FactorForm_{factor_id}", (FactorForm,), attributes)
    _FORM_CLASSES[key] = form_class
    return form_class


def _strip(value: Any) -> Any:
    return clean_text(value).strip() if isinstance(value, str) else value


def _system_name_length(form: Any, field: Field) -> None:
    # The message names the field: the length check's own words would not say which box is too long.
    if field.data and len(field.data) > MAX_SYSTEM_NAME:
        raise ValidationError(
            _l(
                "The name of the system or product must be %(limit)s characters or fewer (this has %(length)s)",
                limit=format_decimal(MAX_SYSTEM_NAME, locale=_lang()),
                length=format_decimal(len(field.data), locale=_lang()),
            )
        )


def _listed(allowed: tuple[str, ...], message: Any) -> Any:
    """A validator: the value, if any, is one of `allowed` (only a tampered request sends another)."""

    def check(form: Any, field: Field) -> None:
        if field.data and field.data not in allowed:
            raise ValidationError(message)

    return check


class StartForm(_Form):
    """Who is answering (organisation, country, role, language) and what they assess (system, level, sector)."""

    organisation = StringField(
        _l("Organisation"),
        validators=[
            DataRequired(message=_l("Enter the name of your organisation")),
            _LengthWithCount(max=MAX_ORGANISATION),
        ],
        filters=[_strip],
    )
    country = StringField(
        _l("Country"),
        validators=[DataRequired(message=_l("Enter your country")), _LengthWithCount(max=MAX_COUNTRY)],
        filters=[_strip],
    )
    role = StringField(
        _l("Your role (optional)"), validators=[Optional(), _LengthWithCount(max=MAX_ROLE)], filters=[_strip]
    )
    system_name = StringField(
        _l("The system or product you are assessing (optional)"),
        validators=[Optional(), _system_name_length],
        filters=[_strip],
    )
    # Choices are set per request (labels in the page's language); checked here, not by WTForms,
    # so that leaving them blank is allowed and a wrong value gets a message naming the field.
    government_level = RadioField(
        _l("Level of government (optional)"),
        validators=[Optional(), _listed(GOVERNMENT_LEVELS, _l("Select the level of government from the list"))],
        validate_choice=False,
    )
    sector = SelectField(
        _l("Sector (optional)"),
        validators=[Optional(), _listed(SECTORS, _l("Select the sector from the list"))],
        validate_choice=False,
    )
    language = RadioField(
        _l("Language of the assessment"),
        validators=[DataRequired(message=_l("Select the language of the assessment"))],
        validate_choice=True,
    )
