"""Reading an answers file (JSON): organisation, language, answers and evidence."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

MAX_ANSWERS_BYTES = 5 * 1024 * 1024


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
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise AnswersFileError(f"{path}:{exc.lineno}:{exc.colno}: invalid JSON: {exc.msg}") from None
    except RecursionError:
        raise AnswersFileError(f"{path}: the JSON is nested too deeply") from None
    return answers_from_data(data, str(path))


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
