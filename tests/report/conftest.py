"""Fixtures for the report tests: report inputs on the fixture and shipped packs, a loopback canary
server, and helpers that read a PDF back with pypdf."""

from __future__ import annotations

import datetime as dt
import io
import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from pypdf.generic import StreamObject

from assessor.core.answers import checked_answers
from assessor.core.rulebook import RuleBook
from assessor.core.scoring import score
from assessor.loading.answersfile import read_answers_file
from assessor.report import ReportInput
from tests.conftest import ROOT

EXAMPLE_ANSWERS = ROOT / "examples" / "answers-es.json"
ASSESSMENT_DATE = dt.date(2026, 11, 22)


def make_input(
    book: RuleBook,
    answers: dict[str, Any],
    evidence: dict[str, Any] | None = None,
    *,
    organisation: str = "Ministry of Finance",
    country: str = "Aurelia",
    role: str = "Chief information officer",
    language: str = "en",
    reference: str = "AUR-2026-0042",
) -> ReportInput:
    """A ReportInput scored from raw answers."""
    checked = checked_answers(book, answers, evidence)
    return ReportInput(
        organisation=organisation,
        country=country,
        respondent_role=role,
        language=language,
        assessment_date=ASSESSMENT_DATE,
        reference=reference,
        book=book,
        answers=checked,
        result=score(book, checked),
    )


def example_input(book: RuleBook, language: str = "es") -> ReportInput:
    """The shipped example answers file as a report input."""
    data = read_answers_file(EXAMPLE_ANSWERS)
    return make_input(
        book,
        data.answers,
        data.evidence,
        organisation=data.organisation or "",
        country=data.country or "",
        role="Directora de Sistemas",
        language=language,
    )


MINIMAL_ANSWERS: dict[str, Any] = {"budget": "no", "kinds": ["user"], "owner": "vendor", "notes": "Plain notes."}


@dataclass
class Canary:
    """A loopback HTTP server that records every request it gets."""

    port: int
    hits: list[str] = field(default_factory=list)

    def url(self, path: str = "x") -> str:
        """An address on the server."""
        return f"http://127.0.0.1:{self.port}/{path}"


@pytest.fixture(scope="module")
def canary() -> Iterator[Canary]:
    """A canary server on 127.0.0.1 (never another interface), started for the test module."""
    record = Canary(port=0)

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            record.hits.append(self.path)
            # A redirect to itself, in case anything ever follows redirects.
            self.send_response(302)
            self.send_header("Location", "/redirected-secret")
            self.end_headers()

        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    record.port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield record
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def reader(pdf: bytes) -> PdfReader:
    """pypdf's reader over PDF bytes."""
    return PdfReader(io.BytesIO(pdf))


def page_texts(pdf: bytes) -> list[str]:
    """The text of every page."""
    return [page.extract_text() or "" for page in reader(pdf).pages]


def squash(text: str) -> str:
    """Text without whitespace, so words wrapped across lines still match."""
    return "".join(text.split())


def all_stream_data(pdf: bytes) -> list[bytes]:
    """Every stream in the PDF, decompressed: a leak hidden in a compressed stream shows up here."""
    parsed = reader(pdf)
    size = int(parsed.trailer["/Size"])
    streams = []
    for number in range(1, size):
        try:
            obj = parsed.get_object(number)
        except Exception:  # free or unreadable entries are not streams
            continue
        if isinstance(obj, StreamObject):
            streams.append(obj.get_data())
    return streams


def count_objects(pdf: bytes, type_name: str) -> int:
    """How many objects of /Type `type_name` the PDF holds (e.g. /EmbeddedFile, /Filespec)."""
    parsed = reader(pdf)
    size = int(parsed.trailer["/Size"])
    count = 0
    for number in range(1, size):
        try:
            obj = parsed.get_object(number)
        except Exception:
            continue
        if hasattr(obj, "get") and obj.get("/Type") == type_name:
            count += 1
    return count


def attachment_json(pdf: bytes) -> Any:
    """The one embedded file, parsed."""
    attachments = reader(pdf).attachments
    assert list(attachments) == ["assessment.json"]
    return json.loads(attachments["assessment.json"][0])


def write_secret(tmp: Path) -> Path:
    """A canary file whose content must never appear in a PDF."""
    secret = tmp / "canary-secret.txt"
    secret.write_text("CANARY-SECRET-7f3a9c\n", "utf-8")
    return secret
