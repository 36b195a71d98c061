"""The job settings, read once from the app configuration (each has an environment variable too)."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta
from typing import Any


def default_workers() -> int:
    """One render at a time per CPU core this process may run on: renders are CPU-bound."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


@dataclass(frozen=True)
class JobSettings:
    """How report jobs run and how long their PDFs are kept."""

    time_limit: float  # seconds one render may take before Huey stops it (TaskTimeout)
    retries: int  # further attempts after a failure or a time-out
    retry_delay: float  # seconds before the first retry; each later one waits `retry_backoff` times longer
    retry_backoff: float
    reap_grace: float  # seconds past the time limit before a `running` job counts as lost
    max_attempts: int  # starts (retries and reaps together) before a job is given up as failed
    retry_failed_after: timedelta  # a failed PDF is tried again when asked for after this long
    workers: int  # render processes per `assessor worker`; also the denominator of the wait estimate
    retention: timedelta  # stored report PDFs are deleted this long after they were made

    @classmethod
    def from_config(cls, config: Mapping[str, Any]) -> JobSettings:
        """The settings in `config` (see assessor.web.config.defaults for every key and default)."""
        return cls(
            time_limit=float(config["JOBS_TIME_LIMIT"]),
            retries=int(config["JOBS_RETRIES"]),
            retry_delay=float(config["JOBS_RETRY_DELAY"]),
            retry_backoff=float(config["JOBS_RETRY_BACKOFF"]),
            reap_grace=float(config["JOBS_REAP_GRACE"]),
            max_attempts=int(config["JOBS_MAX_ATTEMPTS"]),
            retry_failed_after=timedelta(seconds=float(config["JOBS_RETRY_FAILED_AFTER"])),
            workers=int(config.get("JOBS_WORKERS") or default_workers()),
            retention=timedelta(days=float(config["REPORT_RETENTION_DAYS"])),
        )
