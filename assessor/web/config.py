"""Configuration: safe defaults, environment overrides, and the instance folder's secret key."""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Any

from flask import Flask

from assessor.paths import default_rules_dir

# The largest answer is 5,000 characters, but a pasted 1,000,000-character answer must reach the
# form so it gets a message beside its field instead of losing the whole page to a 413.
MAX_REQUEST_BYTES = 8 * 1024 * 1024


def defaults() -> dict[str, Any]:
    """Configuration every app starts from."""
    return {
        "RULES_PATH": str(default_rules_dir()),
        "DATABASE_URL": None,
        "ASSESSOR_ENV": "production",
        "MAX_CONTENT_LENGTH": MAX_REQUEST_BYTES,
        "MAX_FORM_MEMORY_SIZE": MAX_REQUEST_BYTES,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "PERMANENT_SESSION_LIFETIME": 12 * 3600,
        "WTF_CSRF_TIME_LIMIT": 12 * 3600,
        # Per process unless shared storage (redis://, memcached://) is configured: see limits.py.
        "RATELIMIT_STORAGE_URI": "memory://",
        # If that storage is down, requests go through uncounted rather than fail.
        "RATELIMIT_SWALLOW_ERRORS": True,
        # Failed resume-token lookups allowed per client address: enough for typos, not for scanning.
        "RESUME_FAILURE_LIMIT": "20 per 10 minutes",
        # Per client address: a PDF or a blank questionnaire costs far more than a page.
        "REPORT_RATE_LIMIT": "30 per minute",
        "BLANK_RATE_LIMIT": "30 per minute",
        # Per client address, from the start page and as copies: an office starts a few a day.
        "CREATION_RATE_LIMIT": "20 per hour",
        # Per address and assessment: a respondent saves a page every few seconds at the most.
        "SAVE_RATE_LIMIT": "120 per minute",
        # Hosts this app answers for (Werkzeug refuses others with 400); required outside development
        # unless SERVER_NAME is set, as the resume link is built from the request's host.
        "TRUSTED_HOSTS": None,
        "SERVER_NAME": None,
        # Reverse proxies in front of the app whose X-Forwarded-For/-Proto are believed (0: none).
        "PROXY_HOPS": 0,
        # Report jobs (assessor.jobs): the queue is SQLite in the instance folder unless JOBS_URL,
        # a PostgreSQL DATABASE_URL or REDIS_URL says otherwise (assessor.jobs.queue).
        "JOBS_URL": None,
        "REDIS_URL": None,
        "JOBS_QUEUE_NAME": "assessor-reports",
        "JOBS_IMMEDIATE": False,  # tests only: run each job inline when it is enqueued
        "JOBS_TIME_LIMIT": 30,  # seconds per render
        "JOBS_RETRIES": 2,
        "JOBS_RETRY_DELAY": 5,  # seconds before the first retry, doubled for the next
        "JOBS_RETRY_BACKOFF": 2,
        "JOBS_REAP_GRACE": 30,  # seconds past the time limit before a running job counts as lost
        "JOBS_MAX_ATTEMPTS": 4,
        "JOBS_RETRY_FAILED_AFTER": 300,  # seconds before a failed PDF is tried again on request
        "JOBS_WORKERS": None,  # render processes per worker; None: one per CPU core
        "REPORT_STORE": None,  # "directory" or "database"; None: database on PostgreSQL, else directory
        "REPORT_RETENTION_DAYS": 30,  # stored report PDFs are deleted after this, re-rendered on request
    }


def from_environment() -> dict[str, Any]:
    """Settings taken from environment variables, where set."""
    names = {
        "DATABASE_URL": "DATABASE_URL",
        "ASSESSOR_RULES": "RULES_PATH",
        "ASSESSOR_ENV": "ASSESSOR_ENV",
        "ASSESSOR_SECRET_KEY": "SECRET_KEY",
        "ASSESSOR_RATELIMIT_STORAGE_URI": "RATELIMIT_STORAGE_URI",
        "ASSESSOR_SERVER_NAME": "SERVER_NAME",
        "ASSESSOR_REPORT_RATE_LIMIT": "REPORT_RATE_LIMIT",
        "ASSESSOR_BLANK_RATE_LIMIT": "BLANK_RATE_LIMIT",
        "ASSESSOR_CREATION_RATE_LIMIT": "CREATION_RATE_LIMIT",
        "ASSESSOR_SAVE_RATE_LIMIT": "SAVE_RATE_LIMIT",
        "ASSESSOR_RESUME_FAILURE_LIMIT": "RESUME_FAILURE_LIMIT",
        "ASSESSOR_PROXY_HOPS": "PROXY_HOPS",
        "JOBS_URL": "JOBS_URL",
        "JOBS_QUEUE_NAME": "JOBS_QUEUE_NAME",
        "REDIS_URL": "REDIS_URL",
        "JOBS_TIME_LIMIT": "JOBS_TIME_LIMIT",
        "JOBS_RETRIES": "JOBS_RETRIES",
        "JOBS_RETRY_DELAY": "JOBS_RETRY_DELAY",
        "JOBS_RETRY_BACKOFF": "JOBS_RETRY_BACKOFF",
        "JOBS_REAP_GRACE": "JOBS_REAP_GRACE",
        "JOBS_WORKERS": "JOBS_WORKERS",
        "REPORT_STORE": "REPORT_STORE",
        "REPORT_RETENTION_DAYS": "REPORT_RETENTION_DAYS",
    }
    found: dict[str, Any] = {key: os.environ[env] for env, key in names.items() if os.environ.get(env)}
    # Off only for load benchmarks, which save one assessment far faster than any respondent.
    if os.environ.get("ASSESSOR_RATELIMIT_ENABLED", "").strip().lower() in ("0", "false", "no"):
        found["RATELIMIT_ENABLED"] = False
    hosts = os.environ.get("ASSESSOR_TRUSTED_HOSTS", "")
    if hosts.strip():
        found["TRUSTED_HOSTS"] = [host.strip() for host in hosts.split(",") if host.strip()]
    return found


def finish(app: Flask) -> None:
    """Derive what depends on other settings: the secret key, cookie security."""
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = _instance_secret(Path(app.instance_path))
    development = app.config["ASSESSOR_ENV"] == "development" or app.debug or app.testing
    # Outside development the app is served over HTTPS: cookies never travel in clear, and the
    # __Host- prefix stops a sibling subdomain from planting a session cookie.
    app.config["SESSION_COOKIE_SECURE"] = not development
    app.config["SESSION_COOKIE_NAME"] = "session" if development else "__Host-session"
    app.config["DEVELOPMENT"] = development


def _instance_secret(instance: Path) -> str:
    """A secret key kept in the instance folder, made on first start, readable by the owner only."""
    instance.mkdir(parents=True, exist_ok=True)
    path = instance / "secret_key"
    if not path.exists():
        # Several workers may start at once: write a private temporary file, then link it into
        # place, which succeeds for exactly one of them and never exposes a half-written key.
        temporary = instance / f".secret_key.{os.getpid()}.{secrets.token_hex(4)}"
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(secrets.token_hex(32))
        try:
            os.link(temporary, path)
        except FileExistsError:
            pass
        finally:
            temporary.unlink()
    return path.read_text().strip()
