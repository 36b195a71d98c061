"""The factor page as plain data: what each question shows, and the state its inputs are in.

Templates get plain data (no forms, no rule pack objects). What a question shows is the same for
every respondent, so it is translated once per pack version and language and shared
(`question_texts`); the respondent's state comes from what was saved (a GET) or from what was just
posted (a POST with errors, where what was typed must come back as typed). The component macros in
templates/components/questions.html put the two together.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from babel.numbers import format_decimal
from flask_babel import gettext as _
from flask_babel import ngettext

from assessor.core.answers import Answers, Evidence
from assessor.core.rulebook import DONT_KNOW, NOT_APPLICABLE, Question, QuestionType
from assessor.web.forms import AnswerField, FactorForm, answer_field_name, evidence_field_names
from assessor.web.questionnaire_state import COMPLETE, IN_PROGRESS, NOT_STARTED, Progress

_CHOICE_KINDS = {QuestionType.SINGLE: "radio", QuestionType.YES_PARTIAL_NO: "radio", QuestionType.MULTIPLE: "checkbox"}


@dataclass(frozen=True)
class Choice:
    """One radio or checkbox: its input id, the value it sends and its label."""

    id: str
    value: str
    label: str


@dataclass(frozen=True)
class EvidenceText:
    """The fixed parts of the evidence boxes under a question."""

    text_name: str
    link_name: str
    hint: str


@dataclass(frozen=True)
class QuestionText:
    """Everything a question shows that is the same for every respondent, in one language."""

    id: str
    name: str
    input: str  # "radio", "checkbox", "number" or "text"
    text: str
    help: str
    options: tuple[Choice, ...]
    dont_know: Choice | None
    unit: str = ""
    limit: str = ""
    evidence: EvidenceText | None = None
    not_applicable: Choice | None = None

    @property
    def special(self) -> tuple[Choice, ...]:
        """ "Don't know" and "not applicable", where offered, in that order."""
        return tuple(c for c in (self.dont_know, self.not_applicable) if c is not None)

    @property
    def first_input(self) -> str:
        """The id the error summary links to: the first option, or the field itself."""
        return self.options[0].id if self.options else self.name


@dataclass(frozen=True)
class EvidenceState:
    """What the evidence boxes hold: as saved, or as just typed with their errors."""

    text: str = ""
    link: str = ""
    text_errors: list[str] = field(default_factory=list)
    link_errors: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class QuestionState:
    """One respondent's state of one question: which options are chosen, what is typed, what is wrong."""

    chosen: frozenset[str] = frozenset()
    value: str = ""
    errors: list[str] = field(default_factory=list)
    evidence: EvidenceState = EvidenceState()
    # The question naming this respondent's system (see Question.asked); "" for the shared wording.
    text: str = ""

    def error_links(self, q: QuestionText) -> list[tuple[str, str]]:
        """(anchor, message) for the error summary: each links to the input it is about."""
        links = [(q.first_input, message) for message in self.errors]
        if q.evidence is not None:
            links += [(q.evidence.text_name, m) for m in self.evidence.text_errors]
            links += [(q.evidence.link_name, m) for m in self.evidence.link_errors]
        return links


