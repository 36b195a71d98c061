"""Hostile respondent text comes out as literal text, and nothing it names is fetched or embedded.

Every payload from performance-security.md SEC-1 goes into the organisation, the country, the role,
a free-text answer and evidence; a loopback canary server and a canary file must see and give
nothing. SEC-2 and SEC-3: even raw HTML and hand-built attachments get nothing past the fetcher.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from assessor.core.rulebook import RuleBook
from assessor.report import ReportDocument, ReportInput, render_pdf, write_report_pdf
from tests.report.conftest import (
    MINIMAL_ANSWERS,
    Canary,
    all_stream_data,
    attachment_json,
    count_objects,
    make_input,
    page_texts,
    reader,
    squash,
    write_secret,
)

PASSWD = b"root:x:0:0"


def payloads(canary: Canary, secret: Path) -> list[str]:
    """SEC-1's list, plus the same tricks aimed at the canary file and server."""
    return [
        '<img src="file:///etc/passwd">',
        '<link rel="attachment" href="file:///etc/passwd">',
        '<a rel="attachment" href="file:///etc/passwd">x</a>',
        "<style>@import url(file:///etc/passwd)</style>",
        "<iframe src=file:///etc/passwd>",
        f'<img src="{canary.url("img")}">',
        f'<link rel="attachment" href="{secret.as_uri()}">',
        f'<link rel="attachment" href="{canary.url("attach")}">',
        f'<p style="background: url({canary.url("css")})">y</p>',
        f'<svg><image href="{secret.as_uri()}"/></svg>',
    ]


@pytest.fixture(scope="module")
def secret(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_secret(tmp_path_factory.mktemp("secret"))


@pytest.fixture(scope="module")
def hostile_input(minimal_book: RuleBook, canary: Canary, secret: Path) -> ReportInput:
    text = " ".join(payloads(canary, secret))
    return make_input(
        minimal_book,
        {**MINIMAL_ANSWERS, "notes": text},
        {"budget": {"text": text, "link": canary.url("evidence-link")}, "owner": text},
        organisation="Ministry " + payloads(canary, secret)[0],
        country=payloads(canary, secret)[1],
        role=payloads(canary, secret)[3],
        reference="REF " + payloads(canary, secret)[5],
        language="en",
    )


@pytest.fixture(scope="module")
def hostile_pdf(hostile_input: ReportInput, canary: Canary) -> bytes:
    canary.hits.clear()
    return render_pdf(hostile_input)


def test_markup_is_printed_as_text(hostile_pdf: bytes, canary: Canary, secret: Path) -> None:
    text = squash("\n".join(page_texts(hostile_pdf)))
    for payload in payloads(canary, secret):
        assert squash(payload) in text, payload
    assert squash("Ministry <img src=") in text


def test_nothing_was_fetched(hostile_pdf: bytes, canary: Canary) -> None:
    assert canary.hits == []


def test_nothing_leaked_and_only_the_answers_are_embedded(hostile_pdf: bytes) -> None:
    assert count_objects(hostile_pdf, "/EmbeddedFile") == 1
    assert count_objects(hostile_pdf, "/Filespec") == 1
    assert list(reader(hostile_pdf).attachments) == ["assessment.json"]
    for data in [hostile_pdf, *all_stream_data(hostile_pdf)]:
        assert PASSWD not in data
        assert b"CANARY-SECRET" not in data


def test_hostile_text_survives_in_the_embedded_answers(hostile_pdf: bytes, hostile_input: ReportInput) -> None:
    data = attachment_json(hostile_pdf)
    assert data["answers"]["notes"] == hostile_input.answers.values["notes"]
    assert data["organisation"] == hostile_input.organisation


def test_english_report_labels(hostile_pdf: bytes) -> None:
    text = squash("\n".join(page_texts(hostile_pdf)))
    assert squash("Executive summary") in text
    assert squash("Page 3 of") in text
    assert squash("November 22, 2026") in text
    parsed = reader(hostile_pdf)
    assert parsed.trailer["/Root"]["/Lang"] == "en"


def test_raw_html_is_still_fenced_by_the_fetcher(canary: Canary, secret: Path) -> None:
    """SEC-2: were escaping ever bypassed, the fetcher alone keeps files and the network out."""
    raw = "".join(payloads(canary, secret))
    html = f'<!doctype html><html lang="en"><head><title>t</title></head><body><p>raw</p>{raw}</body></html>'
    document = ReportDocument(
        html=html,
        language="en",
        data_json=b'{"format": "assessor-report"}',
        attachment_description="data",
        created=dt.date(2026, 11, 22),
    )
    canary.hits.clear()
    pdf = write_report_pdf(document)
    assert canary.hits == []
    assert count_objects(pdf, "/EmbeddedFile") == 1  # only the JSON built from bytes
    for data in [pdf, *all_stream_data(pdf)]:
        assert PASSWD not in data
        assert b"CANARY-SECRET" not in data


def test_attachment_by_url_goes_through_the_fetcher(secret: Path) -> None:
    """SEC-3: an Attachment given a URL and the app's fetcher embeds nothing outside the assets."""
    from weasyprint import HTML, Attachment

    from assessor.report.environment import pdf_environment

    env = pdf_environment()
    attachments = [
        Attachment(url="file:///etc/passwd", url_fetcher=env.fetcher),
        Attachment(url=secret.as_uri(), url_fetcher=env.fetcher),
    ]
    html = HTML(string="<p>x</p>", base_url=env.base_url, url_fetcher=env.fetcher)
    pdf = html.write_pdf(attachments=attachments, font_config=env.font_config)
    assert count_objects(pdf, "/EmbeddedFile") == 0
    assert PASSWD not in b"".join(all_stream_data(pdf))
