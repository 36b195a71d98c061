"""The blank questionnaire: rendered per language and read back, its skip-logic notes, the
`assessor rules print` command and the web download."""

from __future__ import annotations

import dataclasses
import io
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner, Result
from flask import Flask
from flask.testing import FlaskClient
from pypdf import PdfReader

from assessor.cli import main
from assessor.core.rulebook import RuleBook
from assessor.loading.rulepack import load_rulebook
from assessor.presentation.wording import wording
from assessor.report.blank import (
    UnknownLanguageError,
    blank_context,
    blank_filename,
    question_numbers,
    render_blank_questionnaire,
)
from tests.conftest import MINIMAL_PACK, SHIPPED_PACK
from tests.report.conftest import Canary, all_stream_data, count_objects, page_texts, reader, squash
from tests.web.pages import get_page, url

SHIPPED_LANGUAGES = tuple(load_rulebook(SHIPPED_PACK).languages)
# The shipped pack's forms run to many pages (seconds each): out of the quick loop.
CASES = [
    ("minimal", "en"),
    ("minimal", "es"),
    *[pytest.param("shipped", lang, marks=pytest.mark.slow) for lang in SHIPPED_LANGUAGES],
]


@pytest.fixture(scope="module")
def books(minimal_book: RuleBook, shipped_book: RuleBook) -> dict[str, RuleBook]:
    return {"minimal": minimal_book, "shipped": shipped_book}


@pytest.fixture(scope="module")
def rendered(books: dict[str, RuleBook]) -> Callable[[str, str], bytes]:
    """Each (pack, language) rendered once for the whole module: a render takes seconds."""
    pdfs: dict[tuple[str, str], bytes] = {}

    def get(pack: str, language: str) -> bytes:
        if (pack, language) not in pdfs:
            pdfs[pack, language] = render_blank_questionnaire(books[pack], language)
        return pdfs[pack, language]

    return get


@pytest.mark.parametrize(("pack", "language"), CASES)
def test_shows_every_factor_question_and_option(
    pack: str, language: str, books: dict[str, RuleBook], rendered: Callable[[str, str], bytes]
) -> None:
    book = books[pack]
    text = squash("\n".join(page_texts(rendered(pack, language))))
    numbers = question_numbers(book)
    for factor in book.factors:
        assert squash(factor.title.get(language)) in text, factor.id
        assert squash(factor.description.get(language)) in text, factor.id
        for question in factor.questions:
            # The number and the text side by side: "1.2¿Cuántos años?"
            assert squash(f"{numbers[question.id]} {question.text.get(language)}") in text, question.id
            if question.help is not None:
                assert squash(question.help.get(language)) in text, question.id
            for option in question.options:
                assert squash(option.label.get(language)) in text, (question.id, option.value)
    assert any(q.dont_know for q in book.questions.values())
    assert squash(wording(language).gettext("Don’t know")) in text
    assert squash(book.title.get(language)) in text
    assert squash(book.version) in text


@pytest.mark.parametrize(("pack", "language"), CASES)
def test_metadata_tags_and_nothing_embedded(
    pack: str, language: str, books: dict[str, RuleBook], rendered: Callable[[str, str], bytes]
) -> None:
    pdf = rendered(pack, language)
    assert pdf.startswith(b"%PDF-")
    parsed = reader(pdf)
    expected_title = wording(language).gettext(
        "%(title)s: questionnaire to fill in on paper", title=books[pack].title.get(language)
    )
    assert parsed.metadata is not None
    assert parsed.metadata.title == expected_title
    root = parsed.trailer["/Root"]
    assert root["/Lang"] == language
    assert root["/MarkInfo"]["/Marked"]  # tagged for screen readers
    assert "/StructTreeRoot" in root
    assert parsed.attachments == {}
    assert count_objects(pdf, "/EmbeddedFile") == 0
    assert count_objects(pdf, "/Filespec") == 0
    assert "/AcroForm" not in root  # a form to print, not an interactive one


