"""Labels for the pack's fixed vocabularies (priority, horizon, effort, yes/partial/no), written once.

Pages, the report and the rule-pack loader take these words from here, so a recommendation's
horizon reads the same on the result page and in the PDF. The msgids are literal so that
`pybabel extract` finds them; a value the code does not know shows as itself. Priority and effort
words carry a context: "High" is feminine for a priority and masculine for an effort in Spanish.
"""

from __future__ import annotations

from assessor.presentation.catalogues import catalogue_languages
from assessor.presentation.wording import Wording, wording


def priority_label(priority: str, w: Wording) -> str:
    """A priority after its label ("Priority: High")."""
    labels = {
        "critical": w.pgettext("priority", "Critical"),
        "high": w.pgettext("priority", "High"),
        "medium": w.pgettext("priority", "Medium"),
        "low": w.pgettext("priority", "Low"),
    }
    return labels.get(priority, priority)


def priority_phrase(priority: str, w: Wording) -> str:
    """A priority standing alone ("High priority")."""
    labels = {
        "critical": w.gettext("Critical priority"),
        "high": w.gettext("High priority"),
        "medium": w.gettext("Medium priority"),
        "low": w.gettext("Low priority"),
    }
    return labels.get(priority, priority)


def horizon_label(horizon: str, w: Wording) -> str:
    """When a recommendation can be delivered, in words."""
    labels = {
        "quick_win": w.gettext("Quick win (within six months)"),
        "medium_term": w.gettext("Medium term (six to eighteen months)"),
        "structural": w.gettext("Structural (longer: laws, institutions, budgets)"),
    }
    return labels.get(horizon, horizon)


def horizon_heading(horizon: str, w: Wording) -> str:
    """A horizon as a column heading of the roadmap ("Quick wins (0 to 6 months)" in words)."""
    labels = {
        "quick_win": w.gettext("Quick wins (0–6 months)"),
        "medium_term": w.gettext("Medium term (6–18 months)"),
        "structural": w.gettext("Structural (18+ months)"),
    }
    return labels.get(horizon, horizon)


def effort_label(effort: str, w: Wording) -> str:
    """An effort after its label ("Effort: Low")."""
    labels = {
        "low": w.pgettext("effort", "Low"),
        "medium": w.pgettext("effort", "Medium"),
        "high": w.pgettext("effort", "High"),
    }
    return labels.get(effort, effort)


def effort_phrase(effort: str, w: Wording) -> str:
    """An effort standing alone ("Low effort")."""
    labels = {
        "low": w.gettext("Low effort"),
        "medium": w.gettext("Medium effort"),
        "high": w.gettext("High effort"),
    }
    return labels.get(effort, effort)


def _yes_partial_no(value: str, w: Wording) -> str:
    labels = {
        "yes": w.gettext("Yes"),
        "partial": w.gettext("Partly"),
        "no": w.gettext("No"),
    }
    return labels[value]


def yes_partial_no_labels(value: str, languages: tuple[str, ...]) -> dict[str, str]:
    """The default label of a yes/partial/no option in each of `languages` that has a catalogue.

    A pack language without a catalogue gets no default here: the pack must label its options
    itself, or the text falls back to the pack's default language like any other.
    """
    known = catalogue_languages()
    return {lang: _yes_partial_no(value, wording(lang)) for lang in languages if lang in known}


def government_level_labels(w: Wording) -> dict[str, str]:
    """Each level of government an assessment can name (assessor.subject), in words."""
    return {
        "national": w.gettext("National"),
        "regional": w.gettext("Subnational: state, province or region"),
        "local": w.gettext("Subnational: municipality or local government"),
    }


def sector_labels(w: Wording) -> dict[str, str]:
    """Each sector an assessment can name (assessor.subject), in words."""
    return {
        "identity": w.gettext("Identity and civil registration"),
        "payments": w.gettext("Payments and financial services"),
        "health": w.gettext("Health"),
        "social_protection": w.gettext("Social protection"),
        "education": w.gettext("Education"),
        "tax_revenue": w.gettext("Tax and revenue"),
        "justice": w.gettext("Justice"),
        "agriculture": w.gettext("Agriculture"),
        "other": w.gettext("Other"),
    }
