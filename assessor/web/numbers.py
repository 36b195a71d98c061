"""Reading a typed number strictly, in the page language's own format.

"3.5" is three and a half to an English reader, but Spanish writes that 3,5 and uses "." between
thousands, so a guess saves a wrong number without a word (Babel's lenient parsing read "3.5" in
Spanish as 35, and "1,2" in English as 12). So a number is accepted only as plain digits, with
the language's own decimal mark and, optionally, spaces between groups of three digits (the
grouping every one of our languages reads the same way). The other mark ("." in Spanish, "," in
English) is an error that says how to write the number, never a guess. No exponents, underscores,
"inf" or "nan", and no more digits than a float holds exactly.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from babel.numbers import get_decimal_symbol

# More than a float holds exactly (15-16 significant digits) is not a number anyone types.
MAX_DIGITS = 15
# Typed spaces, no-break spaces and the narrow no-break space French uses between groups.
_GROUP_SPACES = " \u00a0\u202f"
_MINUS_SIGNS = "-\u2212"


class NumberSyntaxError(ValueError):
    """Text that is not a number in the page's format; `kind` says why, `example` how to write it."""

    def __init__(self, kind: str, example: str = "") -> None:
        super().__init__(kind)
        self.kind = kind  # "not_a_number", "decimal_mark", "grouping", "too_long"
        self.example = example


@dataclass(frozen=True)
class _Format:
    decimal: str  # this language's decimal mark
    other: str  # the mark other languages use, an error here
    number: re.Pattern[str]
    grouped_with_other: re.Pattern[str]


@lru_cache(maxsize=8)
def _format(locale: str) -> _Format:
    decimal = get_decimal_symbol(locale)
    if decimal not in ".,":
        decimal = "."  # none of our languages, but a locale with another mark still parses plain digits
    other = "," if decimal == "." else "."
    spaces = f"[{_GROUP_SPACES}]"
    integer = rf"(?:\d{{1,3}}(?:{spaces}\d{{3}})+|\d+)"
    return _Format(
        decimal=decimal,
        other=other,
        number=re.compile(rf"([+-]?)({integer})(?:{re.escape(decimal)}(\d+))?", re.ASCII),
        grouped_with_other=re.compile(
            rf"[+-]?\d{{1,3}}(?:{re.escape(other)}\d{{3}})+(?:{re.escape(decimal)}\d+)?", re.ASCII
        ),
    )


def decimal_mark(locale: str) -> str:
    """The decimal mark numbers are typed with in `locale`: "." or ","."""
    return _format(locale).decimal


def parse_number(text: str, locale: str) -> Decimal:
    """The number typed in `text`, read in `locale`'s format, or NumberSyntaxError."""
    form = _format(locale)
    typed = text.strip(_GROUP_SPACES + "\t")
    for minus in _MINUS_SIGNS[1:]:
        typed = typed.replace(minus, "-")
    match = form.number.fullmatch(typed)
    if match is None:
        raise _why_not(typed, form)
    sign, integer, fraction = match.group(1), match.group(2), match.group(3) or ""
    digits = re.sub(f"[{_GROUP_SPACES}]", "", integer)
    if len(digits.lstrip("0")) + len(fraction) > MAX_DIGITS:
        raise NumberSyntaxError("too_long")
    return Decimal(f"{sign}{digits}.{fraction or '0'}")


def _why_not(typed: str, form: _Format) -> NumberSyntaxError:
    """The most useful error for text that is not a number here."""
    if form.other in typed:
        if form.grouped_with_other.fullmatch(typed):
            # "1,000" in English, "3.500" in Spanish: a thousands separator; write the digits alone.
            plain = typed.replace(form.other, "")
            return NumberSyntaxError("grouping", plain)
        swapped = typed.replace(form.other, form.decimal)
        if typed.count(form.other) == 1 and form.number.fullmatch(swapped):
            return NumberSyntaxError("decimal_mark", swapped)  # "3.5" in Spanish: write 3,5
        return NumberSyntaxError("decimal_mark", f"3{form.decimal}5")
    return NumberSyntaxError("not_a_number")