@pytest.mark.slow
def test_the_shipped_pack_runs_over_many_pages_numbered_x_of_y(rendered: Callable[[str, str], bytes]) -> None:
    texts = page_texts(rendered("shipped", "es"))
    pages = len(texts)
    assert pages > 1
    assert squash(f"Página 1 de {pages}") in squash(texts[0])
    assert squash(f"Página {pages} de {pages}") in squash(texts[-1])
    english = page_texts(rendered("shipped", "en"))
    assert squash(f"Page 2 of {len(english)}") in squash(english[1])


def test_minimal_pack_in_english(rendered: Callable[[str, str], bytes]) -> None:
    pages = page_texts(rendered("minimal", "en"))
    text = squash("\n".join(pages))
    # The cover: fields to fill and the instructions.
    for words in ("Organisation", "Country", "Respondent (name and role)", "Date", "How to answer"):
        assert squash(words) in squash(pages[0])
    assert squash("“Don't know” is a fair answer") in text
    assert squash("Version 1.0") in text
    # Each factor on its own page, questions numbered per factor.
    assert squash("FACTOR 1 OF 2") in squash(pages[1])  # the kicker is set in capitals
    assert squash("2.3 Notes") in squash(pages[2])
    # Skip logic in words, numbers with their unit and range, evidence where asked.
    assert squash("Answer only if you answered “Yes” or “Partly” to question 1.1.") in text
    assert squash("years") in text
    assert squash("A whole number from 0 to 20") in text
    assert squash("Tick all that apply.") in text
    assert squash("None (only on its own)") in text
    assert text.count(squash("Evidence")) == 1  # only "Is there a budget?" asks for it


def test_minimal_pack_in_spanish(rendered: Callable[[str, str], bytes]) -> None:
    text = squash("\n".join(page_texts(rendered("minimal", "es"))))
    assert squash("Responda solo si respondió «Sí» o «En parte» a la pregunta 1.1.") in text
    assert squash("Un número entero de 0 a 20") in text
    assert squash("Cómo responder") in text
    assert squash("No sé") in text


@pytest.mark.slow
def test_shipped_pack_skip_notes(rendered: Callable[[str, str], bytes], shipped_book: RuleBook) -> None:
    numbers = question_numbers(shipped_book)
    text = squash("\n".join(page_texts(rendered("shipped", "es"))))
    budget = numbers["funding_om_budget"]
    assert squash(f"Responda solo si respondió «Sí» o «En parte» a la pregunta {budget}.") in text
    firms = numbers["integrators_local_firms"]
    assert squash(f"Responda solo si su respuesta a la pregunta {firms} es 1 o más.") in text


def test_renders_the_same_bytes_every_time(minimal_book: RuleBook, rendered: Callable[[str, str], bytes]) -> None:
    # No clock and no randomness: what a web process caches is what any other would render.
    assert render_blank_questionnaire(minimal_book, "en") == rendered("minimal", "en")


def test_unknown_language_is_refused(minimal_book: RuleBook) -> None:
    with pytest.raises(UnknownLanguageError, match="'pt' is not in the rule pack minimal"):
        render_blank_questionnaire(minimal_book, "pt")
    with pytest.raises(UnknownLanguageError):
        render_blank_questionnaire(minimal_book, "../en")


def test_filename_is_safe_ascii(minimal_book: RuleBook, shipped_book: RuleBook) -> None:
    assert blank_filename(shipped_book, "es") == f"questionnaire-oss_readiness-{shipped_book.version}-es.pdf"
    odd = dataclasses.replace(minimal_book, id='ö/../"x y"\r\n', version="1.0; rm")
    name = blank_filename(odd, "es")
    assert re.fullmatch(r"[A-Za-z0-9_.-]+\.pdf", name), name
    assert name == "questionnaire-o-x-y-1.0-rm-es.pdf"


# Skip logic in words, for the shapes a pack author may write ------------------------------------


