"""Security headers on every response, CSRF, and rate limiting."""

from __future__ import annotations

from flask import Flask, Response, request
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_wtf.csrf import CSRFProtect

csrf = CSRFProtect()

# No inline script or style anywhere: the CSP forbids them, so an injected <script> is inert.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'"
)


def init_app(app: Flask) -> None:
    """CSRF on every form, rate limits, and the headers below on every response."""
    csrf.init_app(app)
    # One limiter per app: its counters must not leak between apps in one process (tests, workers).
    limiter = Limiter(key_func=get_remote_address, default_limits=[], app=app)
    app.extensions["assessor_limiter"] = limiter
    from assessor.web import questionnaire

    # Guessing tokens is rate-limited: only failed lookups (404) count against a client address.
    limiter.limit(
        lambda: str(app.config["RESUME_FAILURE_LIMIT"]),
        deduct_when=lambda response: response.status_code == 404,
    )(questionnaire.bp)
    # A PDF costs seconds of a core: bound downloads per client address on top of the render gate.
    limiter.limit(lambda: str(app.config["REPORT_RATE_LIMIT"]))(questionnaire.report_pdf)

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
