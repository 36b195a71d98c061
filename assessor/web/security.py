"""Security headers on every response, and CSRF (rate limits are in limits.py)."""

from __future__ import annotations

import time

from flask import Flask, Response, current_app, g, request, session
from flask_wtf.csrf import CSRFProtect, generate_csrf

csrf = CSRFProtect()

# No inline script or style anywhere: the CSP forbids them, so an injected <script> is inert.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'"
)


# How long a process reuses the CSRF token it signed for a session (see csrf_token).
SIGNED_TOKEN_REUSE_SECONDS = 60
_MAX_SIGNED_TOKENS = 10_000
_signed_tokens: dict[tuple[str, str], tuple[float, str]] = {}


def csrf_token() -> str:
    """This session's CSRF token for a form, as Flask-WTF signs it, signed at most a minute ago.

    Flask-WTF signs the session's token afresh for every page: an HMAC, a JSON dump and a zlib
    pass, a tenth of a factor page's time. A token signed a minute ago checks out exactly as well,
    for WTF_CSRF_TIME_LIMIT (12 hours) less that minute, so each process keeps the last one it
    signed for each session's own secret and reuses it for a minute. Keyed by that secret, so no
    session is ever given another's token.
    """
    key = str(current_app.config.get("WTF_CSRF_SECRET_KEY") or current_app.secret_key)
    raw = session.get("csrf_token")
    now = time.monotonic()
    if isinstance(raw, str):
        cached = _signed_tokens.get((key, raw))
        if cached is not None and cached[0] > now:
            g.csrf_token = cached[1]  # where Flask-WTF keeps the request's token
            return cached[1]
    token = str(generate_csrf())
    if len(_signed_tokens) >= _MAX_SIGNED_TOKENS:
        _signed_tokens.clear()  # a bound, not a policy: the next page simply signs again
    _signed_tokens[(key, str(session["csrf_token"]))] = (now + SIGNED_TOKEN_REUSE_SECONDS, token)
    return token


def init_app(app: Flask) -> None:
    """CSRF on every form, and the headers below on every response."""
    csrf.init_app(app)
    # In place of Flask-WTF's, which signs every time; registered after its own, so this one wins.
    app.jinja_env.globals["csrf_token"] = csrf_token
    app.context_processor(lambda: {"csrf_token": csrf_token})
    # Rate limits are put on the views where they are routed, after the blueprints: see limits.py.

    @app.after_request
    def security_headers(response: Response) -> Response:
        headers = response.headers
        headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        headers.setdefault("X-Content-Type-Options", "nosniff")
        headers.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")
        headers.setdefault("X-Frame-Options", "DENY")
        headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=(), interest-cohort=()")
        if not app.config.get("DEVELOPMENT"):
            headers.setdefault("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
        # Pages that show answers must not be kept by browsers or proxies.
        if request.endpoint and request.endpoint.startswith("questionnaire."):
            headers["Cache-Control"] = "no-store"
        return response
