"""The factor page as plain data: what each question shows and what state its inputs are in.

Templates get plain data (no forms, no rule pack objects), so the page template is a loop over
attributes: cheap to render, and easy to read. The state comes from what was saved (a GET) or from
what was just posted (a POST with errors, where what was typed must come back as typed).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from babel.numbers import format_decimal
from flask_babel import gettext as _
from flask_babel import ngettext

from assessor.core.answers import Answers, Evidence
from assessor.core.rulebook import DONT_KNOW, NOT_APPLICABLE, Question, QuestionType
from assessor.web.answers import COMPLETE, IN_PROGRESS, NOT_STARTED, Progress
from assessor.web.forms import AnswerField, FactorForm, answer_field_name, evidence_field_names
from assessor.web.frames import hole

_CHOICE_KINDS = {QuestionType.SINGLE: "radio", QuestionType.YES_PARTIAL_NO: "radio", QuestionType.MULTIPLE: "checkbox"}


# What an option's input tag gets when it is selected: the template prints the attribute as given,
# so that a page frame can hold a hole in its place (see frames.py).
CHECKED = " checked"


@dataclass(frozen=True)
class OptionView:
    """One radio or checkbox."""

    id: str
    value: str
    label: str
    checked: str  # CHECKED or "" (or a hole in a page frame)


@dataclass(frozen=True)
class EvidenceView:
    """The evidence boxes under a question."""

    text_name: str
    link_name: str
    hint: str
    text: str
    link: str
    text_errors: list[str]
    link_errors: list[str]


@dataclass(frozen=True)
class QuestionView:
    """Everything the page shows for one question."""

    id: str
    name: str
    input: str  # "radio", "checkbox", "number" or "text"
    text: str
    help: str
    errors: list[str]
    options: list[OptionView]
    dont_know: OptionView | None
    value: str = ""
    not_applicable: OptionView | None = None
    unit: str = ""
    limit: str = ""
    evidence: EvidenceView | None = None
    described_by: str = field(default="")


@dataclass(frozen=True)
class _State:
    """What a question's inputs hold."""

    chosen: frozenset[str]
    typed: str
    errors: list[str]


def display_number(value: Any, language: str) -> str:
    """A saved number as the respondent's locale writes it, without thousands separators."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return ""
    return str(format_decimal(Decimal(str(value)), locale=language, group_separator=False))


def question_views(
    questions: Iterable[Question],
    language: str,
    answers: Answers,
    form: FactorForm | None = None,
    system: str = "",
) -> list[QuestionView]:
    """The questions of a page as plain data: from the posted form if given, else from saved answers.

    `system` is the name of the system assessed: questions worded for it name it.
    """
    return [
        _view(
            q,
            language,
            _posted_state(form, q) if form is not None else _saved_state(answers, q, language),
            _evidence_view(q, language, answers.evidence.get(q.id), form) if q.evidence else None,
            q.asked(language, system),
        )
        for q in questions
    ]


def frame_views(questions: Iterable[Question], language: str) -> list[QuestionView]:
    """The questions of a page with a hole wherever a respondent's state goes (for a page frame).

    Only for pages without errors: a page with errors is rendered in full.
    """
    return [
        _view(
            q,
            language,
            None,
            _evidence_view(q, language, None, None, holes=True) if q.evidence else None,
            # A question that can name the system differs between assessments: a hole, not frame text.
            hole(_text_hole(q)) if q.named_text is not None else q.text.get(language),
        )
        for q in questions
    ]


def _text_hole(q: Question) -> str:
    return f"{answer_field_name(q.id)}-text"


def frame_values(questions: Iterable[Question], language: str, answers: Answers, system: str = "") -> dict[str, str]:
    """What fills the holes of `frame_views` from the saved answers: the same names, the real state.

    Straight from the answers rather than through full views: the texts a view carries are
    already in the frame, and translating them again for every request is what frames save.
    """
    values: dict[str, str] = {}
    for q in questions:
        state = _saved_state(answers, q, language)
        name = answer_field_name(q.id)
        values[name] = state.typed
        if q.named_text is not None:
            values[_text_hole(q)] = q.asked(language, system)
        for option_id, value in _choice_ids(name, q):
            values[option_id] = CHECKED if value in state.chosen else ""
        if q.evidence:
            saved = answers.evidence.get(q.id)
            text_name, link_name = evidence_field_names(q.id)
            values[text_name] = saved.text if saved is not None else ""
            values[link_name] = saved.link if saved is not None else ""
    return values


def _choice_ids(name: str, q: Question) -> list[tuple[str, str]]:
    """(input id, value) of each option of a question, then "don't know" and "not applicable" where offered."""
    ids = [(f"{name}-{i}", o.value) for i, o in enumerate(q.options)]
    if q.dont_know:
        ids.append((f"{name}-dk", DONT_KNOW))
    if q.not_applicable:
        ids.append((f"{name}-na", NOT_APPLICABLE))
    return ids


def _saved_state(answers: Answers, q: Question, language: str) -> _State:
    value = answers.values.get(q.id)
    if value is None:
        return _State(frozenset(), "", [])
    if value in (DONT_KNOW, NOT_APPLICABLE):
        return _State(frozenset({value}), "", [])
    if q.type is QuestionType.MULTIPLE:
        return _State(frozenset(value), "", [])
    if q.type is QuestionType.NUMBER:
        return _State(frozenset(), display_number(value, language), [])
    if q.type is QuestionType.TEXT:
        return _State(frozenset(), str(value), [])
    return _State(frozenset({str(value)}), "", [])


def _posted_state(form: FactorForm, q: Question) -> _State:
    posted: AnswerField = form[answer_field_name(q.id)]
    chosen = frozenset(v for v in posted.raw if v) if posted.raw else _data_as_set(posted.data)
    return _State(chosen, posted.redisplay(), [str(m) for m in posted.errors])


def _data_as_set(data: Any) -> frozenset[str]:
    if data is None:
        return frozenset()
    if isinstance(data, list | tuple):
        return frozenset(str(v) for v in data)
    return frozenset({str(data)})


def _view(q: Question, language: str, state: _State | None, evidence: EvidenceView | None, text: str) -> QuestionView:
    """One question's view; with no state, a hole in each place the state goes."""
    name = answer_field_name(q.id)
    kind = _CHOICE_KINDS.get(q.type) or ("number" if q.type is QuestionType.NUMBER else "text")

    def checked(option_id: str, value: str) -> str:
        if state is None:
            return hole(option_id)
        return CHECKED if value in state.chosen else ""

    labels = [o.label.get(language) for o in q.options]
    labels += ([_("Don’t know")] if q.dont_know else []) + ([_("Not applicable")] if q.not_applicable else [])
    choices = [
        OptionView(i, v, label, checked(i, v)) for (i, v), label in zip(_choice_ids(name, q), labels, strict=True)
    ]
    options = choices[: len(q.options)]
    special = {c.value: c for c in choices[len(q.options) :]}
    errors = state.errors if state is not None else []
    described = [f"{name}-hint"] if q.help else []
    if errors:
        described.append(f"{name}-error")
    return QuestionView(
        id=q.id,
        name=name,
        input=kind,
        text=text,
        help=q.help.get(language) if q.help else "",
        errors=errors,
        options=options,
        dont_know=special.get(DONT_KNOW),
        not_applicable=special.get(NOT_APPLICABLE),
        value=state.typed if state is not None else hole(name),
        unit=q.unit.get(language) if q.unit else "",
        limit=_("Up to %(limit)s characters.", limit=format_decimal(q.max_length, locale=language))
        if q.type is QuestionType.TEXT
        else "",
        evidence=evidence,
        described_by=" ".join(described),
    )


