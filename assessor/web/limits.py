"""Rate limits: what each client address may do how often, and what it is told when it may not.

Flask-Limiter counts in the storage named by RATELIMIT_STORAGE_URI. The default, `memory://`, keeps
the counters in each worker process: with N gunicorn workers a client gets up to N times each
limit, depending on which worker its requests reach. Several servers, or exact limits, need shared
storage (`redis://host:6379`, `memcached://host:11211`); see the README.

The limits, each per client address (get_remote_address: put ProxyFix in front behind a proxy):

- PDF downloads (REPORT_RATE_LIMIT) and blank questionnaires (BLANK_RATE_LIMIT): Flask-Limiter's
  decorator on the view functions as the app routes them (wrapping the module's function, as
  before, limited nothing: the blueprint had already registered the unwrapped one).
- Creating assessments, from the start page or as a copy (CREATION_RATE_LIMIT).
- Unknown resume tokens (RESUME_FAILURE_LIMIT): only failed lookups are counted, and only failed
  lookups are refused, so a valid link keeps working from an office whose shared address has
  mistyped or guessed many times. A token is 256 random bits: the limit keeps scanners from
  hammering the database, the token's length is what makes guessing hopeless.
- Saving one assessment's pages (SAVE_RATE_LIMIT), per address and token, so no one else's
  saving counts against a respondent. A refused save re-shows the page with what was typed.

Every refusal is a 429 with Retry-After, in seconds.
"""

from __future__ import annotations

import hashlib
import math
import time
from collections.abc import Callable
from datetime import timedelta
from typing import Any, NoReturn

from flask import Flask, abort, current_app, g
from flask_babel import format_timedelta
from flask_babel import gettext as _
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from limits import RateLimitItem, parse_many
from werkzeug.exceptions import TooManyRequests


class RateLimited(TooManyRequests):
    """A refused request: `kind` picks the page's wording, `retry_after` is in seconds."""

    def __init__(self, kind: str, retry_after: int) -> None:
        super().__init__(retry_after=retry_after)
        self.kind = kind
        self.retry_after_seconds = retry_after


def init_app(app: Flask) -> None:
    """Make this app's limiter and put the route limits on the views; call after the blueprints."""
    # One limiter per app: its counters must not leak between apps in one process (tests).
    limiter = Limiter(key_func=get_remote_address, default_limits=[], app=app)
    app.extensions["assessor_limiter"] = limiter
    routed: dict[str, str] = {
        "questionnaire.report_pdf": "REPORT_RATE_LIMIT",
        "pages.blank_questionnaire": "BLANK_RATE_LIMIT",
    }
    for endpoint, setting in routed.items():
        view = app.view_functions[endpoint]
        limited: Any = limiter.limit(_setting(app, setting))(view)
        app.view_functions[endpoint] = limited


def _setting(app: Flask, name: str) -> Callable[[], str]:
    # Read when a request is checked, so tests and deployments can change a limit after start.
    return lambda: str(app.config[name])


def retry_after_seconds(error: Exception) -> int:
    """Seconds until a refused request may be tried again: ours, or from the limit Flask-Limiter broke."""
    if isinstance(error, RateLimited):
        return error.retry_after_seconds
    broken = limiter().current_limit
    if broken is None:
        return 60
    return _retry_after(float(broken.reset_at))


def limiter() -> Limiter:
    """This app's limiter."""
    found: Limiter = current_app.extensions["assessor_limiter"]
    return found


def _items(setting: str) -> list[RateLimitItem]:
    return list(parse_many(str(current_app.config[setting])))


def _enabled() -> bool:
    return bool(current_app.config.get("RATELIMIT_ENABLED", True))


def _retry_after(reset: float) -> int:
    return max(1, math.ceil(reset - time.time()))


def spend(kind: str, setting: str, *key: str) -> int | None:
    """Count one request of `kind` under the limits in `setting`; None if allowed, else seconds to wait."""
    if not _enabled():
        return None
    strategy = limiter().limiter
    identifiers = (kind, get_remote_address(), *key)
    try:
        refused = [item for item in _items(setting) if not strategy.hit(item, *identifiers)]
        if not refused:
            return None
        return max(_retry_after(strategy.get_window_stats(item, *identifiers).reset_time) for item in refused)
    except Exception:  # whatever the storage raises (Redis, memcached), the request goes on
        # The shared storage is down: let the request through rather than refuse every respondent
        # (Flask-Limiter does the same for the route limits, RATELIMIT_SWALLOW_ERRORS).
        current_app.logger.warning("rate-limit storage unavailable; %s not counted", kind, exc_info=True)
        return None


def unknown_token() -> NoReturn:
    """Refuse a request for a token that does not exist: 404, or 429 once this address failed too often."""
    wait = spend("unknown-token", "RESUME_FAILURE_LIMIT")
    if wait is not None:
        raise RateLimited("token", wait)
    abort(404)


def creation_refused() -> int | None:
    """Count an assessment about to be created; seconds to wait if this address made too many."""
    return spend("create", "CREATION_RATE_LIMIT")


def save_refused() -> int | None:
    """Count a save of this assessment's page; seconds to wait if it was saved too often."""
    # A digest, not the token: the counters' storage (Redis, memcached) must not hold resume tokens.
    token = hashlib.sha256(str(g.get("token", "")).encode()).hexdigest()[:32]
    return spend("save", "SAVE_RATE_LIMIT", token)


def retry_after_header(seconds: int) -> dict[str, str]:
    """The header every 429 carries."""
    return {"Retry-After": str(seconds)}


def wait_text(wait: int) -> str:
    """How long to wait, in words in the page's language ("45 seconds", "3 minutes"), never less than `wait`."""
    if wait < 60:
        period = timedelta(seconds=wait)
    elif wait < 3600:
        period = timedelta(minutes=math.ceil(wait / 60))
    else:
        period = timedelta(hours=math.ceil(wait / 3600))
    return str(format_timedelta(period, threshold=1))


def unsaved_message(wait: int) -> str:
    """What a refused save says above the page it re-shows, with everything typed still in it."""
    return str(
        _(
            "This page was saved too often in a short time, so these answers are not saved yet. "
            "Wait %(time)s and press the button again.",
            time=wait_text(wait),
        )
    )


def creation_message(wait: int) -> str:
    """What a refused start says above the start form, which keeps what was typed."""
    return str(
        _(
            "Too many assessments have been started from your network recently, so this one is not "
            "started yet. Wait %(time)s and press the button again.",
            time=wait_text(wait),
        )
    )
