"""What a download endpoint calls: cache first, then the render gate, then a worker; plus the safe filename.

One ReportService per web process, created at start-up and shared by its threads.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from dataclasses import dataclass

from assessor.report.cache import MemoryPDFStore, PDFStore, report_cache_key
from assessor.report.gate import DEFAULT_QUEUE, RenderGate, default_concurrency
from assessor.report.model import ReportInput
from assessor.report.render import build_report, write_report_pdf
from assessor.report.worker import DEFAULT_MEMORY_LIMIT, DEFAULT_TIME_LIMIT, RenderWorkerPool


@dataclass
class ServiceStats:
    """Counters for monitoring and tests."""

    renders: int = 0
    hits: int = 0


class ReportService:
    """PDF reports for a web process: cached by content, at most `max_concurrent` renders at once.

    `pdf()` raises RenderBusyError (queue full: answer 503 with its `retry_after`), RenderTimeoutError
    (past `time_limit`) or RenderFailedError; all three are ReportUnavailableError. With
    `isolate=False` renders run in the calling thread, with no time or memory limit (for tools
    and tests that must not start processes).
    """

    def __init__(
        self,
        store: PDFStore | None = None,
        *,
        max_concurrent: int | None = None,
        max_queue: int = DEFAULT_QUEUE,
        max_wait: float = 30.0,
        time_limit: float = DEFAULT_TIME_LIMIT,
        memory_limit: int | None = DEFAULT_MEMORY_LIMIT,
        isolate: bool = True,
    ) -> None:
        concurrency = max_concurrent or default_concurrency()
        self.store: PDFStore = store if store is not None else MemoryPDFStore()
        self.gate = RenderGate(concurrency, max_queue, max_wait=max_wait)
        self.pool = RenderWorkerPool(concurrency, time_limit=time_limit, memory_limit=memory_limit) if isolate else None
        self.stats = ServiceStats()
        self._stats_lock = threading.Lock()

    def cached_pdf(self, report: ReportInput) -> bytes | None:
        """The PDF if it is already in the cache; never renders."""
        return self.store.get(report_cache_key(report))

    def pdf(self, report: ReportInput) -> bytes:
        """The report's PDF: from the cache when there, else rendered (gated, time-limited) and cached."""
        key = report_cache_key(report)
        cached = self.store.get(key)
        if cached is not None:
            self._count(hits=1)
            return cached
        with self.gate.slot():
            # Someone may have rendered the same report while this request queued.
            cached = self.store.get(key)
            if cached is not None:
                self._count(hits=1)
                return cached
            document = build_report(report)
            pdf = self.pool.render(document) if self.pool is not None else write_report_pdf(document)
            self._count(renders=1)
        self.store.put(key, pdf)
        return pdf

    def warm_up(self) -> None:
        """Start the render workers now instead of on the first download."""
        if self.pool is not None:
            self.pool.warm_up()

    def close(self) -> None:
        """Stop the render workers."""
        if self.pool is not None:
            self.pool.close()

    def _count(self, renders: int = 0, hits: int = 0) -> None:
        with self._stats_lock:
            self.stats.renders += renders
            self.stats.hits += hits


def report_filename(report: ReportInput) -> str:
    """A download filename safe in any Content-Disposition: ASCII letters, digits, "-" and "." only.

    Built from the assessment reference and date (never from free text like the organisation name),
    e.g. "assessment-AUR-2026-0042-2026-11-22.pdf".
    """
    ascii_reference = unicodedata.normalize("NFKD", report.reference).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^A-Za-z0-9]+", "-", ascii_reference).strip("-")[:40].strip("-")
    parts = ["assessment", slug, report.assessment_date.isoformat()]
    return "-".join(part for part in parts if part) + ".pdf"
