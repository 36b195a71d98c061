"""The one gettext domain: the Babel catalogues under assessor/translations, read once per language.

Pages get them through Flask-Babel; the report, the blank questionnaire and the command line run
outside any request (in the job worker, in a shell), so they load the same files as a Translations
object per language, cached. Inside an app the folders are its BABEL_TRANSLATION_DIRECTORIES, so
both sides always read the same catalogues. A language is available when its folder holds a
compiled catalogue: adding a language is adding its catalogue, nothing else.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from babel import support
from flask import current_app, has_app_context

SHIPPED_TRANSLATIONS = Path(__file__).resolve().parent.parent / "translations"
SOURCE_LANGUAGE = "en"  # the msgids are English: it needs no catalogue
DOMAIN = "messages"


def translation_directories() -> tuple[str, ...]:
    """Where catalogues are read from: the app's setting inside an app, else the shipped folder."""
    if has_app_context():
        configured = current_app.config.get("BABEL_TRANSLATION_DIRECTORIES")
        if configured:
            return tuple(part for part in str(configured).split(";") if part)
    return (str(SHIPPED_TRANSLATIONS),)


def base_language(code: str) -> str:
    """The language part of a code: "es" for "es-AR" or "es_AR"."""
    return code.replace("_", "-").split("-")[0].lower()


@lru_cache(maxsize=16)
def languages_in(directories: tuple[str, ...]) -> tuple[str, ...]:
    """The languages with a compiled catalogue in `directories`, English (the msgids) first."""
    found = {
        folder.name
        for directory in directories
        if Path(directory).is_dir()
        for folder in Path(directory).iterdir()
        if (folder / "LC_MESSAGES" / f"{DOMAIN}.mo").is_file()
    }
    return (SOURCE_LANGUAGE, *sorted(found - {SOURCE_LANGUAGE}))


def catalogue_languages() -> tuple[str, ...]:
    """The languages the interface is written in: English, then every language with a compiled catalogue."""
    return languages_in(translation_directories())


@lru_cache(maxsize=32)
def _load(language: str, directories: tuple[str, ...]) -> support.Translations:
    # Merged the way Flask-Babel merges them, so a page and a PDF read the same words.
    translations = support.Translations()
    for directory in directories:
        catalogue = support.Translations.load(directory, [language], DOMAIN)
        if isinstance(catalogue, support.Translations):
            translations.merge(catalogue)
            translations.plural = catalogue.plural
    return translations


def translations(language: str) -> support.Translations:
    """The catalogue of `language` (its base language for a regional code); empty, so English, without one."""
    base = base_language(language)
    directories = translation_directories()
    if base not in languages_in(directories) or base == SOURCE_LANGUAGE:
        return _load(SOURCE_LANGUAGE, ())
    return _load(base, directories)


def words_language(language: str) -> str:
    """The language texts for `language` are written in: its base language with a catalogue, else English."""
    base = base_language(language)
    return base if base in catalogue_languages() else SOURCE_LANGUAGE
