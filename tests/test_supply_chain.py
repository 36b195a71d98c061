"""Security-relevant dependencies have lower bounds that exclude known-vulnerable releases."""

from __future__ import annotations

import tomllib
from importlib.metadata import version

import pytest
from packaging.requirements import Requirement
from packaging.version import Version

from tests.conftest import ROOT

# Each floor with why: the advisories are listed in the project's security research notes.
FLOORS = {
    # fetcher bypasses through attachments, redirects and write_pdf side channels; EPS through Ghostscript
    "weasyprint": "70.0",
    "flask": "3.1",  # MAX_FORM_MEMORY_SIZE and MAX_FORM_PARTS request limits
    "pyyaml": "6.0.1",  # safe loading by default
    "rule-engine": "4.5",  # typed contexts checked at compile time
}


def _requirements() -> dict[str, Requirement]:
    data = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    requirements = [Requirement(r) for r in data["project"]["dependencies"]]
    return {r.name.lower(): r for r in requirements}


@pytest.mark.parametrize(("name", "floor"), list(FLOORS.items()))
def test_floor_is_pinned_and_installed(name: str, floor: str) -> None:
    requirement = _requirements()[name]
    assert not requirement.specifier.contains(str(Version(floor).release[0] - 1) + ".99"), f"{name} floor too low"
    assert requirement.specifier.contains(floor) or Version(floor) < Version(
        str(next(iter(requirement.specifier)).version)
    )
    assert Version(version(name)) >= Version(floor)


def test_every_runtime_dependency_has_a_lower_bound() -> None:
    for name, requirement in _requirements().items():
        assert any(spec.operator in (">=", "==", "~=") for spec in requirement.specifier), name
