"""Report jobs under load, on the shipped gunicorn settings with `assessor worker` beside them.

Two parts, both against a real server on a free loopback port (fresh SQLite, or DATABASE_URL):
- burst: N concurrent first downloads of N different submitted assessments while a factor page is
  fetched every 200 ms; every download must answer at once ("being prepared" or the PDF), then each
  client checks again until its PDF is served. Prints first-answer times, page p50/p99/max and the
  time until the last PDF. tests/jobs/test_server_burst.py asserts on these figures.
- soak (--seconds, default 600): questionnaire clients save every 200 ms while downloaders submit
  new assessments and download them, for the whole duration. Prints counts, 5xx, page p50/p99,
  time-to-PDF p50/p99, and the worker's and server's memory at the end.
Run: .venv/bin/python bench/jobs_soak_bench.py [--burst 16] [--seconds 600] [--clients 2] [--downloaders 2]
"""

from __future__ import annotations

import argparse
import statistics
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from soak_bench import (
    SHIPPED_FUNDING,
    Browser,
    download_until_served,
    percentile,
    save_funding,
    start_assessment,
    submitted_assessment,
)
from stack import Stack, running_stack

PAGE_INTERVAL = 0.2  # seconds between factor page fetches: one reader at a steady pace


@dataclass
class PageReader:
    """Fetches one factor page every PAGE_INTERVAL seconds until stopped; records each latency."""

    browser: Browser
    token: str
    latencies_ms: list[float] = field(default_factory=list)
    statuses: dict[int, int] = field(default_factory=dict)
    stop: threading.Event = field(default_factory=threading.Event)

    def run(self) -> None:
        while not self.stop.is_set():
            started = time.perf_counter()
            status, _location, _body = self.browser.request(f"/a/{self.token}/f/funding")
            self.latencies_ms.append((time.perf_counter() - started) * 1000)
            self.statuses[status] = self.statuses.get(status, 0) + 1
            self.stop.wait(max(0.0, PAGE_INTERVAL - (time.perf_counter() - started)))


def run_burst(
    stack: Stack, n: int = 16, seconds: float = 900, questions: tuple[tuple[str, str], ...] = SHIPPED_FUNDING
) -> dict[str, Any]:
    """N different submitted assessments downloaded at once while a factor page is read every 200 ms.

    `questions` are the funding page's (MINIMAL_FUNDING when the stack runs the minimal pack).
    """
    prepared = [submitted_assessment(stack.base, i, questions) for i in range(n)]
    reader_browser = Browser(stack.base)
    reader = PageReader(reader_browser, start_assessment(reader_browser, "Page reader"))
    reader_thread = threading.Thread(target=reader.run)
    reader_thread.start()
    time.sleep(2)  # a baseline before the burst
    results: dict[str, tuple[float, int, bytes | None, float]] = {}
    deadline = time.monotonic() + seconds
    barrier = threading.Barrier(n)

    def client(browser: Browser, token: str) -> None:
        barrier.wait()
        results[token] = download_until_served(browser, token, deadline)

    started = time.perf_counter()
    threads = [threading.Thread(target=client, args=pair) for pair in prepared]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    all_served = time.perf_counter() - started
    reader.stop.set()
    reader_thread.join()
    first_ms = [r[0] for r in results.values()]
    return {
        "tokens": [token for _browser, token in prepared],
        "pdfs": {token: r[2] for token, r in results.items()},
        "first_statuses": sorted(r[1] for r in results.values()),
        "first_answer_max_ms": max(first_ms),
        "first_answer_p50_ms": statistics.median(first_ms),
        "served": sum(1 for r in results.values() if r[2] is not None),
        "time_to_pdf_max_s": max(r[3] for r in results.values()),
        "all_served_s": all_served,
        "page_count": len(reader.latencies_ms),
        "page_p50_ms": statistics.median(reader.latencies_ms),
        "page_p99_ms": percentile(reader.latencies_ms, 0.99),
        "page_max_ms": max(reader.latencies_ms),
        "page_statuses": reader.statuses,
    }


