"""What the download endpoint needs besides the PDF: a filename safe in any Content-Disposition header."""

from __future__ import annotations

import dataclasses
import re

import pytest

from assessor.core.rulebook import RuleBook
from assessor.report import report_filename
from tests.report.conftest import MINIMAL_ANSWERS, make_input


@pytest.mark.parametrize(
    ("reference", "expected"),
    [
        ("AUR-2026-0042", "assessment-AUR-2026-0042-2026-11-22.pdf"),
        ("Évaluation nº 7", "assessment-Evaluation-no-7-2026-11-22.pdf"),
        (
            "x\"; filename*=UTF-8''evil.exe\r\nSet-Cookie: a=b",
            "assessment-x-filename-UTF-8-evil-exe-Set-Cookie-a-b-2026-11-22.pdf",
        ),
        ("../../etc/passwd", "assessment-etc-passwd-2026-11-22.pdf"),
        ("", "assessment-2026-11-22.pdf"),
        ("日本語", "assessment-2026-11-22.pdf"),
    ],
)
def test_filename_is_plain_ascii(minimal_book: RuleBook, reference: str, expected: str) -> None:
    report = dataclasses.replace(make_input(minimal_book, MINIMAL_ANSWERS), reference=reference)
    name = report_filename(report)
    assert name == expected
    assert re.fullmatch(r"[A-Za-z0-9.-]+", name)
