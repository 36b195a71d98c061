"""The per-factor chart: one accessible SVG for the result page and the PDF, and its table rows."""

from __future__ import annotations

import dataclasses
import xml.etree.ElementTree as ET

from assessor.core.explain import result_to_dict
from assessor.core.rulebook import RuleBook, Text
from assessor.report import factor_chart_rows, factor_chart_svg
from tests.report.conftest import MINIMAL_ANSWERS, make_input

SVG = "{http://www.w3.org/2000/svg}"


def test_svg_is_an_accessible_image(minimal_book: RuleBook) -> None:
    report = make_input(minimal_book, {"budget": "yes", "years": 5, "kinds": ["user"], "owner": "government"})
    svg = factor_chart_svg(report.result, minimal_book, "en")
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "factor-chart-title factor-chart-desc"
    title = root.find(f"{SVG}title")
    desc = root.find(f"{SVG}desc")
    assert title is not None
    assert desc is not None
    assert title.get("id") == "factor-chart-title"
    assert desc.get("id") == "factor-chart-desc"
    assert title.text == "Score by factor, out of 100: Funding 100 (High); Documentation 75 (High)."
    assert "Mid from 40" in (desc.text or "")
    assert len(root.findall(f"{SVG}rect")) == 2


def test_same_svg_from_a_result_or_its_plain_data(minimal_book: RuleBook) -> None:
    report = make_input(minimal_book, MINIMAL_ANSWERS)
    from_result = factor_chart_svg(report.result, minimal_book, "es")
    from_data = factor_chart_svg(result_to_dict(minimal_book, report.result, "es"), minimal_book)
    assert from_result == from_data
    assert "Puntaje por factor" in from_result


def test_rows_are_the_table_equivalent(minimal_book: RuleBook) -> None:
    report = make_input(minimal_book, {"budget": "partial", "kinds": ["user"], "owner": "government"})
    rows = factor_chart_rows(report.result, minimal_book, "es")
    assert [(r.factor_id, r.title, r.level_title) for r in rows] == [
        ("funding", "Financiación", "Medio"),
        ("docs", "Documentación", "Alto"),
    ]
    assert rows[0].score_text == "50"
    assert rows[1].score_text == "75"
    assert rows[0].confidence_text.replace("\xa0", " ") == "25 %"  # no evidence given, "years" unknown


def test_unscored_factor_has_no_bar(minimal_book: RuleBook) -> None:
    report = make_input(minimal_book, {"kinds": ["user"], "owner": "government"})
    root = ET.fromstring(factor_chart_svg(report.result, minimal_book, "en"))
    assert len(root.findall(f"{SVG}rect")) == 1
    title = root.find(f"{SVG}title")
    assert title is not None
    assert "Funding not scored" in (title.text or "")


def test_pack_texts_are_escaped(minimal_book: RuleBook) -> None:
    hostile = dataclasses.replace(minimal_book.factors[0], title=Text({"en": '<script>alert(1)</script> & "x"'}, "en"))
    book = dataclasses.replace(minimal_book, factors=(hostile, *minimal_book.factors[1:]))
    report = make_input(book, MINIMAL_ANSWERS)
    svg = factor_chart_svg(report.result, book, "en", element_id="c1", factor_ids=("funding",))
    assert "<script>" not in svg
    assert "&lt;script&gt;" in svg
    root = ET.fromstring(svg)
    assert root.get("id") == "c1"
    assert len(root.findall(f"{SVG}rect")) == 1
