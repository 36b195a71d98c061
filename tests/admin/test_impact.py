"""Impact preview: submitted assessments scored on a draft, per assessment and in aggregate, nothing stored."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from assessor.cli import main
from assessor.core.answers import validate_answers
from assessor.core.renames import apply_renames
from assessor.core.rulebook import RuleBook
from assessor.core.scoring import score
from assessor.loading.rulepack import load_rulebook
from assessor.records.drift import drift
from assessor.records.impact import ImpactFilter, preview
from assessor.records.packs import PackCache
from assessor.records.service import read_record
from assessor.storage.assessments import original_record
from assessor.storage.db import session as db_session
from assessor.storage.models import Assessment, PackVersion, SubmissionRecord
from tests.admin.conftest import make_app
from tests.admin.impact_helpers import CHANGED_QUESTION, NEW_VERSION, edited_workbook
from tests.helpers.questionnaire import answer_everything, start
from tests.helpers.records import submitted
from tests.helpers.shipped import SHIPPED_VERSION
from tests.records.helpers import NEW_ID, OLD_ID, changed_pack, mixed_answer
from tests.web.pages import parse, url


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
        long_ago = ["--from", "2000-01-01", "--to", "2000-12-31", "--json"]
        earlier = app.test_cli_runner().invoke(
            main, args=["rules", "impact", str(changed_pack(tmp_path / "c")), *long_ago]
        )
        assert earlier.exit_code == 0, earlier.output
        assert json.loads(earlier.output)["assessments"] == 0
        wrong = app.test_cli_runner().invoke(main, args=["rules", "impact", "1", "--from", "last year"])
        assert wrong.exit_code == 2
        assert "--from" in wrong.output
        text = app.test_cli_runner().invoke(main, args=["rules", "impact", str(changed_pack(tmp_path / "b"))])
        assert "version 9.0.0: 1 assessment(s)" in text.output
        with Session(app.extensions["db_engine"]) as db:
            assert db.scalar(select(func.count()).select_from(SubmissionRecord)) == 1  # a preview stores nothing
    finally:
        app.extensions["report_jobs"].huey.storage.close()
        app.extensions["db_engine"].dispose()


def _slow_drift(db: Session, cache: PackCache, draft: RuleBook, assessment: Assessment) -> dict[str, Any]:
    """The drift as a rescore works it out: the whole record read and validated, every answer checked."""
    row = original_record(db, assessment.id)
    assert row is not None
    original = read_record(db, cache, row, assessment)
    evidence = {qid: e.model_dump() for qid, e in original.record.evidence.items()}
    answers, evidence = apply_renames(draft, original.record.answers, evidence)
    for item in original.record.unplaced:
        if item.value is not None:
            answers.setdefault(draft.renames.get(item.question_id, item.question_id), item.value)
    validated, _problems = validate_answers(draft, answers, evidence)
    return drift(original.book, original.result, draft, score(draft, validated)).as_dict()


def test_the_fast_preview_gives_what_a_full_rescore_gives(database_url: str, tmp_path: Path) -> None:
    app: Flask = make_app(database_url)
    try:
        client = app.test_client()
        token = start(client, app)  # in Uruguay, with evidence on every question that takes it
        answer_everything(client, app, app.extensions["rulebook"], token, mixed_answer)
        client.post(url(app, "questionnaire.submit", token=token))
        submitted(app, "Ministry of Digital", "Kenya", best=True)
        submitted(app, "Ministry of Works", "Kenya", best=False)
        draft = load_rulebook(changed_pack(tmp_path))
        with app.app_context():
            db = db_session()
            cache = PackCache()
            impact = preview(db, cache, draft)
            assert len(impact.items) == 3
            assert any(i.drift.moved for i in impact.items)  # the weights moved: scores change
            assessments = {a.reference: a for a in db.scalars(select(Assessment))}
            for item in impact.items:
                assert item.drift.as_dict() == _slow_drift(db, cache, draft, assessments[item.reference])
            # The rename is carried: the answer given to the old id is scored under the new one.
            first = impact.items[0].drift
            assert (OLD_ID, NEW_ID) in first.questions_renamed
            assert NEW_ID not in first.questions_added
            kenya = preview(db, cache, draft, ImpactFilter(country="kenya"))
            assert {i.organisation for i in kenya.items} == {"Ministry of Digital", "Ministry of Works"}
            today = date.today()
            assert len(preview(db, cache, draft, ImpactFilter(submitted_from=today, submitted_to=today)).items) == 3
            assert not preview(db, cache, draft, ImpactFilter(submitted_to=today - timedelta(days=1))).items
    finally:
        app.extensions["report_jobs"].huey.storage.close()
        app.extensions["db_engine"].dispose()


def test_the_impact_page_for_a_draft_downloaded_edited_and_uploaded_as_a_workbook(
    admin_app: Flask, signed_in: Callable[[str], FlaskClient], monkeypatch: pytest.MonkeyPatch
) -> None:
    submitted(admin_app, "Ministry of Digital", "Kenya", best=True, overrides={CHANGED_QUESTION: 1.0})
    submitted(admin_app, "Ministry of Works", "Kenya", best=False)
    submitted(admin_app, "Ministry of Finance", "Chile", best=True)
    editor = signed_in("editor")
    # The active version as a workbook, from the admin area, edited, and uploaded back.
    active = admin_app.extensions["live_pack_version_id"]
    download = signed_in("viewer").get(f"/admin/rules/versions/{active}/pack.xlsx")
    assert download.status_code == 200
    assert download.headers["Content-Disposition"] == f'attachment; filename="oss_readiness-{SHIPPED_VERSION}.xlsx"'
    response = editor.post(
        "/admin/rules/versions/upload",
        data={"note": "funding years", "pack": (io.BytesIO(edited_workbook(download.data)), "pack.xlsx")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    with Session(admin_app.extensions["db_engine"]) as db:
        draft_id = db.scalars(select(PackVersion.id).where(PackVersion.version == NEW_VERSION)).one()
    versions_page = editor.get("/admin/rules/versions").get_data(as_text=True)
    assert f"/admin/rules/versions/{draft_id}/impact" in versions_page

    page = parse(editor.get(f"/admin/rules/versions/{draft_id}/impact"))
    text = " ".join(page.get_text(" ").split())
    assert "Assessments previewed 3" in text
    # Only the assessment with one year of budget moves: 1 of 3 points instead of 1 of 2.
    rows = page.select("table")[-1].select("tbody tr")
    moved = [r for r in rows if "Predictable funding" in r.get_text()]
    assert len(moved) == 1
    assert "Ministry of Digital" in moved[0].get_text()
    assert "Kenya" in text

    chile = parse(editor.get(f"/admin/rules/versions/{draft_id}/impact?country=chile"))
    assert "Assessments previewed 1" in " ".join(chile.get_text(" ").split())

    monkeypatch.setattr("assessor.web.admin.impact.PAGE_SIZE", 1)
    second = parse(editor.get(f"/admin/rules/versions/{draft_id}/impact?page=2"))
    second_text = " ".join(second.get_text(" ").split())
    assert "Assessments 2 to 2 of 3." in second_text
    assert "Page 2 of 3" in second_text
    assert second.select_one("a[rel=prev]") is not None
    assert "page=3" in second.select_one("a[rel=next]")["href"]

    wrong = editor.get(f"/admin/rules/versions/{draft_id}/impact?submitted_from=last+year")
    assert wrong.status_code == 400
    assert 'href="#submitted_from"' in wrong.get_data(as_text=True)
    assert editor.get("/admin/rules/versions/9999/impact").status_code == 404
    assert signed_in("viewer").get(f"/admin/rules/versions/{draft_id}/impact").status_code == 403
