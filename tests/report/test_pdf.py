"""Real reports rendered by WeasyPrint and read back with pypdf: content, archive data, metadata, PDF/A."""

from __future__ import annotations

import json
import re

import pytest

from assessor.core.explain import result_to_dict
from assessor.core.rulebook import RuleBook
from assessor.report import ReportInput, read_report_data, render_pdf
from assessor.report.archive import ReportDataError
from tests.report.conftest import example_input, page_texts, reader, squash

# A whole report rendered (seconds): out of the quick loop (README, "Running the tests").
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def spanish_input(shipped_book: RuleBook) -> ReportInput:
    return example_input(shipped_book, "es")


@pytest.fixture(scope="module")
def spanish_pdf(spanish_input: ReportInput) -> bytes:
    """The shipped example, in Spanish on the shipped pack: rendered once for every test here."""
    return render_pdf(spanish_input)


@pytest.fixture(scope="module")
def spanish_text(spanish_pdf: bytes) -> str:
    return squash("\n".join(page_texts(spanish_pdf)))


def test_is_a_pdf_with_a_cover_and_many_pages(spanish_pdf: bytes) -> None:
    assert spanish_pdf.startswith(b"%PDF-1.7")
    assert len(reader(spanish_pdf).pages) > 10


def test_shows_organisation_level_and_every_fired_recommendation(
    spanish_input: ReportInput, spanish_text: str, shipped_book: RuleBook
) -> None:
    data = result_to_dict(shipped_book, spanish_input.result, "es")
    assert squash(spanish_input.organisation) in spanish_text
    assert squash(data["overall"]["level_title"]) in spanish_text
    assert data["recommendations"], "the example should fire recommendations"
    for rec in data["recommendations"]:
        assert squash(rec["title"]) in spanish_text, rec["id"]
    for factor in data["factors"]:
        assert squash(factor["title"]) in spanish_text


def test_explains_recommendations_and_scores_in_sentences(spanish_text: str, shipped_book: RuleBook) -> None:
    question = shipped_book.questions["funding_om_budget"].text.get("es")
    assert squash(f"Respondió «En parte» a «{question}»") in spanish_text
    assert squash("Página 3 de") in spanish_text
    assert squash("22 de noviembre de 2026") in spanish_text
    overall = result_to_dict(shipped_book, example_input(shipped_book, "es").result, "es")["overall"]["score"]
    assert squash(f"{overall:.1f}".replace(".", ",")) in spanish_text  # the overall score, with the decimal comma


def test_embedded_json_reads_back_as_the_same_result(spanish_pdf: bytes, spanish_input: ReportInput) -> None:
    data = read_report_data(spanish_pdf)
    expected = json.loads(json.dumps(result_to_dict(spanish_input.book, spanish_input.result, "es")))
    assert data["result"] == expected
    assert data["rules"]["hash"] == spanish_input.book.content_hash
    assert data["organisation"] == spanish_input.organisation
    assert data["assessment_date"] == "2026-11-22"
    assert data["answers"]["documentation_product_docs"] == ["user", "install"]
    assert data["evidence"]["funding_om_budget"]["link"].startswith("https://")


def test_embedded_json_is_an_answers_file_that_scores_the_same(spanish_pdf: bytes, shipped_book: RuleBook) -> None:
    from assessor.core.answers import checked_answers
    from assessor.core.scoring import score
    from assessor.loading.answersfile import answers_from_data

    data = read_report_data(spanish_pdf)
    again = answers_from_data(data, "assessment.json")
    rescored = score(shipped_book, checked_answers(shipped_book, again.answers, again.evidence))
    assert result_to_dict(shipped_book, rescored, "es") == data["result"]


def test_read_report_data_refuses_other_pdfs() -> None:
    with pytest.raises(ReportDataError):
        read_report_data(b"not a pdf at all")


def test_metadata_title_language_and_dates(spanish_pdf: bytes, spanish_input: ReportInput) -> None:
    parsed = reader(spanish_pdf)
    assert parsed.metadata is not None
    assert parsed.metadata.title == f"Evaluación de preparación para el código abierto: {spanish_input.organisation}"
    assert parsed.trailer["/Root"]["/Lang"] == "es"
    assert parsed.metadata["/CreationDate"].startswith("D:20261122")


def test_pdf_a3b_markers(spanish_pdf: bytes) -> None:
    root = reader(spanish_pdf).trailer["/Root"]
    xmp = root["/Metadata"].get_object().get_data().decode("utf-8")
    assert re.search(r'pdfaid:part="3"', xmp)
    assert re.search(r'pdfaid:conformance="B"', xmp)
    intents = root["/OutputIntents"]
    assert intents[0].get_object()["/S"] == "/GTS_PDFA1"
    # PDF/A-3 associated files: the JSON is declared as the document's data. (WeasyPrint 70 lists
    # the one file specification twice in /AF; it is still one file.)
    (associated,) = {ref.idnum: ref.get_object() for ref in root["/AF"]}.values()
    assert associated["/AFRelationship"] == "/Data"
    assert associated["/F"] == "assessment.json"


def test_tagged_with_headings_tables_and_chart_alternatives(spanish_pdf: bytes) -> None:
    root = reader(spanish_pdf).trailer["/Root"]
    assert bool(root["/MarkInfo"]["/Marked"])
    kinds: set[str] = set()
    alts: list[str] = []
    stack = [root["/StructTreeRoot"].get_object()]
    while stack:
        node = stack.pop()
        if "/S" in node:
            kinds.add(str(node["/S"]))
            if node["/S"] == "/Figure" and "/Alt" in node:
                alts.append(str(node["/Alt"]))
        children = node.get("/K")
        if children is None:
            continue
        for child in children if isinstance(children, list) else [children]:
            child = child.get_object() if hasattr(child, "get_object") else child
            if hasattr(child, "get") and child.get("/Type") in (None, "/StructElem"):
                stack.append(child)
    assert {"/H1", "/H2", "/Table", "/TH", "/TD", "/Figure"} <= kinds
    assert any("Reglas de contratación" in alt and "Emergente" in alt for alt in alts), alts


def test_bookmarks_and_contents_with_page_numbers(spanish_pdf: bytes) -> None:
    parsed = reader(spanish_pdf)
    titles = [item.title for item in parsed.outline if not isinstance(item, list)]
    assert "Resumen ejecutivo" in titles
    assert "Recomendaciones" in titles
    contents = parsed.pages[1].extract_text()
    assert re.search(r"Resumen ejecutivo[ .\u2026]*\d+", contents), contents
