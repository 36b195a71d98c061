"""Impact preview: submitted assessments scored on a draft, per assessment and in aggregate, nothing stored."""

from __future__ import annotations

import json
from pathlib import Path

from flask import Flask
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from assessor.cli import main
from assessor.storage.models import SubmissionRecord
from tests.admin.conftest import make_app
from tests.helpers.questionnaire import answer_everything, start
from tests.records.helpers import changed_pack, mixed_answer
from tests.web.pages import url


def test_impact_of_a_changed_pack_on_a_submitted_assessment(database_url: str, tmp_path: Path) -> None:
    app: Flask = make_app(database_url)
    try:
        client = app.test_client()
        token = start(client, app)
        answer_everything(client, app, app.extensions["rulebook"], token, mixed_answer)
        client.post(url(app, "questionnaire.submit", token=token))
        result = app.test_cli_runner().invoke(main, args=["rules", "impact", str(changed_pack(tmp_path)), "--json"])
        assert result.exit_code == 0, result.output
        data = json.loads(result.output)
        assert data["assessments"] == 1
        assert data["draft_version"] == "9.0.0"
        drift = data["by_assessment"][0]["drift"]
        funding = [w for w in drift["weights_changed"] if w["subject"] == "funding"]
        assert funding[0]["old"] == 16.0
        assert funding[0]["new"] != 16.0
        # The overall score moves with the weights: the same answers weigh differently.
        assert data["mean_score_delta"]["overall"] != 0
        text = app.test_cli_runner().invoke(main, args=["rules", "impact", str(changed_pack(tmp_path / "b"))])
        assert "version 9.0.0: 1 assessment(s)" in text.output
        with Session(app.extensions["db_engine"]) as db:
            assert db.scalar(select(func.count()).select_from(SubmissionRecord)) == 1  # a preview stores nothing
    finally:
        app.extensions["report_jobs"].huey.storage.close()
        app.extensions["db_engine"].dispose()
