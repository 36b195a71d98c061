"""Writing a rule pack as an .xlsx workbook a policy officer can read and edit (`assessor rules export`).

One sheet per part of the pack (see `spreadsheet_layout`), a header row in bold, frozen with the
id column so both stay in view, one column per language for every text. Every text cell is
written as text: a cell beginning with `=`, `+`, `-` or `@` would otherwise become a formula
that Excel evaluates when the file is opened.
"""

from __future__ import annotations

import io
import math
import tempfile
import typing
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import Cell, MergedCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from assessor.loading.rulepack import RulePackError
from assessor.loading.spreadsheet_layout import (
    EMPTY_LIST,
    MAX_CELL_CHARACTERS,
    PACK_SHEET,
    README_SHEET,
    SHEETS,
    Column,
    cell_get,
    iter_rows,
    merged_pack_data,
    pack_keys,
    sheet_columns,
)

_HEADER_FONT = Font(bold=True, color="FFFFFF")
_HEADER_FILL = PatternFill("solid", fgColor="1F4E79")
_TEXT_FORMAT = "@"
_WIDE = 60  # characters: texts and conditions
_NARROW = 18
_README = (
    "This workbook is a rule pack. Edit it, then turn it back into YAML with:",
    "    assessor rules import pack.xlsx -o DIR",
    "which checks it exactly as `assessor rules check` does and names each problem as SHEET!CELL.",
    "",
    "One sheet per part; the first row of each is the header. Keep the sheet names and headers.",
    "Texts have one column per language (title::en, title::es, ...).",
    "Lists of ids are written in one cell, separated by commas; [] is an empty list.",
    "Rows on questions, options, bands, sources, factor_levels and example_answers name their",
    "parent (factor, question, recommendation, example) in the first column.",
    "Formulas are never calculated: type values. YAML comments are not carried into the workbook.",
)


def export_pack(pack: Path | Mapping[str, bytes]) -> bytes:
    """A rule pack as .xlsx bytes: a YAML file or folder, or its files as {relative name: YAML bytes}.

    The mapping form suits a pack stored in a database (what `import_pack` returns, or an
    uploaded archive's members). Raises RulePackError when the pack does not pass `rules check`:
    a workbook is only made from a valid pack, so importing it back reproduces it.
    """
    if isinstance(pack, Path):
        return _export(pack)
    with tempfile.TemporaryDirectory(prefix="assessor-export-") as tmp:
        folder = Path(tmp)
        for name, content in pack.items():
            target = (folder / name).resolve()
            if not target.is_relative_to(folder.resolve()) or target.suffix not in (".yaml", ".yml"):
                raise ValueError(f"{name!r} is not a relative .yaml file name")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)
        return _export(folder)


