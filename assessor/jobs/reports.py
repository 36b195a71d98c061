"""The report jobs of one app: Huey tasks that render and store PDFs, and what the web asks of them.

One ReportJobs per app (`app.extensions["report_jobs"]`), built in `init_app`. The web calls
`request_report` / `request_blank` (a ledger claim and, at most once per key, an enqueue) and reads
stored bytes; only the worker (`assessor worker`) runs the tasks, except in immediate mode (tests),
where Huey runs each task inline.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Callable
from dataclasses import dataclass

from flask import Flask
from huey import Huey
from huey.api import Task, TaskWrapper
from huey.signals import SIGNAL_INTERRUPTED
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from assessor import __version__
from assessor.core.rulebook import RuleBook
from assessor.jobs import ledger
from assessor.jobs.books import book_key, pack_for_book, render_book_pdf
from assessor.jobs.ledger import Job
from assessor.jobs.models import BLANK, BOOK, DONE, FAILED, QUEUED, REPORT
from assessor.jobs.queue import make_huey
from assessor.jobs.report_input import report_input
from assessor.jobs.settings import JobSettings
from assessor.jobs.stores import make_stores
from assessor.report.cache import PDFStore, report_cache_key
from assessor.report.model import REPORT_VERSION

log = logging.getLogger(__name__)

RENDER_TASKS = ("render_report", "render_blank", "render_book")  # each takes the job's key first


@dataclass(frozen=True)
class JobStatus:
    """What a "being prepared" page shows: whether the job failed for good, and the expected wait."""

    failed: bool
    seconds: int


def blank_key(book: RuleBook, language: str) -> str:
    """The storage key of a pack's blank questionnaire in `language` (pack content hash, language, versions)."""
    payload = {
        "kind": BLANK,
        "rules_hash": book.content_hash,
        "language": language,
        "report_version": REPORT_VERSION,
        "assessor_version": __version__,
    }
    return hashlib.sha256(json.dumps(payload, sort_keys=True).encode("utf-8")).hexdigest()


