"""Problems found in a rule pack, and pydantic's errors rewritten as plain sentences for policy teams."""

from __future__ import annotations

import difflib
import types
import typing
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from assessor.loading.yamlsource import PathKey, Position


@dataclass(frozen=True)
class Problem:
    """One thing wrong (or, as a warning, worth fixing) in a rule pack file."""

    position: Position
    key: str  # the key path, e.g. factors[funding].questions[om_budget].show_if
    message: str
    warning: bool = False

    def __str__(self) -> str:
        p = self.position
        kind = "warning: " if self.warning else ""
        where = f"{self.key}: " if self.key else ""
        return f"{p.file}:{p.line}:{p.column}: {kind}{where}{self.message}"


def key_path(path: PathKey, data: Any) -> str:
    """A readable key path; list items are named by their id where they have one."""
    parts: list[str] = []
    node = data
    for element in path:
        if isinstance(element, int):
            item = node[element] if isinstance(node, list) and element < len(node) else None
            ident = item.get("id") if isinstance(item, dict) else None
            parts.append(f"[{ident}]" if isinstance(ident, str) and ident else f"[{element}]")
            node = item
        else:
            parts.append(f".{element}" if parts else element)
            node = node.get(element) if isinstance(node, dict) else None
    return "".join(parts)


def describe_pydantic_error(error: Any, root: type[BaseModel]) -> str:
    """A sentence for one pydantic error, naming what was expected."""
    kind = error["type"]
    loc = error["loc"]
    value = error.get("input")
    shown = _shown(value)
    ctx = error.get("ctx") or {}
    if kind == "missing":
        return f"missing required key '{loc[-1]}'"
    if kind == "extra_forbidden":
        allowed = _allowed_keys(root, loc[:-1])
        guess = difflib.get_close_matches(str(loc[-1]), allowed, n=1)
        hint = f" (did you mean '{guess[0]}'?)" if guess else ""
        return f"unknown key '{loc[-1]}'{hint}; expected one of: {', '.join(allowed)}"
    if kind == "literal_error":
        return f"expected one of: {ctx.get('expected', '')}; got {shown}"
    if kind == "finite_number":
        return f"expected a finite number, got {shown} (nan and inf are not numbers a score can use)"
    if kind in ("float_parsing", "float_type", "int_parsing", "int_type", "int_from_float"):
        return f"expected a number, got {shown}"
    if kind == "bool_parsing" or kind == "bool_type":
        return f"expected true or false, got {shown}"
    if kind == "greater_than":
        return f"expected a number greater than {ctx.get('gt')}, got {shown}"
    if kind == "greater_than_equal":
        return f"expected a number of at least {ctx.get('ge')}, got {shown}"
    if kind == "less_than_equal":
        return f"expected a number of at most {ctx.get('le')}, got {shown}"
    if kind == "string_pattern_mismatch":
        field = str(loc[-1])
        if field in ("id", "max_level") or "who" in loc or "fires" in loc or "not_fires" in loc:
            return f"{shown} is not a valid id: use lowercase letters, digits and _ , starting with a letter"
        if field == "url":
            return f"{shown} is not a web address starting with http:// or https://"
        if field == "value":
            return f"{shown} is not a valid option value: use letters, digits, _ . or -"
        return f"{shown} does not have the expected form ({ctx.get('pattern')})"
    if kind in ("too_short", "too_long") and isinstance(value, list | dict):
        bound = "at least" if kind == "too_short" else "at most"
        return f"expected {bound} {ctx.get('min_length', ctx.get('max_length'))} item(s)"
    if kind == "string_too_short":
        return "expected a non-empty text"
    if kind == "string_too_long":
        return f"expected at most {ctx.get('max_length')} characters"
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return f"expected a map (key: value), got {shown}"
    if kind in ("list_type", "tuple_type"):
        return f"expected a list (- item), got {shown}"
    if kind == "string_type":
        return f"expected a text, got {shown}"
    if kind == "value_error":
        return str(ctx.get("error", error["msg"]))
    return str(error["msg"])


def _shown(value: Any) -> str:
    if isinstance(value, str):
        text = value if len(value) <= 40 else value[:37] + "..."
        return f"'{text}'"
    if isinstance(value, dict):
        return "a map"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing"
    return repr(value)


def _allowed_keys(root: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    model: Any = root
    for element in loc:
        if isinstance(element, int) or not (isinstance(model, type) and issubclass(model, BaseModel)):
            continue
        field = model.model_fields.get(element)
        if field is None:
            return []
        model = _inner_model(field.annotation)
    if isinstance(model, type) and issubclass(model, BaseModel):
        return list(model.model_fields)
    return []


def _inner_model(annotation: Any) -> Any:
    """The BaseModel inside Optional[...] or list[...], if any."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    origin = typing.get_origin(annotation)
    if origin in (list, typing.Union, types.UnionType):
        for arg in typing.get_args(annotation):
            inner = _inner_model(arg)
            if inner is not None:
                return inner
    return None
