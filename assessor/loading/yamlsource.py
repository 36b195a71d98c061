"""Strict, safe YAML for rule packs: every scalar a string, positions kept, surprises refused.

Policy teams write these files by hand, so the loader refuses what YAML would otherwise do
silently: duplicate keys (last one wins), anchors and aliases (and the "billion laughs" they
allow), explicit tags (`!!python/object` and friends), and YAML 1.1 guessing (`no` becoming
false, `010` becoming 8). Every plain scalar stays a string; the schema decides what is a number.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

import yaml
from yaml.composer import Composer
from yaml.events import AliasEvent, CollectionStartEvent, ScalarEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.resolver import BaseResolver

_CParser: Any
try:  # libyaml's scanner and parser, when PyYAML was built with it (its wheels are)
    from yaml._yaml import CParser as _CParser
except ImportError:  # pragma: no cover - a PyYAML without libyaml: the pure-Python loader does it all
    _CParser = None

# A rule pack is text written by people; anything larger is a mistake or an attack.
MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_DEPTH = 40

PathKey = tuple[str | int, ...]
_ALLOWED_TAGS = {"tag:yaml.org,2002:str", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq", "!"}


@dataclass(frozen=True)
class Position:
    """A place in a file, 1-based like editors show it."""

    file: str
    line: int
    column: int


@dataclass
class YamlDocument:
    """Plain data from one YAML file, with the position of every value and key."""

    file: str
    data: Any
    values: dict[PathKey, Position] = field(default_factory=dict)
    keys: dict[PathKey, Position] = field(default_factory=dict)

    def position(self, path: PathKey, *, key: bool = False) -> Position:
        """The position of the value at `path` (or its key), else of the nearest enclosing one."""
        probe = tuple(path)
        if key and probe in self.keys:
            return self.keys[probe]
        while probe:
            if probe in self.values:
                return self.values[probe]
            probe = probe[:-1]
        return self.values.get((), Position(self.file, 1, 1))


class YamlError(Exception):
    """A file that is not acceptable YAML for a rule pack."""

    def __init__(self, position: Position, message: str) -> None:
        super().__init__(message)
        self.position = position
        self.message = message


class _Refusing(Composer):
    """Refuses aliases, anchors and explicit tags while composing; the parser comes from a subclass."""

    def compose_node(self, parent: Node | None, index: Any) -> Node | None:
        event = cast(Any, self).peek_event()
        mark = event.start_mark
        if isinstance(event, AliasEvent):
            raise _RefusedError(mark, "aliases (*name) are not allowed in rule packs; write the value out")
        if isinstance(event, ScalarEvent | CollectionStartEvent):
            if event.anchor is not None:
                raise _RefusedError(mark, "anchors (&name) are not allowed in rule packs; write the value out")
            tag = event.tag
            if tag is not None and tag not in _ALLOWED_TAGS:
                raise _RefusedError(mark, f"the tag '{tag}' is not allowed in rule packs; remove it")
        return super().compose_node(parent, index)


class _StrictLoader(_Refusing, yaml.SafeLoader):
    """PyYAML's pure-Python loader, refusing as above: its error messages are the ones explained."""


if _CParser is not None:

    class _FastLoader(_Refusing, BaseResolver, _CParser):  # type: ignore[misc]
        """libyaml scans and parses (most of the time loading a pack takes); composing stays in
        Python, so the same refusals apply and every node keeps its position."""

        def __init__(self, text: str) -> None:
            _CParser.__init__(self, text)
            Composer.__init__(self)
            BaseResolver.__init__(self)


class _RefusedError(Exception):
    def __init__(self, mark: Any, message: str) -> None:
        super().__init__(message)
        self.mark = mark
        self.message = message