def run_soak(stack: Stack, seconds: float, clients: int = 2, downloaders: int = 2) -> dict[str, Any]:
    """Questionnaire clients saving every 200 ms while downloaders submit and download, for `seconds`."""
    stop_at = time.monotonic() + seconds
    page_ms: list[float] = []
    pdf_s: list[float] = []
    statuses: dict[int, int] = {}
    lock = threading.Lock()
    counter = iter(range(1_000_000))

    def questionnaire() -> None:
        browser = Browser(stack.base)
        token = start_assessment(browser, "Soak writer")
        while time.monotonic() < stop_at:
            started = time.perf_counter()
            save_funding(browser, token, "partial")
            with lock:
                page_ms.append((time.perf_counter() - started) * 1000)
            time.sleep(PAGE_INTERVAL)

    def downloader() -> None:
        while time.monotonic() < stop_at:
            with lock:
                index = next(counter)
            browser, token = submitted_assessment(stack.base, 1000 + index)
            _first_ms, first_status, pdf, took = download_until_served(browser, token, stop_at + 300)
            with lock:
                statuses[first_status] = statuses.get(first_status, 0) + 1
                if pdf is not None:
                    pdf_s.append(took)

    threads = [threading.Thread(target=questionnaire) for _ in range(clients)]
    threads += [threading.Thread(target=downloader) for _ in range(downloaders)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return {
        "saves": len(page_ms),
        "save_page_p50_ms": statistics.median(page_ms) if page_ms else float("nan"),
        "save_page_p99_ms": percentile(page_ms, 0.99),
        "pdfs": len(pdf_s),
        "first_statuses": statuses,
        "time_to_pdf_p50_s": statistics.median(pdf_s) if pdf_s else float("nan"),
        "time_to_pdf_p99_s": percentile(pdf_s, 0.99),
        "worker_rss_mb": _tree_rss_mb(stack.worker.pid),
        "server_rss_mb": _tree_rss_mb(stack.server.pid),
    }


def _tree_rss_mb(pid: int) -> float:
    """Resident memory of a process and its children, in MB (Linux /proc)."""
    total = 0
    pending = [pid]
    while pending:
        current = pending.pop()
        try:
            for line in Path(f"/proc/{current}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
            for task in Path(f"/proc/{current}/task").iterdir():
                pending += [int(child) for child in (task / "children").read_text().split()]
        except (FileNotFoundError, ProcessLookupError):
            continue
    return total / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--burst", type=int, default=16, help="concurrent first downloads (0: skip)")
    parser.add_argument("--seconds", type=float, default=600, help="soak duration (0: skip)")
    parser.add_argument("--clients", type=int, default=2)
    parser.add_argument("--downloaders", type=int, default=2)
    args = parser.parse_args()
    with running_stack() as stack:
        if args.burst:
            b = run_burst(stack, args.burst)
            print(f"burst of {args.burst}: first answers {b['first_statuses']}")
            print(f"  first answer p50 {b['first_answer_p50_ms']:.0f} ms, max {b['first_answer_max_ms']:.0f} ms")
            print(f"  PDFs served {b['served']}/{args.burst}, last after {b['all_served_s']:.1f} s")
            print(
                f"  factor page every 200 ms: {b['page_count']} fetches, p50 {b['page_p50_ms']:.0f} ms, "
                f"p99 {b['page_p99_ms']:.0f} ms, max {b['page_max_ms']:.0f} ms, statuses {b['page_statuses']}"
            )
        if args.seconds:
            s = run_soak(stack, args.seconds, args.clients, args.downloaders)
            print(
                f"soak {args.seconds:.0f} s: {s['saves']} page+save rounds, "
                f"p50 {s['save_page_p50_ms']:.0f} ms, p99 {s['save_page_p99_ms']:.0f} ms"
            )
            print(
                f"  {s['pdfs']} PDFs, first answers {s['first_statuses']}, "
                f"time to PDF p50 {s['time_to_pdf_p50_s']:.1f} s, p99 {s['time_to_pdf_p99_s']:.1f} s"
            )
            print(f"  memory at the end: worker {s['worker_rss_mb']:.0f} MB, server {s['server_rss_mb']:.0f} MB")


if __name__ == "__main__":
    main()
