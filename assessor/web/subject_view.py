"""The subject of an assessment in the page's language: start-page choices and what pages show."""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import gettext as _

from assessor.presentation import labels
from assessor.subject import GOVERNMENT_LEVELS, SECTORS, Subject
from assessor.web.templating import page_wording


def government_level_labels() -> dict[str, str]:
    """Each level of government, in the page's language."""
    return labels.government_level_labels(page_wording())


def sector_labels() -> dict[str, str]:
    """Each sector, in the page's language."""
    return labels.sector_labels(page_wording())


def government_level_choices() -> list[tuple[str, str]]:
    """The start page's radios."""
    names = government_level_labels()
    return [(level, names[level]) for level in GOVERNMENT_LEVELS]


def sector_choices() -> list[tuple[str, str]]:
    """The start page's list, with an empty first entry: the sector is optional."""
    names = sector_labels()
    return [("", _("Not stated")), *((sector, names[sector]) for sector in SECTORS)]


@dataclass(frozen=True)
class SubjectView:
    """What a page shows of the subject: the name as typed, the level and sector in words ("" when not given)."""

    system: str
    government_level: str
    sector: str
    stated: bool


def subject_view(subject: Subject) -> SubjectView:
    """The subject as a page shows it."""
    level = government_level_labels().get(subject.government_level or "", "")
    sector = sector_labels().get(subject.sector or "", "")
    return SubjectView(subject.system_name, level, sector, subject.is_stated())
