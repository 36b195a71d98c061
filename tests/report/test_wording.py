"""The report's words: every language has every text, numbers and dates follow the locale, reasons read as sentences."""

from __future__ import annotations

import datetime as dt

import pytest
from bs4 import BeautifulSoup

from assessor.core.rulebook import RuleBook
from assessor.presentation.sentences import reason_sentence
from assessor.presentation.wording import wording
from assessor.report.context import build_context
from assessor.report.render import build_report
from tests.report.conftest import MINIMAL_ANSWERS, example_input, make_input


def test_unknown_and_regional_languages() -> None:
    assert wording("es-AR").words_language == "es"
    assert wording("pt-BR").words_language == "pt"
    assert wording("de").words_language == "en"  # no German texts: English, with German dates and numbers
    assert wording("de").number(1234.5) == "1.234,5"
    assert wording("es").gettext("%(points)s of %(max)s", points="1", max="2") == "1 de 2"


def test_values_are_substituted_not_interpreted() -> None:
    t = wording("en")
    assert t.gettext("You did not answer “%(question)s”", question="{0} {question!r} %s") == (
        "You did not answer “{0} {question!r} %s”"
    )


def test_locale_formats() -> None:
    en, es = wording("en"), wording("es")
    assert en.number(1234.56) == "1,234.56"  # an answer or a bound as given, as on the pages
    assert en.score(1234.56) == "1,234.6"  # a score: one decimal
    assert es.score(1234.56) == "1.234,6"
    assert es.score(12345.6) == "12.345,6"
    assert en.score(None) == "–"
    # One percentage format for the pages and the PDF: "71.2%" reads the same in both.
    assert en.percent(71.2) == "71.2%"
    assert en.percent(69.5) == "69.5%"
    assert es.percent(69.5).replace("\xa0", " ") == "69,5 %"
    assert es.date(dt.date(2026, 11, 22)) == "22 de noviembre de 2026"
    assert en.date(dt.date(2026, 11, 22)) == "November 22, 2026"
    assert wording("fr").date(dt.date(2026, 11, 22)) == "22 novembre 2026"
    assert es.language_name("es") == "Español"
    assert wording("zz").date(dt.date(2026, 11, 22)) == "November 22, 2026"
    assert en.date_time("2026-11-22T10:31:00+00:00") == "Nov 22, 2026, 10:31"
    assert es.date_time("2026-11-22T10:31:00+00:00") == "22 nov 2026, 10:31"


def test_reasons_read_as_sentences(minimal_book: RuleBook) -> None:
    en, es = wording("en"), wording("es")
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
        for word in ("Confiance", "Justificatifs", "Priorité", "Score global"):
            assert f"{word}\u00a0:" in text, word
            assert f"{word}:" not in text, word
