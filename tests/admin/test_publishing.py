"""Publishing pack versions: checked drafts, proposal, second-person approval, and every server following
the active version within the poll interval, with no restart (two real apps on one database)."""

from __future__ import annotations

import io
import re
import threading
import time
import zipfile
from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from assessor.admin.models import AuditEvent
from assessor.cli import main
from assessor.records import publishing
from assessor.storage import answer_rows
from assessor.storage.models import Assessment, PackVersion, SubmissionRecord
from tests.admin.conftest import make_app
from tests.admin.publish_helpers import new_version, zipped
from tests.helpers.questionnaire import start
from tests.helpers.records import submitted
from tests.helpers.shipped import BROKEN_VERSION, NEW_VERSION
from tests.records.helpers import NEW_ID, OLD_ID
from tests.web.pages import url

POLL = 0.5
# A version seen for the first time is loaded from its stored files once (the loader's checks take
# seconds on a busy shared machine); a version already in memory is picked up within the poll.
FIRST_LOAD = POLL + 15.0
WITHIN = POLL + 1.5


def _engine_session(app: Flask) -> Session:
    return Session(app.extensions["db_engine"])


def _close(*apps: Flask) -> None:
    for app in apps:
        app.extensions["report_jobs"].huey.storage.close()
        app.extensions["db_engine"].dispose()


def _start_assessment(app: Flask) -> int:
    """Start an assessment through the start page; the id of the pack version it was pinned to."""
    client = app.test_client()
    response = client.post("/", data={"organisation": "Ministry", "country": "Chile", "language": "en"})
    assert response.status_code == 302, response.get_data(as_text=True)[:500]
    with _engine_session(app) as db:
        row = db.scalars(select(Assessment).order_by(Assessment.id.desc())).first()
        assert row is not None
        return row.pack_version_id


def _wait_until_running(app: Flask, version_id: int) -> float:
    """Seconds until this app's requests run `version_id` (GET / like any visitor)."""
    started = time.monotonic()
    client = app.test_client()
    while time.monotonic() - started < FIRST_LOAD * 2:
        client.get("/")
        if app.extensions["live_pack_version_id"] == version_id:
            return time.monotonic() - started
        time.sleep(0.05)
    raise AssertionError(f"the app still runs {app.extensions['live_pack_version_id']}, not {version_id}")


def test_publish_and_rollback_reach_a_second_server_without_restart(database_url: str, tmp_path: Path) -> None:
    first = make_app(database_url, RULES_POLL_SECONDS=POLL)
    second = make_app(database_url, RULES_POLL_SECONDS=POLL)
    try:
        shipped_id = first.extensions["live_pack_version_id"]
        assert second.extensions["live_pack_version_id"] == shipped_id
        assert _start_assessment(second) == shipped_id

        result = first.test_cli_runner().invoke(
            main, args=["rules", "publish", str(new_version(tmp_path)), "--note", "new title", "--propose"]
        )
        assert result.exit_code == 0, result.output
        with _engine_session(first) as db:
            draft = db.scalars(select(PackVersion).where(PackVersion.version == NEW_VERSION)).one()
            assert draft.state == "proposed"
            with pytest.raises(publishing.StepError, match="second person"):
                publishing.approve_and_publish(db, draft, actor="cli", note="", single_approver=False)
            publishing.approve_and_publish(db, draft, actor="admin@example.org", note="ok", single_approver=False)
            new_id = draft.id
        # Neither app was restarted: both find the new version by polling.
        assert _wait_until_running(second, new_id) <= FIRST_LOAD
        assert second.extensions["rulebook"].version == NEW_VERSION
        assert _start_assessment(second) == new_id
        _wait_until_running(first, new_id)

        result = first.test_cli_runner().invoke(
            main, args=["rules", "activate", str(shipped_id), "--note", "roll back: wrong title"]
        )
        assert result.exit_code == 0, result.output
        assert _wait_until_running(second, shipped_id) <= WITHIN
        assert _start_assessment(second) == shipped_id
        with _engine_session(first) as db:
            actions = list(db.scalars(select(AuditEvent.action).where(AuditEvent.subject_type == "pack_version")))
            assert actions[-5:] == ["pack.draft", "pack.propose", "pack.approve", "pack.publish", "pack.rollback"]
            notes = list(db.scalars(select(AuditEvent.note).where(AuditEvent.action == "pack.rollback")))
            assert notes == ["roll back: wrong title"]
    finally:
        _close(first, second)


def test_a_restart_on_an_older_pack_does_not_undo_a_publication(database_url: str, tmp_path: Path) -> None:
    first = make_app(database_url, RULES_POLL_SECONDS=POLL, RULES_SINGLE_APPROVER=True)
    try:
        with _engine_session(first) as db:
            row, new = publishing.add_draft(db, publishing.files_from_path(new_version(tmp_path)), actor="a", note="")
            assert new
            publishing.approve_and_publish(db, row, actor="a", note="small team", single_approver=True)
            new_id = row.id
    finally:
        _close(first)
    # The same ASSESSOR_RULES as before: the database's active version wins.
    again = make_app(database_url, RULES_POLL_SECONDS=POLL)
    try:
        assert again.extensions["live_pack_version_id"] == new_id
        assert again.extensions["rulebook"].version == NEW_VERSION
    finally:
        _close(again)


