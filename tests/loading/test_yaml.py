"""The strict YAML layer: no YAML 1.1 guessing, no aliases, no tags, bounded size and depth."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from assessor.loading.yamlsource import MAX_FILE_BYTES, YamlError, load_yaml, parse_yaml


def test_yes_no_and_octal_stay_text() -> None:
    doc = parse_yaml("a: no\nb: yes\nc: 010\nd: on\ne: NO\nf: 1e3\n", "t.yaml")
    assert doc.data == {"a": "no", "b": "yes", "c": "010", "d": "on", "e": "NO", "f": "1e3"}


def test_empty_value_is_none_but_quoted_empty_is_text() -> None:
    doc = parse_yaml('a:\nb: ""\nc: ~\n', "t.yaml")
    assert doc.data == {"a": None, "b": "", "c": None}


def test_positions_are_one_based_and_point_at_values() -> None:
    doc = parse_yaml("top:\n  - id: x\n    weight: 3\n", "t.yaml")
    pos = doc.position(("top", 0, "weight"))
    assert (pos.line, pos.column) == (3, 13)
    key = doc.position(("top", 0, "weight"), key=True)
    assert (key.line, key.column) == (3, 5)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("a: 1\na: 2\n", "duplicate key 'a'"),
        ("a: &x 1\nb: *x\n", "anchors (&name) are not allowed"),
        ("a: !!python/object/apply:os.system ['true']\n", "is not allowed in rule packs"),
        ("a: !!int 3\n", "is not allowed in rule packs"),
        ("base: {x: 1}\nb:\n  <<: {x: 1}\n", "merge keys (<<) are not allowed"),
        ("a: [1, 2\n", "is not closed with ]"),
        ("? [a, b]\n: c\n", "a key must be a plain name"),
    ],
)
def test_refused_yaml(text: str, message: str) -> None:
    with pytest.raises(YamlError) as caught:
        parse_yaml(text, "t.yaml")
    assert message in caught.value.message
    assert caught.value.position.line >= 1


def test_billion_laughs_is_refused_before_expansion() -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 9):
        prev = chr(ord("a") + i - 1)
        name = chr(ord("a") + i)
        lines.append(f"{name}: &{name} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]")
    started = time.perf_counter()
    with pytest.raises(YamlError, match="anchors"):
        parse_yaml("\n".join(lines), "laughs.yaml")
    assert time.perf_counter() - started < 1.0


def test_deep_nesting_is_refused() -> None:
    text = "a: " + "[" * 2000 + "]" * 2000 + "\n"
    with pytest.raises(YamlError, match="nested"):
        parse_yaml(text, "deep.yaml")


def test_moderate_nesting_past_the_limit_is_refused() -> None:
    text = "a: " + "[" * 60 + "]" * 60 + "\n"
    with pytest.raises(YamlError, match="nested more than"):
        parse_yaml(text, "deep.yaml")


def test_huge_file_is_refused_without_reading_it(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    big.write_bytes(b"a: " + b"x" * (MAX_FILE_BYTES + 10))
    with pytest.raises(YamlError, match="at most"):
        load_yaml(big)


def test_non_utf8_file_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "latin1.yaml"
    bad.write_bytes("a: año\n".encode("latin-1"))
    with pytest.raises(YamlError, match="not UTF-8"):
        load_yaml(bad)


@pytest.mark.parametrize(
    ("text", "where", "message"),
    [
        ("a:\n  b: 1\n    c: 2\n", (3, 6), "line 3 is indented more than the line above it (line 2)"),
        ("a:\n  b: {x: 1}\n    c: 2\n", (3, 5), "line 3 is indented more than the line above it (line 2)"),
        ("a:\n    b: 1\n  c: 2\n", (3, 3), "line 3 is indented less than the line above it but more than the key"),
        ("a:\n  b: 1\n  - c\n", (3, 3), "line 3 is a list item (- ...) where a key was expected"),
        ("a:\n\tb: 1\n", (2, 1), "line 2 contains a tab character; indent with spaces only"),
        ('a: "abc\nb: 2\n', (3, 1), "the quoted text that starts on line 1 is never closed"),
        ("a: {x: 1\nb: 2\n", (2, 2), "the map opened with { on line 1 is not closed with }"),
        ("a: b: c\n", (1, 5), "line 1 holds two 'key:' parts; put a text containing ': ' in quotes"),
    ],
)
def test_layout_mistakes_in_plain_words(text: str, where: tuple[int, int], message: str) -> None:
    with pytest.raises(YamlError) as caught:
        parse_yaml(text, "t.yaml")
    assert (caught.value.position.line, caught.value.position.column) == where
    assert message in caught.value.message
    assert "<block" not in caught.value.message