def load_yaml(path: Path, display_name: str | None = None) -> YamlDocument:
    """Read one YAML file strictly; raise YamlError with a position on anything refused."""
    name = display_name or str(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise YamlError(Position(name, 1, 1), f"cannot read the file: {exc.strerror}") from None
    if size > MAX_FILE_BYTES:
        raise YamlError(
            Position(name, 1, 1), f"the file is {size:,} bytes; a rule pack file may be at most {MAX_FILE_BYTES:,}"
        )
    try:
        raw = path.read_bytes()
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise YamlError(Position(name, 1, 1), f"the file is not UTF-8 text (byte {exc.start})") from None
    except OSError as exc:
        raise YamlError(Position(name, 1, 1), f"cannot read the file: {exc.strerror}") from None
    return parse_yaml(text, name)


def parse_yaml(text: str, name: str) -> YamlDocument:
    """Parse YAML text strictly into plain data with positions."""
    node = None
    parsed = False
    if _CParser is not None:
        try:
            node = _compose(_FastLoader(text))
            parsed = True
        except (yaml.YAMLError, _RefusedError, RecursionError):
            pass  # parsed again below, for PyYAML's messages (the ones explain_yaml_error knows)
    if not parsed:
        node = _compose_strictly(text, name)
    doc = YamlDocument(name, None)
    if node is None:
        doc.data = None
        return doc
    doc.data = _construct(node, (), doc, 0)
    return doc


def _compose(loader: Any) -> Node | None:
    try:
        return cast(Node | None, loader.get_single_node())
    finally:
        loader.dispose()


def _compose_strictly(text: str, name: str) -> Node | None:
    """The pure-Python parse, turning what it refuses into a YamlError with a position."""
    loader = _StrictLoader(text)
    try:
        return loader.get_single_node()
    except _RefusedError as exc:
        raise YamlError(_position(name, exc.mark), exc.message) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise YamlError(_position(name, mark), explain_yaml_error(exc, text)) from None
    except yaml.YAMLError as exc:
        raise YamlError(Position(name, 1, 1), f"invalid YAML: {exc}") from None
    except RecursionError:
        raise YamlError(Position(name, 1, 1), "the YAML is nested too deeply") from None
    finally:
        loader.dispose()


def _construct(node: Node, path: PathKey, doc: YamlDocument, depth: int) -> Any:
    if depth > MAX_DEPTH:
        raise YamlError(_position(doc.file, node.start_mark), f"the YAML is nested more than {MAX_DEPTH} levels deep")
    doc.values[path] = _position(doc.file, node.start_mark)
    if isinstance(node, ScalarNode):
        # A plain empty value (`key:`) or `~` means "not given"; quoted text is always text.
        if not node.style and node.value in ("", "~"):  # plain: None from PyYAML, "" from libyaml
            return None
        return node.value
    if isinstance(node, SequenceNode):
        return [_construct(item, (*path, i), doc, depth + 1) for i, item in enumerate(node.value)]
    if isinstance(node, MappingNode):
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                raise YamlError(
                    _position(doc.file, key_node.start_mark), "a key must be a plain name, not a list or map"
                )
            key = key_node.value
            if key == "<<":
                raise YamlError(
                    _position(doc.file, key_node.start_mark), "merge keys (<<) are not allowed in rule packs"
                )
            if key in result:
                first = doc.keys[(*path, key)]
                raise YamlError(
                    _position(doc.file, key_node.start_mark),
                    f"duplicate key '{key}' (first given at line {first.line}); YAML would silently keep only the last",
                )
            doc.keys[(*path, key)] = _position(doc.file, key_node.start_mark)
            result[key] = _construct(value_node, (*path, key), doc, depth + 1)
        return result
    raise YamlError(_position(doc.file, node.start_mark), "unsupported YAML node")


def _position(name: str, mark: Any) -> Position:
    if mark is None:
        return Position(name, 1, 1)
    return Position(name, mark.line + 1, mark.column + 1)


def explain_yaml_error(exc: yaml.MarkedYAMLError, text: str) -> str:
    """The parser's complaint in plain words, naming the lines involved; its own text if unknown.

    PyYAML reports the token it tripped on ("expected <block end>, but found '<block mapping
    start>'"); what a policy analyst needs is the layout mistake behind it.
    """
    problem = exc.problem or exc.context or "invalid YAML"
    mark = exc.problem_mark
    line_no = mark.line + 1 if mark is not None else 1
    lines = text.splitlines()
    here = lines[line_no - 1] if 0 < line_no <= len(lines) else ""
    above_no, above = _line_above(lines, line_no)
    opened = exc.context_mark.line + 1 if exc.context_mark is not None else None
    if problem == "mapping values are not allowed here":
        if above is not None and _indent(here) > _indent(above):
            return _indented_more(line_no, above_no)
        if here.strip().count(": ") + here.rstrip().endswith(":") > 1:
            return f"line {line_no} holds two 'key:' parts; put a text containing ': ' in quotes"
        return f"a ':' where none can be on line {line_no}: is a ':' missing above, or does a text need quotes?"
    if problem.startswith("expected <block end>, but found '-'"):
        return f"line {line_no} is a list item (- ...) where a key was expected (name: value); indent it under a key"
    if problem.startswith("expected <block end>, but found '<block mapping start>'"):
        if above is not None and _indent(here) > _indent(above):
            return _indented_more(line_no, above_no)
        return (
            f"line {line_no} is indented less than the line above it but more than the key it belongs to"
            f"{f' (line {opened})' if opened else ''}; line it up with the keys beside it"
        )
    if problem.startswith("expected <block end>"):
        return f"line {line_no} is not lined up with the lines above it; check its indentation"
    if "'\\t'" in problem or "\t" in problem:
        return f"line {line_no} contains a tab character; indent with spaces only"
    if problem.startswith("expected ',' or ']'"):
        return f"the list opened with [ on line {opened or line_no} is not closed with ] before line {line_no}"
    if problem.startswith("expected ',' or '}'"):
        return f"the map opened with {{ on line {opened or line_no} is not closed with }} before line {line_no}"
    if problem == "found unexpected end of stream" and exc.context and "quoted" in exc.context:
        return f"the quoted text that starts on line {opened or line_no} is never closed (a missing quote)"
    if problem == "could not find expected ':'":
        return f"a key without ':' near line {opened or line_no} (write name: value)"
    return f"invalid YAML: {problem}"


def _indented_more(line_no: int, above_no: int) -> str:
    return f"line {line_no} is indented more than the line above it (line {above_no}); line it up with its neighbours"


def _line_above(lines: list[str], line_no: int) -> tuple[int, str | None]:
    """The nearest line above that holds something other than a comment."""
    for n in range(line_no - 1, 0, -1):
        stripped = lines[n - 1].strip()
        if stripped and not stripped.startswith("#"):
            return n, lines[n - 1]
    return 0, None


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))
