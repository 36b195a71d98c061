"""Turning a rule pack workbook back into YAML files (`assessor rules import`), checked as `rules check` does.

`spreadsheet_reader` reads the workbook into the same plain data a YAML pack holds; here it is
written out as YAML files in a temporary folder and loaded by `check_rulepack`: one validation,
not a second one that could drift. Each problem the checker names by key path
(`factors[funding].questions[years].max`) is reported at the cell that key came from, as
`SHEET!CELL: key: message`. Nothing is returned to write when anything is wrong.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path
from typing import Any

import yaml

from assessor.loading.problems import Problem, key_path
from assessor.loading.rulepack import check_rulepack
from assessor.loading.spreadsheet_layout import PACK_SHEET, SHEETS
from assessor.loading.spreadsheet_reader import PathKey, SheetProblem, WorkbookReader, cell_ref

__all__ = ["SheetProblem", "import_pack"]

_MISSING_TRANSLATION = "missing translation: "
_FILES = {
    "pack.yaml": ("pack", "scoring", "levels", "actors"),
    "factors.yaml": ("factors",),
    "critical_gaps.yaml": ("critical_gaps",),
    "recommendations.yaml": ("recommendations",),
    "examples.yaml": ("examples",),
}


def import_pack(data: bytes) -> tuple[dict[str, bytes], list[SheetProblem]]:
    """Read a rule pack workbook: the YAML files to write (name -> bytes) and every problem found.

    The files are empty when any problem is not a warning; warnings come with the files (the
    caller decides, as `rules check --strict` does, whether they stop the import).
    """
    reader = WorkbookReader()
    book = reader.open(data)
    if book is None:
        return {}, reader.problems
    pack_data = reader.assemble(book)
    if reader.problems:
        return {}, reader.problems
    files = {name: _dump({k: pack_data[k] for k in keys if k in pack_data}) for name, keys in _FILES.items()}
    files = {name: text for name, text in files.items() if text}
    problems = _check(files, pack_data, reader.cells)
    if any(not p.warning for p in problems):
        return {}, problems
    return files, problems


def _dump(data: dict[str, Any]) -> bytes:
    if not data:
        return b""

    class _NoAliases(yaml.SafeDumper):
        def ignore_aliases(self, data: Any) -> bool:
            return True  # the loader refuses aliases; repeated values are written out

    text = yaml.dump(data, Dumper=_NoAliases, allow_unicode=True, sort_keys=False, width=110)
    return ("# Made by `assessor rules import` from a spreadsheet.\n" + text).encode("utf-8")


def _check(files: dict[str, bytes], data: dict[str, Any], cells: dict[PathKey, str]) -> list[SheetProblem]:
    by_key: dict[str, str] = {}
    for path, ref in cells.items():
        by_key.setdefault(key_path(path, data), ref)
    with tempfile.TemporaryDirectory(prefix="assessor-import-") as tmp:
        folder = Path(tmp)
        for name, content in files.items():
            (folder / name).write_bytes(content)
        report = check_rulepack(folder)
    return [_at_cell(p, by_key) for p in [*report.problems, *report.warnings]]


def _at_cell(problem: Problem, by_key: dict[str, str]) -> SheetProblem:
    key = problem.key
    probe = key
    if problem.message.startswith(_MISSING_TRANSLATION):
        # Point at the first empty language cell: that is the one to fill in.
        language = problem.message.removeprefix(_MISSING_TRANSLATION).split(",")[0].strip()
        probe = f"{key}.{language}" if f"{key}.{language}" in by_key else key
    while probe and probe not in by_key:  # the nearest enclosing key that came from a cell
        shorter = re.sub(r"(\.[^.\[\]]+|\[[^\[\]]*\])$", "", probe)
        if shorter == probe:
            break
        probe = shorter
    ref = by_key.get(probe) if probe else None
    if ref is None:
        section = key.split(".")[0].split("[")[0]
        sheet = section if section in {s.name for s in SHEETS} else PACK_SHEET
        ref = cell_ref(sheet, 1, 1)
    return SheetProblem(ref, key, problem.message, problem.warning)
