"""The web application: `create_app()` builds it; blueprints hold the views."""

from __future__ import annotations

import os
from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from flask import Flask
from flask.sessions import SecureCookieSessionInterface, SessionMixin
from jinja2 import StrictUndefined

from assessor import redaction
from assessor.loading.packfiles import load_pack_with_files
from assessor.paths import templates_dir
from assessor.web import config, hosts

STATIC = Path(__file__).resolve().parent / "static"


def create_app(test_config: Mapping[str, Any] | None = None) -> Flask:
    """Build the Flask app; `test_config` overrides configuration for tests."""
    app = Flask(
        __name__,
        template_folder=str(templates_dir()),
        static_folder=str(STATIC),
        instance_relative_config=True,
        # Where the SQLite database, the secret key and cached PDFs live (default: ./instance).
        instance_path=os.environ.get("ASSESSOR_INSTANCE") or None,
    )
    # Resume tokens never reach a log line, from this app or the server around it.
    redaction.install()
    app.config.from_mapping(config.defaults())
    app.config.from_mapping(config.from_environment())
    if test_config is not None:
        app.config.from_mapping(test_config)
    config.finish(app)
    hosts.finish(app)
    # Load the rule pack once at start: an invalid pack must stop the app, not fail a request later.
    # Inside the app's context, so default option labels come from this app's catalogues.
    with app.app_context():
        book, files = load_pack_with_files(Path(app.config["RULES_PATH"]))
    app.extensions["rulebook"] = book
    # A template that names something that does not exist is a bug to see, not an empty string.
    app.jinja_env.undefined = StrictUndefined

    from assessor.records import live
    from assessor.storage import db
    from assessor.web import admin as admin_area  # the policy team's area: accounts, rule book, diff
    from assessor.web import errors, i18n, limits, pages, questionnaire, report_download, security, templating

    db.init_app(app)
    live.init_app(app, book, files)
    i18n.init_app(app)
    security.init_app(app)
    templating.init_app(app)
    errors.init_app(app)
    report_download.init_app(app)
    app.register_blueprint(pages.bp)
    app.register_blueprint(questionnaire.bp)
    # The limiter first: the admin area puts its sign-in limits on it.
    limits.init_app(app)
    admin_area.init_app(app)
    hosts.trust_proxies(app)

    # Officials come back days later: every session outlives a browser restart. Done in the session
    # interface rather than by setting session.permanent, which would rewrite the cookie on every request.
    app.session_interface = _PermanentSessionInterface()
    return app


class _PermanentSessionInterface(SecureCookieSessionInterface):
    """Signed cookie sessions that always last PERMANENT_SESSION_LIFETIME."""

    def get_expiration_time(self, app: Flask, session: SessionMixin) -> datetime:
        return datetime.now(UTC) + app.permanent_session_lifetime