def _evidence_view(
    q: Question, language: str, saved: Evidence | None, form: FactorForm | None, *, holes: bool = False
) -> EvidenceView:
    text_name, link_name = evidence_field_names(q.id)
    if holes:
        text, link = hole(text_name), hole(link_name)
        text_errors, link_errors = [], []
    elif form is not None:
        text_field, link_field = form[text_name], form[link_name]
        text, link = text_field.data or "", link_field.data or ""
        text_errors, link_errors = [str(m) for m in text_field.errors], [str(m) for m in link_field.errors]
    else:
        text, link = (saved.text, saved.link) if saved is not None else ("", "")
        text_errors, link_errors = [], []
    return EvidenceView(
        text_name=text_name,
        link_name=link_name,
        hint=q.evidence_hint.get(language) if q.evidence_hint else "",
        text=text,
        link=link,
        text_errors=text_errors,
        link_errors=link_errors,
    )


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
    """The progress line and bar, as text (holes in a page frame, except the section, fixed per page)."""

    section: str
    answered: str
    max: str
    value: str


PROGRESS_HOLES = ("progress_answered", "progress_max", "progress_value")


def progress_view(progress: Progress, *, holes: bool = False) -> ProgressView:
    """Where the respondent is, as the factor page shows it."""
    section = _("Section %(number)d of %(count)d", number=progress.factor_number, count=progress.factor_count)
    if holes:
        return ProgressView(section, *(hole(name) for name in PROGRESS_HOLES))
    return ProgressView(section, *progress_values(progress).values())


def progress_values(progress: Progress) -> dict[str, str]:
    """What fills the progress holes (the section, fixed for a page, is in the frame)."""
    answered = answered_text(progress)
    return dict(zip(PROGRESS_HOLES, (answered, str(progress.applicable or 1), str(progress.answered)), strict=True))


@dataclass(frozen=True)
class SectionView:
    """One factor in the list of sections a page offers to jump to, with its state."""

    id: str
    title: str
    href: str
    current: bool
    state: str  # "Not started", "In progress" or "Complete" (or a hole in a page frame)


SECTION_HOLE = "section-"


def state_labels() -> dict[str, str]:
    """A section's state in words."""
    return {NOT_STARTED: _("Not started"), IN_PROGRESS: _("In progress"), COMPLETE: _("Complete")}


def section_views(
    factors: Iterable[tuple[str, str]], states: Mapping[str, str] | None, current: str | None, href_prefix: str
) -> list[SectionView]:
    """The sections as (id, title) with their states; with no states, a hole in each state's place.

    Links are relative (`href_prefix` + id) so that a shared page frame holds no resume token.
    """
    labels = state_labels()
    return [
        SectionView(
            fid,
            title,
            href_prefix + fid,
            fid == current,
            hole(SECTION_HOLE + fid) if states is None else labels[states[fid]],
        )
        for fid, title in factors
    ]


def section_values(states: Mapping[str, str]) -> dict[str, str]:
    """What fills the section holes of a factor page frame."""
    labels = state_labels()
    return {SECTION_HOLE + fid: labels[state] for fid, state in states.items()}


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
