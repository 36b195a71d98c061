"""The rule pack workbook layout, shared by export and import: sheets, columns, and how cells encode keys.

Columns come from the pydantic models in `assessor.loading.model`, so a key added there (say a
question's `renamed_from`, or `scoring.min_confidence`) gets its column without a change here:
a text (`Text`) becomes one column per language, `title::en`, `title::es`...; a list of ids one
cell of comma-separated ids (`[]` for an explicitly empty list); a map of ids one cell of
`key=value` pairs; a nested model (an example's `expect`) columns prefixed with its name. Lists
of items (a factor's questions, a question's options) go to their own sheet, each row naming its
parent in the first column.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from assessor.loading import model as m
from assessor.loading.rulepack import CheckReport, check_rulepack, rule_files
from assessor.loading.yamlsource import load_yaml

EMPTY_LIST = "[]"
# Excel holds at most 32,767 characters in a cell, and openpyxl cuts longer ones when it reads them;
# a lower bound makes a cut text an error instead of a silent loss.
MAX_CELL_CHARACTERS = 32_000
LANGUAGE_SEPARATOR = "::"
README_SHEET = "_readme"


@dataclass(frozen=True)
class Column:
    """One spreadsheet column: the key it holds (dotted for nested models), its kind, its language."""

    header: str
    path: tuple[str, ...]  # field names from the sheet's model down to the value
    kind: str  # text, list, map, bool, number, scalar
    language: str | None = None


@dataclass(frozen=True)
class SheetSpec:
    """A sheet of rows, one per item of `model`; `parent` names the column with the parent's id."""

    name: str
    model: type[BaseModel]
    parent: str | None = None
    children: tuple[str, ...] = ()  # fields written on their own sheets, not as columns here


PACK_SHEET = "pack"  # key/value rows: the pack's metadata and its scoring policy
SHEETS = (
    SheetSpec("levels", m.LevelModel),
    SheetSpec("actors", m.Actor),
    SheetSpec("factors", m.FactorModel, children=("questions", "levels")),
    SheetSpec("factor_levels", m.FactorModel, parent="factor"),  # columns fixed below
    SheetSpec("questions", m.QuestionModel, parent="factor", children=("options", "bands")),
    SheetSpec("options", m.OptionModel, parent="question"),
    SheetSpec("bands", m.BandModel, parent="question"),
    SheetSpec("critical_gaps", m.CriticalGapModel),
    SheetSpec("recommendations", m.RecommendationModel, children=("sources",)),
    SheetSpec("sources", m.SourceModel, parent="recommendation"),
    SheetSpec("examples", m.ExampleModel, children=("answers", "evidence")),
    SheetSpec("example_answers", m.ExampleModel, parent="example"),  # columns fixed below
)
SHEET_NAMES = (PACK_SHEET, *(s.name for s in SHEETS))


def field_kind(annotation: Any) -> str:
    """How a model field is written in a cell (or "items"/"model" for what is not one cell)."""
    ann = _unwrap(annotation)
    origin = typing.get_origin(ann)
    if origin in (typing.Union, types.UnionType):
        args = [_unwrap(a) for a in typing.get_args(ann) if a is not type(None)]
        if len(args) == 1:
            return field_kind(args[0])
        if str in args and any(typing.get_origin(a) is dict for a in args):
            return "text"  # the Text type: one language, or a map of language -> text
        return "scalar"
    if origin is list:
        inner = _unwrap(typing.get_args(ann)[0])
        return "items" if isinstance(inner, type) and issubclass(inner, BaseModel) else "list"
    if origin is dict:
        return "map"
    if isinstance(ann, type) and issubclass(ann, BaseModel):
        return "model"
    if ann is bool:
        return "bool"
    if ann in (int, float):
        return "number"
    return "scalar"


def _unwrap(annotation: Any) -> Any:
    while typing.get_origin(annotation) is typing.Annotated:
        annotation = typing.get_args(annotation)[0]
    return annotation


