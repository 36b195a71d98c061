"""A draft as the policy team's story makes it: the shipped pack exported to a workbook, a question's
points and a recommendation's wording changed in its cells, and a new version number."""

from __future__ import annotations

import io
from pathlib import Path

from openpyxl import load_workbook

from assessor.loading.spreadsheet_export import export_pack
from tests.conftest import SHIPPED_PACK

NEW_VERSION = "9.3.0"  # above any shipped version (tests/helpers/shipped.py)
NEW_TITLE = "Fund running costs in the annual budget, every year"
# Years of operations budget secured: three or more now earn 3 points (were 2), so one or two
# years earn a smaller share of the question's maximum.
CHANGED_QUESTION = "funding_om_years"


def edited_workbook(downloaded: bytes | None = None) -> bytes:
    """A workbook of the shipped pack (the one given, or a fresh export), edited cell by cell as a
    policy officer would."""
    book = load_workbook(io.BytesIO(downloaded or export_pack(Path(SHIPPED_PACK))))
    for row in book["pack"].iter_rows(min_row=2):
        if row[0].value == "version":
            row[1].value = NEW_VERSION
    for row in book["bands"].iter_rows(min_row=2):
        if row[0].value == CHANGED_QUESTION and row[1].value == 3:
            row[2].value = 3
    headers = [cell.value for cell in book["recommendations"][1]]
    title = headers.index("title::en")
    for row in book["recommendations"].iter_rows(min_row=2):
        if row[0].value == "funding_secure_om_line":
            row[title].value = NEW_TITLE
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