def _pack_with(tmp_path: Path, extra: dict[str, list[dict[str, Any]]], **changes: Any) -> RuleBook:
    """The minimal pack with more questions appended to its factors (by factor id)."""
    data = yaml.safe_load((MINIMAL_PACK / "pack.yaml").read_text("utf-8"))
    for factor in data["factors"]:
        factor["questions"].extend(extra.get(factor["id"], []))
    data["pack"].update(changes)
    folder = tmp_path / "pack"
    folder.mkdir()
    (folder / "pack.yaml").write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    return load_rulebook(folder)


def _text_question(qid: str, show_if: str) -> dict[str, Any]:
    return {"id": qid, "type": "text", "text": {"en": f"Q {qid}", "es": f"P {qid}"}, "show_if": show_if}


def test_skip_notes_for_each_kind_of_condition(tmp_path: Path) -> None:
    book = _pack_with(
        tmp_path,
        {
            "docs": [
                _text_question("api_detail", '"api" in kinds'),
                _text_question("either_doc", '"user" in kinds or "api" in kinds'),
                _text_question("both_docs", '"user" in kinds and "api" in kinds'),
                _text_question("not_no", 'budget != "no"'),
                _text_question("few_years", "years <= 5"),
                _text_question("some_years", "years >= 2 and years <= 4"),
                _text_question("many_years", "years > 10"),
                _text_question("two_questions", 'budget == "yes" and owner == "vendor"'),
                _text_question("on_text", 'notes == "x"'),
            ]
        },
    )
    notes = {
        q["id"]: q["skip"] for factor in blank_context(book, "en")["factors"] for q in factor["questions"] if q["skip"]
    }
    assert notes == {
        "years": "Answer only if you answered “Yes” or “Partly” to question 1.1.",
        "api_detail": "Answer only if you ticked “API” in question 2.1.",
        "either_doc": "Answer only if you ticked “User” or “API” in question 2.1.",
        # Not an "any of" condition: the note names the question and claims no more.
        "both_docs": "Whether this question applies depends on your answer to question 2.1.",
        "not_no": "Answer only if you answered “Yes” or “Partly” to question 1.1.",
        "few_years": "Answer only if your answer to question 1.2 is 5 or less.",
        "some_years": "Answer only if your answer to question 1.2 is between 2 and 4.",
        "many_years": "Answer only if your answer to question 1.2 is 11 or more.",
        "two_questions": "Whether this question applies depends on your answers to questions 1.1 and 2.2.",
        "on_text": "Whether this question applies depends on your answer to question 2.3.",
    }
    spanish = {q["id"]: q["skip"] for f in blank_context(book, "es")["factors"] for q in f["questions"]}
    assert spanish["two_questions"] == (
        "Que esta pregunta se aplique depende de sus respuestas a las preguntas 1.1 y 2.2."
    )
    assert spanish["api_detail"] == "Responda solo si marcó «API» en la pregunta 2.1."


def test_pack_text_is_printed_never_fetched(tmp_path: Path, canary: Canary) -> None:
    # Pack texts come from YAML a policy team edits: markup in them is text, and loads nothing.
    payload = (
        f'<img src="{canary.url("img")}"> <link rel="attachment" href="file:///etc/passwd">'
        f" <style>@import url({canary.url('css')})</style>"
    )
    book = _pack_with(
        tmp_path,
        {"docs": [{"id": "hostile", "type": "text", "text": {"en": payload, "es": payload}, "evidence": True}]},
    )
    pdf = render_blank_questionnaire(book, "en")
    assert squash(payload) in squash("\n".join(page_texts(pdf)))
    assert canary.hits == []
    assert count_objects(pdf, "/EmbeddedFile") == 0
    assert not any(b"root:x:0:0" in stream for stream in all_stream_data(pdf))


# The command line ------------------------------------------------------------------------------


