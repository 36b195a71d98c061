"""The admin area for policy teams: sign-in, the rule book and its diff, accounts. Officials never see it."""

from __future__ import annotations

import os
from typing import Any

from flask import Flask, Response, make_response, render_template, request
from flask_limiter import Limiter, RequestLimit

from assessor.web.admin import access, assessments, home, impact, labels, rules, signin, users, versions
from assessor.web.admin.blueprint import bp

__all__ = ["assessments", "bp", "home", "impact", "init_app", "rules", "users", "versions"]

# Once, at import: a blueprint cannot change after its first registration, and tests build many apps.
bp.before_request(access.guard)


# Seconds; environment variables override them, test_config overrides both.
DEFAULTS = {
    "ADMIN_IDLE_TIMEOUT": 30 * 60,
    "ADMIN_ABSOLUTE_TIMEOUT": 8 * 3600,
    # Failed sign-ins allowed per client address, and per account whatever the address.
    "ADMIN_SIGNIN_LIMIT_PER_ADDRESS": "20 per 15 minutes",
    "ADMIN_SIGNIN_LIMIT_PER_ACCOUNT": "5 per 15 minutes",
    # argon2-cffi's defaults (≈0.2 s a hash on one core); tests lower them.
    "ADMIN_ARGON2_TIME_COST": 3,
    "ADMIN_ARGON2_MEMORY_KIB": 65536,
    "ADMIN_ARGON2_PARALLELISM": 4,
    # Extra rule packs the rule book and diff pages may open, by folder path (until stored versions land).
    "ADMIN_RULE_PACKS": [],
}
_ENVIRONMENT = {
    "ASSESSOR_ADMIN_IDLE_TIMEOUT": ("ADMIN_IDLE_TIMEOUT", int),
    "ASSESSOR_ADMIN_ABSOLUTE_TIMEOUT": ("ADMIN_ABSOLUTE_TIMEOUT", int),
}


def _signin_account() -> str:
    # The account being tried, whatever address it is tried from.
    return "account:" + (request.form.get("email") or "").strip().lower()


def _throttled(_limit: RequestLimit) -> Response:
    return make_response(render_template("admin/too_many.html"), 429)


def init_app(app: Flask) -> None:
    """Settings, Flask-Login, the sign-in limits, the role guard, and the blueprint."""
    for key, value in DEFAULTS.items():
        app.config.setdefault(key, value)
    for env, (key, convert) in _ENVIRONMENT.items():
        if os.environ.get(env):
            app.config[key] = convert(os.environ[env])
    signin.init_login(app)
    labels.init_app(app)
    app.register_blueprint(bp)
    # Flask-Limiter checks a decorated limit when the wrapper it returns runs, so this app's view
    # becomes the wrapper. Only failed attempts count (a success redirects).
    limiter: Limiter = app.extensions["assessor_limiter"]
    failed: dict[str, Any] = {
        "methods": ["POST"],
        "deduct_when": lambda response: response.status_code != 302,
        "on_breach": _throttled,
    }
    view = limiter.limit(lambda: str(app.config["ADMIN_SIGNIN_LIMIT_PER_ADDRESS"]), **failed)(signin.sign_in)
    view = limiter.limit(lambda: str(app.config["ADMIN_SIGNIN_LIMIT_PER_ACCOUNT"]), key_func=_signin_account, **failed)(
        view
    )
    app.view_functions["admin.sign_in"] = view


@bp.after_request
def _no_store(response: Response) -> Response:
    # Admin pages show accounts and unpublished rules: never kept by browsers or proxies.
    response.headers["Cache-Control"] = "no-store"
    return response
