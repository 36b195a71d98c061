"""Submitted assessments exported as JSON and CSV, and counted by level for the chart.

A spreadsheet treats a cell beginning with `=`, `+`, `-`, `@`, a tab or a carriage return as a
formula; every such text cell is written with a leading `'` so an organisation named
`=HYPERLINK(...)` stays text.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from typing import Any

from assessor.admin.assessment_query import SubmittedAssessment

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """A CSV cell a spreadsheet will not run: text that could start a formula gets a leading `'`."""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def to_json(rows: Sequence[SubmittedAssessment]) -> str:
    """Every row with its answers, evidence and result, as one JSON document."""
    items = [
        {
            "reference": r.reference,
            "organisation": r.organisation,
            "country": r.country,
            "subject": r.subject,
            "language": r.language,
            "submitted_at": r.submitted_at.isoformat() if r.submitted_at else None,
            "rules": {"id": r.rules_id, "version": r.rules_version, "hash": r.rules_hash},
            "answers": r.answers,
            "evidence": r.evidence,
            "result": r.result,
        }
        for r in rows
    ]
    return json.dumps({"assessments": items}, ensure_ascii=False, indent=2)


def to_csv(rows: Sequence[SubmittedAssessment], factor_ids: Sequence[str]) -> str:
    """One line per assessment: who, when, which pack, overall and per-factor scores and levels."""
    out = io.StringIO()
    writer = csv.writer(out)
    header = ["reference", "organisation", "country", "language", "submitted_at", "rules_id", "rules_version"]
    header += ["overall_score", "overall_level"]
    for fid in factor_ids:
        header += [f"{fid}_score", f"{fid}_level"]
    writer.writerow(header)
    for r in rows:
        line: list[Any] = [
            r.reference,
            r.organisation,
            r.country,
            r.language,
            r.submitted_at.isoformat() if r.submitted_at else "",
            r.rules_id,
            r.rules_version,
            r.overall_score,
            r.overall_level,
        ]
        for fid in factor_ids:
            line += [r.factor_scores.get(fid), r.factor_levels.get(fid)]
        writer.writerow([safe_cell(cell) for cell in line])
    return out.getvalue()


def levels_by_factor(
    rows: Sequence[SubmittedAssessment], factor_ids: Sequence[str], level_ids: Sequence[str]
) -> dict[str, dict[str, int]]:
    """How many assessments reached each level, factor by factor (levels the pack lacks are left out)."""
    counts = {fid: dict.fromkeys(level_ids, 0) for fid in factor_ids}
    for row in rows:
        for fid in factor_ids:
            level = row.factor_levels.get(fid)
            if level in counts[fid]:
                counts[fid][level] += 1
    return counts
