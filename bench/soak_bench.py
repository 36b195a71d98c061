"""Mixed soak on the shipped gunicorn settings with `assessor worker` beside it: pages and saves while PDFs render.

Starts gunicorn (deploy/gunicorn.conf.py) and the worker on a free loopback port with a fresh SQLite
database (or DATABASE_URL if set; bench/stack.py), then for a fixed time runs questionnaire clients
(each reading and saving its own assessment) first alone, then alongside PDF downloaders that each
submit a new assessment and download its report, checking again until the worker has rendered it.
Prints counts, 5xx responses, questionnaire p50/p99 with and without renders, PDF timings, and
checks every saved answer reads back intact from the database.
Target: zero 5xx, every answer intact, questionnaire p99 under 250 ms while PDFs render.
Run: .venv/bin/python bench/soak_bench.py [--seconds 20] [--clients 4] [--pdf-clients 2]
"""

from __future__ import annotations

import argparse
import http.cookiejar
import random
import re
import statistics
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from stack import running_stack

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent
FUNDING_CHOICES = ("yes", "partial", "no", "dont_know")


@dataclass
class Tally:
    """What the clients saw."""

    page_ms: list[float] = field(default_factory=list)
    save_ms: list[float] = field(default_factory=list)
    pdf_ms: list[float] = field(default_factory=list)  # first download until the PDF is served
    first_answer_ms: list[float] = field(default_factory=list)  # the first download's own answer
    pdfs_not_served: int = 0
    statuses: dict[int, int] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def count(self, status: int) -> None:
        with self.lock:
            self.statuses[status] = self.statuses.get(status, 0) + 1

    @property
    def server_errors(self) -> int:
        return sum(n for status, n in self.statuses.items() if status >= 500)


