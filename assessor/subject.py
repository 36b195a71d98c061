"""The subject of an assessment: which system or product is assessed, at which level of government, in which sector.

Asked on the start page and kept with the assessment and its submission record. The level and the
sector are stored as the ids below, never as words, so every page and report shows them in its
own language; the system's name is stored as the respondent typed it (cleaned, bounded).
"""

from __future__ import annotations

from dataclasses import dataclass

MAX_SYSTEM_NAME = 200

# Levels of government: national, or subnational (a state, province or region; a municipality).
GOVERNMENT_LEVELS = ("national", "regional", "local")

# The sectors most digital public infrastructure serves, and "other" for the rest.
SECTORS = (
    "identity",
    "payments",
    "health",
    "social_protection",
    "education",
    "tax_revenue",
    "justice",
    "agriculture",
    "other",
)


@dataclass(frozen=True)
class Subject:
    """What was assessed: a system's name ("" when not given), a level and a sector id (None when not stated)."""

    system_name: str = ""
    government_level: str | None = None
    sector: str | None = None

    def __post_init__(self) -> None:
        # Stored data outlives code: an id this version does not know reads as "not stated".
        if self.government_level not in GOVERNMENT_LEVELS:
            object.__setattr__(self, "government_level", None)
        if self.sector not in SECTORS:
            object.__setattr__(self, "sector", None)
        object.__setattr__(self, "system_name", self.system_name.strip()[:MAX_SYSTEM_NAME])

    def is_stated(self) -> bool:
        """True when anything about the subject was given."""
        return bool(self.system_name or self.government_level or self.sector)

    def as_dict(self) -> dict[str, str | None]:
        """As plain data, for records and JSON."""
        return {"system": self.system_name, "government_level": self.government_level, "sector": self.sector}
