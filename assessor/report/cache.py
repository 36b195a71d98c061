"""Rendered PDFs kept by content: the key that names a report's exact PDF, and where the bytes are stored.

The key covers everything a report shows: the answers and evidence (canonical JSON), the rule pack's
content hash, the language, the report version and the assessment's metadata. Any change to one of
them is a different key; nothing is ever invalidated by hand.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
from datetime import datetime
from pathlib import Path
from typing import Protocol

from assessor import __version__
from assessor.core.answers import Answers
from assessor.report.archive import answers_data, evidence_data
from assessor.report.context import report_language
from assessor.report.model import REPORT_VERSION, ReportInput

_KEY = re.compile(r"^[0-9a-f]{64}$")


def report_cache_key(report: ReportInput) -> str:
    """A SHA-256 hex digest naming the exact PDF this input renders to."""
    payload = {
        "report_version": REPORT_VERSION,
        # The package version too: a new release may render differently (templates, WeasyPrint).
        "assessor_version": __version__,
        "rules_hash": report.book.content_hash,
        "language": report_language(report),
        "answers": answers_data(report.answers),
        "evidence": evidence_data(report.answers),
        "assessment": {
            "organisation": report.organisation,
            "country": report.country,
            "respondent_role": report.respondent_role,
            "date": report.assessment_date.isoformat(),
            "reference": report.reference,
        },
    }
    canonical = json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def answers_fingerprint(answers: Answers, rules_hash: str) -> str:
    """A short, stable reference for a set of answers scored with a rule pack, e.g. "A-3F9C2B1D7E4A".

    For reports made outside the web app (the CLI), which have no stored assessment to name.
    """
    payload = {"rules_hash": rules_hash, "answers": answers_data(answers), "evidence": evidence_data(answers)}
    canonical = json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False)
    return "A-" + hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:12].upper()


class PDFStore(Protocol):
    """Where rendered PDFs live. Implementations must be safe to call from several threads and processes."""

    def get(self, key: str) -> bytes | None:
        """The PDF stored under `key`, or None."""

    def put(self, key: str, pdf: bytes) -> None:
        """Store `pdf` under `key`, replacing any PDF there; readers never see half of it."""

    def prune_older_than(self, cutoff: datetime) -> int:
        """Delete the PDFs stored before `cutoff`; returns how many were deleted."""


class DirectoryPDFStore:
    """PDFs as files in a directory: survives restarts, and is shared by processes on one host
    (or several, on a shared volume). Files are written atomically and readable by the owner only,
    since a report holds the respondent's answers.
    """

    def __init__(self, directory: Path) -> None:
        self.directory = Path(directory)
        self.directory.mkdir(mode=0o700, parents=True, exist_ok=True)

    def path(self, key: str) -> Path:
        """Where the PDF for `key` is kept; only hex digests are keys, so no key can name another path."""
        if not _KEY.match(key):
            raise ValueError(f"not a cache key: {key[:80]!r}")
        return self.directory / f"{key}.pdf"

    def get(self, key: str) -> bytes | None:
        """The stored PDF, or None."""
        try:
            return self.path(key).read_bytes()
        except FileNotFoundError:
            return None

    def put(self, key: str, pdf: bytes) -> None:
        """Write the PDF to a temporary file, then rename it into place: readers never see half a file."""
        target = self.path(key)
        descriptor, temporary = tempfile.mkstemp(dir=self.directory, prefix=".tmp-", suffix=".pdf")
        try:
            with os.fdopen(descriptor, "wb") as stream:
                stream.write(pdf)
            os.replace(temporary, target)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise

    def prune_older_than(self, cutoff: datetime) -> int:
        """Delete the PDFs written before `cutoff` (the retention policy); returns how many were deleted."""
        limit = cutoff.timestamp()
        deleted = 0
        for path in self.directory.glob("*.pdf"):
            try:
                if path.stat().st_mtime < limit:
                    path.unlink()
                    deleted += 1
            except FileNotFoundError:  # another process pruned it first
                continue
        return deleted

    def prune(self, max_bytes: int) -> int:
        """Delete the oldest PDFs until at most `max_bytes` remain; returns how many were deleted.

        Call it from a periodic job: scanning the directory on every write would cost more than it saves.
        """
        files = []
        for path in self.directory.glob("*.pdf"):
            try:
                stat = path.stat()
            except FileNotFoundError:
                continue
            files.append((stat.st_mtime, stat.st_size, path))
        files.sort()
        total = sum(size for _mtime, size, _path in files)
        deleted = 0
        for _mtime, size, path in files:
            if total <= max_bytes:
                break
            path.unlink(missing_ok=True)
            total -= size
            deleted += 1
        return deleted
