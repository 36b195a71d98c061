"""Submitted assessments for the team: list, filter, open, export (CSV safe from formulas), levels by factor."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from assessor.admin.export import safe_cell
from assessor.core.rulebook import RuleBook
from tests.helpers.records import submitted
from tests.web.pages import get_page


@pytest.fixture
def with_assessments(admin_app: Flask) -> dict[str, str]:
    return {
        "best": submitted(admin_app, "Ministry of Digital", "Kenya", best=True),
        "worst": submitted(admin_app, '=HYPERLINK("http://evil.example","x")', "Chile", best=False),
        "other": submitted(admin_app, "Agency 50%_off", "Kenya", best=False),
    }


def test_the_list_filters_and_counts_levels_by_factor(
    signed_in: Callable[[str], FlaskClient], with_assessments: dict[str, str]
) -> None:
    client = signed_in("viewer")
    page = get_page(client, "/admin/assessments/")
    assert len(page.select("table:not(.level-chart) tbody tr")) == 3
    chart = page.select_one("table.level-chart")
    assert chart is not None
    first_row = [int(td.get_text()) for td in chart.select("tbody tr")[0].find_all("td")[:-1]]
    assert sum(first_row) == 3
    kenya = get_page(client, "/admin/assessments/?country=kenya")
    assert {a.get_text() for a in kenya.select("tbody th a")} == {with_assessments["best"], with_assessments["other"]}
    literal = get_page(client, "/admin/assessments/?organisation=50%25_")
    assert [a.get_text() for a in literal.select("tbody th a")] == [with_assessments["other"]]
    wildcard = get_page(client, "/admin/assessments/?organisation=%25")
    assert [a.get_text() for a in wildcard.select("tbody th a")] == [with_assessments["other"]]


def test_level_and_version_and_date_filters(
    admin_app: Flask, signed_in: Callable[[str], FlaskClient], with_assessments: dict[str, str]
) -> None:
    client = signed_in("viewer")
    book: RuleBook = admin_app.extensions["rulebook"]
    top = book.levels[-1].id
    page = get_page(client, f"/admin/assessments/?level={top}")
    assert [a.get_text() for a in page.select("tbody th a")] == [with_assessments["best"]]
    assert len(get_page(client, f"/admin/assessments/?rules_version={book.version}").select("tbody th a")) == 3
    assert not get_page(client, "/admin/assessments/?rules_version=9.9").select("tbody th a")
    assert not get_page(client, "/admin/assessments/?submitted_to=2000-01-01").select("tbody th a")
    assert len(get_page(client, "/admin/assessments/?submitted_from=2000-01-01").select("tbody th a")) == 3


def test_a_bad_date_is_named_not_a_500(
    signed_in: Callable[[str], FlaskClient], with_assessments: dict[str, str]
) -> None:
    page = get_page(signed_in("viewer"), "/admin/assessments/?submitted_from=yesterday&country=Kenya")
    summary = page.select_one(".error-summary")
    assert summary is not None
    assert summary.select_one("a")["href"] == "#submitted_from"
    assert page.select_one("#country")["value"] == "Kenya"  # what was typed stays


def test_one_assessment_opens_with_its_result_and_answers(
    signed_in: Callable[[str], FlaskClient], with_assessments: dict[str, str]
) -> None:
    client = signed_in("viewer")
    page = get_page(client, f"/admin/assessments/{with_assessments['worst']}")
    text = page.get_text(" ", strip=True)
    assert "Chile" in text
    assert '=HYPERLINK("http://evil.example","x")' in text  # shown as text, escaped
    assert page.find("a", href="http://evil.example") is None
    assert client.get("/admin/assessments/A-NOPE").status_code == 404


def test_exports_follow_the_filters_and_csv_cells_cannot_be_formulas(
    admin_app: Flask, signed_in: Callable[[str], FlaskClient], with_assessments: dict[str, str]
) -> None:
    client = signed_in("viewer")
    response = client.get("/admin/assessments/export.csv")
    assert response.mimetype == "text/csv"
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    assert len(rows) == 3
    organisations = {r["organisation"] for r in rows}
    assert '\'=HYPERLINK("http://evil.example","x")' in organisations
    book: RuleBook = admin_app.extensions["rulebook"]
    assert {f"{f.id}_level" for f in book.factors} <= set(rows[0])
    chile = json.loads(client.get("/admin/assessments/export.json?country=Chile").get_data(as_text=True))
    assert [a["reference"] for a in chile["assessments"]] == [with_assessments["worst"]]
    assert chile["assessments"][0]["result"]["overall"]["level"] == book.levels[0].id
    assert client.get("/admin/assessments/export.xml").status_code == 404


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("Kenya", "Kenya"),
        (42.5, 42.5),
        (None, None),
    ],
)
def test_safe_cell(value: Any, expected: Any) -> None:
    assert safe_cell(value) == expected
