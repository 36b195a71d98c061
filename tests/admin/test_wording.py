"""Conditions read as plain sentences, in the team's language, from rule-engine's syntax tree."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask_babel import force_locale

from assessor.admin.wording import Clause, describe, question_numbers
from assessor.core.rulebook import RuleBook
from assessor.web import create_app


@pytest.fixture(scope="module")
def words_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Flask]:
    folder: Path = tmp_path_factory.mktemp("words")
    app = create_app({"TESTING": True, "SECRET_KEY": "t", "DATABASE_URL": f"sqlite:///{folder / 'db.sqlite3'}"})
    yield app
    app.extensions["report_jobs"].huey.storage.close()
    app.extensions["db_engine"].dispose()


def words(app: Flask, book: RuleBook, text: str, language: str = "en") -> Clause:
    with app.test_request_context(), force_locale(language):
        return describe(text, book, language)


def flat(clause: Clause) -> str:
    return " / ".join([clause.text, *(flat(p) for p in clause.parts)])


def test_questions_are_numbered_factor_then_question(shipped_book: RuleBook) -> None:
    numbers = question_numbers(shipped_book)
    assert numbers["funding_om_budget"] == "3.1"
    assert numbers["funding_om_years"] == "3.2"


@pytest.mark.parametrize(
    ("condition", "expected"),
    [
        ('funding_om_budget == "no" or funding_om_budget == "partial"', "the answer to 3.1 is “No” or “Partly”"),
        ('funding_om_budget != "no"', "the answer to 3.1 is given and is not “No”"),
        ('"no" == funding_om_budget', "the answer to 3.1 is “No”"),
        ("funding_om_years < 3", "the answer to 3.2 is less than 3 years"),
        ("3 > funding_om_years", "the answer to 3.2 is less than 3 years"),
        ("funding_om_years >= 2.5", "the answer to 3.2 is at least 2.5 years"),
        ("score_funding < 40", "the Predictable funding score is below 40"),
        ("overall_score >= 60", "the overall score is at least 60"),
        ("funding_om_budget == null", "question 3.1 has no answer (unanswered, “don’t know” or not shown)"),
        ('"funding_om_budget" in dont_know', "question 3.1 was answered “don’t know”"),
        ('"none" in political_backing_commitments', "the answer to 5.5 includes “None of these”"),
        (
            '"open_licence" not in procurement_clauses',
            "the answer to 6.4 is given and does not include “Deliverables under an open-source licence”",
        ),
        ("true", "always"),
    ],
)
def test_each_kind_of_test_has_a_sentence(
    words_app: Flask, shipped_book: RuleBook, condition: str, expected: str
) -> None:
    clause = words(words_app, shipped_book, condition)
    assert clause.text == expected
    assert clause.parts == ()


def test_chains_become_lists_and_nest(words_app: Flask, shipped_book: RuleBook) -> None:
    clause = words(
        words_app,
        shipped_book,
        'funding_donor_share == "majority" or (funding_donor_share == "some" and score_funding < 50)'
        " or overall_score < 20",
    )
    assert clause.text == "at least one of these holds:"
    assert [p.text for p in clause.parts] == [
        "the answer to 3.4 is “More than half”",
        "all of these hold:",
        "the overall score is below 20",
    ]
    assert [p.text for p in clause.parts[1].parts] == [
        "the answer to 3.4 is “Between 10% and half”",
        "the Predictable funding score is below 50",
    ]


def test_the_words_follow_the_language(words_app: Flask, shipped_book: RuleBook) -> None:
    condition = 'funding_om_budget == "no" or funding_om_budget == "partial"'
    spanish = words(words_app, shipped_book, condition, "es")
    french = words(words_app, shipped_book, condition, "fr")
    assert spanish.text == "la respuesta a 3.1 es «No» o «En parte»"  # Spanish quotes as everywhere else
    assert french.text.startswith("la réponse à 3.1 est")
    assert "Partiellement" in french.text or "En partie" in french.text


def test_every_condition_of_the_shipped_pack_reads_as_words(words_app: Flask, shipped_book: RuleBook) -> None:
    conditions = [r.condition.text for r in shipped_book.recommendations]
    conditions += [g.condition.text for g in shipped_book.critical_gaps]
    conditions += [q.show_if.text for q in shipped_book.questions.values() if q.show_if is not None]
    for condition in conditions:
        text = flat(words(words_app, shipped_book, condition))
        for code in ("==", "!=", "_"):
            assert code not in text, (condition, text)


def test_hostile_text_stays_text(words_app: Flask, shipped_book: RuleBook) -> None:
    # A text answer compared with markup: the sentence carries it as plain text for the template to escape.
    question = next(q for q in shipped_book.questions.values() if q.type.value == "text")
    clause = words(words_app, shipped_book, f'{question.id} == "<script>alert(1)</script>"')
    assert "<script>alert(1)</script>" in clause.text
