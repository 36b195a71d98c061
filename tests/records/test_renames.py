"""Renamed questions: a draft moving to a new pack version keeps its answers; answers with no home are kept."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from sqlalchemy import select

from assessor.cli import main
from assessor.storage import answer_rows
from assessor.storage.assessments import find
from assessor.storage.db import session as db_session
from assessor.storage.models import AnswerChange
from tests.conftest import SHIPPED_PACK
from tests.helpers.questionnaire import start
from tests.records.helpers import NEW_ID, OLD_ID, app_on, changed_pack
from tests.web.pages import get_page, url

EVIDENCE = "Budget law 2026, programme 14"


def _answer_funding(app_client: object, app: object, token: str) -> None:
    client = app_client
    response = client.post(  # type: ignore[attr-defined]
        url(app, "questionnaire.factor", token=token, factor_id="funding"),  # type: ignore[arg-type]
        data={"shown": OLD_ID, f"q_{OLD_ID}": "partial", f"e_{OLD_ID}_text": EVIDENCE},
    )
    assert response.status_code == 302


def test_a_draft_moving_to_a_new_version_carries_its_answers_over_the_rename(database_url: str, tmp_path: Path) -> None:
    with app_on(database_url, SHIPPED_PACK, tmp_path / "one") as app:
        client = app.test_client()
        token = start(client, app)
        _answer_funding(client, app, token)
    with app_on(database_url, changed_pack(tmp_path), tmp_path / "two") as app:
        client = app.test_client()
        book = app.extensions["rulebook"]
        check = get_page(client, url(app, "questionnaire.check", token=token))
        partly = book.questions[NEW_ID].option("partial").label.get("en")
        assert EVIDENCE in check.get_text()  # shown at once, under the question's new id
        assert partly in check.get_text()
        assert "kept but not scored" not in check.get_text()
        # The next save moves it for real, with the move in the history.
        response = client.post(
            url(app, "questionnaire.factor", token=token, factor_id="integrators"),
            data={"shown": "integrators_inhouse_team", "q_integrators_inhouse_team": "dedicated"},
        )
        assert response.status_code == 302
        with app.app_context():
            db = db_session()
            assessment = find(db, token)
            assert assessment is not None
            answers, evidence = answer_rows.as_maps(answer_rows.load_rows(db, assessment.id))
            notes = db.scalars(select(AnswerChange.note).where(AnswerChange.note == "moved")).all()
        assert answers[NEW_ID] == "partial"
        assert OLD_ID not in answers
        assert evidence[NEW_ID]["text"] == EVIDENCE
        assert len(notes) == 2  # the new id given its answer, the old one cleared


def test_answers_with_no_home_are_kept_and_listed_by_their_question_text(database_url: str, tmp_path: Path) -> None:
    with app_on(database_url, SHIPPED_PACK, tmp_path / "one") as app:
        old_text = app.extensions["rulebook"].questions[OLD_ID].text.get("en")
        client = app.test_client()
        token = start(client, app)
        _answer_funding(client, app, token)
    with app_on(database_url, changed_pack(tmp_path, declare=False), tmp_path / "two") as app:
        client = app.test_client()
        check = get_page(client, url(app, "questionnaire.check", token=token))
        listed = check.select_one("#unplaced-title").find_parent("section").get_text()
        assert old_text in listed
        assert EVIDENCE in listed
        client.post(
            url(app, "questionnaire.factor", token=token, factor_id="integrators"),
            data={"shown": "integrators_inhouse_team", "q_integrators_inhouse_team": "dedicated"},
        )
        # Most questions are unanswered: submitting asks for a confirmation.
        assert client.post(url(app, "questionnaire.submit", token=token), data={"confirm": "yes"}).status_code == 302
        result = get_page(client, url(app, "questionnaire.result", token=token))
        assert old_text in result.select_one("#unplaced-title").find_parent("section").get_text()
        with app.app_context():
            db = db_session()
            assessment = find(db, token)
            assert assessment is not None
            answers, _evidence = answer_rows.as_maps(answer_rows.load_rows(db, assessment.id))
        assert answers[OLD_ID] == "partial"  # never dropped


def test_score_accepts_an_answers_file_with_old_ids(tmp_path: Path) -> None:
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps({"answers": {OLD_ID: "yes"}, "evidence": {OLD_ID: {"text": EVIDENCE}}}))
    run = CliRunner().invoke(main, ["score", str(answers), "--rules", str(changed_pack(tmp_path))])
    assert run.exit_code == 0, run.output
    result = json.loads(run.stdout)
    scored = {q["id"]: q for f in result["factors"] for q in f["questions"]}
    assert scored[NEW_ID]["status"] == "answered"
    assert scored[NEW_ID]["points"] == scored[NEW_ID]["max_points"]
    # Without the declared rename, the old id is named as unknown.
    run = CliRunner().invoke(main, ["score", str(answers), "--rules", str(changed_pack(tmp_path, declare=False))])
    assert run.exit_code == 1
    assert f"question '{OLD_ID}': No question has this id" in run.stderr
