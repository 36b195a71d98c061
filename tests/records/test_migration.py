"""Migration 0002 on a database made at revision 0001 with data in it: nothing lost, old records render."""

from __future__ import annotations

import io
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from sqlalchemy import create_engine, text

from assessor.core.answers import validate_answers
from assessor.core.explain import result_to_dict
from assessor.core.scoring import score
from assessor.report import read_report_data
from assessor.storage.assessments import hash_token
from assessor.storage.db import downgrade, upgrade
from tests.answers import worst_answer
from tests.conftest import POSTGRES_URL, SHIPPED_PACK
from tests.records.helpers import app_on
from tests.web.pages import get_page, url

LANGUAGES = ("en", "es", "pt", "fr")


def _insert_0001(engine: Any, book: Any) -> dict[str, Any]:
    """Two assessments as revision 0001 stored them: a draft, and a submitted one with its result blob."""
    answers = {qid: worst_answer(q) for qid, q in book.questions.items()}
    answers["integrators_local_firms"] = 3
    evidence = {"funding_om_budget": {"text": "Budget law 2026, line 14", "link": "https://example.org/b"}}
    validated, problems = validate_answers(book, answers, evidence)
    result = score(book, validated)
    blob = {"by_language": {lang: result_to_dict(book, result, lang) for lang in LANGUAGES}}
    now = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)
    rows = [
        ("A-DRAFT2", "draft-token", "draft", {"funding_om_budget": "partial"}, {}, None, None),
        ("A-SUBMT2", "submitted-token", "submitted", answers, evidence, blob, now),
    ]
    with engine.begin() as connection:
        for reference, token, status, given, cited, stored, submitted_at in rows:
            connection.execute(
                text(
                    "INSERT INTO assessment (reference, token_hash, organisation, country, role, language, status, "
                    "answers, evidence, rules_id, rules_version, rules_hash, result, created_at, updated_at, "
                    "submitted_at) VALUES (:reference, :token_hash, 'Ministry', 'Chile', NULL, 'en', :status, "
                    ":answers, :evidence, :rid, :rversion, :rhash, :result, :now, :now, :submitted_at)"
                ),
                {
                    "reference": reference,
                    "token_hash": hash_token(token),
                    "status": status,
                    "answers": json.dumps(given),
                    "evidence": json.dumps(cited),
                    "rid": book.id,
                    "rversion": book.version,
                    "rhash": book.content_hash,
                    "result": json.dumps(stored) if stored is not None else None,
                    "now": now,
                    "submitted_at": submitted_at,
                },
            )
    return {"answers": answers, "evidence": evidence, "blob": blob, "problems": problems}


def _json(value: Any) -> Any:
    # Raw SQL reads JSON back as text from SQLite, as Python values from PostgreSQL.
    return json.loads(value) if isinstance(value, str) and not POSTGRES_URL else value


@pytest.mark.slow  # a whole report rendered from the migrated record
def test_0002_moves_answers_into_rows_and_results_into_records(database_url: str, tmp_path: Path) -> None:
    with app_on(database_url, SHIPPED_PACK, tmp_path / "app") as app:
        book = app.extensions["rulebook"]
        downgrade(app, "base")
        upgrade(app, "0001")
        engine = create_engine(database_url)
        old = _insert_0001(engine, book)
        upgrade(app)  # to head: 0002, then the app's pack is stored (its files fill the migrated version)

        with engine.connect() as connection:
            rows = connection.execute(
                text(
                    "SELECT a.reference, r.question_id, r.value, r.evidence, r.version FROM answer r "
                    "JOIN assessment a ON a.id = r.assessment_id ORDER BY a.reference, r.question_id"
                )
            ).all()
            history = connection.execute(text("SELECT count(*), min(note) FROM answer_change")).one()
            records = connection.execute(text("SELECT kind, schema_version, data FROM submission_record")).all()
            packs = connection.execute(text("SELECT version, content_hash, files FROM pack_version")).all()
        engine.dispose()
        submitted = {r.question_id: (_json(r.value), _json(r.evidence)) for r in rows if r.reference == "A-SUBMT2"}
        assert {qid: value for qid, (value, _e) in submitted.items() if value is not None} == old["answers"]
        assert {qid: e for qid, (_v, e) in submitted.items() if e} == old["evidence"]
        assert [(r.question_id, _json(r.value)) for r in rows if r.reference == "A-DRAFT2"] == [
            ("funding_om_budget", "partial")
        ]
        assert history[0] == len(rows)
        assert history[1] == "migrated"
        assert [(r.kind, r.schema_version) for r in records] == [("original", 1)]
        assert _json(records[0].data) == old["blob"]
        assert [p.content_hash for p in packs] == [book.content_hash]
        assert _json(packs[0].files)

        # The old record renders: page and PDF from the schema 1 record, upgraded when read.
        client = app.test_client()
        page = get_page(client, url(app, "questionnaire.result", token="submitted-token"))
        legacy = old["blob"]["by_language"]["en"]
        assert page.select_one(".headline-level").get_text(strip=True) == legacy["overall"]["level_title"]
        pdf = client.get(url(app, "questionnaire.report_pdf", token="submitted-token"), follow_redirects=True).data
        data = read_report_data(pdf)
        assert data["result"]["overall"] == legacy["overall"]
        assert [f["score"] for f in data["result"]["factors"]] == [f["score"] for f in legacy["factors"]]
        assert [r["id"] for r in data["result"]["recommendations"]] == [r["id"] for r in legacy["recommendations"]]
        assert data["evidence"] == old["evidence"]
        pdf_text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
        assert "Budget law 2026, line 14" in pdf_text
        # The answers' history (here: their move into rows) is in the appendix and the JSON.
        assert "History of the answers" in pdf_text
        assert {h["changed_by"] for h in data["history"]} == {"migrated"}
        assert len(data["history"]) == len(submitted)
        # The draft carries on from its rows.
        check = get_page(client, url(app, "questionnaire.check", token="draft-token"))
        assert book.questions["funding_om_budget"].options[1].label.get("en") in check.get_text()

        # And back down: the JSON columns come back with the same answers.
        downgrade(app, "0001")
        engine = create_engine(database_url)
        with engine.connect() as connection:
            back = connection.execute(
                text("SELECT answers, evidence, result FROM assessment WHERE reference = 'A-SUBMT2'")
            ).one()
        engine.dispose()
        assert _json(back.answers) == old["answers"]
        assert _json(back.evidence) == old["evidence"]
        assert _json(back.result) == old["blob"]
        upgrade(app)
