"""Adding a language is its catalogue plus the pack's texts: a throwaway Italian seen on a page and in a PDF.

The catalogue is the shipped Spanish one relabelled as Italian with a few real Italian words
("Sì", "Sintesi"), compiled into a temporary folder the app is pointed at; the pack is the
fixture pack with Italian texts. No code or template knows the language.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po
from flask import Flask
from pypdf import PdfReader

from assessor.presentation.catalogues import SHIPPED_TRANSLATIONS
from assessor.presentation.wording import wording
from tests.answers import worst_answer
from tests.conftest import FIXTURES
from tests.helpers.apps import app_for_tests
from tests.helpers.questionnaire import answer_everything, start
from tests.web.pages import get_page, url

pytestmark = pytest.mark.slow

ITALIAN_WORDS = {
    "Yes": "Sì",  # a yes/partial/no option's default label, which the pack does not give
    "Partly": "In parte",
    "Executive summary": "Sintesi",
    "Save and continue": "Salva e continua",
    "Score by factor": "Punteggio per fattore",
}
ITALIAN_PACK_TEXTS = {
    "Paquete mínimo": "Pacchetto minimo",
    "¿Hay presupuesto?": "C'è un bilancio?",
    "Financiación": "Finanziamento",
}


def _italian_catalogue(folder: Path) -> None:
    with (SHIPPED_TRANSLATIONS / "es" / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        catalogue = read_po(handle, locale="it")
    for message in catalogue:
        if message.id in ITALIAN_WORDS:
            message.string = ITALIAN_WORDS[str(message.id)]
    target = folder / "it" / "LC_MESSAGES"
    target.mkdir(parents=True)
    with (target / "messages.po").open("wb") as handle:
        write_po(handle, catalogue)
    with (target / "messages.mo").open("wb") as handle:
        write_mo(handle, catalogue)


def _italian_pack(folder: Path) -> Path:
    text = (FIXTURES / "packs" / "minimal" / "pack.yaml").read_text(encoding="utf-8")
    # The fixture pack speaks English and Spanish; this one English and Italian.
    text = re.sub(r"\bes: ", "it: ", text).replace("[en, es]", "[en, it]")
    for spanish, italian in ITALIAN_PACK_TEXTS.items():
        text = text.replace(spanish, italian)
    pack = folder / "pack"
    pack.mkdir()
    (pack / "pack.yaml").write_text(text, encoding="utf-8")
    return pack


@pytest.fixture
def italian_app(database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Flask]:
    translations = tmp_path / "translations"
    _italian_catalogue(translations)
    yield from app_for_tests(
        database_url,
        tmp_path,
        monkeypatch,
        JOBS_IMMEDIATE=True,
        RULES_PATH=str(_italian_pack(tmp_path)),
        BABEL_TRANSLATION_DIRECTORIES=f"{SHIPPED_TRANSLATIONS};{translations}",
    )


def test_a_new_language_is_offered_and_used_on_pages_and_in_the_pdf(italian_app: Flask) -> None:
    app = italian_app
    client = app.test_client()
    book = app.extensions["rulebook"]
    assert book.questions["budget"].option("yes").label.get("it") == "Sì"  # the loader read the new catalogue

    start_page = get_page(client, url(app, "pages.start"))
    assert start_page.select_one("input[name=language][value=it]") is not None

    token = start(client, app, language="it")
    overview = get_page(client, url(app, "questionnaire.resume", token=token))
    factor_page = get_page(client, overview.select_one("main a.button-primary")["href"])
    page_text = factor_page.get_text(" ")
    assert "C'è un bilancio?" in page_text  # the pack's Italian
    assert "Sì" in page_text
    assert "Salva e continua" in page_text
    assert factor_page.select_one("html")["lang"] == "it"

    answer_everything(client, app, book, token, worst_answer)
    client.post(url(app, "questionnaire.submit", token=token))
    result = get_page(client, url(app, "questionnaire.result", token=token))
    assert "Finanziamento" in result.get_text(" ")
    pdf = client.get(url(app, "questionnaire.report_pdf", token=token)).data
    reader = PdfReader(io.BytesIO(pdf))
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "Sintesi" in text
    assert "Finanziamento" in text
    assert "C'è un bilancio?" in text
    # Italian dates, from Babel's data for the language: nothing in the code knows Italian.
    assert wording("it").date(dt.datetime.now(dt.UTC).date()) in text
