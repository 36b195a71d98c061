"""A running stack for the benches: gunicorn with the shipped settings and `assessor worker` beside it.

Both on a free loopback port, on a fresh SQLite database in a temporary instance folder, or on
DATABASE_URL when it is set (each run on its own queue name, so runs on one PostgreSQL stay apart).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from loopback import free_port, wait_for

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent


@dataclass
class Stack:
    """A running gunicorn + worker pair and where they keep their data."""

    base: str
    database: str
    instance: str
    server: subprocess.Popen[bytes]
    worker: subprocess.Popen[bytes]
    logs: dict[str, str] = field(default_factory=dict)  # stderr of each, once stopped


@contextmanager
def running_stack(extra_env: dict[str, str] | None = None) -> Iterator[Stack]:
    """gunicorn (deploy/gunicorn.conf.py) and `assessor worker`, stopped (SIGTERM) on exit."""
    port = free_port()
    with tempfile.TemporaryDirectory() as tmp:
        database = os.environ.get("DATABASE_URL") or f"sqlite:///{tmp}/jobs-soak.sqlite3"
        env = {
            **os.environ,
            "DATABASE_URL": database,
            "ASSESSOR_SECRET_KEY": "soak-only",
            "ASSESSOR_BIND": f"127.0.0.1:{port}",
            "ASSESSOR_ENV": "development",  # plain HTTP on loopback
            "ASSESSOR_INSTANCE": tmp,
            "JOBS_QUEUE_NAME": f"soak-{port}",  # apart from any other run on a shared PostgreSQL
            "ASSESSOR_RATELIMIT_ENABLED": "0",  # one loopback address makes every assessment: throughput, not limits
            **(extra_env or {}),
        }
        subprocess.run([str(VENV_BIN / "assessor"), "db", "upgrade"], env=env, check=True, capture_output=True)
        server = subprocess.Popen(
            [str(VENV_BIN / "gunicorn"), "-c", str(ROOT / "deploy" / "gunicorn.conf.py"), "assessor.wsgi:app"],
            env=env,
            cwd=ROOT,
            start_new_session=True,
            stderr=subprocess.PIPE,
        )
        worker = subprocess.Popen(
            [str(VENV_BIN / "assessor"), "worker", "--poll", "0.2"],
            env=env,
            cwd=ROOT,
            start_new_session=True,
            stderr=subprocess.PIPE,
        )
        stack = Stack(f"http://127.0.0.1:{port}", database, tmp, server, worker)
        try:
            wait_for(port)
            yield stack
        finally:
            for process in (server, worker):
                if process.poll() is None:
                    os.killpg(process.pid, signal.SIGTERM)
            for name, process in (("server", server), ("worker", worker)):
                try:
                    _out, errors = process.communicate(timeout=60)
                except subprocess.TimeoutExpired:
                    os.killpg(process.pid, signal.SIGKILL)
                    _out, errors = process.communicate()
                stack.logs[name] = errors.decode(errors="replace")