class ReportJobs:
    """The queue, the ledger, the PDF stores and the tasks for one app."""

    def __init__(self, app: Flask) -> None:
        self.settings = JobSettings.from_config(app.config)
        self._app = app  # the rule book's HTML comes from the app's templates
        self.book: RuleBook = app.extensions["rulebook"]
        self.engine: Engine = app.extensions["db_engine"]
        self.instance_path = app.instance_path
        self._sessions: sessionmaker[Session] = app.extensions["db_sessions"]
        self.huey: Huey = make_huey(app.config, app.instance_path)
        self.reports, self.blanks, self.books = make_stores(app.config, app.instance_path, self.engine)
        retry = {
            "retries": self.settings.retries,
            "retry_delay": self.settings.retry_delay,
            "retry_backoff": self.settings.retry_backoff,
            "timeout": self.settings.time_limit,
            "context": True,
        }
        self.render_report: TaskWrapper = self.huey.task(name="render_report", **retry)(self._render_report)
        self.render_blank: TaskWrapper = self.huey.task(name="render_blank", **retry)(self._render_blank)
        self.render_book: TaskWrapper = self.huey.task(name="render_book", **retry)(self._render_book)
        self.prune: TaskWrapper = self.huey.task(name="prune_stored_pdfs")(self._prune)
        self.huey.signal(SIGNAL_INTERRUPTED)(self._put_back)

    # What the web asks for ------------------------------------------------------------------------

    def request_report(self, key: str, assessment_id: int, language: str) -> None:
        """Make sure a job will produce the report `key`: claim it in the ledger, enqueue if newly claimed."""
        self._request(Job(key, REPORT, assessment_id, language))

    def request_blank(self, language: str) -> str:
        """Make sure a job will produce the blank questionnaire in `language`; returns its key."""
        key = blank_key(self.book, language)
        self._request(Job(key, BLANK, None, language))
        return key

    def request_book(self, book: RuleBook, language: str) -> str:
        """Make sure a job will produce the rule book of `book` in `language`; returns its key."""
        key = book_key(book.content_hash, language)
        self._request(Job(key, BOOK, None, language))
        return key

    def status(self, key: str) -> JobStatus:
        """Whether the job for `key` failed for good, and how long a new request would likely wait."""
        row = ledger.state_of(self.engine, key)
        failed = row is not None and row.state == FAILED
        return JobStatus(failed=failed, seconds=ledger.wait_estimate(self.engine, self.settings.workers))

    def enqueue(self, job: Job) -> None:
        """Put a job (already claimed in the ledger) on the queue."""
        if job.kind == REPORT:
            self.render_report(job.key, job.assessment_id, job.language)
        elif job.kind == BOOK:
            self.render_book(job.key, job.language)
        else:
            self.render_blank(job.key, job.language)

    def _request(self, job: Job) -> None:
        if not ledger.claim(self.engine, job, retry_failed_after=self.settings.retry_failed_after):
            return
        try:
            self.enqueue(job)
        except Exception:  # the queue is down: the ledger row stays queued and the reaper enqueues it later
            log.exception("could not enqueue the %s job %s", job.kind, job.key)

    # The tasks (run by the worker) -----------------------------------------------------------------

    def _render_report(self, key: str, assessment_id: int, language: str, task: Task) -> None:
        job = Job(key, REPORT, assessment_id, language)

        def render() -> bytes:
            from assessor.report.environment import pdf_environment
            from assessor.report.render import build_report, write_report_pdf

            with self._sessions() as db:
                report = report_input(db, assessment_id, language, book=self.book)
            if report_cache_key(report) != key:
                # The assessment or the pack changed since the request: store what it shows now,
                # under the key asked for, so the waiting download finishes; the next one re-keys.
                log.warning("report %s: the input changed since it was requested", key)
            return write_report_pdf(build_report(report), pdf_environment())

        self._run(job, self.reports, render, task)

    def _render_blank(self, key: str, language: str, task: Task) -> None:
        job = Job(key, BLANK, None, language)

        def render() -> bytes:
            from assessor.report.blank import render_blank_questionnaire
            from assessor.report.environment import pdf_environment

            return render_blank_questionnaire(self.book, language, pdf_environment())

        self._run(job, self.blanks, render, task)

    def _render_book(self, key: str, language: str, task: Task) -> None:
        job = Job(key, BOOK, None, language)

        def render() -> bytes:
            book = pack_for_book(self._app, self._sessions, key, language)
            if book is None:
                task.retries = 0  # no retry finds a pack that is not there
                raise LookupError(f"no rule pack this worker knows has the rule book {key}")
            return render_book_pdf(self._app, book, language)

        self._run(job, self.books, render, task)

    def _run(self, job: Job, store: PDFStore, render: Callable[[], bytes], task: Task) -> None:
        if store.get(job.key) is not None:  # done already (a duplicate from a burst, a reap or a retry)
            ledger.finish(self.engine, job.key, DONE)
            return
        attempt = ledger.start(self.engine, job)
        try:
            pdf = render()
            store.put(job.key, pdf)
        except Exception as error:  # TaskTimeout included: recorded, then re-raised for Huey to retry
            final = not task.retries or attempt >= self.settings.max_attempts
            if final:
                task.retries = 0
            ledger.finish(self.engine, job.key, FAILED if final else QUEUED, f"{type(error).__name__}: {error}")
            raise
        ledger.finish(self.engine, job.key, DONE)

    def _prune(self) -> dict[str, int]:
        """Delete stored report PDFs past the retention (re-rendered on demand) and old ledger rows."""
        cutoff = ledger.now() - self.settings.retention
        return {
            "pdfs": self.reports.prune_older_than(cutoff),
            "ledger_rows": ledger.forget_before(self.engine, cutoff),
        }

    def _put_back(self, _signal: str, task: Task) -> None:
        """A run interrupted by a shutdown goes back on the queue (Huey would drop it)."""
        if task.name in RENDER_TASKS:
            ledger.requeued(self.engine, task.args[0])
            self.huey.enqueue(task)


def init_app(app: Flask) -> None:
    """Create the app's ReportJobs (after the database and the rule pack are set up)."""
    app.extensions["report_jobs"] = ReportJobs(app)
