"""The admin area's front page: what the signed-in person may do here."""

from __future__ import annotations

from flask import render_template

from assessor.web.admin.access import requires
from assessor.web.admin.blueprint import bp


@bp.get("/")
@requires("viewer")
def home() -> str:
    """Links to the rule book, the diff and, for admins, accounts."""
    return render_template("admin/home.html")
