"""Where the default rule pack and templates live, in a source checkout and in an installed wheel."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _first_existing(*candidates: Path) -> Path:
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    return candidates[0]


def default_rules_dir() -> Path:
    """The shipped rule pack: inside the package when installed from a wheel, else the checkout's rules/."""
    return _first_existing(_PACKAGE / "_data" / "rules", _PACKAGE.parent / "rules")


def templates_dir() -> Path:
    """The Jinja templates: inside the package when installed from a wheel, else the checkout's templates/."""
    return _first_existing(_PACKAGE / "_data" / "templates", _PACKAGE.parent / "templates")
