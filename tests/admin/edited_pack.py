"""An edited copy of the shipped pack, as a policy officer would change it, for diff tests."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.conftest import SHIPPED_PACK
from tests.helpers.shipped import EDITED_VERSION, SHIPPED_VERSION_LINE


def _replace(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def edited_copy(folder: Path) -> Path:
    """The shipped pack with a new version, a heavier funding factor, a re-pointed band, a stricter
    condition, a reworded title, and a recommendation removed."""
    target = folder / "edited"
    shutil.copytree(SHIPPED_PACK, target)
    _replace(target / "pack.yaml", SHIPPED_VERSION_LINE, f'version: "{EDITED_VERSION}"')
    _replace(target / "factors" / "3_funding.yaml", "weight: 16", "weight: 21")
    # Weights are shares of 100 (rules check refuses any other total): funding's 5 come from ecosystem.
    _replace(target / "factors" / "7_ecosystem.yaml", "weight: 8", "weight: 3")
    _replace(target / "factors" / "3_funding.yaml", "- {min: 3, points: 2}", "- {min: 3, points: 3}")
    _replace(target / "recommendations" / "3_funding.yaml", "or funding_om_years < 3", "or funding_om_years < 2")
    _replace(
        target / "recommendations" / "3_funding.yaml",
        "en: Create a budget line for operation and maintenance",
        "en: Fund running costs in the annual budget, every year",
    )
    return target
