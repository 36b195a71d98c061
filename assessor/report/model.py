"""What a report is made from (ReportInput) and what the PDF writer receives (ReportDocument): plain data only."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from assessor.core.answers import Answers
from assessor.core.result import Result
from assessor.core.rulebook import RuleBook
from assessor.subject import Subject

# Bump whenever the report's content, wording or layout changes: it is part of the PDF cache key,
# so a new version never serves a PDF rendered by the old one.
REPORT_VERSION = "3"

# The one file embedded in every report: the answers and the result, as JSON.
ATTACHMENT_NAME = "assessment.json"


@dataclass(frozen=True)
class ReportInput:
    """Everything one report shows, passed in by the caller (the renderer reads no clock, file or database).

    `answers` are the validated answers the `result` was scored from, with `book`.
    """

    organisation: str
    country: str
    respondent_role: str
    language: str
    assessment_date: dt.date
    reference: str
    book: RuleBook
    answers: Answers
    result: Result
    # Every change to the answers (question, old, new, when, by whom) and answers kept but not
    # scored (no question for them in this pack), as plain data: the appendix and the JSON show them.
    history: tuple[Mapping[str, Any], ...] = ()
    unplaced: tuple[Mapping[str, Any], ...] = ()
    # What was assessed, as stated on the start page: the cover shows it, questions name the system.
    subject: Subject = field(default_factory=Subject)


@dataclass(frozen=True)
class ReportDocument:
    """The final HTML and the attachment, ready for WeasyPrint.

    Only strings, bytes and a date, so it pickles cheaply to a render worker process, which then
    needs neither the rule pack nor Jinja.
    """

    html: str
    language: str
    data_json: bytes
    attachment_description: str
    created: dt.date
