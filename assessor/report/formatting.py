"""Dates and numbers written the way the report's language writes them (Babel's CLDR data)."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from babel import Locale, UnknownLocaleError
from babel.dates import format_date
from babel.numbers import format_decimal, format_percent

DASH = "–"


@lru_cache(maxsize=32)
def locale_for(language: str) -> Locale:
    """The Babel locale for a language code ("es", "pt-BR"); English for a code Babel does not know."""
    try:
        return Locale.parse(language.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return Locale.parse("en")


def number(value: float, language: str) -> str:
    """A number with at most one decimal: 45.5 is "45.5" in English and "45,5" in Spanish."""
    return format_decimal(round(value, 1), format="#,##0.#", locale=locale_for(language))


def score(value: float | None, language: str) -> str:
    """A score out of 100, or a dash when there is none."""
    return DASH if value is None else number(value, language)


def percent(value: float | None, language: str) -> str:
    """A 0-100 figure as a percentage in the locale's style ("85%", "85 %"), or a dash."""
    if value is None:
        return DASH
    return format_percent(round(value) / 100, locale=locale_for(language))


def share(value: float, language: str) -> str:
    """A 0-1 fraction as a whole percentage in the locale's style."""
    return format_percent(round(value, 2), locale=locale_for(language))


def long_date(value: dt.date, language: str) -> str:
    """A date in words: "22 November 2026", "22 de noviembre de 2026"."""
    return format_date(value, format="long", locale=locale_for(language))


def language_name(code: str, language: str) -> str:
    """The name of language `code` written in `language`, capitalised: "Español", "Spanish"."""
    name = locale_for(code).get_display_name(locale_for(language)) or code
    return name[:1].upper() + name[1:]
