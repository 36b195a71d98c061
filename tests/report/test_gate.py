"""The render gate: a concurrency cap, a bounded queue, and RenderBusyError with a retry-after beyond it."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import pytest

from assessor.core.rulebook import RuleBook
from assessor.report import RenderBusyError, RenderGate, ReportService, ReportUnavailableError
from tests.report.conftest import MINIMAL_ANSWERS, make_input


@contextmanager
def holders(gate: RenderGate, count: int) -> Iterator[list[threading.Thread]]:
    """`count` threads that each take a slot (or queue for one) and hold it until the block ends."""
    release = threading.Event()
    entered = threading.Semaphore(0)

    def hold() -> None:
        with gate.slot():
            entered.release()
            release.wait(10)

    threads = [threading.Thread(target=hold) for _ in range(count)]
    for thread in threads:
        thread.start()
    try:
        yield threads
    finally:
        release.set()
        for thread in threads:
            thread.join(10)


def wait_until(condition: Callable[[], bool], timeout: float = 5.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.005)


def test_rejects_beyond_cap_plus_queue_with_retry_after() -> None:
    gate = RenderGate(max_concurrent=2, max_queue=1, expected_seconds=3.0)
    with holders(gate, 3):
        wait_until(lambda: gate.active == 2 and gate.waiting == 1)
        started = time.monotonic()
        with pytest.raises(RenderBusyError) as caught:
            with gate.slot():
                pytest.fail("got a slot beyond cap + queue")
        assert time.monotonic() - started < 0.5  # refused at once, not after waiting
        # Two renders running and one queued, over two slots: (2 + 1 + 1) x 3 s / 2.
        assert caught.value.retry_after == 6
        assert isinstance(caught.value, ReportUnavailableError)
    assert gate.active == 0
    assert gate.waiting == 0


def test_queued_request_runs_when_a_slot_frees() -> None:
    gate = RenderGate(max_concurrent=1, max_queue=1)
    ran = threading.Event()

    def queued() -> None:
        with gate.slot():
            ran.set()

    with holders(gate, 1):
        wait_until(lambda: gate.active == 1)
        waiter = threading.Thread(target=queued)
        waiter.start()
        wait_until(lambda: gate.waiting == 1)
        assert not ran.is_set()
    waiter.join(5)
    assert ran.is_set()


def test_queued_request_gives_up_after_max_wait() -> None:
    gate = RenderGate(max_concurrent=1, max_queue=1, max_wait=0.1)
    with holders(gate, 1):
        wait_until(lambda: gate.active == 1)
        with pytest.raises(RenderBusyError) as caught:
            with gate.slot():
                pass
        assert caught.value.retry_after >= 1
    assert gate.waiting == 0


def test_estimate_follows_render_times() -> None:
    gate = RenderGate(max_concurrent=1, max_queue=0, expected_seconds=10.0)
    with gate.slot():
        pass
    assert gate.estimate < 10.0
    assert gate.retry_after() >= 1


def test_service_refuses_when_the_gate_is_full(minimal_book: RuleBook) -> None:
    service = ReportService(isolate=False, max_concurrent=1, max_queue=0)
    report = make_input(minimal_book, MINIMAL_ANSWERS)
    with holders(service.gate, 1):
        wait_until(lambda: service.gate.active == 1)
        with pytest.raises(RenderBusyError) as caught:
            service.pdf(report)
        assert caught.value.retry_after >= 1
    assert service.stats.renders == 0


def test_rejects_nonsense_limits() -> None:
    with pytest.raises(ValueError, match="max_concurrent"):
        RenderGate(max_concurrent=1, max_queue=-1)
