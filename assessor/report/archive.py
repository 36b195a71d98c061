"""The JSON embedded in every report (the answers and the result) and reading it back from a PDF.

The embedded file doubles as an answers file: `assessor score assessment.json` re-scores it, since
it carries "organisation", "country", "language", "answers" and "evidence" at the top level.
"""

from __future__ import annotations

import io
import json
from collections.abc import Mapping
from typing import Any

from assessor.core.answers import Answers
from assessor.report.model import ATTACHMENT_NAME, REPORT_VERSION, ReportInput

FORMAT = "assessor-report"


class ReportDataError(ValueError):
    """A PDF that holds no readable assessor report data."""


def answers_data(answers: Answers) -> dict[str, Any]:
    """The answers as an answers file writes them (multiple choice as lists, question order kept)."""
    return {qid: list(value) if isinstance(value, tuple) else value for qid, value in answers.values.items()}


def evidence_data(answers: Answers) -> dict[str, dict[str, str]]:
    """The evidence as {"text", "link"} per question."""
    return {qid: {"text": item.text, "link": item.link} for qid, item in answers.evidence.items()}


def report_data(report: ReportInput, result_data: Mapping[str, Any]) -> dict[str, Any]:
    """Everything the report was made from, as plain JSON-ready data."""
    book = report.book
    return {
        "format": FORMAT,
        "report_version": REPORT_VERSION,
        "organisation": report.organisation,
        "country": report.country,
        "respondent_role": report.respondent_role,
        "language": result_data["language"],
        "assessment_date": report.assessment_date.isoformat(),
        "reference": report.reference,
        "subject": report.subject.as_dict(),
        "rules": {"id": book.id, "version": book.version, "hash": book.content_hash},
        "answers": answers_data(report.answers),
        "evidence": evidence_data(report.answers),
        "result": dict(result_data),
        "history": [dict(entry) for entry in report.history],
        "unplaced": [dict(item) for item in report.unplaced],
    }


def report_data_json(report: ReportInput, result_data: Mapping[str, Any]) -> bytes:
    """The embedded file's bytes: UTF-8 JSON, keys sorted so equal data gives equal bytes."""
    text = json.dumps(report_data(report, result_data), ensure_ascii=False, sort_keys=True, indent=1)
    return text.encode("utf-8")


def read_report_data(pdf: bytes) -> dict[str, Any]:
    """The answers and result embedded in a report PDF, or ReportDataError."""
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        attachments = PdfReader(io.BytesIO(pdf)).attachments
        contents = attachments.get(ATTACHMENT_NAME)
    except (PyPdfError, ValueError, KeyError, TypeError) as exc:
        raise ReportDataError(f"not a readable PDF: {exc}") from None
    if not contents:
        raise ReportDataError(f"the PDF has no {ATTACHMENT_NAME} attachment")
    try:
        data = json.loads(contents[0].decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ReportDataError(f"{ATTACHMENT_NAME} is not UTF-8 JSON: {exc}") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ReportDataError(f"{ATTACHMENT_NAME} is not assessor report data")
    return data
