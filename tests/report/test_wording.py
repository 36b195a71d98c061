"""The report's words: every language has every text, numbers and dates follow the locale, reasons read as sentences."""

from __future__ import annotations

import datetime as dt
import string

import pytest
from bs4 import BeautifulSoup

from assessor.core.rulebook import RuleBook
from assessor.report import formatting
from assessor.report.context import build_context
from assessor.report.messages import CATALOGUES, messages
from assessor.report.render import build_report
from assessor.report.wording import reason_sentence
from tests.report.conftest import MINIMAL_ANSWERS, example_input, make_input


def placeholders(text: str) -> set[str]:
    return {name for _literal, name, _spec, _conv in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("language", sorted(set(CATALOGUES) - {"en"}))
def test_every_language_has_every_text_with_the_same_placeholders(language: str) -> None:
    english, other = CATALOGUES["en"], CATALOGUES[language]
    assert set(other) == set(english)
    for key, text in english.items():
        assert placeholders(other[key]) == placeholders(text), key
        assert other[key].strip(), key


def test_unknown_and_regional_languages() -> None:
    assert messages("es-AR").language == "es"
    assert messages("pt-BR").language == "pt"
    assert messages("de").language == "en"  # no German texts: English, with German dates and numbers
    assert messages("es")("points.value", points="1", max="2") == "1 de 2"


def test_values_are_substituted_not_interpreted() -> None:
    t = messages("en")
    assert t("reason.unanswered", question="{0} {question!r} %s") == "You did not answer “{0} {question!r} %s”"


def test_locale_formats() -> None:
    assert formatting.number(1234.56, "en") == "1,234.6"
    assert formatting.number(1234.56, "es") == "1.234,6"
    assert formatting.number(12345.6, "es") == "12.345,6"
    assert formatting.score(None, "en") == "–"
    assert formatting.percent(69.5, "en") == "70%"
    assert formatting.percent(69.5, "es").replace("\xa0", " ") == "70 %"
    assert formatting.long_date(dt.date(2026, 11, 22), "es") == "22 de noviembre de 2026"
    assert formatting.long_date(dt.date(2026, 11, 22), "en") == "November 22, 2026"
    assert formatting.language_name("es", "es") == "Español"
    assert formatting.long_date(dt.date(2026, 11, 22), "zz") == "November 22, 2026"


def test_reasons_read_as_sentences(minimal_book: RuleBook) -> None:
    en, es = messages("en"), messages("es")
    assert reason_sentence({"question": "budget", "answer": "no"}, minimal_book, en) == (
        "You answered “No” to “Is there a budget?”"
    )
    assert reason_sentence({"question": "budget", "answer": "dont_know"}, minimal_book, es) == (
        "Respondió «No sé» a «¿Hay presupuesto?»"
    )
    assert reason_sentence({"question": "kinds", "answer": ["user", "api"]}, minimal_book, en) == (
        "You answered “User, API” to “Which docs?”"
    )
    assert reason_sentence({"question": "years", "answer": 2.0}, minimal_book, es) == (
        "Respondió «2 años» a «¿Cuántos años?»"
    )
    assert reason_sentence({"question": "years", "answer": None}, minimal_book, en) == (
        "You did not answer “How many years?”"
    )
    assert reason_sentence({"factor": "docs", "score": 35.5}, minimal_book, es) == "Documentación obtuvo 35,5 de 100"
    assert reason_sentence({"overall_score": 35}, minimal_book, en) == "The overall score is 35 out of 100"


def test_context_orders_and_explains(minimal_book: RuleBook) -> None:
    report = make_input(minimal_book, MINIMAL_ANSWERS, {"budget": "Law 12"}, language="en")
    context = build_context(report)
    recs = context["recommendations"]
    assert [r["id"] for r in recs] == ["get_budget", "api_docs"]
    assert recs[0]["reasons"] == ["You answered “No” to “Is there a budget?”"]
    assert recs[0]["who"] == ["CIO office"]
    assert recs[0]["horizon_label"].startswith("Structural")
    assert context["first_steps"] == recs  # fewer fired than the five places: all of them lead
    assert "Caps" in context["critical_gaps"][0]["caps"]
    funding = context["factors"][0]
    budget = funding["questions"][0]
    assert (budget["answer"], budget["points"], budget["evidence_text"]) == ("No", "0 of 2", "Law 12")
    years = funding["questions"][1]
    assert years["answer"] == "Does not apply"
    roadmap = context["roadmap"]
    assert [row["title"] for row in roadmap["rows"]] == ["Funding", "Cross-cutting"]
    assert context["cover"]["role"] == "Chief information officer"


@pytest.mark.parametrize(
    ("language", "label"),
    [("en", "Confidence:"), ("es", "Confianza:"), ("pt", "Confiança:"), ("fr", "Confiance\u00a0:")],
)
def test_labels_take_each_languages_colon(shipped_book: RuleBook, language: str, label: str) -> None:
    # French sets a no-break space before a colon; the report's templates write no colon of their own.
    text = BeautifulSoup(build_report(example_input(shipped_book, language)).html, "html.parser").get_text()
    assert label in text
    if language == "fr":
        # Every label the templates set before a value (the evidence and the respondents' own
        # words keep whatever colons they were written with).
        for word in ("Confiance", "Justificatif", "Priorité", "Score global"):
            assert f"{word}\u00a0:" in text, word
            assert f"{word}:" not in text, word