def _export(path: Path) -> bytes:
    data, report = merged_pack_data(path)
    if data is None or report.book is None:
        raise RulePackError(report.problems)
    languages = report.book.languages
    book = Workbook()
    readme = book.active
    assert readme is not None
    readme.title = README_SHEET
    for line in _README:
        readme.append([line])
    readme.column_dimensions["A"].width = 100
    _write_pack_sheet(book.create_sheet(PACK_SHEET), data, languages)
    rows: dict[str, list[dict[str, Any]]] = {}
    for sheet_name, item in iter_rows(data):
        rows.setdefault(sheet_name, []).append(item)
    for spec in SHEETS:
        sheet = book.create_sheet(spec.name)
        columns = sheet_columns(spec, languages)
        _header(sheet, [c.header for c in columns])
        for r, item in enumerate(rows.get(spec.name, []), start=2):
            for c, column in enumerate(columns, start=1):
                _put(sheet.cell(row=r, column=c), _encode(column, item, languages[0]))
        _style_columns(sheet, columns)
        _validations(sheet, columns, len(rows.get(spec.name, [])))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _write_pack_sheet(sheet: Worksheet, data: dict[str, Any], languages: tuple[str, ...]) -> None:
    _header(sheet, ["key", "value"])
    source = {"pack": data.get("pack") or {}, "scoring": data.get("scoring") or {}}
    for r, column in enumerate(pack_keys(languages), start=2):
        item = source["scoring"] if column.path[0] == "scoring" else source["pack"]
        path = column.path[1:] if column.path[0] == "scoring" else column.path
        shifted = Column(column.header, path, column.kind, column.language)
        _put(sheet.cell(row=r, column=1), column.header)
        _put(sheet.cell(row=r, column=2), _encode(shifted, item, languages[0]))
    sheet.column_dimensions["A"].width = 30
    sheet.column_dimensions["B"].width = _WIDE
    for row in sheet.iter_rows(min_row=2, min_col=2, max_col=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")


def _encode(column: Column, item: dict[str, Any], default_language: str) -> Any:
    value = cell_get(item, column.path)
    if value is None:
        return None
    if column.kind == "text":
        if isinstance(value, str):
            return value if column.language == default_language else None
        return value.get(column.language)
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value) if value else EMPTY_LIST
    if isinstance(value, dict):
        return ", ".join(f"{k}={v}" for k, v in value.items())
    if isinstance(value, float) and math.isfinite(value) and value.is_integer():
        return int(value)
    return value


def _put(cell: Cell | MergedCell, value: Any) -> None:
    if isinstance(value, str) and len(value) > MAX_CELL_CHARACTERS:
        raise ValueError(
            f"a text of {len(value):,} characters does not fit in a spreadsheet cell (at most "
            f"{MAX_CELL_CHARACTERS:,}); shorten it in the YAML first"
        )
    cell.value = value
    if isinstance(value, str):
        # Without this, "=cmd|' /C calc'!A0" or "-1+2" would be stored as a formula.
        cell.data_type = "s"


def _header(sheet: Worksheet, headers: list[str]) -> None:
    sheet.append(headers)
    for cell in sheet[1]:
        cell.font = _HEADER_FONT
        cell.fill = _HEADER_FILL
        cell.alignment = Alignment(vertical="center")
    # Freeze the header, and the first column too where it names the row (id or parent).
    sheet.freeze_panes = "B2" if len(headers) > 1 else "A2"


def _style_columns(sheet: Worksheet, columns: list[Column]) -> None:
    for c, column in enumerate(columns, start=1):
        letter = get_column_letter(c)
        wide = column.kind == "text" or column.header in ("condition", "show_if", "answer", "evidence")
        sheet.column_dimensions[letter].width = _WIDE if wide else _NARROW
        if column.kind in ("number", "bool"):
            continue
        for row in sheet.iter_rows(min_row=2, min_col=c, max_col=c):
            for cell in row:
                cell.number_format = _TEXT_FORMAT  # "010" and "1-2" stay text, never a number or date
                if wide:
                    cell.alignment = Alignment(wrap_text=True, vertical="top")


def _validations(sheet: Worksheet, columns: list[Column], count: int) -> None:
    """Drop-down lists for columns with a fixed set of values; import checks them again anyway."""
    spec = next(s for s in SHEETS if s.name == sheet.title)
    fields = spec.model.model_fields
    for c, column in enumerate(columns, start=1):
        info = fields.get(column.path[0]) if len(column.path) == 1 else None
        choices = _literal_choices(info.annotation) if info is not None else None
        if not choices:
            continue
        letter = get_column_letter(c)
        rule = DataValidation(type="list", formula1='"' + ",".join(choices) + '"', allow_blank=True)
        rule.error = "Choose one of: " + ", ".join(choices)
        rule.add(f"{letter}2:{letter}{max(count + 200, 2)}")
        sheet.add_data_validation(rule)


def _literal_choices(annotation: Any) -> list[str] | None:
    args = typing.get_args(annotation)
    if typing.get_origin(annotation) is typing.Literal:
        return [str(a) for a in args]
    return None
