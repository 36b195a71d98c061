"""Rescoring a submitted assessment on another pack version: beside the original, with the drift explained."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner, Result
from sqlalchemy import func, select

from assessor.cli import main
from assessor.storage.db import session as db_session
from assessor.storage.models import SubmissionRecord
from tests.conftest import SHIPPED_PACK
from tests.helpers.questionnaire import answer_everything, start
from tests.helpers.shipped import SHIPPED_VERSION
from tests.records.helpers import NEW_ID, OLD_ID, app_on, changed_pack, mixed_answer
from tests.web.pages import get_page, url


def test_rescore_on_the_live_pack_is_stored_beside_the_original(database_url: str, tmp_path: Path) -> None:
    with app_on(database_url, SHIPPED_PACK, tmp_path / "one") as app:
        client = app.test_client()
        token = start(client, app)
        answer_everything(client, app, app.extensions["rulebook"], token, mixed_answer)
        client.post(url(app, "questionnaire.submit", token=token))
        before = get_page(client, url(app, "questionnaire.result", token=token))
        assert before.select_one("form[action$='/rescore']") is None  # nothing to rescore on: same version
        with app.app_context():
            original_data = db_session().scalars(select(SubmissionRecord.data)).one()

    new_rules = changed_pack(tmp_path)
    with app_on(database_url, new_rules, tmp_path / "two") as app:
        client = app.test_client()
        page = get_page(client, url(app, "questionnaire.result", token=token))
        assert "Rescore with the current rules" in page.get_text()
        response = client.post(url(app, "questionnaire.rescore", token=token))
        assert response.status_code == 302
        rescore = get_page(client, response.headers["Location"])
        text = rescore.get_text(" ", strip=True)
        new_book = app.extensions["rulebook"]
        assert "Rescored with version 9.0.0" in text
        assert "Weight of " + new_book.factor("funding").title.get("en") + ": 16 → 24" in text
        assert "Question renamed (its answer carried over): " + new_book.questions[NEW_ID].text.get("en") in text
        assert "starts at 40 → 30" in text
        # Twice is once, and the original record never changes.
        assert (
            client.post(url(app, "questionnaire.rescore", token=token)).headers["Location"]
            == response.headers["Location"]
        )
        after = get_page(client, url(app, "questionnaire.result", token=token))
        assert after.select_one(".headline-level").get_text() == before.select_one(".headline-level").get_text()
        assert after.select_one("a[href*='/rescore/']") is not None
        with app.app_context():
            db = db_session()
            assert db.scalar(select(func.count()).select_from(SubmissionRecord)) == 2
            kept = db.scalars(select(SubmissionRecord.data).where(SubmissionRecord.kind == "original")).one()
        assert kept == original_data


def test_rescore_command_prints_the_drift(database_url: str, tmp_path: Path) -> None:
    with app_on(database_url, SHIPPED_PACK, tmp_path / "one") as app:
        client = app.test_client()
        token = start(client, app)
        answer_everything(client, app, app.extensions["rulebook"], token, mixed_answer)
        client.post(url(app, "questionnaire.submit", token=token))
        reference = get_page(client, url(app, "questionnaire.result", token=token)).select_one(".meta").get_text()
        reference = reference.split("Reference ")[1].split()[0]
    env = {"DATABASE_URL": database_url, "ASSESSOR_SECRET_KEY": "t", "ASSESSOR_INSTANCE": str(tmp_path / "cli")}

    def assessor(*args: str) -> Result:
        return CliRunner().invoke(main, list(args), env=env)

    run = assessor("rescore", reference, "--rules", str(changed_pack(tmp_path)), "--json")
    assert run.exit_code == 0, run.output
    data = json.loads(run.stdout)
    assert data["original"]["rules"]["version"] == SHIPPED_VERSION
    assert data["rescored"]["rules"]["version"] == "9.0.0"
    assert {"old": OLD_ID, "new": NEW_ID} in data["drift"]["questions_renamed"]
    assert {"subject": "funding", "old": 16.0, "new": 24.0} in data["drift"]["weights_changed"]
    assert data["drift"]["levels_moved"]  # thresholds fell ten points: levels moved
    # A pack that changed without a new version is refused, plainly.
    run = assessor("rescore", reference, "--rules", str(changed_pack(tmp_path, bump=False)))
    assert run.exit_code == 1
    assert "the pack's version must change when its content does" in run.output
    run = assessor("rescore", "A-NOSUCH", "--rules", str(SHIPPED_PACK))
    assert run.exit_code == 1
    assert "no assessment has the reference" in run.output
