"""Reading an answers file (JSON): organisation, language, answers and evidence."""

from __future__ import annotations

import json
import json.decoder
import json.scanner
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

MAX_ANSWERS_BYTES = 5 * 1024 * 1024
# More digits than any answer needs, far fewer than would make int() or float() slow or overflow.
MAX_NUMBER_DIGITS = 30


@dataclass(frozen=True)
class AnswersFile:
    """The contents of an answers file, before checking against a rule pack."""

    answers: dict[str, Any]
    evidence: dict[str, Any] = field(default_factory=dict)
    language: str | None = None
    organisation: str | None = None
    country: str | None = None


class AnswersFileError(ValueError):
    """An answers file that cannot be read; the message says what and where."""


def read_answers_file(path: Path) -> AnswersFile:
    """Read and shape-check an answers file."""
    try:
        size = path.stat().st_size
        if size > MAX_ANSWERS_BYTES:
            raise AnswersFileError(f"{path}: the file is {size:,} bytes; at most {MAX_ANSWERS_BYTES:,}")
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise AnswersFileError(f"{path}: the file is not UTF-8 text") from None
    except OSError as exc:
        raise AnswersFileError(f"{path}: cannot read the file ({exc.strerror})") from None
    try:
        data = _StrictDecoder().decode(text)
    except json.JSONDecodeError as exc:
        raise AnswersFileError(f"{path}:{exc.lineno}:{exc.colno}: invalid JSON: {exc.msg}") from None
    except _RefusedJSONError as exc:
        line, column = _line_column(text, exc.position)
        raise AnswersFileError(f"{path}:{line}:{column}: {exc.message}") from None
    except RecursionError:
        raise AnswersFileError(f"{path}: the JSON is nested too deeply") from None
    return answers_from_data(data, str(path))


class _RefusedJSONError(ValueError):
    """Valid JSON that an answers file must not contain; `position` is an offset into the text."""

    def __init__(self, message: str, position: int) -> None:
        super().__init__(message)
        self.message = message
        self.position = position


class _DuplicateKeyError(Exception):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def _refuse_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    seen: dict[str, Any] = {}
    for key, value in pairs:
        if key in seen:
            raise _DuplicateKeyError(key)
        seen[key] = value
    return seen


class _StrictDecoder(json.JSONDecoder):
    """JSON with no duplicate keys (json keeps the last one silently), no NaN or Infinity, and
    no number longer than MAX_NUMBER_DIGITS digits; each refusal names its line and column.

    Uses the pure-Python scanner, whose hooks see where each object starts (the C one does not).
    """

    def __init__(self) -> None:
        super().__init__(object_pairs_hook=_refuse_duplicates, parse_constant=self._refuse_constant)
        self._text = ""
        self.parse_int = self._bounded_number(int)
        self.parse_float = self._bounded_number(float)
        self.parse_object = self._parse_object
        self.scan_once = json.scanner.py_make_scanner(self)  # type: ignore[attr-defined]

    def decode(self, s: str, *args: Any, **kwargs: Any) -> Any:
        self._text = s
        return super().decode(s, *args, **kwargs)

    def _parse_object(self, s_and_end: tuple[str, int], *args: Any) -> tuple[dict[str, Any], int]:
        try:
            found: tuple[dict[str, Any], int] = json.decoder.JSONObject(s_and_end, *args)  # type: ignore[attr-defined]
        except _DuplicateKeyError as duplicate:
            text, start = s_and_end
            position = _second_key_position(text, start, duplicate.key)
            raise _RefusedJSONError(f'the key "{duplicate.key}" appears twice in one object', position) from None
        return found

    def _bounded_number(self, convert: Any) -> Any:
        def parse(literal: str) -> Any:
            digits = sum(character.isdigit() for character in literal)
            if digits > MAX_NUMBER_DIGITS:
                where = self._text.find(literal)
                raise _RefusedJSONError(
                    f"a number with {digits:,} digits; at most {MAX_NUMBER_DIGITS} are accepted", max(where, 0)
                )
            return convert(literal)

        return parse

    def _refuse_constant(self, name: str) -> Any:
        raise _RefusedJSONError(f"{name} is not a number JSON allows", max(self._text.find(name), 0))


def _second_key_position(text: str, start: int, key: str) -> int:
    """Where `key` appears for the second time in the object whose members start at `start`."""
    plain = json.JSONDecoder()  # nested values were already checked: they hold no duplicates
    whitespace = json.decoder.WHITESPACE  # type: ignore[attr-defined]
    seen: set[str] = set()
    position = int(whitespace.match(text, start).end())
    while position < len(text) and text[position] == '"':
        name, after = json.decoder.scanstring(text, position + 1)  # type: ignore[attr-defined]
        if name == key and name in seen:
            return int(position)
        seen.add(name)
        after = whitespace.match(text, after).end() + 1  # past the colon
        after = whitespace.match(text, after).end()
        _value, after = plain.raw_decode(text, after)
        after = whitespace.match(text, after).end()
        if text[after : after + 1] != ",":
            break
        position = whitespace.match(text, after + 1).end()
    return int(start)


def _line_column(text: str, position: int) -> tuple[int, int]:
    line = text.count("\n", 0, position) + 1
    return line, position - (text.rfind("\n", 0, position) + 1) + 1


def answers_from_data(data: Any, name: str) -> AnswersFile:
    """Shape-check parsed JSON: {"answers": {...}, "evidence": {...}, "language": "es", ...}."""
    if not isinstance(data, dict):
        raise AnswersFileError(f'{name}: expected a JSON object with an "answers" object')
    answers = data.get("answers")
    if not isinstance(answers, dict):
        raise AnswersFileError(f'{name}: expected "answers": an object of question id -> answer')
    evidence = data.get("evidence") or {}
    if not isinstance(evidence, dict):
        raise AnswersFileError(f'{name}: expected "evidence": an object of question id -> text')
    texts: dict[str, str | None] = {}
    for key in ("language", "organisation", "country"):
        value = data.get(key)
        if value is not None and not isinstance(value, str):
            raise AnswersFileError(f'{name}: expected "{key}" to be text')
        texts[key] = value
    return AnswersFile(answers, evidence, texts["language"], texts["organisation"], texts["country"])
