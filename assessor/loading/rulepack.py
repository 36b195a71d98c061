"""Loading a rule pack (one YAML file or a folder of them) into a RuleBook, reporting every problem.

Three passes, each collecting all it finds: strict YAML per file; the schema per file (items that
fail are set aside so the rest can still be checked); then the cross-references that span
files, which `packbuilder.Builder` resolves while it builds the RuleBook.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from assessor.core import rulebook as rb
from assessor.loading.model import SINGLE_KEYS, TOP_LEVEL_KEYS, RulePackFile
from assessor.loading.packbuilder import Builder, Findings, Item
from assessor.loading.problems import Problem, describe_pydantic_error, key_path
from assessor.loading.reachability import Verdict
from assessor.loading.yamlsource import PathKey, Position, YamlDocument, YamlError, load_yaml

MAX_FILES = 200


class RulePackError(Exception):
    """A rule pack that cannot be loaded; `problems` lists everything found."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} problem(s) in the rule pack")
        self.problems = problems


@dataclass
class CheckReport:
    """What checking a rule pack found: the RuleBook when it is valid, problems and warnings."""

    book: rb.RuleBook | None
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    # What the reachability search found per recommendation and critical gap id (valid packs).
    verdicts: dict[str, Verdict] = field(default_factory=dict)


def load_rulebook(path: Path) -> rb.RuleBook:
    """Load a valid rule pack or raise RulePackError with every problem."""
    report = check_rulepack(path)
    if report.book is None:
        raise RulePackError(report.problems)
    return report.book


def check_rulepack(path: Path) -> CheckReport:
    """Check a rule pack file or folder, collecting every problem and warning."""
    return _Checker(path).run()


def rule_files(path: Path) -> list[Path]:
    """The YAML files that make up a pack: the file itself, or every *.yaml/*.yml in the folder."""
    if path.is_dir():
        found = [p for p in path.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file()]
        return sorted(found, key=lambda p: p.relative_to(path).as_posix())
    return [path]


