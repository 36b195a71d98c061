"""Numbers read strictly in the page's language, and every number question kept to a finite range."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import update

from assessor.core.answers import DEFAULT_NUMBER_LIMIT, normalise_answer, number_bounds
from assessor.core.rulebook import RuleBook
from assessor.loading.rulepack import load_rulebook
from assessor.storage.db import session as db_session
from assessor.storage.db import upgrade
from assessor.storage.models import Assessment
from assessor.web import create_app
from assessor.web.numbers import NumberSyntaxError, parse_number
from tests.conftest import MINIMAL_PACK
from tests.web.pages import parse, url
from tests.web.test_questionnaire import start


@pytest.mark.parametrize(
    ("text", "locale", "expected"),
    [
        ("3", "en", "3"),
        ("3.5", "en", "3.5"),
        ("-2.25", "en", "-2.25"),
        ("3,5", "es", "3.5"),
        ("3,5", "pt", "3.5"),
        ("3,5", "fr", "3.5"),
        ("3,0", "es", "3"),
        (" 12 ", "es", "12"),
        ("1 234 567", "en", "1234567"),
        ("1\u202f234,5", "fr", "1234.5"),
        ("1\u00a0234", "es", "1234"),
        ("\u22123", "en", "-3"),
    ],
)
def test_numbers_in_the_page_language_are_read(text: str, locale: str, expected: str) -> None:
    assert parse_number(text, locale) == Decimal(expected)


@pytest.mark.parametrize(
    ("text", "locale", "kind", "example"),
    [
        ("3.5", "es", "decimal_mark", "3,5"),
        ("3.0", "es", "decimal_mark", "3,0"),
        ("3.5", "pt", "decimal_mark", "3,5"),
        ("3.5", "fr", "decimal_mark", "3,5"),
        ("1,2", "en", "decimal_mark", "1.2"),
        ("1,000", "en", "grouping", "1000"),
        ("3.500", "es", "grouping", "3500"),
        ("1.234,5", "es", "grouping", "1234,5"),
        ("1,2,3", "en", "decimal_mark", "3.5"),
        ("1_0", "en", "not_a_number", ""),
        ("1e400", "en", "not_a_number", ""),
        ("1e308", "en", "not_a_number", ""),
        ("1E5", "es", "not_a_number", ""),
        ("inf", "en", "not_a_number", ""),
        ("Infinity", "en", "not_a_number", ""),
        ("nan", "en", "not_a_number", ""),
        ("0x10", "en", "not_a_number", ""),
        ("12 34", "en", "not_a_number", ""),
        ("١٢", "en", "not_a_number", ""),
        ("", "en", "not_a_number", ""),
        ("9" * 16, "en", "too_long", ""),
        ("1" * 1001, "en", "too_long", ""),
    ],
)
def test_anything_else_is_an_error_saying_why(text: str, locale: str, kind: str, example: str) -> None:
    with pytest.raises(NumberSyntaxError) as raised:
        parse_number(text, locale)
    assert raised.value.kind == kind
    assert raised.value.example == example


def test_every_number_question_has_a_finite_range(minimal_book: RuleBook, unbounded_book: RuleBook) -> None:
    assert number_bounds(minimal_book.questions["years"]) == (0, 20)
    assert number_bounds(unbounded_book.questions["years"]) == (-DEFAULT_NUMBER_LIMIT, DEFAULT_NUMBER_LIMIT)
    question = unbounded_book.questions["years"]
    for hostile in (1e308, -1e308, 10**1001, float("inf"), float("nan"), DEFAULT_NUMBER_LIMIT + 1):
        with pytest.raises(ValueError, match=r"finite|above|below|digits"):
            normalise_answer(question, hostile)
    assert normalise_answer(question, DEFAULT_NUMBER_LIMIT) == DEFAULT_NUMBER_LIMIT


@pytest.fixture(scope="module")
def unbounded_pack(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The minimal pack with its number question stripped of min, max, integer and show_if."""
    text = (MINIMAL_PACK / "pack.yaml").read_text(encoding="utf-8")
    for line in ("        min: 0\n", "        max: 20\n", "        integer: true\n"):
        assert line in text
        text = text.replace(line, "", 1)
    text = text.replace('        show_if: budget == "yes" or budget == "partial"\n', "", 1)
    folder = tmp_path_factory.mktemp("unbounded")
    (folder / "pack.yaml").write_text(text, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def unbounded_book(unbounded_pack: Path) -> RuleBook:
    book = load_rulebook(unbounded_pack)
    assert book.questions["years"].max is None
    assert not book.questions["years"].integer
    return book


@pytest.fixture
def unbounded_app(database_url: str, unbounded_pack: Path) -> Iterator[Flask]:
    application = create_app(
        {
            "TESTING": True,
            "DATABASE_URL": database_url,
            "WTF_CSRF_ENABLED": False,
            "SECRET_KEY": "test",
            "RATELIMIT_ENABLED": False,
            "RULES_PATH": str(unbounded_pack),
        }
    )
    upgrade(application)
    yield application
    application.extensions["report_jobs"].huey.storage.close()
    application.extensions["db_engine"].dispose()


def _post_number(client: FlaskClient, app: Flask, token: str, factor: str, qid: str, typed: str) -> tuple[int, str]:
    path = url(app, "questionnaire.factor", token=token, factor_id=factor)
    response = client.post(path, data={"shown": qid, f"q_{qid}": typed, "action": "continue"})
    text = parse(response).get_text(" ", strip=True) if response.status_code == 200 else ""
    return response.status_code, text


def _stored(app: Flask, qid: str) -> object:
    with app.app_context():
        answers = db_session().query(Assessment).one().answers or {}
        return answers.get(qid)


QID = "integrators_local_firms"  # shipped pack: a whole number from 0 to 500


@pytest.mark.parametrize(
    ("language", "typed", "message"),
    [
        ("es", "3.5", "Escriba el número con coma decimal, por ejemplo 3,5"),
        ("es", "3.0", "Escriba el número con coma decimal, por ejemplo 3,0"),
        ("pt", "3.5", "Escreva o número com vírgula decimal, por exemplo 3,5"),
        ("fr", "3.5", "Écrivez le nombre avec une virgule décimale, par exemple 3,5"),
        ("en", "1,2", "Write the number with a decimal point, for example 1.2"),
        ("en", "1,000", "Write the number without thousands separators, for example 1000"),
        ("es", "3,5", "3,5 no es un número entero: ingrese un número entero, por ejemplo 3"),
        ("en", "1_0", "Enter a number between 0 and 500"),
        ("en", "1e400", "Enter a number between 0 and 500"),
        ("fr", "nan", "Saisissez un nombre entre 0 et 500"),
    ],
)
def test_a_number_in_another_format_is_an_error_and_nothing_is_saved(
    app: Flask, client: FlaskClient, language: str, typed: str, message: str
) -> None:
    token = start(client, app, language=language)
    status, text = _post_number(client, app, token, "integrators", QID, typed)
    assert status == 200
    assert message in text
    assert _stored(app, QID) is None


@pytest.mark.parametrize(("language", "typed", "saved"), [("es", "3,0", 3), ("pt", "12", 12), ("en", "500", 500)])
def test_a_number_in_the_page_format_is_saved(
    app: Flask, client: FlaskClient, language: str, typed: str, saved: int
) -> None:
    token = start(client, app, language=language)
    status, _text = _post_number(client, app, token, "integrators", QID, typed)
    assert status == 302
    assert _stored(app, QID) == saved


@pytest.mark.parametrize("typed", ["1e400", "1e308", "inf", "-inf", "nan", "1000000001", "-1000000001", "9" * 1001])
def test_a_pack_without_a_range_still_has_one(unbounded_app: Flask, typed: str) -> None:
    client = unbounded_app.test_client()
    token = start(client, unbounded_app, language="en")
    status, text = _post_number(client, unbounded_app, token, "funding", "years", typed)
    assert status == 200
    # Written as it may be typed: no thousands separators in a message about a number.
    assert "Enter a number between -1000000000 and 1000000000" in text
    assert _stored(unbounded_app, "years") is None


def test_decimals_are_saved_as_typed_in_spanish(unbounded_app: Flask) -> None:
    client = unbounded_app.test_client()
    token = start(client, unbounded_app, language="es")
    assert _post_number(client, unbounded_app, token, "funding", "years", "3,5")[0] == 302
    assert _stored(unbounded_app, "years") == 3.5
    status, text = _post_number(client, unbounded_app, token, "funding", "years", "3.5")
    assert status == 200
    assert "Escriba el número con coma decimal, por ejemplo 3,5" in text


@pytest.mark.parametrize("stored", [1e308, -1e308, 1e10, 10**40])
def test_pages_survive_an_out_of_range_number_already_stored(unbounded_app: Flask, stored: float) -> None:
    client = unbounded_app.test_client()
    token = start(client, unbounded_app, language="en")
    with unbounded_app.app_context():
        session = db_session()
        session.execute(update(Assessment).values(answers={"years": stored}))
        session.commit()
    for path in (
        url(unbounded_app, "questionnaire.factor", token=token, factor_id="funding"),
        url(unbounded_app, "questionnaire.check", token=token),
    ):
        response = client.get(path)
        assert response.status_code == 200, path
        parse(response)
