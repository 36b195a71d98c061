"""Words, numbers, percentages, dates and lists in one language: what every page and document prints.

`wording(language)` is the one way to write something for a reader: pages call it with the page's
language, the report and the blank questionnaire with the document's, the command line with the one
asked for. The texts come from the one gettext domain (catalogues.py); numbers, dates and lists
follow Babel's CLDR data for the language asked for, even where no catalogue has its words yet.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Any, Literal

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_skeleton
from babel.lists import format_list
from babel.numbers import format_decimal, format_percent, format_scientific
from babel.support import Translations

from assessor.presentation.catalogues import translation_directories, translations, words_language

DASH = "–"  # where a figure is missing, in tables and the chart
NUMBER_FORMAT = "#,##0.###"  # up to three decimals: an answer or a rule's bound is shown as given


@lru_cache(maxsize=32)
def locale_for(language: str) -> Locale:
    """The Babel locale for a language code ("es", "pt-BR"); English for a code Babel does not know."""
    try:
        return Locale.parse(language.replace("-", "_"))
    except (UnknownLocaleError, ValueError, TypeError):
        return Locale.parse("en")


@dataclass(frozen=True)
class Wording:
    """Everything written in one language.

    `language` is the language asked for (the rule pack's texts are taken in it, and `locale`
    writes numbers, dates and lists in it); `words_language` is the language of the catalogue's
    words: the same, or English while no catalogue has that language.
    """

    language: str
    words_language: str
    locale: Locale
    catalogue: Translations

    # Texts -------------------------------------------------------------------------------------

    def gettext(self, message: str, **values: Any) -> str:
        """`message` translated, its %(name)s placeholders filled with `values`.

        The values are substituted, never parsed, so respondent text in one cannot expand.
        """
        text = self.catalogue.ugettext(message)
        return text % values if values else text

    def pgettext(self, context: str, message: str, **values: Any) -> str:
        """`message` translated in `context`, for an English word that reads two ways elsewhere."""
        text = self.catalogue.upgettext(context, message)
        return text % values if values else text

    def ngettext(self, singular: str, plural: str, num: int, **values: Any) -> str:
        """The singular or plural form for `num` as the language counts; %(num)d is `num`."""
        text = self.catalogue.ungettext(singular, plural, num)
        return text % {"num": num, **values}

    # Figures -----------------------------------------------------------------------------------

    def number(self, value: float | int | None) -> str:
        """A number as the locale writes it ("1,234.5", "1.234,5"), whole numbers without decimals."""
        if value is None:
            return ""
        if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
            value = int(value)
        try:
            return str(format_decimal(value, format=NUMBER_FORMAT, locale=self.locale))
        except InvalidOperation:
            # Past Babel's decimal precision (a value stored before today's range checks): the
            # scientific form still shows the order of magnitude instead of failing the page.
            return str(format_scientific(value, format="0.###E0", locale=self.locale))

    def plain_number(self, value: float | int | Decimal) -> str:
        """A number without thousands separators, as it must be typed into a form."""
        return str(format_decimal(value, locale=self.locale, group_separator=False))

    def score(self, value: float | None) -> str:
        """A score out of 100 with at most one decimal, or a dash when there is none."""
        return DASH if value is None else self.number(round(float(value), 1))

    def percent(self, value: float | None) -> str:
        """A 0-100 figure as a percentage in the locale's style ("71.2%", "71,2 %"), or a dash.

        One format for the pages and the PDF: at most one decimal, whole figures without one.
        """
        if value is None:
            return DASH
        # The locale's own pattern ("#,##0 %" in Spanish and French) with up to one decimal; a
        # Decimal so that 69.5 does not come out as 69.50000000000001.
        fraction = Decimal(str(round(float(value), 1))) / 100
        return str(format_percent(fraction, locale=self.locale, decimal_quantization=False))

    def share(self, fraction: float) -> str:
        """A 0-1 fraction as a percentage, written like every other percentage."""
        return self.percent(fraction * 100)

    # Dates and lists ---------------------------------------------------------------------------

    def date(self, value: dt.date) -> str:
        """A date in words: "November 22, 2026", "22 de noviembre de 2026", "22 novembre 2026"."""
        return str(format_date(value, format="long", locale=self.locale))

    def date_time(self, value: dt.datetime | str) -> str:
        """A moment (UTC) with its date in the locale's short style and the time on a 24-hour clock."""
        moment = dt.datetime.fromisoformat(value) if isinstance(value, str) else value
        if moment.tzinfo is not None:
            moment = moment.astimezone(dt.UTC)
        day = format_date(moment, format="medium", locale=self.locale)
        time = format_skeleton("Hm", moment, tzinfo=dt.UTC, locale=self.locale)
        # The locale's own way of joining a date and a time ("{1}, {0}" in English, "{1} {0}" elsewhere).
        pattern = str(self.locale.datetime_formats["medium"]).replace("'", "")
        return pattern.replace("{1}", str(day)).replace("{0}", str(time))

    def language_name(self, code: str) -> str:
        """The name of language `code` in this locale, capitalised: "Español", "Spanish"."""
        name = locale_for(code).get_display_name(self.locale) or code
        return name[:1].upper() + name[1:]

    def join(self, items: list[str], style: Literal["standard", "or"] = "standard") -> str:
        """A list in prose with the language's conjunction: "a, b and c", "a, b y c"; "a or b" with style="or"."""
        return str(format_list(items, style=style, locale=self.locale)) if items else ""

    def quoted(self, text: str) -> str:
        """A text quoted the way the language quotes: “text”, «text»."""
        return self.gettext("“%(text)s”", text=text)


def wording(language: str) -> Wording:
    """The Wording for `language`: its catalogue (the shipped one, or the app's), its locale."""
    return _wording(language, translation_directories())


@lru_cache(maxsize=64)
def _wording(language: str, directories: tuple[str, ...]) -> Wording:
    return Wording(language, words_language(language), locale_for(language), translations(language))
