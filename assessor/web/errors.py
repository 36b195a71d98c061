"""Friendly error pages: never a traceback, always what happened and what to do next."""

from __future__ import annotations

from flask import Flask, render_template, request
from flask.typing import ResponseReturnValue
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import DBAPIError, OperationalError
from werkzeug.exceptions import HTTPException, SecurityError

from assessor.web import limits


def init_app(app: Flask) -> None:
    """Register the error handlers."""

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException) -> ResponseReturnValue:
        code = error.code or 500
        if isinstance(error, SecurityError):
            # A Host outside TRUSTED_HOSTS: there is no URL adapter to build a page's links with.
            return "Bad Request: this server does not answer for that host name.", 400
        template = f"errors/{code}.html" if code in (400, 404, 405, 413, 429) else "errors/generic.html"
        if code == 429:
            # Every refusal says when to come back, in the header and on the page.
            wait = limits.retry_after_seconds(error)
            if error.response is not None:
                # A page the limit's own on_breach made (the admin sign-in's): sent as it is.
                error.response.headers.update(limits.retry_after_header(wait))
                return error.response
            kind = getattr(error, "kind", "busy")
            page = render_template(template, error=error, code=code, kind=kind, wait_text=limits.wait_text(wait))
            return page, code, limits.retry_after_header(wait)
        return render_template(template, error=error, code=code), code

    @app.errorhandler(CSRFError)
    def csrf_error(error: CSRFError) -> tuple[str, int]:
        # The page's answers were not saved: say so, and how to get them saved.
        return render_template("errors/csrf.html", error=error, back=request.referrer), 400

    @app.errorhandler(OperationalError)
    @app.errorhandler(DBAPIError)
    def database_unavailable(_error: Exception) -> tuple[str, int, dict[str, str]]:
        app.logger.exception("database unavailable")
        return render_template("errors/503.html"), 503, {"Retry-After": "30"}

    @app.errorhandler(Exception)
    def unexpected(error: Exception) -> ResponseReturnValue:
        if isinstance(error, HTTPException):
            return http_error(error)
        app.logger.exception("unexpected error")
        return render_template("errors/generic.html", code=500), 500
