"""A real report names what was assessed, says "not applicable", and leads its summary with the first steps."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
import yaml

from assessor.core.explain import result_to_dict
from assessor.core.rulebook import RuleBook
from assessor.report import ReportInput, read_report_data, render_pdf
from assessor.subject import Subject
from tests.conftest import SHIPPED_PACK
from tests.report.conftest import make_input, page_texts, squash

# A whole report rendered (seconds): out of the quick loop (README, "Running the tests").
pytestmark = pytest.mark.slow

NAME = "SIGEF <b>{system}</b> %(x)s"


@pytest.fixture(scope="module")
def municipal_input(shipped_book: RuleBook) -> ReportInput:
    """The pack's own worked example of "not applicable" answers, in French, for a named municipal system."""
    examples = yaml.safe_load(Path(SHIPPED_PACK / "examples_not_applicable.yaml").read_text(encoding="utf-8"))
    answers = examples["examples"][0]["answers"]
    report = make_input(shipped_book, answers, language="fr", organisation="Ville de Lyon")
    return dataclasses.replace(report, subject=Subject(NAME, "local", "tax_revenue"))


@pytest.fixture(scope="module")
def municipal_pdf(municipal_input: ReportInput) -> bytes:
    """Rendered once for every test here."""
    return render_pdf(municipal_input)


@pytest.fixture(scope="module")
def pages(municipal_pdf: bytes) -> list[str]:
    return [squash(text) for text in page_texts(municipal_pdf)]


def test_the_cover_names_the_system_level_and_sector(pages: list[str]) -> None:
    cover = pages[0]
    assert squash(f"Système ou produit évalué {NAME}") in cover  # as typed: the markup is text
    assert squash("Échelon administratif Infranational : commune ou collectivité locale") in cover
    assert squash("Secteur Fiscalité et recettes publiques") in cover


def test_the_summary_leads_with_the_first_steps_then_the_rest_by_factor(
    pages: list[str], municipal_input: ReportInput, shipped_book: RuleBook
) -> None:
    data = result_to_dict(shipped_book, municipal_input.result, "fr")
    titles = {r["id"]: r["title"] for r in data["recommendations"]}
    heading = squash("Vos 5 premières étapes")
    summary = next(text for text in pages if heading in text)
    after = summary[summary.index(heading) :]
    positions = [
        after.index(squash(f"{titles[rec_id]}R{number}")) for number, rec_id in enumerate(data["first_steps"], 1)
    ]
    assert positions == sorted(positions)
    assert data["first_steps"][0] == "procurement_open_licence_clause"
    rest = "".join(pages[pages.index(summary) : pages.index(summary) + 3])
    assert squash("Autres recommandations, par facteur") in rest
    assert squash(shipped_book.factor("integrators").title.get("fr")) in rest


def test_answers_not_applicable_and_named_questions_read_back(pages: list[str], shipped_book: RuleBook) -> None:
    text = "".join(pages)
    assert text.count(squash("Sans objet")) >= 5  # the five questions answered so
    asked = shipped_book.questions["funding_om_budget"].asked("fr", NAME)  # one not hyphenated across lines
    assert squash(asked) in text


def test_the_embedded_json_carries_the_subject_and_the_first_steps(municipal_pdf: bytes) -> None:
    data = read_report_data(municipal_pdf)
    assert data["subject"] == {"system": NAME, "government_level": "local", "sector": "tax_revenue"}
    assert data["result"]["first_steps"][:3] == [
        "procurement_open_licence_clause",
        "political_backing_name_sponsor",
        "documentation_as_deliverable",
    ]
    assert data["answers"]["ecosystem_product_health"] == "not_applicable"
    statuses = {q["id"]: q["status"] for f in data["result"]["factors"] for q in f["questions"]}
    assert statuses["ecosystem_product_health"] == "not_applicable"
