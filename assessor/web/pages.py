"""Public pages: the start page."""

from __future__ import annotations

from flask import Blueprint, current_app, render_template

from assessor.core.rulebook import RuleBook

bp = Blueprint("pages", __name__)


def current_rulebook() -> RuleBook:
    """The rule pack this app was started with."""
    book: RuleBook = current_app.extensions["rulebook"]
    return book


@bp.get("/")
def start() -> str:
    """What the assessment is, and the factors it scores."""
    book = current_rulebook()
    return render_template("start.html", book=book, lang=book.default_language)
