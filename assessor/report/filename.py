"""The report's download filename: safe in any Content-Disposition header."""

from __future__ import annotations

import re
import unicodedata

from assessor.report.model import ReportInput


def report_filename(report: ReportInput) -> str:
    """A download filename safe in any Content-Disposition: ASCII letters, digits, "-" and "." only.

    Built from the assessment reference and date (never from free text like the organisation name),
    e.g. "assessment-AUR-2026-0042-2026-11-22.pdf".
    """
    ascii_reference = unicodedata.normalize("NFKD", report.reference).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^A-Za-z0-9]+", "-", ascii_reference).strip("-")[:40].strip("-")
    parts = ["assessment", slug, report.assessment_date.isoformat()]
    return "-".join(part for part in parts if part) + ".pdf"