def test_a_pack_that_fails_the_checks_is_not_stored_and_every_problem_is_named(
    database_url: str, tmp_path: Path
) -> None:
    app = make_app(database_url)
    try:
        broken = new_version(tmp_path, BROKEN_VERSION)
        pack = broken / "pack.yaml"
        pack.write_text(pack.read_text(encoding="utf-8").replace("languages: [en, es, pt, fr]", "languages: [en, xx]"))
        result = app.test_cli_runner().invoke(main, args=["rules", "publish", str(broken), "--note", "broken"])
        assert result.exit_code == 1
        assert "nothing was stored" in result.output
        assert "Traceback" not in result.output
        with _engine_session(app) as db:
            assert db.scalar(select(func.count()).select_from(PackVersion)) == 1
    finally:
        _close(app)


def test_zip_upload_is_unpacked_safely() -> None:
    def archive(entries: dict[str, bytes]) -> bytes:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as handle:
            for name, data in entries.items():
                handle.writestr(name, data)
        return buffer.getvalue()

    for name in ("../pack.yaml", "/etc/pack.yaml", "a/../../pack.yaml", "C:\\\\pack.yaml"):
        with pytest.raises(publishing.CandidateError, match="outside the pack folder"):
            publishing.files_from_zip(archive({name: b"pack: {}"}))
    with pytest.raises(publishing.CandidateError, match="not a zip"):
        publishing.files_from_zip(b"not a zip")
    many = archive({f"f{i}.yaml": b"x: 1" for i in range(publishing.MAX_ZIP_FILES + 1)})
    with pytest.raises(publishing.CandidateError, match="at most"):
        publishing.files_from_zip(many)
    big = archive({"pack.yaml": b"#" * (publishing.MAX_UNZIPPED_BYTES + 1)})
    with pytest.raises(publishing.CandidateError, match="unpacks to more than"):
        publishing.files_from_zip(big)


def test_zipped_folder_round_trips_to_the_same_content(tmp_path: Path) -> None:
    folder = new_version(tmp_path)
    files = publishing.files_from_zip(zipped(folder))
    assert (
        publishing.check_candidate(files).content_hash
        == publishing.check_candidate(publishing.files_from_path(folder)).content_hash
    )


