"""A figure reads the same on the result page and in the PDF: one percentage format, one score format."""

from __future__ import annotations

import io
import re

import pytest
from flask import Flask
from flask.testing import FlaskClient
from pypdf import PdfReader

from assessor.core.rulebook import DONT_KNOW, Question, RuleBook
from tests.answers import best_answer
from tests.helpers.questionnaire import submitted_through_the_pages
from tests.web.pages import get_page, url

pytestmark = pytest.mark.slow


def _some_unknown(question: Question) -> object:
    # "Don't know" for about a third of the questions, so confidences are not round figures.
    return DONT_KNOW if question.dont_know and sum(map(ord, question.id)) % 3 == 0 else best_answer(question)


@pytest.mark.parametrize("language", ["fr"])
def test_confidences_read_the_same_on_the_page_and_in_the_pdf(
    app: Flask, client: FlaskClient, shipped_book: RuleBook, language: str
) -> None:
    token = submitted_through_the_pages(client, app, shipped_book, _some_unknown, language=language)
    page = get_page(client, url(app, "questionnaire.result", token=token))
    shown = [row.select("td")[3].get_text(strip=True) for row in page.select("main table tbody tr")]
    assert any("," in figure for figure in shown), shown  # a decimal, in the French style
    assert all(figure.endswith("\u00a0%") for figure in shown), shown  # French sets a space before %
    pdf = client.get(url(app, "questionnaire.report_pdf", token=token)).data
    text = re.sub(r"\s+", " ", "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages))
    for figure in shown:
        assert re.sub(r"\s+", " ", figure) in text, figure
