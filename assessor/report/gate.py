"""The render gate: at most N renders at once, a short bounded queue, and a fast "busy" beyond it.

A PDF costs seconds of a CPU core. Without a cap, a burst of downloads takes every core and every
web thread, and questionnaire pages stall behind them (performance-security.md, A.4). So renders
beyond the cap wait in a small queue, and a request that finds the queue full is refused at once
with RenderBusyError, whose `retry_after` the web layer sends as 503 + Retry-After.
"""

from __future__ import annotations

import math
import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

DEFAULT_QUEUE = 4


class ReportUnavailableError(Exception):
    """The report cannot be produced now; `retry_after` (seconds) says when to try again, if known."""

    def __init__(self, message: str, retry_after: int | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class RenderBusyError(ReportUnavailableError):
    """Every render slot and queue place is taken, or the wait for a slot ran out."""

    retry_after: int

    def __init__(self, message: str, retry_after: int) -> None:
        super().__init__(message, retry_after)


def default_concurrency() -> int:
    """One render per CPU core this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


class RenderGate:
    """A counting gate with a bounded FIFO-ish queue; thread-safe.

    `max_wait` bounds how long a queued request waits for a slot before it too is told to retry.
    `expected_seconds` seeds the render-time estimate behind `retry_after`; the gate then follows
    the renders it sees (an exponential moving average).
    """

    def __init__(
        self,
        max_concurrent: int | None = None,
        max_queue: int = DEFAULT_QUEUE,
        *,
        max_wait: float = 30.0,
        expected_seconds: float = 5.0,  # a ~30-page report on one core of the 2-vCPU CI machine
    ) -> None:
        self.max_concurrent = max_concurrent or default_concurrency()
        if self.max_concurrent < 1 or max_queue < 0:
            raise ValueError("max_concurrent must be at least 1 and max_queue at least 0")
        self.max_queue = max_queue
        self.max_wait = max_wait
        self._estimate = expected_seconds
        self._active = 0
        self._waiting = 0
        self._condition = threading.Condition()

    @property
    def active(self) -> int:
        """Renders holding a slot now."""
        return self._active

    @property
    def waiting(self) -> int:
        """Requests queued for a slot now."""
        return self._waiting

    @property
    def estimate(self) -> float:
        """The current estimate of one render's duration, in seconds."""
        return self._estimate

    def retry_after(self) -> int:
        """Seconds until a slot is likely free for a new request: the work ahead of it, spread over the slots."""
        ahead = self._active + self._waiting + 1
        return max(1, math.ceil(self._estimate * ahead / self.max_concurrent))

    @contextmanager
    def slot(self) -> Iterator[None]:
        """Hold a render slot for the `with` block; RenderBusyError when none can be had in time."""
        self._acquire()
        started = time.monotonic()
        try:
            yield
        finally:
            self._release(time.monotonic() - started)

    def _acquire(self) -> None:
        with self._condition:
            # Queue behind anyone already waiting, so a newcomer cannot overtake them.
            if self._active < self.max_concurrent and self._waiting == 0:
                self._active += 1
                return
            if self._waiting >= self.max_queue:
                raise RenderBusyError("the report renderer is busy", self.retry_after())
            self._waiting += 1
            try:
                got = self._condition.wait_for(lambda: self._active < self.max_concurrent, timeout=self.max_wait)
            finally:
                self._waiting -= 1
            if not got:
                raise RenderBusyError("timed out waiting for the report renderer", self.retry_after())
            self._active += 1

    def _release(self, seconds: float) -> None:
        with self._condition:
            self._active -= 1
            self._estimate = 0.7 * self._estimate + 0.3 * seconds
            self._condition.notify_all()  # a waiter that just timed out must not swallow the wake-up
