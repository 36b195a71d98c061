"""The web application: `create_app()` builds it; blueprints hold the views."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from flask import Flask

from assessor.loading.rulepack import load_rulebook
from assessor.paths import default_rules_dir, templates_dir


def create_app(test_config: Mapping[str, Any] | None = None) -> Flask:
    """Build the Flask app; `test_config` overrides configuration for tests."""
    app = Flask(__name__, template_folder=str(templates_dir()), instance_relative_config=True)
    app.config.from_mapping(
        SECRET_KEY=os.environ.get("ASSESSOR_SECRET_KEY", "dev-only-not-secret"),
        RULES_PATH=os.environ.get("ASSESSOR_RULES", str(default_rules_dir())),
    )
    if test_config is not None:
        app.config.from_mapping(test_config)
    # Load the rule pack once at start: an invalid pack must stop the app, not fail a request later.
    app.extensions["rulebook"] = load_rulebook(Path(app.config["RULES_PATH"]))

    from assessor.web import pages

    app.register_blueprint(pages.bp)
    return app
