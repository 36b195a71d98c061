"""Render workers: child processes that turn report HTML into PDF under a wall-clock limit and a memory cap.

Why processes: WeasyPrint cannot be interrupted inside a thread, so the only hard time limit is a
process we can kill; a child also keeps a render's CPU-bound Python off the web process's GIL (a
render in a web thread slows every other thread's pages), and it takes an address-space limit
(RLIMIT_AS) without putting the web process at risk. Each worker is long-lived and keeps its own
fonts and parsed CSS, so only the HTML in and the PDF out cross the pipe (milliseconds).

Workers come from the "forkserver" start method: a small server process imports WeasyPrint once and
forks each worker from it, so replacing a killed worker takes milliseconds, not a fresh interpreter,
and the web process (threads and all) is never forked. As with any non-fork start method, a script
that creates a pool must guard its entry point with `if __name__ == "__main__":` (gunicorn, the
`assessor` command and pytest do).
"""

from __future__ import annotations

import contextlib
import multiprocessing
import queue
import shutil
import signal
import tempfile
import threading
import weakref
from dataclasses import dataclass
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import TYPE_CHECKING

from assessor.report.gate import ReportUnavailableError, default_concurrency
from assessor.report.model import ReportDocument

if TYPE_CHECKING:  # ForkServerContext does not exist on Windows
    from multiprocessing.context import ForkServerContext, SpawnContext

DEFAULT_TIME_LIMIT = 30.0
# Measured: a worker rendering the 33-page sample report peaks at about 125 MB resident and 320 MB
# of address space; 1 GiB leaves three times that and still stops a runaway render early.
DEFAULT_MEMORY_LIMIT = 1024 * 1024 * 1024
# Recycle a worker after this many renders (like gunicorn max_requests): WeasyPrint's process still
# grows by about 0.1-0.2 MB per standard render, outside Python (bench/report_bench.py), so this
# bounds a worker's growth to some 15 MB for about a second of restart per hundred renders.
DEFAULT_MAX_RENDERS = 100
_PRELOAD = ["weasyprint", "assessor.report.render"]


class RenderTimeoutError(ReportUnavailableError):
    """A render ran past its time limit; its worker was killed."""


class RenderFailedError(ReportUnavailableError):
    """A render failed or its worker died (for instance at its memory limit)."""


def _worker_main(connection: Connection, memory_limit: int | None, scratch: str) -> None:
    """Serve render jobs from the pipe until told to stop (None) or the parent goes away."""
    import resource

    from assessor.report.environment import pdf_environment
    from assessor.report.render import write_report_pdf

    # Ctrl-C in a development server reaches the whole process group; the parent decides.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # WeasyPrint copies @font-face fonts into a temporary folder it removes only on a clean exit;
    # a worker that is killed never gets one, so its temporary files go where the parent cleans up.
    tempfile.tempdir = scratch
    if memory_limit:
        resource.setrlimit(resource.RLIMIT_AS, (memory_limit, memory_limit))
    environment = pdf_environment()
    while True:
        try:
            job = connection.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        try:
            pdf = write_report_pdf(job, environment)
        except MemoryError:
            connection.send((False, "the render ran out of memory"))
            return  # the heap may be in a bad state: let the parent start a fresh worker
        except Exception as exc:  # any failure goes back to the caller as a message, the worker lives on
            connection.send((False, f"{type(exc).__name__}: {exc}"))
            continue
        connection.send((True, pdf))


@dataclass(eq=False)  # identity, so workers can sit in a set
class _Worker:
    process: BaseProcess
    connection: Connection
    scratch: Path
    renders: int = 0


