"""The report's own texts (headings, labels, sentences) in each language it is written in.

Rule pack texts (questions, levels, recommendations) come from the pack; these are the words around
them. A plain dict per language (catalogue_<code>.py) keeps each catalogue reviewable in one file
and free of a build step; a test checks every language has exactly the English keys and
placeholders. The report is written in English, Spanish, Portuguese (Brazilian) and French, with
the vocabulary of the web interface's catalogues (translations/). A language without a catalogue
falls back to English, while dates and numbers still follow its locale.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from assessor.report.catalogue_en import EN
from assessor.report.catalogue_es import ES
from assessor.report.catalogue_fr import FR
from assessor.report.catalogue_pt import PT

FALLBACK_LANGUAGE = "en"

CATALOGUES: Mapping[str, Mapping[str, str]] = {"en": EN, "es": ES, "pt": PT, "fr": FR}


@dataclass(frozen=True)
class Messages:
    """The report's texts in one language; call it with a key and the values of its placeholders."""

    language: str
    texts: Mapping[str, str]

    def __call__(self, key: str, **values: Any) -> str:
        # The template is ours and the values are only substituted, never parsed as a format
        # string, so respondent text in a value cannot expand into anything.
        text = self.texts[key]
        return text.format(**values) if values else text


def messages(language: str) -> Messages:
    """The catalogue for `language` (its base language for a regional code like es-AR), else English."""
    base = language.replace("_", "-").split("-")[0].lower()
    catalogue = CATALOGUES.get(base)
    if catalogue is None:
        return Messages(FALLBACK_LANGUAGE, CATALOGUES[FALLBACK_LANGUAGE])
    return Messages(base, catalogue)
