"""Languages: Flask-Babel for the interface, the assessment's language first, then the visitor's choice."""

from __future__ import annotations

from flask import Flask, g, has_request_context, request, session
from flask_babel import Babel

from assessor.presentation.catalogues import SHIPPED_TRANSLATIONS, catalogue_languages, languages_in
from assessor.presentation.wording import wording
from assessor.web.rulebook import current_rulebook

TRANSLATIONS = SHIPPED_TRANSLATIONS
# The languages of the shipped catalogues; an app with other catalogue folders speaks theirs too.
UI_LANGUAGES = languages_in((str(SHIPPED_TRANSLATIONS),))


def supported_languages() -> tuple[str, ...]:
    """Languages both the rule pack and the interface speak, the pack's default first."""
    book = current_rulebook()
    interface = catalogue_languages()
    languages = [lang for lang in book.languages if lang in interface]
    return tuple(languages) or (book.default_language,)


def language_name(code: str) -> str:
    """A language's name in that language ("Español"), for the switcher."""
    return wording(code).language_name(code)


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