def display_number(value: Any, language: str) -> str:
    """A saved number as the respondent's locale writes it, without thousands separators."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return ""
    return str(format_decimal(Decimal(str(value)), locale=language, group_separator=False))


# Question texts by (pack content hash, language, question id): translated once, shared by every
# respondent. Plain immutable data, so sharing it is safe; bounded by the pack's size times the
# languages of the packs a process has served.
_TEXTS: dict[tuple[str, str, str], QuestionText] = {}


def question_texts(book_hash: str, questions: Iterable[Question], language: str) -> list[QuestionText]:
    """The questions of a page in `language`, made once per pack version and language."""
    texts = []
    for q in questions:
        key = (book_hash, language, q.id)
        text = _TEXTS.get(key)
        if text is None:
            text = _TEXTS.setdefault(key, _question_text(q, language))
        texts.append(text)
    return texts


def _question_text(q: Question, language: str) -> QuestionText:
    name = answer_field_name(q.id)
    kind = _CHOICE_KINDS.get(q.type) or ("number" if q.type is QuestionType.NUMBER else "text")
    choices = [Choice(f"{name}-{i}", o.value, o.label.get(language)) for i, o in enumerate(q.options)]
    evidence = None
    if q.evidence:
        text_name, link_name = evidence_field_names(q.id)
        evidence = EvidenceText(text_name, link_name, q.evidence_hint.get(language) if q.evidence_hint else "")
    return QuestionText(
        id=q.id,
        name=name,
        input=kind,
        text=q.text.get(language),
        help=q.help.get(language) if q.help else "",
        options=tuple(choices),
        dont_know=Choice(f"{name}-dk", DONT_KNOW, _("Don’t know")) if q.dont_know else None,
        not_applicable=Choice(f"{name}-na", NOT_APPLICABLE, _("Not applicable")) if q.not_applicable else None,
        unit=q.unit.get(language) if q.unit else "",
        limit=_("Up to %(limit)s characters.", limit=format_decimal(q.max_length, locale=language))
        if q.type is QuestionType.TEXT
        else "",
        evidence=evidence,
    )


def question_states(
    questions: Iterable[Question], language: str, answers: Answers, form: FactorForm | None = None, system: str = ""
) -> dict[str, QuestionState]:
    """Each question's state by id: from the posted form if given (as typed), else from the saved answers.

    `system` is the name of the system assessed: a question the pack words for it names it here,
    per respondent, since the shared QuestionText holds the generic wording.
    """
    states = {}
    for q in questions:
        if form is not None:
            state = _posted_state(form, q)
        else:
            state = _saved_state(answers, q, language)
        if q.evidence:
            state = dataclasses.replace(state, evidence=_evidence_state(q, answers, form))
        if q.named_text is not None and system.strip():
            state = dataclasses.replace(state, text=q.asked(language, system))
        states[q.id] = state
    return states


def _saved_state(answers: Answers, q: Question, language: str) -> QuestionState:
    value = answers.values.get(q.id)
    if value is None:
        return QuestionState()
    if value in (DONT_KNOW, NOT_APPLICABLE):
        return QuestionState(chosen=frozenset({value}))
    if q.type is QuestionType.MULTIPLE:
        return QuestionState(chosen=frozenset(value))
    if q.type is QuestionType.NUMBER:
        return QuestionState(value=display_number(value, language))
    if q.type is QuestionType.TEXT:
        return QuestionState(value=str(value))
    return QuestionState(chosen=frozenset({str(value)}))


def _posted_state(form: FactorForm, q: Question) -> QuestionState:
    posted: AnswerField = form[answer_field_name(q.id)]
    chosen = frozenset(v for v in posted.raw if v) if posted.raw else _data_as_set(posted.data)
    return QuestionState(chosen, posted.redisplay(), [str(m) for m in posted.errors])


def _data_as_set(data: Any) -> frozenset[str]:
    if data is None:
        return frozenset()
    if isinstance(data, list | tuple):
        return frozenset(str(v) for v in data)
    return frozenset({str(data)})


def _evidence_state(q: Question, answers: Answers, form: FactorForm | None) -> EvidenceState:
    if form is not None:
        text_field, link_field = (form[name] for name in evidence_field_names(q.id))
        return EvidenceState(
            text_field.data or "",
            link_field.data or "",
            [str(m) for m in text_field.errors],
            [str(m) for m in link_field.errors],
        )
    saved: Evidence | None = answers.evidence.get(q.id)
    return EvidenceState(saved.text, saved.link) if saved is not None else EvidenceState()


def page_labels() -> Mapping[str, str]:
    """The fixed words of a factor page, translated once per request rather than once per question."""
    return {
        "error": _("Error:"),
        "select_all": _("Select all that apply."),
        "number": _("Number"),
        "your_answer": _("Your answer"),
        "evidence": _("Evidence (optional)"),
        "evidence_text": _("What you can cite (a document, a decision, a budget line)"),
        "evidence_link": _("Link to it (optional)"),
    }


@dataclass(frozen=True)
class ProgressView:
    """The progress line and bar, as text."""

    section: str
    answered: str
    max: str
    value: str


def progress_view(progress: Progress) -> ProgressView:
    """Where the respondent is, as the factor page shows it."""
    section = _("Section %(number)d of %(count)d", number=progress.factor_number, count=progress.factor_count)
    return ProgressView(section, answered_text(progress), str(progress.applicable or 1), str(progress.answered))


@dataclass(frozen=True)
class SectionView:
    """One factor in the list of sections a page offers to jump to, with its state."""

    id: str
    title: str
    href: str
    current: bool
    state: str  # "Not started", "In progress" or "Complete"


def state_labels() -> dict[str, str]:
    """A section's state in words."""
    return {NOT_STARTED: _("Not started"), IN_PROGRESS: _("In progress"), COMPLETE: _("Complete")}


def section_views(
    factors: Iterable[tuple[str, str]], states: Mapping[str, str], current: str | None, href_prefix: str
) -> list[SectionView]:
    """The sections as (id, title) with their states, each linked as `href_prefix` + id."""
    labels = state_labels()
    return [SectionView(fid, title, href_prefix + fid, fid == current, labels[states[fid]]) for fid, title in factors]


def answered_text(progress: Progress) -> str:
    """ "3 of 40 questions that apply answered": counted against the questions that apply now.

    The count says "that apply" because follow-up questions join it when an answer opens them:
    the total then grows, and the words say why, rather than the count seeming to jump.
    """
    return str(
        ngettext(
            "%(answered)d of %(num)d question that applies answered",
            "%(answered)d of %(num)d questions that apply answered",
            progress.applicable,
            answered=progress.answered,
        )
    )
