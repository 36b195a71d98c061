"""The subject of an assessment in the page's language: start-page choices and what pages show."""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import gettext as _

from assessor.subject import GOVERNMENT_LEVELS, SECTORS, Subject


def government_level_labels() -> dict[str, str]:
    """Each level of government, in words."""
    return {
        "national": _("National"),
        "regional": _("Subnational: state, province or region"),
        "local": _("Subnational: municipality or local government"),
    }


def sector_labels() -> dict[str, str]:
    """Each sector, in words."""
    return {
        "identity": _("Identity and civil registration"),
        "payments": _("Payments and financial services"),
        "health": _("Health"),
        "social_protection": _("Social protection"),
        "education": _("Education"),
        "tax_revenue": _("Tax and revenue"),
        "justice": _("Justice"),
        "agriculture": _("Agriculture"),
        "other": _("Other"),
    }


def government_level_choices() -> list[tuple[str, str]]:
    """The start page's radios."""
    labels = government_level_labels()
    return [(level, labels[level]) for level in GOVERNMENT_LEVELS]


def sector_choices() -> list[tuple[str, str]]:
    """The start page's list, with an empty first entry: the sector is optional."""
    labels = sector_labels()
    return [("", _("Not stated")), *((sector, labels[sector]) for sector in SECTORS)]


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
