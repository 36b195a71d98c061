"""The one presentation layer: labels with their context, plurals, and answer problems in the reader's words."""

from __future__ import annotations

from assessor.core.answers import validate_answers
from assessor.core.rulebook import RuleBook
from assessor.presentation import labels
from assessor.presentation.catalogues import catalogue_languages
from assessor.presentation.problems import problem_message
from assessor.presentation.wording import wording


def test_the_shipped_catalogues_are_the_languages() -> None:
    assert catalogue_languages() == ("en", "es", "fr", "pt")


def test_a_word_reads_by_its_context() -> None:
    # "High" is a priority (feminine in Spanish) or an effort (masculine): one msgid, two contexts.
    es = wording("es")
    assert labels.priority_label("high", es) == "Alta"
    assert labels.effort_label("high", es) == "Alto"
    assert labels.horizon_label("quick_win", wording("en")) == "Quick win (within six months)"
    assert labels.priority_label("unheard_of", es) == "unheard_of"


def test_default_yes_partial_no_labels_come_from_the_catalogues() -> None:
    assert labels.yes_partial_no_labels("partial", ("en", "fr", "xx")) == {"en": "Partly", "fr": "En partie"}


def test_plurals_follow_the_language() -> None:
    singular = "%(answered)d of %(num)d question that applies answered"
    plural = "%(answered)d of %(num)d questions that apply answered"
    assert wording("en").ngettext(singular, plural, 1, answered=0) == "0 of 1 question that applies answered"
    assert wording("fr").ngettext(singular, plural, 1, answered=1) == "1 sur 1 question applicable renseignée"
    assert wording("fr").ngettext(singular, plural, 3, answered=1).startswith("1 sur 3 questions")


def test_an_answer_problem_reads_the_same_wherever_it_is_shown(minimal_book: RuleBook) -> None:
    _answers, problems = validate_answers(minimal_book, {"years": 21, "kinds": ["none", "user"], "ghost": 1})
    by_id = {p.question_id: p for p in problems}
    years, kinds = minimal_book.questions["years"], minimal_book.questions["kinds"]
    en, es = wording("en"), wording("es")
    assert problem_message(by_id["years"].code, by_id["years"].params, years, en) == "Enter a number between 0 and 20"
    assert problem_message(by_id["kinds"].code, by_id["kinds"].params, kinds, es) == (
        "«Ninguno» no se puede seleccionar junto con otras opciones"
    )
    assert problem_message(by_id["ghost"].code, by_id["ghost"].params, None, en) == "No question has this id"
