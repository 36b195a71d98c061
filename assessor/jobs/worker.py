"""`assessor worker`: Huey's consumer with process workers, plus the ledger's reaper and the prune job.

Each render runs in a worker process (WeasyPrint is CPU-bound Python: threads would share one
GIL, and only a process takes a hard memory limit). The consumer's parent process never renders;
between its own health checks it reaps lost jobs, removes the scratch folders of render processes
that have ended (assessor.jobs.scratch) and, every `prune_interval`, enqueues the prune job.
"""

from __future__ import annotations

import logging
import os
import resource
import time
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from huey.api import Task
from huey.consumer import Consumer

from assessor.jobs import ledger
from assessor.jobs.reports import RENDER_TASKS, ReportJobs
from assessor.jobs.scratch import remove_dead_scratch, remove_own_scratch, scratch_root, use_own_scratch

log = logging.getLogger(__name__)

# Measured with the old in-web workers: a render of the 33-page sample report peaks at about 125 MB
# resident and 320 MB of address space; 1 GiB leaves three times that and still stops a runaway.
DEFAULT_MEMORY_LIMIT = 1024 * 1024 * 1024


@dataclass(frozen=True)
class WorkerOptions:
    """The `assessor worker` options (see its --help)."""

    workers: int
    time_limit: float
    max_tasks: int  # renders per worker process before it is replaced (bounds slow memory growth)
    memory_limit: int | None
    reap_interval: float
    prune_interval: float
    poll_max_delay: float  # longest wait between polls of a queue that cannot block (SQLite)
    health_check_interval: float


class ReportConsumer(Consumer):  # type: ignore[misc]  # huey ships no type information
    """A Huey consumer whose main loop also reaps lost jobs and schedules the prune job."""

    def __init__(self, jobs: ReportJobs, options: WorkerOptions, **kwargs: Any) -> None:
        super().__init__(jobs.huey, **kwargs)
        self.jobs = jobs
        self.options = options
        self._next_reap = 0.0
        self._next_prune = 0.0

    def loop(self, health_check_ts: float | None = None) -> float | None:
        """One turn of Huey's loop, then the housekeeping that is due."""
        health_check_ts = super().loop(health_check_ts)
        moment = time.monotonic()
        if moment >= self._next_reap:
            self._next_reap = moment + self.options.reap_interval
            self.reap()
            self.remove_dead_scratch()
        if moment >= self._next_prune:
            self._next_prune = moment + self.options.prune_interval
            try:
                self.jobs.prune()
            except Exception:
                log.exception("could not enqueue the prune job")
            finally:
                self._let_go_of_the_queue()
        result: float | None = health_check_ts
        return result

    def reap(self) -> int:
        """Enqueue again the jobs a killed worker lost; returns how many."""
        settings = self.jobs.settings
        try:
            lost = ledger.reap(
                self.jobs.engine,
                running_for=timedelta(seconds=self.options.time_limit + settings.reap_grace),
                # A queued job waits behind the whole queue; only one forgotten for far longer is lost.
                queued_for=timedelta(seconds=max(600.0, 20 * (self.options.time_limit + settings.reap_grace))),
                max_attempts=settings.max_attempts,
            )
            for job in lost:
                log.warning("re-enqueueing lost %s job %s", job.kind, job.key)
                self.jobs.enqueue(job)
        except Exception:  # the database is away: try again next time, never stop the consumer
            log.exception("the reaper could not run")
            return 0
        finally:
            self._let_go_of_the_queue()
        return len(lost)

    def remove_dead_scratch(self) -> None:
        """Remove what render processes that have ended (killed ones included) left in their scratch folders."""
        try:
            remove_dead_scratch(scratch_root(self.jobs.instance_path))
        except OSError:  # a full or read-only disk: try again next time, never stop the consumer
            log.exception("could not remove the scratch folders of ended render processes")

    def _let_go_of_the_queue(self) -> None:
        # The health check forks replacement workers from this process. A queue connection open
        # here would be shared with them (PostgreSQL: "prepared statement already exists"), so the
        # parent closes its own after each use; the next enqueue opens it again.
        self.jobs.huey.storage.close()


def make_consumer(jobs: ReportJobs, options: WorkerOptions) -> ReportConsumer:
    """The consumer for `jobs`, with the start-up hook each worker process runs and the time limit."""
    huey = jobs.huey
    scratch = scratch_root(jobs.instance_path)

    def _worker_process_starts() -> None:
        # A forked worker must not use the parent's database connections (SQLAlchemy's advice).
        jobs.engine.dispose(close=False)
        use_own_scratch(scratch)  # before WeasyPrint copies its fonts to a temporary folder
        if options.memory_limit:
            resource.setrlimit(resource.RLIMIT_AS, (options.memory_limit, options.memory_limit))
        from assessor.report.environment import pdf_environment

        pdf_environment()  # fonts and stylesheets once per process, not on the first job

    def _worker_time_limit(task: Task) -> None:
        # The limit the worker was started with wins over the one the enqueuing app configured.
        if task.name in RENDER_TASKS:
            task.timeout = options.time_limit

    def _worker_process_ends() -> None:
        # The process leaves through os._exit (multiprocessing): no garbage collection will remove
        # WeasyPrint's font folder, so its scratch folder goes now.
        remove_own_scratch(scratch)

    huey.on_startup(name="assessor-worker-process")(_worker_process_starts)
    huey.on_shutdown(name="assessor-worker-process")(_worker_process_ends)
    huey.pre_execute(name="assessor-time-limit")(_worker_time_limit)
    return ReportConsumer(
        jobs,
        options,
        workers=options.workers,
        worker_type="process",
        periodic=False,  # the loop above schedules the prune job
        initial_delay=0.05,
        backoff=1.5,
        max_delay=options.poll_max_delay,
        check_worker_health=True,
        health_check_interval=options.health_check_interval,
        max_tasks=options.max_tasks or None,
        graceful_signal="TERM",  # systemd and run.sh stop with SIGTERM: finish the renders in hand
    )


def run_worker(jobs: ReportJobs, options: WorkerOptions, nice: int) -> None:
    """Run the consumer until it is stopped (SIGTERM: finish current jobs; SIGINT: put them back)."""
    if jobs.huey.immediate:
        raise RuntimeError("the queue is in immediate mode (JOBS_IMMEDIATE): there is nothing to consume")
    if nice:
        os.nice(nice)  # renders yield the CPU to web requests on a shared machine
    consumer = make_consumer(jobs, options)
    consumer.remove_dead_scratch()  # what render processes killed before this start left behind
    consumer.reap()  # jobs lost while no worker ran go first
    consumer.run()
