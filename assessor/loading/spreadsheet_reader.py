"""Reading a rule pack workbook into the plain data a YAML pack holds, noting the cell behind every key.

The file is untrusted: its size and unzipped size are capped before openpyxl opens it (which
parses XML with defusedxml, installed with it), formulas are refused and never evaluated, merged
cells and dates are refused, and every cell's length is bounded. Problems with the workbook
itself are collected here, all of them, as `SHEET!CELL: message`.
"""

from __future__ import annotations

import datetime
import io
import math
import re
import warnings
import zipfile
from dataclasses import dataclass
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.worksheet import Worksheet

from assessor.loading.spreadsheet_layout import (
    EMPTY_LIST,
    LANGUAGE_SEPARATOR,
    MAX_CELL_CHARACTERS,
    PACK_SHEET,
    README_SHEET,
    SHEETS,
    Column,
    SheetSpec,
    pack_keys,
    sheet_columns,
)

MAX_WORKBOOK_BYTES = 5 * 1024 * 1024
MAX_UNZIPPED_BYTES = 50 * 1024 * 1024  # a zip bomb expands a few kilobytes into gigabytes
MAX_ROWS = 5000
_XLSFORM_LANGUAGE = re.compile(r"^.*\(([a-z]{2,3}(?:-[A-Z]{2})?)\)$")  # "English (en)", as XLSForm writes
PathKey = tuple[str | int, ...]
Rows = list[tuple[dict[str, Any], dict[Any, str], str]]  # (item, {sub-path: cell}, the cell naming the row)


@dataclass(frozen=True)
class SheetProblem:
    """One problem, at the spreadsheet cell it comes from."""

    cell: str  # e.g. questions!D14
    key: str
    message: str
    warning: bool = False

    def __str__(self) -> str:
        kind = "warning: " if self.warning else ""
        where = f"{self.key}: " if self.key else ""
        return f"{self.cell}: {kind}{where}{self.message}"


def cell_ref(sheet: str, row: int, column: int) -> str:
    """SHEET!A1, quoting the sheet name only when it needs it."""
    name = sheet if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", sheet) else quote_sheetname(sheet)
    return f"{name}!{get_column_letter(column)}{row}"


