"""The questionnaire as plain-text lines in one language, for `assessor rules show`.

The words around the pack's own texts ("weight", "2 points") come from the interface's gettext
catalogues, read without a Flask app so that showing a pack needs no database or configuration.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from babel import Locale, UnknownLocaleError
from babel.numbers import format_decimal

from assessor.presentation.catalogues import translations


def questionnaire_lines(data: dict[str, Any], language: str) -> Iterator[str]:
    """Lines for a questionnaire as `rulebook_to_dict` gives it, every word in `language`."""
    words = translations(language)
    try:
        locale = Locale.parse(language)
    except (UnknownLocaleError, ValueError):
        locale = Locale("en")  # a pack may use a language code Babel does not know

    def number(value: float) -> str:
        return str(format_decimal(value, locale=locale))

    def points(value: float) -> str:
        # ngettext picks the language's plural form ("1 punto"; "0 point" in French). It takes a
        # whole number: a fractional value (half a point) takes the "many" form.
        count = int(value) if float(value).is_integer() else 2
        return words.ngettext("%(num)s point", "%(num)s points", count) % {"num": number(value)}

    yield f"{data['title']} ({data['id']} {data['version']})"
    for factor in data["factors"]:
        yield f"\n{factor['title']} [{factor['id']}], {words.gettext('weight')} {number(factor['weight'])}"
        for q in factor["questions"]:
            yield f"  - {q['id']} ({q['type']}): {q['text']}"
            for opt in q.get("options", []):
                yield f"      {opt['value']}: {opt['label']} ({points(opt['points'])})"
            for band in q.get("bands") or []:
                at_least = words.gettext("%(min)s or more") % {"min": number(band["min"])}
                yield f"      {at_least}: {points(band['points'])}"
            if q.get("not_applicable"):
                yield "      not_applicable: " + words.gettext("Not applicable")
    steps = data.get("first_steps")
    if steps:
        ranked = ", ".join(steps["ranked"]) or "—"
        yield "\n" + words.gettext("First steps: a result leads with %(count)s; ranked: %(ranked)s") % {
            "count": steps["count"],
            "ranked": ranked,
        }