def test_admin_page_upload_propose_approve_and_roll_back(admin_app: Flask, tmp_path: Path) -> None:
    from tests.admin.conftest import sign_in

    editor, admin = admin_app.test_client(), admin_app.test_client()
    sign_in(editor, "editor@example.org")
    sign_in(admin, "admin@example.org")
    shipped_id = admin_app.extensions["live_pack_version_id"]

    # A zip with a broken pack: the problems are shown, nothing is stored, the note is kept.
    broken = new_version(tmp_path, BROKEN_VERSION)
    (broken / "pack.yaml").write_text("pack: [", encoding="utf-8")
    page = editor.post(
        "/admin/rules/versions/upload",
        data={"note": "my careful note", "pack": (io.BytesIO(zipped(broken)), "pack.zip")},
        content_type="multipart/form-data",
    )
    assert page.status_code == 400
    body = page.get_data(as_text=True)
    assert "Nothing was stored" in body
    assert "pack.yaml" in body
    assert "my careful note" in body

    response = editor.post(
        "/admin/rules/versions/upload",
        data={"note": "new title", "pack": (io.BytesIO(zipped(new_version(tmp_path))), "pack.zip")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 302
    with _engine_session(admin_app) as db:
        row = db.scalars(select(PackVersion).where(PackVersion.version == NEW_VERSION)).one()
        new_id = row.id
        assert (row.state, row.created_by) == ("draft", "editor@example.org")
    assert editor.post(f"/admin/rules/versions/{new_id}/approve").status_code == 403
    assert editor.post(f"/admin/rules/versions/{new_id}/propose", data={"note": "please review"}).status_code == 302
    assert admin.post(f"/admin/rules/versions/{new_id}/approve", data={"note": "reviewed"}).status_code == 302
    admin.get("/admin/rules/versions")
    assert admin_app.extensions["live_pack_version_id"] == new_id
    assert NEW_VERSION in admin.get("/admin/rules/versions").get_data(as_text=True)

    assert editor.post(f"/admin/rules/versions/{shipped_id}/activate").status_code == 403
    assert admin.post(f"/admin/rules/versions/{shipped_id}/activate", data={"note": "back"}).status_code == 302
    admin.get("/admin/rules/versions")
    assert admin_app.extensions["live_pack_version_id"] == shipped_id
    with _engine_session(admin_app) as db:
        events = list(
            db.execute(select(AuditEvent.actor, AuditEvent.action).where(AuditEvent.subject_type == "pack_version"))
        )
        assert [tuple(e) for e in events][-5:] == [
            ("editor@example.org", "pack.draft"),
            ("editor@example.org", "pack.propose"),
            ("admin@example.org", "pack.approve"),
            ("admin@example.org", "pack.publish"),
            ("admin@example.org", "pack.rollback"),
        ]


def _renamed_version(folder: Path) -> Path:
    """A new version whose only change is a renamed question, declared with `renamed_from`."""
    target = new_version(folder, "9.4.0")
    for file in target.rglob("*.yaml"):
        file.write_text(re.sub(rf"\b{OLD_ID}\b", NEW_ID, file.read_text(encoding="utf-8")), encoding="utf-8")
    funding = target / "factors" / "3_funding.yaml"
    text = funding.read_text(encoding="utf-8")
    declared = text.replace(f"      - id: {NEW_ID}\n", f"      - id: {NEW_ID}\n        renamed_from: [{OLD_ID}]\n", 1)
    assert declared != text
    funding.write_text(declared, encoding="utf-8")
    return target


@pytest.mark.slow
def test_a_draft_in_progress_moves_to_the_published_version_on_its_next_save(database_url: str, tmp_path: Path) -> None:
    app = make_app(database_url, RULES_SINGLE_APPROVER=True)
    try:
        version_a = app.extensions["live_pack_version_id"]
        client = app.test_client()
        token = start(client, app)
        saved = client.post(
            url(app, "questionnaire.factor", token=token, factor_id="funding"),
            data={"shown": OLD_ID, f"q_{OLD_ID}": "partial", f"e_{OLD_ID}_text": "Budget law 2026"},
        )
        assert saved.status_code == 302
        reference = submitted(app, "Ministry of Works", "Chile", best=True)

        with _engine_session(app) as db:
            row, _new = publishing.add_draft(
                db, publishing.files_from_path(_renamed_version(tmp_path)), actor="a", note="rename"
            )
            publishing.approve_and_publish(db, row, actor="a", note="small team", single_approver=True)
            version_b = row.id
        assert _wait_until_running(app, version_b) <= FIRST_LOAD

        def pinned() -> dict[str, int]:
            with _engine_session(app) as db:
                return {a.reference: a.pack_version_id for a in db.scalars(select(Assessment))}

        in_progress = next(ref for ref in pinned() if ref != reference)
        assert pinned()[in_progress] == version_a  # nothing moves until the draft is saved again
        saved = client.post(
            url(app, "questionnaire.factor", token=token, factor_id="integrators"),
            data={"shown": "integrators_inhouse_team", "q_integrators_inhouse_team": "dedicated"},
        )
        assert saved.status_code == 302
        assert pinned() == {in_progress: version_b, reference: version_a}
        with _engine_session(app) as db:
            draft_id = db.scalars(select(Assessment.id).where(Assessment.reference == in_progress)).one()
            answers, evidence = answer_rows.as_maps(answer_rows.load_rows(db, draft_id))
            kept = db.scalars(
                select(SubmissionRecord.pack_version_id)
                .join(Assessment, Assessment.id == SubmissionRecord.assessment_id)
                .where(Assessment.reference == reference)
            ).all()
        assert answers[NEW_ID] == "partial"  # carried over the rename
        assert answers.get(OLD_ID) is None
        assert evidence[NEW_ID]["text"] == "Budget law 2026"
        assert kept == [version_a]  # the submitted one keeps the version that scored it
    finally:
        _close(app)


def test_two_reviewers_approving_at_once_publish_once(database_url: str, tmp_path: Path) -> None:
    """Real threads on the real database: the second approval sees the first's and is refused."""
    app = make_app(database_url)
    try:
        with _engine_session(app) as db:
            row, _new = publishing.add_draft(db, publishing.files_from_path(new_version(tmp_path)), actor="p", note="")
            publishing.propose(db, row, actor="proposer@example.org", note="")
            version_id = row.id
        barrier = threading.Barrier(2)
        outcomes: dict[str, str] = {}

        def approve(actor: str) -> None:
            with _engine_session(app) as db:
                version = db.get(PackVersion, version_id)
                assert version is not None
                assert version.state == "proposed"
                barrier.wait()
                try:
                    publishing.approve_and_publish(db, version, actor=actor, note="", single_approver=False)
                    outcomes[actor] = "published"
                except publishing.StepError as exc:
                    outcomes[actor] = str(exc)

        threads = [threading.Thread(target=approve, args=(f"reviewer{n}@example.org",)) for n in (1, 2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        refusal = f"version {NEW_VERSION} is published; only a proposed version can be approved"
        assert sorted(outcomes.values()) == ["published", refusal], outcomes
        with _engine_session(app) as db:
            of_version = (AuditEvent.subject_id == str(version_id), AuditEvent.action == "pack.approve")
            assert db.scalar(select(func.count()).select_from(AuditEvent).where(*of_version)) == 1
    finally:
        _close(app)