class WorkbookReader:
    """Reads a workbook into the plain data of a pack, noting the cell every key came from."""

    def __init__(self) -> None:
        self.problems: list[SheetProblem] = []
        self.cells: dict[PathKey, str] = {}  # key path in the pack data -> the cell it came from

    def error(self, cell: str, message: str, key: str = "") -> None:
        self.problems.append(SheetProblem(cell, key, message))

    # -- the file -----------------------------------------------------------------------------------

    def open(self, data: bytes) -> Any:
        top = cell_ref(PACK_SHEET, 1, 1)
        if len(data) > MAX_WORKBOOK_BYTES:
            self.error(
                top, f"the file is {len(data):,} bytes; a rule pack workbook may be at most {MAX_WORKBOOK_BYTES:,}"
            )
            return None
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                unzipped = sum(info.file_size for info in archive.infolist())
        except zipfile.BadZipFile:
            self.error(top, "the file is not an .xlsx workbook (save it from Excel or LibreOffice as .xlsx)")
            return None
        if unzipped > MAX_UNZIPPED_BYTES:
            self.error(top, f"the workbook unpacks to {unzipped:,} bytes; at most {MAX_UNZIPPED_BYTES:,}")
            return None
        try:
            with warnings.catch_warnings():
                # Excel saves some validations and formats as extensions openpyxl drops, with a warning.
                warnings.filterwarnings("ignore", message=".*extension is not supported.*", category=UserWarning)
                return load_workbook(io.BytesIO(data), data_only=False)
        except Exception as exc:  # openpyxl raises many kinds on a damaged file; none is a crash here
            self.error(top, f"the workbook cannot be read ({type(exc).__name__}); save it again as .xlsx")
            return None

    # -- sheets to pack data ----------------------------------------------------------------------

    def assemble(self, book: Any) -> dict[str, Any]:
        names = set(book.sheetnames)
        for name in book.sheetnames:
            if name not in (PACK_SHEET, README_SHEET, *(s.name for s in SHEETS)) and not name.startswith("_"):
                self.error(
                    cell_ref(name, 1, 1),
                    f"unknown sheet '{name}'; expected: {PACK_SHEET}, {', '.join(s.name for s in SHEETS)}",
                )
        if PACK_SHEET not in names:
            self.error(cell_ref(PACK_SHEET, 1, 1), "the workbook has no 'pack' sheet (the pack's id, title, languages)")
            return {}
        data: dict[str, Any] = {}
        pack, scoring = self.read_pack_sheet(book[PACK_SHEET])
        data["pack"] = pack
        if scoring:
            data["scoring"] = scoring
        languages = tuple(pack.get("languages") or ())
        rows: dict[str, Rows] = {}
        for spec in SHEETS:
            rows[spec.name] = self.read_sheet(book[spec.name], spec, languages) if spec.name in names else []
        self.build(data, rows)
        return data

    def read_pack_sheet(self, sheet: Worksheet) -> tuple[dict[str, Any], dict[str, Any]]:
        self.check_sheet(sheet)
        keys = {c.header: c for c in pack_keys(("*",)) if c.kind != "text"}
        texts = {c.path: c for c in pack_keys(("*",)) if c.kind == "text"}
        pack: dict[str, Any] = {}
        scoring: dict[str, Any] = {}
        self.cells[("pack",)] = cell_ref(sheet.title, 1, 1)
        for row in range(2, min(sheet.max_row, MAX_ROWS) + 1):
            key_cell = sheet.cell(row=row, column=1)
            raw_key = self.value(key_cell, sheet.title)
            if raw_key is None:
                continue
            header = str(raw_key).strip()
            column = self.match_header(header, keys, texts)
            ref = cell_ref(sheet.title, row, 2)
            if column is None:
                self.error(
                    cell_ref(sheet.title, row, 1),
                    f"unknown key '{header}'; expected one of: {', '.join(c.header for c in pack_keys(('en',)))}",
                )
                continue
            target, path = (scoring, column.path[1:]) if column.path[0] == "scoring" else (pack, column.path)
            top: PathKey = ("scoring",) if target is scoring else ("pack",)
            value = self.decode(column, self.value(sheet.cell(row=row, column=2), sheet.title), ref)
            if value is None:
                continue
            self.place(target, path, column, value)
            self.record((*top, *path), column, ref)
        return pack, scoring

    def read_sheet(self, sheet: Worksheet, spec: SheetSpec, languages: tuple[str, ...]) -> Rows:
        """Each non-empty row as (item, {sub-path: cell}, the cell naming the row)."""
        self.check_sheet(sheet)
        expected = sheet_columns(spec, languages or ("en",))
        keys = {c.header: c for c in expected if c.kind != "text"}
        texts = {c.path: c for c in sheet_columns(spec, ("*",)) if c.kind == "text"}
        columns: dict[int, Column] = {}
        for c in range(1, sheet.max_column + 1):
            header = self.value(sheet.cell(row=1, column=c), sheet.title)
            if header is None:
                continue
            column = self.match_header(str(header).strip(), keys, texts)
            if column is None:
                self.error(
                    cell_ref(sheet.title, 1, c),
                    f"unknown column '{header}'; expected: {', '.join(x.header for x in expected)}",
                )
                continue
            columns[c] = column
        if sheet.max_row > MAX_ROWS:
            self.error(cell_ref(sheet.title, MAX_ROWS + 1, 1), f"the sheet has more than {MAX_ROWS} rows")
        out = []
        first = next(iter(columns), 1)
        for row in range(2, min(sheet.max_row, MAX_ROWS) + 1):
            item: dict[str, Any] = {}
            where: dict[tuple[Any, ...], str] = {}
            for c, column in columns.items():
                ref = cell_ref(sheet.title, row, c)
                value = self.decode(column, self.value(sheet.cell(row=row, column=c), sheet.title), ref)
                if column.language:  # empty too: a missing translation is reported at its empty cell
                    where[(*column.path, column.language)] = ref
                if value is None:
                    continue
                self.place(item, column.path, column, value)
                where[column.path] = where.get(column.path, ref)
            if item:
                id_column = next((c for c, col in columns.items() if col.path == ("id",)), first)
                out.append((item, where, cell_ref(sheet.title, row, id_column)))
        return out

    def check_sheet(self, sheet: Worksheet) -> None:
        for merged in sheet.merged_cells.ranges:
            self.error(
                f"{cell_ref(sheet.title, merged.min_row, merged.min_col)}",
                f"merged cells ({merged.coord}); unmerge them: each value needs its own cell",
            )

    def match_header(self, header: str, keys: dict[str, Column], texts: dict[tuple[str, ...], Column]) -> Column | None:
        if LANGUAGE_SEPARATOR in header:
            name, language = header.split(LANGUAGE_SEPARATOR, 1)
            match = _XLSFORM_LANGUAGE.match(language)
            language = match.group(1) if match else language.strip()
            column = texts.get(tuple(name.strip().split(".")))
            return Column(header, column.path, "text", language) if column is not None else None
        return keys.get(header)

    def value(self, cell: Any, sheet: str) -> Any:
        ref = cell_ref(sheet, cell.row, cell.column)
        value = cell.value
        if cell.data_type == "f" or (isinstance(value, str) and cell.data_type == "f"):
            self.error(ref, "a formula; type the value itself (formulas are never calculated here)")
            return None
        if isinstance(value, datetime.datetime | datetime.date | datetime.time):
            self.error(ref, "a date where a text or number was expected; format the cell as Text and type the value")
            return None
        if isinstance(value, str):
            if len(value) > MAX_CELL_CHARACTERS:
                self.error(ref, f"the cell holds {len(value):,} characters; at most {MAX_CELL_CHARACTERS:,}")
                return None
            if not value.strip():
                return None
        if isinstance(value, float) and not math.isfinite(value):
            self.error(ref, "not a finite number")
            return None
        return value

    def decode(self, column: Column, value: Any, ref: str) -> Any:
        """The cell as the plain data a YAML file would hold; None when empty."""
        if value is None:
            return None
        if column.kind == "text":
            return value if isinstance(value, str) else _number_text(value)
        if column.kind in ("list", "map"):
            text = value if isinstance(value, str) else _number_text(value)
            if text.strip() == EMPTY_LIST:
                return [] if column.kind == "list" else {}
            parts = [p.strip() for p in text.split(",") if p.strip()]
            if column.kind == "list":
                return parts
            pairs: dict[str, str] = {}
            for part in parts:
                key, sep, val = part.partition("=")
                if not sep:
                    self.error(ref, f"'{part}' is not written as key=value (e.g. funding=low)")
                    continue
                pairs[key.strip()] = val.strip()
            return pairs
        if isinstance(value, bool):
            return value if column.kind == "bool" else ("true" if value else "false")
        if isinstance(value, int | float):
            if column.kind == "number":  # written as a plain YAML number; the schema checks its range
                return int(value) if float(value).is_integer() else float(value)
            return _number_text(value)
        return str(value).strip()

    def place(self, target: dict[str, Any], path: tuple[str, ...], column: Column, value: Any) -> None:
        node = target
        for name in path[:-1]:
            node = node.setdefault(name, {})
        if column.kind == "text":
            node.setdefault(path[-1], {})[column.language] = value
        else:
            node[path[-1]] = value

    def record(self, path: PathKey, column: Column, ref: str) -> None:
        self.cells.setdefault(path, ref)
        if column.language:
            self.cells[(*path, column.language)] = ref

    # -- rows into the pack's structure -----------------------------------------------------------

    def build(self, data: dict[str, Any], rows: dict[str, Rows]) -> None:
        def put(section: str, item: dict[str, Any], where: dict[Any, str], anchor: str, base: PathKey) -> None:
            self.cells[base] = anchor
            for sub, ref in where.items():
                self.cells.setdefault((*base, *sub), ref)

        for section in ("levels", "actors", "factors", "critical_gaps", "recommendations", "examples"):
            items = rows[section]
            if not items:
                continue
            data[section] = []
            for item, where, anchor in items:
                put(section, item, where, anchor, (section, len(data[section])))
                data[section].append(item)
        factors = {f["id"]: i for i, f in reversed(list(enumerate(data.get("factors", [])))) if "id" in f}
        for item, where, anchor in rows["factor_levels"]:
            fi = self.parent(factors, item, "factor", where, "factors")
            if fi is None or "level" not in item:
                continue
            factor = data["factors"][fi]
            level = item["level"]
            factor.setdefault("levels", {})[level] = item.get("description")
            put("factors", item, {(): where.get(("description",), anchor)}, anchor, ("factors", fi, "levels", level))
        questions: dict[str, tuple[int, int]] = {}
        for item, where, anchor in rows["questions"]:
            fi = self.parent(factors, item, "factor", where, "factors")
            if fi is None:
                continue
            listed = data["factors"][fi].setdefault("questions", [])
            base = ("factors", fi, "questions", len(listed))
            put("factors", item, where, anchor, base)
            listed.append(item)
            questions.setdefault(item.get("id", ""), (fi, len(listed) - 1))
        for sheet in ("options", "bands"):
            for item, where, anchor in rows[sheet]:
                at = self.parent(questions, item, "question", where, "questions")
                if at is None:
                    continue
                question = data["factors"][at[0]]["questions"][at[1]]
                listed = question.setdefault(sheet, [])
                put("factors", item, where, anchor, ("factors", at[0], "questions", at[1], sheet, len(listed)))
                listed.append(item)
        recs = {r["id"]: i for i, r in reversed(list(enumerate(data.get("recommendations", [])))) if "id" in r}
        for item, where, anchor in rows["sources"]:
            ri = self.parent(recs, item, "recommendation", where, "recommendations")
            if ri is None:
                continue
            listed = data["recommendations"][ri].setdefault("sources", [])
            put("recommendations", item, where, anchor, ("recommendations", ri, "sources", len(listed)))
            listed.append(item)
        self.build_answers(data, rows["example_answers"])

    def build_answers(self, data: dict[str, Any], rows: Rows) -> None:
        types = {q.get("id"): q.get("type") for f in data.get("factors", []) for q in f.get("questions", [])}
        examples = {e["id"]: i for i, e in reversed(list(enumerate(data.get("examples", [])))) if "id" in e}
        for item, where, anchor in rows:
            ei = self.parent(examples, item, "example", where, "examples")
            qid = item.get("question")
            if ei is None:
                continue
            if qid is None:
                self.error(anchor, "the question id is missing")
                continue
            example = data["examples"][ei]
            answer = item.get("answer")
            if answer is not None:
                if types.get(qid) == "multiple" and answer not in ("dont_know", "not_applicable"):
                    answer = [] if answer == EMPTY_LIST else [p.strip() for p in answer.split(",") if p.strip()]
                example.setdefault("answers", {})[qid] = answer
                self.cells[("examples", ei, "answers", qid)] = where.get(("answer",), anchor)
            text, link = item.get("evidence"), item.get("evidence_link")
            if text is not None or link is not None:
                given = text if link is None else {k: v for k, v in (("text", text), ("link", link)) if v is not None}
                example.setdefault("evidence", {})[qid] = given
                self.cells[("examples", ei, "evidence", qid)] = where.get(("evidence",), anchor)
        for example in data.get("examples", []):
            example.setdefault("answers", {})

    def parent(
        self, index: dict[Any, Any], item: dict[str, Any], column: str, where: dict[Any, str], sheet: str
    ) -> Any:
        ident = item.pop(column, None)
        ref = where.get((column,))
        if ident is None:
            self.error(
                ref or cell_ref(sheet, 1, 1), f"the {column} id is missing: say which {column} this row belongs to"
            )
            return None
        if ident not in index:
            known = ", ".join(str(k) for k in list(index)[:20]) or f"none on the {sheet} sheet"
            self.error(ref or cell_ref(sheet, 1, 1), f"no {column} has the id '{ident}'; expected one of: {known}")
            return None
        return index[ident]

    # -- the rule pack checker, its problems at cells ---------------------------------------------


def _number_text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