class _Checker:
    def __init__(self, path: Path) -> None:
        self.root = path
        self.found = Findings()

    def display(self, file: Path) -> str:
        return str(file)

    def run(self) -> CheckReport:
        if not self.root.exists():
            self.found.error(Position(str(self.root), 1, 1), "", "no such file or folder")
            return CheckReport(None, self.found.problems)
        files = rule_files(self.root)
        if not files:
            self.found.error(Position(str(self.root), 1, 1), "", "the folder holds no .yaml files")
            return CheckReport(None, self.found.problems)
        if len(files) > MAX_FILES:
            self.found.error(
                Position(str(self.root), 1, 1), "", f"the folder holds {len(files)} YAML files; at most {MAX_FILES}"
            )
            return CheckReport(None, self.found.problems)
        parsed: list[tuple[YamlDocument, RulePackFile]] = []
        digest = hashlib.sha256()
        for file in files:
            rel = file.relative_to(self.root).as_posix() if self.root.is_dir() else file.name
            try:
                digest.update(rel.encode() + b"\0" + file.read_bytes() + b"\0")
            except OSError:
                pass  # load_yaml reports the unreadable file
            result = self._parse_file(file)
            if result is not None:
                parsed.append(result)
        book = self._cross_check(parsed, digest.hexdigest())
        names = [self.display(f) for f in files]
        if self.found.problems:
            return CheckReport(None, self.found.problems, self.found.warnings, names)
        return CheckReport(book, [], self.found.warnings, names, self.found.verdicts)

    # -- pass 1 and 2: YAML and schema, file by file -------------------------------------------------

    def _parse_file(self, file: Path) -> tuple[YamlDocument, RulePackFile] | None:
        try:
            doc = load_yaml(file, self.display(file))
        except YamlError as exc:
            self.found.error(exc.position, "", exc.message)
            self.found.partial = True  # what this file held is unknown: don't report it as missing
            return None
        if doc.data is None:
            self.found.warn(Position(doc.file, 1, 1), "", "the file is empty")
            return None
        if not isinstance(doc.data, dict):
            self.found.error(doc.position(()), "", f"expected a map of top-level keys ({', '.join(TOP_LEVEL_KEYS)})")
            return None
        data = dict(doc.data)
        for _attempt in range(3):
            try:
                return doc, RulePackFile.model_validate(data)
            except ValidationError as exc:
                dropped = self._report_schema_errors(doc, exc, data)
                if not dropped:
                    return None
                self.found.partial = True
        return None

    def _report_schema_errors(self, doc: YamlDocument, exc: ValidationError, data: dict[str, Any]) -> bool:
        """Report each error; set aside the top-level items at fault. False if nothing could be set aside."""
        bad: dict[str, set[int]] = {}
        whole: set[str] = set()
        for error in exc.errors():
            loc = tuple(error["loc"])
            is_key = error["type"] == "extra_forbidden"
            self.found.error(
                doc.position(loc, key=is_key), key_path(loc, doc.data), describe_pydantic_error(error, RulePackFile)
            )
            if not loc:
                return False
            section = str(loc[0])
            if len(loc) > 1 and isinstance(loc[1], int) and isinstance(data.get(section), list):
                bad.setdefault(section, set()).add(loc[1])
            else:
                whole.add(section)
        for section in whole:
            data.pop(section, None)
        for section, indexes in bad.items():
            if section in data:
                # Keep positions right: replace bad items by None and filter after validation.
                data[section] = [item for i, item in enumerate(data[section]) if i not in indexes]
                self._reindex(doc, section, indexes)
        return True

    def _reindex(self, doc: YamlDocument, section: str, removed: set[int]) -> None:
        """After dropping items from a list, shift recorded positions so later items keep theirs."""

        def shift(table: dict[PathKey, Position]) -> dict[PathKey, Position]:
            out: dict[PathKey, Position] = {}
            for path, pos in table.items():
                if len(path) >= 2 and path[0] == section and isinstance(path[1], int):
                    index = path[1]
                    if index in removed:
                        continue
                    path = (section, index - sum(1 for r in removed if r < index), *path[2:])
                out[path] = pos
            return out

        doc.values = shift(doc.values)
        doc.keys = shift(doc.keys)
        original = doc.data.get(section) if isinstance(doc.data, dict) else None
        if isinstance(original, list):
            doc.data = {**doc.data, section: [x for i, x in enumerate(original) if i not in removed]}

    # -- pass 3: across files ------------------------------------------------------------------------

    def _cross_check(self, parsed: list[tuple[YamlDocument, RulePackFile]], content_hash: str) -> rb.RuleBook | None:
        singles: dict[str, Item] = {}
        lists: dict[str, list[Item]] = {k: [] for k in TOP_LEVEL_KEYS if k not in SINGLE_KEYS}
        for doc, model in parsed:
            for key in TOP_LEVEL_KEYS:
                value = getattr(model, key)
                if value is None:
                    continue
                if key in SINGLE_KEYS:
                    if key in singles:
                        first = singles[key].pos(key=True)
                        self.found.error(
                            doc.position((key,), key=True),
                            key,
                            f"'{key}' is given again (first in {first.file} at line {first.line}); give it once",
                        )
                        continue
                    singles[key] = Item(value, doc, (key,))
                else:
                    lists[key].extend(Item(v, doc, (key, i)) for i, v in enumerate(value))
        anchor = Position(str(self.root), 1, 1)
        if "pack" not in singles:
            if not self.found.partial:
                self.found.error(anchor, "pack", "missing required key 'pack' (id, title, version, languages)")
            return None
        if "levels" not in singles:
            if not self.found.partial:
                self.found.error(anchor, "levels", "missing required key 'levels' (the maturity levels)")
            return None
        if not lists["factors"]:
            if not self.found.partial:
                self.found.error(anchor, "factors", "the pack has no factors")
            return None
        return Builder(self.found, singles, lists, content_hash).build()
