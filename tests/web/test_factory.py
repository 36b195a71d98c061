"""The app factory and the start page."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from flask.testing import FlaskClient

from assessor.cli import main
from assessor.core.rulebook import RuleBook
from assessor.loading.rulepack import RulePackError
from assessor.web import create_app
from tests.conftest import FIXTURES, MINIMAL_PACK


def test_factory_uses_test_config() -> None:
    assert not create_app().testing
    assert create_app({"TESTING": True}).testing


def test_factory_loads_the_rule_pack_it_is_given() -> None:
    app = create_app({"RULES_PATH": str(MINIMAL_PACK)})
    assert app.extensions["rulebook"].id == "minimal"


def test_factory_refuses_an_invalid_rule_pack() -> None:
    with pytest.raises(RulePackError) as caught:
        create_app({"RULES_PATH": str(FIXTURES / "invalid" / "weight_zero.yaml")})
    assert "expected a number greater than 0" in str(caught.value.problems[0])


def test_run_with_an_invalid_rule_pack_prints_problems_not_a_traceback(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ASSESSOR_RULES", str(FIXTURES / "invalid" / "weight_zero.yaml"))
    run = CliRunner().invoke(main, ["routes"])
    assert run.exit_code != 0
    assert "the rule pack is not valid" in run.output
    assert "expected a number greater than 0" in run.output
    assert "Traceback" not in run.output


def test_start_page_lists_every_factor(client: FlaskClient, shipped_book: RuleBook) -> None:
    response = client.get("/")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    for factor in shipped_book.factors:
        assert factor.title.get("en") in page


def test_templates_dir_is_the_checkout_one_in_development() -> None:
    app = create_app({"RULES_PATH": str(MINIMAL_PACK)})
    assert Path(app.template_folder or "").name == "templates"