def model_columns(
    model: type[BaseModel], languages: tuple[str, ...], skip: tuple[str, ...] = (), prefix: tuple[str, ...] = ()
) -> list[Column]:
    """The columns for a model's fields, in declaration order."""
    columns: list[Column] = []
    for name, info in model.model_fields.items():
        if name in skip:
            continue
        path = (*prefix, name)
        header = ".".join(path)
        kind = field_kind(info.annotation)
        if kind == "text":
            columns.extend(Column(f"{header}{LANGUAGE_SEPARATOR}{lang}", path, kind, lang) for lang in languages)
        elif kind == "model":
            inner = _unwrap(info.annotation)
            if typing.get_origin(inner) in (typing.Union, types.UnionType):
                inner = next(a for a in typing.get_args(inner) if a is not type(None))
            columns.extend(model_columns(inner, languages, prefix=path))
        elif kind != "items":
            columns.append(Column(header, path, kind))
    return columns


def sheet_columns(spec: SheetSpec, languages: tuple[str, ...]) -> list[Column]:
    """Every column of a sheet, the parent id first."""
    if spec.name == "factor_levels":
        return [
            Column("factor", ("factor",), "scalar"),
            Column("level", ("level",), "scalar"),
            *(Column(f"description::{lang}", ("description",), "text", lang) for lang in languages),
        ]
    if spec.name == "example_answers":
        return [
            Column("example", ("example",), "scalar"),
            Column("question", ("question",), "scalar"),
            Column("answer", ("answer",), "scalar"),
            Column("evidence", ("evidence",), "scalar"),
            Column("evidence_link", ("evidence_link",), "scalar"),
        ]
    parent = [Column(spec.parent, (spec.parent,), "scalar")] if spec.parent else []
    return [*parent, *model_columns(spec.model, languages, skip=spec.children)]


def pack_keys(languages: tuple[str, ...]) -> list[Column]:
    """The key/value rows of the pack sheet: the pack's metadata, then `scoring.*`."""
    return [
        *model_columns(m.PackMeta, languages),
        *model_columns(m.Scoring, languages, prefix=("scoring",)),
    ]


def merged_pack_data(path: Path) -> tuple[dict[str, Any] | None, CheckReport]:
    """The pack's keys as written (one dict for all its files), if it passes `rules check`."""
    report = check_rulepack(path)
    if report.book is None:
        return None, report
    merged: dict[str, Any] = {}
    for file in rule_files(path):
        doc = load_yaml(file)
        if doc.data is None:
            continue
        data = m.RulePackFile.model_validate(doc.data).model_dump(exclude_unset=True, mode="python")
        for key, value in data.items():
            if isinstance(value, list) and key not in m.SINGLE_KEYS:
                merged.setdefault(key, []).extend(value)
            else:
                merged[key] = value
    return merged, report


def cell_get(item: dict[str, Any], path: tuple[str, ...]) -> Any:
    """The value at a column's path in an item, None where absent."""
    value: Any = item
    for name in path:
        if not isinstance(value, dict):
            return None
        value = value.get(name)
    return value


def iter_rows(data: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    """(sheet name, row item) for every item of the pack, parents before their children."""
    for level in data.get("levels") or []:
        yield "levels", level
    for actor in data.get("actors") or []:
        yield "actors", actor
    for factor in data.get("factors") or []:
        yield "factors", factor
        for level_id, text in (factor.get("levels") or {}).items():
            yield "factor_levels", {"factor": factor["id"], "level": level_id, "description": text}
    for factor in data.get("factors") or []:
        for question in factor.get("questions") or []:
            yield "questions", {"factor": factor["id"], **question}
            for option in question.get("options") or []:
                yield "options", {"question": question["id"], **option}
            for band in question.get("bands") or []:
                yield "bands", {"question": question["id"], **band}
    for gap in data.get("critical_gaps") or []:
        yield "critical_gaps", gap
    for rec in data.get("recommendations") or []:
        yield "recommendations", rec
        for source in rec.get("sources") or []:
            yield "sources", {"recommendation": rec["id"], **source}
    for example in data.get("examples") or []:
        yield "examples", example
        evidence = example.get("evidence") or {}
        for qid in dict.fromkeys([*(example.get("answers") or {}), *evidence]):
            given = evidence.get(qid)
            text, link = (given.get("text"), given.get("link")) if isinstance(given, dict) else (given, None)
            yield (
                "example_answers",
                {
                    "example": example["id"],
                    "question": qid,
                    "answer": (example.get("answers") or {}).get(qid),
                    "evidence": text,
                    "evidence_link": link,
                },
            )