class RenderWorkerPool:
    """`size` worker processes; `render()` runs one job on a free worker, waiting for one if all are busy."""

    def __init__(
        self,
        size: int | None = None,
        *,
        time_limit: float = DEFAULT_TIME_LIMIT,
        memory_limit: int | None = DEFAULT_MEMORY_LIMIT,
        max_renders: int = DEFAULT_MAX_RENDERS,
    ) -> None:
        self.size = size or default_concurrency()
        self.time_limit = time_limit
        self.memory_limit = memory_limit
        self.max_renders = max_renders
        self._context: ForkServerContext | SpawnContext
        if "forkserver" in multiprocessing.get_all_start_methods():
            self._context = multiprocessing.get_context("forkserver")
            self._context.set_forkserver_preload(_PRELOAD)
        else:  # not on Unix
            self._context = multiprocessing.get_context("spawn")
        # One slot per worker; None is a worker not started yet (or retired), started on demand.
        self._slots: queue.Queue[_Worker | None] = queue.Queue()
        for _ in range(self.size):
            self._slots.put(None)
        self._closed = False
        self._lock = threading.Lock()
        self._all: set[_Worker] = set()
        # Made with the first worker, so a pool that never renders leaves nothing behind; removed
        # by close(), or at interpreter exit for a pool nobody closed.
        self._scratch: Path | None = None

    def warm_up(self) -> None:
        """Start every worker now rather than on first use (e.g. when the web app starts)."""
        taken = [self._slots.get() for _ in range(self.size)]
        try:
            taken = [w if w is not None and w.process.is_alive() else self._start() for w in taken]
        finally:
            for worker in taken:
                self._slots.put(worker)

    def render(self, document: ReportDocument, time_limit: float | None = None) -> bytes:
        """The PDF of `document`, rendered in a worker; RenderTimeoutError or RenderFailedError otherwise."""
        if self._closed:
            raise RenderFailedError("the render workers are shut down")
        limit = self.time_limit if time_limit is None else time_limit
        worker = self._slots.get()
        try:
            if worker is None or not worker.process.is_alive():
                if worker is not None:
                    self._stop(worker)
                worker = self._start()
            try:
                worker.connection.send(document)
            except OSError:  # it died since its last job
                self._kill(worker)
                worker = None
                raise RenderFailedError("the render worker died") from None
            if not worker.connection.poll(limit):
                self._kill(worker)
                worker = None
                raise RenderTimeoutError(f"the report took longer than {limit:g} s to render")
            try:
                ok, payload = worker.connection.recv()
            except (EOFError, OSError):
                self._kill(worker)
                worker = None
                raise RenderFailedError("the render worker died (memory limit?)") from None
            worker.renders += 1
            if worker.renders >= self.max_renders:
                self._stop(worker)
                worker = None
            if not ok:
                raise RenderFailedError(str(payload))
            pdf: bytes = payload
            return pdf
        finally:
            self._slots.put(worker)

    def close(self) -> None:
        """Stop every worker; later renders fail."""
        self._closed = True
        with self._lock:
            workers = list(self._all)
        for worker in workers:
            self._stop(worker)
        if self._scratch is not None:
            shutil.rmtree(self._scratch, ignore_errors=True)

    def __enter__(self) -> RenderWorkerPool:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def _start(self) -> _Worker:
        parent_end, child_end = self._context.Pipe()
        if self._scratch is None:
            self._scratch = Path(tempfile.mkdtemp(prefix="assessor-report-workers-"))
            weakref.finalize(self, shutil.rmtree, self._scratch, True)
        scratch = Path(tempfile.mkdtemp(dir=self._scratch))
        process = self._context.Process(
            target=_worker_main,
            args=(child_end, self.memory_limit, str(scratch)),
            name="assessor-report-worker",
            daemon=True,
        )
        process.start()
        child_end.close()  # the parent keeps only its end, so it sees EOF when the child dies
        worker = _Worker(process, parent_end, scratch)
        with self._lock:
            self._all.add(worker)
        return worker

    def _stop(self, worker: _Worker) -> None:
        """Ask a worker to finish, then make sure it has."""
        with contextlib.suppress(OSError):
            worker.connection.send(None)
        worker.process.join(timeout=2)
        self._kill(worker)

    def _kill(self, worker: _Worker) -> None:
        if worker.process.is_alive():
            worker.process.kill()
        worker.process.join(timeout=5)
        worker.connection.close()
        shutil.rmtree(worker.scratch, ignore_errors=True)
        with self._lock:
            self._all.discard(worker)
        with contextlib.suppress(ValueError):  # close() may have run already
            worker.process.close()
