"""`assessor rules show` in plain text speaks the language asked for, framing words included."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from assessor.cli import main
from tests.conftest import MINIMAL_PACK, SHIPPED_PACK

# (language, "weight", one point, several points, "3 or more") as each catalogue words them.
WORDS = [
    ("en", "weight 12", "(1 point)", "(3 points)", "3 or more: 3 points"),
    ("es", "peso 12", "(1 punto)", "(3 puntos)", "3 o más: 3 puntos"),
    ("pt", "peso 12", "(1 ponto)", "(3 pontos)", "3 ou mais: 3 pontos"),
    ("fr", "poids 12", "(1 point)", "(3 points)", "3 ou plus: 3 points"),
]


def show(*args: str) -> str:
    run = CliRunner().invoke(main, ["rules", "show", *args])
    assert run.exit_code == 0, run.output
    return run.stdout


@pytest.mark.parametrize(("language", "weight", "one", "several", "band"), WORDS)
def test_the_shipped_pack_is_shown_in_each_language(
    language: str, weight: str, one: str, several: str, band: str
) -> None:
    text = show("--lang", language, str(SHIPPED_PACK))
    lines = text.splitlines()
    # The integrators factor (weight 12) with its first number question's bands.
    assert any(line.endswith(f"[integrators], {weight}") for line in lines), lines[:3]
    assert one in text
    assert several in text
    assert f"      {band}" in lines
    if language != "en":
        # No English framing word is left around the pack's own (translated) texts ("points" is
        # French too).
        english = r"\bweight\b|\bor more\b" + (r"|\bpoints?\)" if language != "fr" else "")
        assert not re.search(english, text), language


def test_french_uses_the_singular_for_zero_points() -> None:
    text = show("--lang", "fr", str(SHIPPED_PACK))
    assert "Non (0 point)" in text
    assert "(0 points)" not in text


def test_decimals_use_the_language_s_separator() -> None:
    # The minimal pack's weights are 66.67 and 33.33: Spanish writes a decimal comma.
    text = show("--lang", "es", str(MINIMAL_PACK))
    assert "peso 66,67" in text
    assert "66.67" not in text
