"""`pip install .` gives a working `assessor` that finds its rules and templates away from the checkout."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import ROOT

# Builds and installs a wheel.
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(out), str(ROOT)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    (built,) = out.glob("assessor-*.whl")
    return built


def test_wheel_carries_rules_templates_and_the_console_script(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    assert "assessor/_data/rules/pack.yaml" in names
    assert "assessor/_data/templates/pages/start.html" in names
    assert "assessor/static/app.css" in names or "assessor/web/static/app.css" in names
    assert "assessor/translations/es/LC_MESSAGES/messages.mo" in names
    assert "assessor/storage/migrations/versions/0001_assessment.py" in names
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    assert "assessor = assessor.cli:main" in zipfile.ZipFile(wheel).read(entry_points).decode()


def test_installed_wheel_checks_its_own_rules_from_anywhere(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target), str(wheel)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    code = "import assessor, sys; from assessor.cli import main; print(assessor.__file__, file=sys.stderr); main()"
    run = subprocess.run(
        [sys.executable, "-c", code, "rules", "check"],
        cwd=elsewhere,
        env={"PYTHONPATH": str(target), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    assert str(target) in run.stderr  # imported from the installed wheel, not the checkout
    assert "_data/rules: valid" in run.stdout
