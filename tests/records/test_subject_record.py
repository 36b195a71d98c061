"""The subject goes into the submission record; records made before it existed still read, from the assessment."""

from __future__ import annotations

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from assessor.records.model import SubmissionRecord as RecordModel
from assessor.storage.db import session as db_session
from assessor.storage.models import Assessment, SubmissionRecord
from tests.web.pages import get_page, token_from, url


def _system_shown(client: FlaskClient, app: Flask, token: str) -> str:
    page = get_page(client, url(app, "questionnaire.result", token=token))
    return page.select_one("#subject-system").get_text(strip=True)


def test_the_record_keeps_the_subject_and_an_older_record_reads_the_assessments(
    app: Flask, client: FlaskClient
) -> None:
    data = {
        "organisation": "Prefeitura de Recife",
        "country": "Brasil",
        "language": "pt",
        "system_name": "Conecta Recife",
        "government_level": "local",
        "sector": "social_protection",
    }
    token = token_from(client.post(url(app, "pages.start"), data=data).headers["Location"])
    client.post(url(app, "questionnaire.submit", token=token), data={"confirm": "yes"})
    with app.app_context():
        db = db_session()
        row = db.scalars(select(SubmissionRecord)).one()
        assert row.data["subject"] == {
            "system": "Conecta Recife",
            "government_level": "local",
            "sector": "social_protection",
        }
        assert row.schema_version == 2
        # The record, not the row, is what the result shows: a later change to the row does not alter it.
        db.execute(Assessment.__table__.update().values(system_name="Renamed"))
        db.commit()
    assert _system_shown(client, app, token) == "Conecta Recife"

    with app.app_context():
        db = db_session()
        row = db.scalars(select(SubmissionRecord)).one()
        older = {key: value for key, value in row.data.items() if key != "subject"}
        assert RecordModel.model_validate(older).subject is None
        row.data = older  # as stored before records kept the subject
        db.commit()
    # A stored record never changes in a running app, so its page is cached: start afresh, as a restart would.
    app.extensions.pop("result_contents", None)
    assert _system_shown(client, app, token) == "Renamed"

    # Next year's assessment starts from this one, subject included.
    copied = client.post(url(app, "questionnaire.copy", token=token))
    new_token = token_from(copied.headers["Location"])
    check = get_page(client, url(app, "questionnaire.check", token=new_token))
    assert check.select_one("#subject-system").get_text(strip=True) == "Renamed"
    assert check.select_one("#subject-sector").get_text(strip=True) == "Proteção social"
