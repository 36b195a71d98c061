"""Render workers: each render runs in a killable child process with a time limit and a memory cap."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterator

import pytest

from assessor.core.rulebook import RuleBook
from assessor.report import (
    RenderFailedError,
    RenderTimeoutError,
    RenderWorkerPool,
    ReportDocument,
    ReportService,
    read_report_data,
)
from tests.report.conftest import MINIMAL_ANSWERS, make_input


def document(body: str) -> ReportDocument:
    return ReportDocument(
        html=f'<!doctype html><html lang="en"><head><title>t</title></head><body>{body}</body></html>',
        language="en",
        data_json=b'{"format": "assessor-report"}',
        attachment_description="data",
        created=dt.date(2026, 11, 22),
    )


TINY = document("<p>hello</p>")
# About 200 kB of text: several seconds of layout, far past the limits below.
SLOW = document("<p>" + "readiness " * 20000 + "</p>")


@pytest.fixture(scope="module")
def pool() -> Iterator[RenderWorkerPool]:
    with RenderWorkerPool(1, time_limit=60) as workers:
        yield workers


def test_renders_in_a_worker(pool: RenderWorkerPool) -> None:
    assert pool.render(TINY).startswith(b"%PDF-")


def test_time_limit_kills_the_render_and_the_next_one_succeeds(pool: RenderWorkerPool) -> None:
    pool.render(TINY)
    started = time.monotonic()
    with pytest.raises(RenderTimeoutError, match=r"longer than 0\.5 s"):
        pool.render(SLOW, time_limit=0.5)
    assert time.monotonic() - started < 3
    assert pool.render(TINY).startswith(b"%PDF-")  # a fresh worker took the killed one's place


def test_killed_workers_leave_no_temporary_files() -> None:
    # WeasyPrint copies fonts to a temporary folder it removes only on a clean exit.
    workers = RenderWorkerPool(1)
    assert workers._scratch is None  # nothing on disk until a worker starts
    with pytest.raises(RenderTimeoutError):
        workers.render(SLOW, time_limit=0.5)
    scratch = workers._scratch
    assert scratch is not None
    assert list(scratch.iterdir()) == []
    workers.render(TINY)
    assert len(list(scratch.iterdir())) == 1  # the live worker's
    workers.close()
    assert not scratch.exists()


def test_a_failing_render_is_reported_and_the_worker_lives_on(pool: RenderWorkerPool) -> None:
    broken = ReportDocument(
        html="<p>x</p>", language="en", data_json=None, attachment_description="", created=TINY.created
    )  # type: ignore[arg-type]
    with pytest.raises(RenderFailedError):
        pool.render(broken)
    assert pool.render(TINY).startswith(b"%PDF-")


def test_memory_cap_applies_in_the_worker() -> None:
    # 64 MB of address space cannot even hold WeasyPrint's fonts: the worker must fail, not the caller.
    with RenderWorkerPool(1, memory_limit=64 * 1024 * 1024) as starved:
        with pytest.raises(RenderFailedError):
            starved.render(TINY)


def test_closed_pool_refuses_work() -> None:
    workers = RenderWorkerPool(1)
    workers.close()
    with pytest.raises(RenderFailedError, match="shut down"):
        workers.render(TINY)


def test_service_renders_through_workers(minimal_book: RuleBook) -> None:
    service = ReportService(max_concurrent=1, time_limit=60)
    try:
        service.warm_up()
        pdf = service.pdf(make_input(minimal_book, MINIMAL_ANSWERS))
    finally:
        service.close()
    assert read_report_data(pdf)["answers"]["budget"] == "no"
    assert service.stats.renders == 1
