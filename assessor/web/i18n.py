"""Languages: Flask-Babel for the interface, the assessment's language first, then the visitor's choice."""

from __future__ import annotations

from pathlib import Path

from babel import Locale
from flask import Flask, current_app, g, has_request_context, request, session
from flask_babel import Babel

TRANSLATIONS = Path(__file__).resolve().parent.parent / "translations"
# Interface languages with a complete catalogue; English is the source language.
UI_LANGUAGES = ("en", "es", "pt", "fr")


def supported_languages() -> tuple[str, ...]:
    """Languages both the rule pack and the interface speak, the pack's default first."""
    book = current_app.extensions["rulebook"]
    languages = [lang for lang in book.languages if lang in UI_LANGUAGES]
    return tuple(languages) or (book.default_language,)


def language_name(code: str) -> str:
    """A language's name in that language ("Español"), for the switcher."""
    try:
        name = Locale.parse(code).get_display_name(code) or code
    except (ValueError, TypeError):
        return code
    return name[:1].upper() + name[1:]


def select_locale() -> str:
    """The assessment's language on its pages; else the visitor's choice; else the browser's."""
    supported = supported_languages()
    if not has_request_context():
        return supported[0]
    assessment = g.get("assessment_state")
    if assessment is not None and assessment.language in supported:
        return str(assessment.language)
    chosen = session.get("lang")
    if chosen in supported:
        return str(chosen)
    return request.accept_languages.best_match(supported) or supported[0]


def browser_language() -> str:
    """The supported language the browser prefers (for preselecting the start form)."""
    supported = supported_languages()
    chosen = session.get("lang")
    if chosen in supported:
        return str(chosen)
    return request.accept_languages.best_match(supported) or supported[0]


def init_app(app: Flask) -> None:
    """Set up Flask-Babel with the catalogues shipped in assessor/translations."""
    app.config.setdefault("BABEL_TRANSLATION_DIRECTORIES", str(TRANSLATIONS))
    Babel(app, locale_selector=select_locale)
    app.jinja_env.globals["language_name"] = language_name
    app.jinja_env.globals["supported_languages"] = supported_languages