class Browser:
    """A cookie-keeping client that does not follow redirects."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), _NoRedirect())
        self.retry_after = ""  # the last answer's Retry-After header, if any

    def request(self, path: str, data: dict[str, str] | None = None) -> tuple[int, str, bytes]:
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        try:
            with self.opener.open(self.base + path, data=body, timeout=60) as response:
                self.retry_after = response.headers.get("Retry-After", "")
                return response.status, response.headers.get("Location", ""), response.read()
        except urllib.error.HTTPError as error:
            self.retry_after = error.headers.get("Retry-After", "")
            return error.code, error.headers.get("Location", ""), error.read()

    def csrf(self, html: bytes) -> str:
        match = re.search(rb'name="csrf_token"[^>]*value="([^"]+)"', html)
        assert match, "no CSRF token"
        return match.group(1).decode()


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


def start_assessment(browser: Browser, name: str) -> str:
    _status, _location, page = browser.request("/")
    status, location, _body = browser.request(
        "/", {"csrf_token": browser.csrf(page), "organisation": name, "country": "Loopback", "language": "en"}
    )
    assert status == 302, status
    match = re.search(r"/a/([^/]+)/", location)
    assert match, location
    return match.group(1)


# The funding page's questions a client answers: the first gets the chosen answer, the rest theirs.
SHIPPED_FUNDING = (("funding_om_budget", ""), ("funding_tco", "partial"))
MINIMAL_FUNDING = (("budget", ""),)  # tests/fixtures/packs/minimal: quick renders for the tests


def save_funding(
    browser: Browser,
    token: str,
    choice: str,
    tally: Tally | None = None,
    questions: tuple[tuple[str, str], ...] = SHIPPED_FUNDING,
) -> None:
    path = f"/a/{token}/f/funding"
    started = time.perf_counter()
    status, _location, page = browser.request(path)
    if tally is not None:
        tally.page_ms.append((time.perf_counter() - started) * 1000)
        tally.count(status)
    data = {
        "csrf_token": browser.csrf(page),
        "shown": ",".join(question for question, _answer in questions),
        **{f"q_{question}": answer or choice for question, answer in questions},
        "action": "later",
    }
    started = time.perf_counter()
    status, _location, _body = browser.request(path, data)
    if tally is not None:
        tally.save_ms.append((time.perf_counter() - started) * 1000)
        tally.count(status)
    assert status == 302, f"save answered {status}"


def submitted_assessment(
    base: str, index: int, questions: tuple[tuple[str, str], ...] = SHIPPED_FUNDING
) -> tuple[Browser, str]:
    browser = Browser(base)
    token = start_assessment(browser, f"Soak ministry {index}")
    save_funding(browser, token, random.choice(FUNDING_CHOICES[:3]), questions=questions)
    _status, _location, page = browser.request(f"/a/{token}/check")
    # Most questions are left unanswered: confirm, as the check page asks a person to.
    form = {"csrf_token": browser.csrf(page), "confirm": "yes"}
    status, location, _body = browser.request(f"/a/{token}/submit", form)
    assert status == 302, status
    assert location.endswith("/result"), location  # submitted, not sent back to the check page
    return browser, token


def download_until_served(
    browser: Browser, token: str, deadline: float, tally: Tally | None = None
) -> tuple[float, int, bytes | None, float]:
    """First download, then check again as the "being prepared" page's script does, until the PDF comes.

    The script asks again after the page's Retry-After, kept between 2 and 15 seconds (app.js).
    Returns (first answer in ms, its status, the PDF or None, seconds until the PDF).
    """
    started = time.perf_counter()
    status, location, body = browser.request(f"/a/{token}/report.pdf")
    first_ms = (time.perf_counter() - started) * 1000
    first_status = status
    # Anything but the PDF, "see the status page" (303) or "being prepared" (202) is a failure: stop.
    while status in (202, 303) and time.monotonic() < deadline:
        if status == 303 and location.endswith("/report.pdf"):
            status, location, body = browser.request(f"/a/{token}/report.pdf")
        else:
            time.sleep(_poll_wait(browser.retry_after))
            status, location, body = browser.request(f"/a/{token}/report/status")
        if tally is not None:
            tally.count(status)
    pdf = body if status == 200 and body.startswith(b"%PDF") else None
    return first_ms, first_status, pdf, time.perf_counter() - started


def _poll_wait(retry_after: str) -> float:
    seconds = int(retry_after) if retry_after.isdigit() else 5
    return float(min(max(seconds, 2), 15))


def percentile(values: list[float], share: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))]


def run_soak(seconds: float, clients: int = 4, pdf_clients: int = 2, quiet: bool = False) -> dict[str, Any]:
    """Run the soak; return its figures (also used by tests/test_soak.py with a short duration)."""
    say = (lambda *_a: None) if quiet else print
    with running_stack() as stack:
        say(f"preparing {clients} questionnaire clients...")
        writers = [Browser(stack.base) for _ in range(clients)]
        tokens = [start_assessment(w, f"Soak writer {i}") for i, w in enumerate(writers)]
        expected: dict[str, str] = {}
        quiet_tally, busy_tally = Tally(), Tally()
        counter = iter(range(1_000_000))
        for phase, tally, with_pdfs in (("alone", quiet_tally, False), ("with PDFs", busy_tally, True)):
            stop = time.monotonic() + seconds / 2
            threads = [
                threading.Thread(target=_writer, args=(w, t, tally, stop, expected))
                for w, t in zip(writers, tokens, strict=True)
            ]
            if with_pdfs:
                threads += [
                    threading.Thread(target=_downloader, args=(stack.base, counter, tally, stop))
                    for _ in range(pdf_clients)
                ]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            say(f"phase {phase}: done")
        intact = _answers_intact(stack.database, expected)
    logs = stack.logs["server"] + stack.logs["worker"]
    figures = {
        "requests": sum(quiet_tally.statuses.values()) + sum(busy_tally.statuses.values()),
        "server_errors": quiet_tally.server_errors + busy_tally.server_errors,
        "statuses": {
            **quiet_tally.statuses,
            **{k: busy_tally.statuses.get(k, 0) + quiet_tally.statuses.get(k, 0) for k in busy_tally.statuses},
        },
        "page_p50_alone": statistics.median(quiet_tally.page_ms) if quiet_tally.page_ms else float("nan"),
        "page_p99_alone": percentile(quiet_tally.page_ms + quiet_tally.save_ms, 0.99),
        "page_p50_with_pdfs": statistics.median(busy_tally.page_ms) if busy_tally.page_ms else float("nan"),
        "page_p99_with_pdfs": percentile(busy_tally.page_ms + busy_tally.save_ms, 0.99),
        "pdfs": len(busy_tally.pdf_ms),
        "pdfs_not_served": busy_tally.pdfs_not_served,
        "pdf_first_answer_p99_ms": percentile(busy_tally.first_answer_ms, 0.99),
        "pdf_p50_ms": statistics.median(busy_tally.pdf_ms) if busy_tally.pdf_ms else float("nan"),
        "pdf_p99_ms": percentile(busy_tally.pdf_ms, 0.99),
        "answers_checked": len(expected),
        "answers_intact": intact,
        "server_log_errors": [line for line in logs.splitlines() if "Traceback" in line][:5],
    }
    return figures


def _writer(browser: Browser, token: str, tally: Tally, stop: float, expected: dict[str, str]) -> None:
    while time.monotonic() < stop:
        choice = random.choice(FUNDING_CHOICES)
        save_funding(browser, token, choice, tally)
        expected[token] = choice


def _downloader(base: str, counter: Iterator[int], tally: Tally, stop: float) -> None:
    """Submit an assessment and download its report until served (the worker renders it); again until `stop`."""
    while time.monotonic() < stop:
        browser, token = submitted_assessment(base, next(counter))
        first_ms, first_status, pdf, took = download_until_served(browser, token, stop + 300, tally)
        tally.count(first_status)
        with tally.lock:
            tally.first_answer_ms.append(first_ms)
            if pdf is None:
                tally.pdfs_not_served += 1
            else:
                tally.pdf_ms.append(took * 1000)


def _answers_intact(database: str, expected: dict[str, str]) -> bool:
    from sqlalchemy import create_engine, text

    from assessor.storage.answer_rows import as_maps, load_rows
    from assessor.storage.assessments import hash_token

    engine = create_engine(database)
    try:
        with engine.connect() as connection:
            for token, choice in expected.items():
                assessment_id = connection.execute(
                    text("SELECT id FROM assessment WHERE token_hash = :h"), {"h": hash_token(token)}
                ).scalar_one()
                answers, _evidence = as_maps(load_rows(connection, assessment_id))
                if answers.get("funding_om_budget") != choice or answers.get("funding_tco") != "partial":
                    return False
    finally:
        engine.dispose()
    return True


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--pdf-clients", type=int, default=2)
    args = parser.parse_args()
    f = run_soak(args.seconds, args.clients, args.pdf_clients)
    print(f"\nrequests {f['requests']}, 5xx {f['server_errors']}, statuses {f['statuses']}")
    print(f"questionnaire alone:     p50 {f['page_p50_alone']:.1f} ms  p99 {f['page_p99_alone']:.1f} ms")
    print(
        f"questionnaire with PDFs: p50 {f['page_p50_with_pdfs']:.1f} ms  "
        f"p99 {f['page_p99_with_pdfs']:.1f} ms (target < 250)"
    )
    print(
        f"PDFs served {f['pdfs']} (not served {f['pdfs_not_served']}): first answer p99 "
        f"{f['pdf_first_answer_p99_ms']:.0f} ms; until served p50 {f['pdf_p50_ms']:.0f} ms, "
        f"p99 {f['pdf_p99_ms']:.0f} ms"
    )
    print(f"saved answers read back intact: {f['answers_intact']} ({f['answers_checked']} assessments)")
    if f["server_log_errors"]:
        print("server tracebacks:", f["server_log_errors"])


if __name__ == "__main__":
    main()
