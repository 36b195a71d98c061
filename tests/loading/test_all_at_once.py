"""The new whole-pack checks report together, in one run, each at its own line."""

from __future__ import annotations

from pathlib import Path

from assessor.loading.rulepack import check_rulepack
from tests.conftest import MINIMAL_PACK


def test_weights_band_and_never_firing_conditions_in_one_run(tmp_path: Path) -> None:
    text = (MINIMAL_PACK / "pack.yaml").read_text(encoding="utf-8")
    text = text.replace("weight: 66.67", "weight: 71.67")
    text = text.replace("{min: 3, points: 2}", "{min: 25, points: 2}")
    text = text.replace('condition: budget == "no" or "budget" in dont_know', "condition: years > 5 and years < 2")
    text = text.replace('condition: owner == "vendor"', 'condition: owner in ["vendor", "nope"]')
    (tmp_path / "pack.yaml").write_text(text, encoding="utf-8")
    report = check_rulepack(tmp_path / "pack.yaml")
    found = {p.key: p.message for p in report.problems}
    assert set(found) == {
        "factors[funding].weight",
        "factors[funding].questions[years].bands[2].min",
        "recommendations[get_budget].condition",
        "critical_gaps[vendor_owns_docs].condition",
    }
    assert found["recommendations[get_budget].condition"].startswith("this recommendation can never fire")
    assert '"nope" is not an option' in found["critical_gaps[vendor_owns_docs].condition"]
