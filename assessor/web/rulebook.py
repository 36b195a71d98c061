"""The rule pack a request works with: the one place views ask for it."""

from __future__ import annotations

from flask import current_app

from assessor.core.rulebook import RuleBook


def current_rulebook() -> RuleBook:
    """The active rule pack of this app (records/live.py swaps it when a new version is published)."""
    book: RuleBook = current_app.extensions["rulebook"]
    return book
