"""The report's page layout read back from a real PDF: no mostly-empty pages, recommendations that
start with their advice, hashes and identifiers unbroken, the English clause's placeholder."""

from __future__ import annotations

import re
from typing import Any

import pytest
from pypdf import PageObject

from assessor.core.explain import result_to_dict
from assessor.core.rulebook import RuleBook
from assessor.report import ReportInput, render_pdf
from tests.report.conftest import example_input, reader, squash

# A whole report rendered (seconds): out of the quick loop (README, "Running the tests").
pytestmark = pytest.mark.slow

# A4 in points and the report's top and bottom margins (report.css, @page): text outside them is
# the running header and footer.
PAGE_HEIGHT = 841.89
PAGE_WIDTH = 595.28
TOP_MARGIN = 22 / 25.4 * 72
BOTTOM_MARGIN = 20 / 25.4 * 72
# A page whose text ends above this share of the writing area is "mostly empty".
MIN_FILL = 0.4
# Section headings set the running header's section (report.css: h1 20pt, factor titles 17pt).
SECTION_HEADING_POINTS = 16.5


@pytest.fixture(scope="module")
def spanish_input(shipped_book: RuleBook) -> ReportInput:
    return example_input(shipped_book, "es")


@pytest.fixture(scope="module")
def pages(spanish_input: ReportInput) -> list[PageObject]:
    """The shipped Spanish example's pages, rendered once for every test here."""
    return list(reader(render_pdf(spanish_input)).pages)


@pytest.fixture(scope="module")
def texts(pages: list[PageObject]) -> list[str]:
    return [page.extract_text() or "" for page in pages]


def body_fill(page: PageObject) -> float:
    """How far down the writing area the page's text reaches, from 0 (empty) to 1 (to the bottom margin)."""
    lowest = PAGE_HEIGHT - TOP_MARGIN

    def visit(text: str, cm: Any, tm: Any, font: Any, size: Any) -> None:
        nonlocal lowest
        y = (cm[3] * tm[5] + cm[5]) if cm[3] else tm[5]
        if text.strip() and BOTTOM_MARGIN < y < PAGE_HEIGHT - TOP_MARGIN:
            lowest = min(lowest, y)

    page.extract_text(visitor_text=visit)
    return (PAGE_HEIGHT - TOP_MARGIN - lowest) / (PAGE_HEIGHT - TOP_MARGIN - BOTTOM_MARGIN)


def test_no_page_but_the_last_is_mostly_empty(pages: list[PageObject], texts: list[str]) -> None:
    # The cover is a design; the recommendations start on a new page, so the page before them may
    # end the factor section short.
    recs_start = next(i for i, text in enumerate(texts) if text.splitlines()[0].strip() == "Recomendaciones") + 1
    fills = {number: body_fill(page) for number, page in enumerate(pages[1:-1], start=2) if number != recs_start - 1}
    empty = {number: round(fill, 2) for number, fill in fills.items() if fill < MIN_FILL}
    assert not empty, f"pages whose text ends in the top {MIN_FILL:.0%} of the page: {empty}"
    assert max(fills.values()) > 0.9, "the measure must see full pages as full"


def test_every_recommendation_starts_on_the_page_of_its_advice(
    spanish_input: ReportInput, shipped_book: RuleBook, texts: list[str]
) -> None:
    """A heading never ends a page: the page with "R4 <title>" also has R4's facts and its advice's first words."""
    data = result_to_dict(shipped_book, spanish_input.result, "es")
    assert data["recommendations"]
    squashed = [squash(text) for text in texts]
    # The section's first page: its heading is the page's first line (factor pages list recommendations too).
    recs_start = next(i for i, text in enumerate(texts) if text.splitlines()[0].strip() == "Recomendaciones")
    # Numbered in the report's own order (first steps lead), so found by title.
    for number, rec in enumerate(data["recommendations"], start=1):
        heading = squash(rec["title"])[:40]
        found = [i for i in range(recs_start, len(texts)) if heading in squashed[i]]
        assert found, f"{rec['id']}'s heading is not in the recommendations"
        page = squashed[found[0]]
        after = page[page.index(heading) :]
        assert "Prioridad" in after, f"R{number} starts at the foot of page {found[0] + 1}, without its facts"
        assert squash(rec["text"])[:30] in after, f"R{number}'s advice does not start on its heading's page"


def test_hashes_and_question_ids_are_never_broken(
    spanish_input: ReportInput, shipped_book: RuleBook, texts: list[str]
) -> None:
    lines = [line for text in texts for line in text.splitlines()]
    content_hash = spanish_input.book.content_hash
    holding = [line for line in lines if content_hash in line]
    assert len(holding) >= 2, "the fingerprint appears whole on the cover and in the methodology"
    assert not any(re.search(r"[0-9a-f]{6,}[-\u2010]$", line) for line in lines), "a hexadecimal string hyphenated"
    for qid in spanish_input.answers.values:  # under each question in the appendix
        assert any(qid in line for line in lines), f"question id {qid} is broken or missing"


def test_the_english_documentation_clause_names_english(shipped_book: RuleBook) -> None:
    """Each language's clause names its own language as the placeholder for the contract's language."""
    placeholders = {"en": "[English]", "es": "[español]", "pt": "[português]", "fr": "[français]"}
    clauses = [rec.clause for rec in shipped_book.recommendations if rec.clause is not None]
    documentation = [clause for clause in clauses if "[español]" in clause.get("es")]
    assert documentation, "the documentation clause leaves the contract's language to fill in"
    for clause in documentation:
        for language, placeholder in placeholders.items():
            assert placeholder in clause.get(language), (language, clause.get(language)[:80])
    for clause in clauses:
        assert "[Spanish]" not in clause.get("en")


def header_and_lines(page: PageObject) -> tuple[str, list[tuple[str, bool]]]:
    """The running header's right box (the section), and the body's lines top to bottom, each with
    whether it is a section heading."""
    header: list[str] = []
    lines: list[tuple[float, str, bool]] = []

    def visit(text: str, cm: Any, tm: Any, font: Any, size: Any) -> None:
        y = (cm[3] * tm[5] + cm[5]) if cm[3] else tm[5]
        x = (cm[0] * tm[4] + cm[4]) if cm[0] else tm[4]
        if not text.strip():
            return
        if y > PAGE_HEIGHT - TOP_MARGIN and x > PAGE_WIDTH / 2:
            header.append(text.strip())
        elif BOTTOM_MARGIN < y <= PAGE_HEIGHT - TOP_MARGIN:
            points = size * (cm[0] or 1) * (tm[0] or 1)
            lines.append((y, text.strip(), points >= SECTION_HEADING_POINTS))

    page.extract_text(visitor_text=visit)
    lines.sort(key=lambda line: -line[0])
    return " ".join(header), [(text, heading) for _y, text, heading in lines]


def test_the_running_header_names_the_section_each_page_starts_in(pages: list[PageObject]) -> None:
    # A factor that begins halfway down a page has not begun at its top: the header names the
    # section the page's first lines belong to (the last heading before them).
    current = ""
    checked = 0
    for number, page in enumerate(pages, start=1):
        header, lines = header_and_lines(page)
        if header and number > 1:
            expected = lines[0][0] if lines and lines[0][1] else current
            assert squash(header) == squash(expected), f"page {number}"
            checked += 1
        for text, heading in lines:
            if heading:
                current = text
    assert checked > 30