def invoke(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def test_cli_writes_the_pdf(tmp_path: Path) -> None:
    out = tmp_path / "blank.pdf"
    run = invoke("rules", "print", str(MINIMAL_PACK), "--lang", "es", "-o", str(out))
    assert run.exit_code == 0, run.output
    assert f"wrote {out}" in run.stderr
    pdf = out.read_bytes()
    parsed = reader(pdf)
    assert len(parsed.pages) > 1
    assert parsed.trailer["/Root"]["/Lang"] == "es"
    assert squash("¿Hay presupuesto?") in squash("\n".join(page_texts(pdf)))


def test_cli_defaults_to_the_pack_language_and_a_safe_name(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    run = invoke("rules", "print", str(MINIMAL_PACK))
    assert run.exit_code == 0, run.output
    assert (tmp_path / "questionnaire-minimal-1.0-en.pdf").read_bytes().startswith(b"%PDF-")


def test_cli_unknown_language_is_a_clean_error(tmp_path: Path) -> None:
    out = tmp_path / "blank.pdf"
    run = invoke("rules", "print", str(MINIMAL_PACK), "--lang", "de", "-o", str(out))
    assert run.exit_code == 1
    assert "language 'de' is not in this pack; choose one of: en, es" in run.stderr
    assert "Traceback" not in run.output
    assert not out.exists()


@pytest.mark.parametrize("where", ["missing-folder/blank.pdf", "file.txt/blank.pdf"])
def test_cli_unwritable_path_is_a_clean_error(tmp_path: Path, where: str) -> None:
    (tmp_path / "file.txt").write_text("x", "utf-8")
    run = invoke("rules", "print", str(MINIMAL_PACK), "-o", str(tmp_path / where))
    assert run.exit_code == 1
    assert "cannot write the PDF" in run.stderr
    assert "Traceback" not in run.output


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_cli_failed_write_is_a_clean_error() -> None:
    run = invoke("rules", "print", str(MINIMAL_PACK), "-o", "/dev/full")
    assert run.exit_code == 1
    assert "/dev/full: cannot write the PDF (No space left on device)" in run.stderr
    assert "Traceback" not in run.output


def test_cli_directory_as_output_is_refused(tmp_path: Path) -> None:
    run = invoke("rules", "print", str(MINIMAL_PACK), "-o", str(tmp_path))
    assert run.exit_code == 2  # click refuses it before anything is rendered
    assert "Traceback" not in run.output


# The web download ------------------------------------------------------------------------------


@pytest.mark.slow
def test_web_download_headers_and_a_single_render(
    app: Flask,
    client: FlaskClient,
    shipped_book: RuleBook,
    rendered: Callable[[str, str], bytes],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = url(app, "pages.blank_questionnaire", lang="es")
    assert path == "/questionnaire/es.pdf"
    response = client.get(path)
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/pdf"
    assert response.headers["Content-Disposition"] == (
        f'attachment; filename="questionnaire-oss_readiness-{shipped_book.version}-es.pdf"'
    )
    assert response.headers["Cache-Control"] == "public, max-age=3600"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.data == rendered("shipped", "es")
    assert len(PdfReader(io.BytesIO(response.data)).pages) > 1

    # The second download is served from the stored PDF: nothing is rendered or stored again.
    store = app.extensions["report_jobs"].blanks
    stored: list[str] = []
    real_put = store.put
    monkeypatch.setattr(store, "put", lambda key, pdf: (stored.append(key), real_put(key, pdf)))
    assert client.get(path).data == response.data
    assert stored == []


@pytest.mark.parametrize("lang", ["de", "xx", "EN", "es-AR", "..%2Fen"])
def test_web_unknown_language_is_404(app: Flask, client: FlaskClient, lang: str) -> None:
    response = client.get(f"/questionnaire/{lang}.pdf")
    assert response.status_code == 404
    assert response.headers["Content-Type"].startswith("text/html")


def test_start_page_links_to_the_questionnaire_in_its_language(app: Flask, client: FlaskClient) -> None:
    page = get_page(client, url(app, "pages.start"), headers={"Accept-Language": "es"})
    link = page.select_one("a[href='/questionnaire/es.pdf']")
    assert link is not None
    assert link.get_text(strip=True) == "Imprimir el cuestionario para reunir las respuestas en papel primero"
    english = get_page(client, url(app, "pages.start"), headers={"Accept-Language": "en"})
    link = english.select_one("a[href='/questionnaire/en.pdf']")
    assert link is not None
    assert link.get_text(strip=True) == "Print the questionnaire to gather answers on paper first"
