"""The admin blueprint object, on its own so every view module can import it without a cycle."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("admin", __name__, url_prefix="/admin")
