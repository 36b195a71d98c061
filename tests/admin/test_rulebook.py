"""The rule book as a page and a PDF, and the diff of two versions as a page, text and JSON."""

from __future__ import annotations

import io
import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from pypdf import PdfReader

from assessor.admin.book import weight_shares
from assessor.cli import main
from assessor.core.rulebook import RuleBook
from tests.admin.conftest import add_user, make_app, sign_in
from tests.admin.edited_pack import edited_copy
from tests.helpers.shipped import EDITED_VERSION, SHIPPED_VERSION
from tests.web.pages import get_page


def test_the_book_page_shows_every_part_of_the_pack(
    signed_in: Callable[[str], FlaskClient], shipped_book: RuleBook
) -> None:
    page = get_page(signed_in("viewer"), "/admin/rules/")
    text = page.get_text(" ", strip=True)
    for factor in shipped_book.factors:
        assert factor.title.get("en") in text
        for question in factor.questions:
            assert page.find(id=f"q-{question.id}") is not None
    for rec in shipped_book.recommendations:
        assert page.find(id=f"rec-{rec.id}") is not None
    for gap in shipped_book.critical_gaps:
        assert page.find(id=f"gap-{gap.id}") is not None
    for level in shipped_book.levels:
        assert level.title.get("en") in text
    assert "the answer to 3.1 is “Yes” or “Partly”" in text  # 3.2 is shown only then
    shown = [float(row.find_all("td")[1].get_text()) for row in page.select("#weights-title ~ table tbody tr")]
    assert sum(shown) == pytest.approx(100, abs=0.5)


def test_weights_are_shares_of_100(shipped_book: RuleBook) -> None:
    shares = weight_shares(shipped_book)
    assert sum(shares.values()) == pytest.approx(100)
    assert shares["funding"] == pytest.approx(16)


def test_the_book_page_speaks_the_chosen_language(signed_in: Callable[[str], FlaskClient]) -> None:
    client = signed_in("viewer")
    client.post("/language", data={"lang": "es", "next": "/admin/rules/"})
    text = get_page(client, "/admin/rules/").get_text(" ", strip=True)
    assert "Libro de reglas" in text
    assert "la respuesta a 3.1 es «Sí» o «En parte»" in text  # Spanish quotes as everywhere else


@pytest.fixture
def queued_admin(database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Flask]:
    """The admin app with a real queue (SQLite, in its own instance folder) that the test drains itself."""
    from tests.conftest import MINIMAL_PACK

    monkeypatch.setenv("ASSESSOR_INSTANCE", str(tmp_path / "instance"))
    application = make_app(database_url, ADMIN_RULE_PACKS=[str(MINIMAL_PACK)], JOBS_QUEUE_NAME="rule-books")
    add_user(application, "viewer@example.org", "viewer")
    yield application
    application.extensions["report_jobs"].huey.storage.close()
    application.extensions["db_engine"].dispose()


def _run_the_jobs(application: Flask) -> int:
    """What `assessor worker` does, here and now: run every job waiting in the queue."""
    huey = application.extensions["report_jobs"].huey
    ran = 0
    while (task := huey.dequeue()) is not None:
        huey.execute(task)
        ran += 1
    return ran


def _pdf_text(pdf: bytes) -> tuple[str, int]:
    reader = PdfReader(io.BytesIO(pdf))
    return " ".join(page.extract_text() for page in reader.pages), len(reader.pages)


@pytest.mark.slow  # the shipped pack's whole book rendered
def test_the_book_pdf_is_made_by_a_job_never_in_the_request(queued_admin: Flask) -> None:
    client = queued_admin.test_client()
    sign_in(client, "viewer@example.org")
    huey = queued_admin.extensions["report_jobs"].huey
    first = client.get("/admin/rules/book.pdf")
    assert first.status_code == 303
    assert first.headers["Location"].endswith("/admin/rules/book/status?pack=live")
    assert huey.pending_count() == 1  # asked for, not rendered
    page = client.get(first.headers["Location"])
    assert page.status_code == 202
    assert int(page.headers["Retry-After"]) >= 1
    check = get_page(client, first.headers["Location"], status=202).find("a", string="Check again")
    assert check is not None
    assert check["href"] == "/admin/rules/book/status?pack=live"
    assert client.get("/admin/rules/book.pdf").status_code == 303
    assert huey.pending_count() == 1  # asked again: still one job

    assert _run_the_jobs(queued_admin) == 1
    ready = client.get("/admin/rules/book/status?pack=live")
    assert ready.status_code == 303
    response = client.get(ready.headers["Location"])
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    assert response.headers["Cache-Control"] == "no-store"  # like every admin page
    text, pages = _pdf_text(response.data)
    assert "Predictable funding" in text
    assert "Critical gaps" in text
    assert pages > 10
    assert client.get("/admin/rules/book.pdf").data == response.data  # stored: served again, not re-rendered
    assert huey.pending_count() == 0


def test_each_pack_version_and_language_gets_its_own_book(queued_admin: Flask) -> None:
    client = queued_admin.test_client()
    sign_in(client, "viewer@example.org")
    client.post("/language", data={"lang": "es", "next": "/admin/rules/"})
    assert client.get("/admin/rules/book.pdf?pack=pack-0").status_code == 303
    assert _run_the_jobs(queued_admin) == 1  # the worker finds the pack the job names (ADMIN_RULE_PACKS)
    response = client.get("/admin/rules/book.pdf?pack=pack-0")
    assert response.status_code == 200
    assert "rulebook-minimal-1.0-es.pdf" in response.headers["Content-Disposition"]
    text, _pages = _pdf_text(response.data)
    assert "Libro de reglas" in text
    assert "Paquete mínimo" in text
    client.post("/language", data={"lang": "en", "next": "/admin/rules/"})
    assert client.get("/admin/rules/book.pdf?pack=pack-0").status_code == 303  # English: another book


def test_rules_book_cli_writes_the_pdf_in_the_language_asked(admin_app: Flask, tmp_path: Path) -> None:
    # The minimal pack's short book: the shipped pack's is read in the job test above.
    from tests.conftest import MINIMAL_PACK

    out = tmp_path / "book.pdf"
    result = admin_app.test_cli_runner().invoke(
        main, args=["rules", "book", str(MINIMAL_PACK), "--lang", "es", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    text = " ".join(page.extract_text() for page in PdfReader(out).pages)
    assert "Libro de reglas" in text
    assert "Brechas críticas" in text
    assert "Paquete mínimo" in text  # the pack's own Spanish title


def test_rules_book_cli_reports_a_bad_pack_without_a_traceback(admin_app: Flask, tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("pack: [\n", encoding="utf-8")
    result = admin_app.test_cli_runner().invoke(
        main, args=["rules", "book", str(broken), "-o", str(tmp_path / "x.pdf")]
    )
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert not (tmp_path / "x.pdf").exists()


def test_rules_diff_cli_lists_each_kind_of_change(admin_app: Flask, tmp_path: Path) -> None:
    from tests.conftest import SHIPPED_PACK

    edited = edited_copy(tmp_path)
    result = admin_app.test_cli_runner().invoke(main, args=["rules", "diff", str(SHIPPED_PACK), str(edited), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["old"]["version"] == SHIPPED_VERSION
    assert data["new"]["version"] == EDITED_VERSION
    changes = {(c["kind"], c["id"]): c for c in data["changes"]}
    funding = {f["field"]: f for f in changes[("factor", "funding")]["fields"]}
    assert (funding["weight"]["old"], funding["weight"]["new"], funding["weight"]["category"]) == (16, 21, "repointed")
    assert funding["share"]["new"] == pytest.approx(21.0)
    band = changes[("band", "funding_om_years@3")]["fields"][0]
    assert (band["old"], band["new"], band["category"]) == (2, 3, "repointed")
    condition = changes[("recommendation", "funding_multiyear")]["fields"][0]
    assert condition["category"] == "repointed"
    assert condition["new_words"]["parts"][1]["text"] == "the answer to 3.2 is less than 2 years"
    title = changes[("recommendation", "funding_secure_om_line")]["fields"][0]
    assert (title["field"], title["language"], title["category"]) == ("title", "en", "reworded")
    assert data["summary"] == {"added": 0, "removed": 0, "changed": len(data["changes"])}

    text = admin_app.test_cli_runner().invoke(
        main, args=["rules", "diff", str(SHIPPED_PACK), str(edited), "--lang", "es"]
    )
    assert text.exit_code == 0
    assert "la respuesta a 3.2 es menor que 2 años" in text.output
    assert "Puntos o reglas cambiados, peso: 16 → 21" in text.output


def test_added_and_removed_things_are_listed(admin_app: Flask, tmp_path: Path) -> None:
    from tests.conftest import MINIMAL_PACK, SHIPPED_PACK

    result = admin_app.test_cli_runner().invoke(
        main, args=["rules", "diff", str(MINIMAL_PACK), str(SHIPPED_PACK), "--json"]
    )
    data = json.loads(result.output)
    assert data["summary"]["added"] > 40
    assert data["summary"]["removed"] > 0
    assert {c["status"] for c in data["changes"]} >= {"added", "removed"}


def test_the_diff_page_compares_two_versions(database_url: str, tmp_path: Path) -> None:
    edited = edited_copy(tmp_path)
    app = make_app(database_url, ADMIN_RULE_PACKS=[str(edited)])
    add_user(app, "v@example.org", "viewer")
    client = app.test_client()
    sign_in(client, "v@example.org")
    page = get_page(client, "/admin/rules/diff?old=live&new=pack-0")
    text = page.get_text(" ", strip=True)
    assert f"From oss_readiness {SHIPPED_VERSION} to oss_readiness {EDITED_VERSION}" in text
    assert "the answer to 3.2 is less than 2 years" in text
    assert page.select("li.diff-changed")
    assert page.find("ins") is not None
    assert get_page(client, "/admin/rules/?pack=pack-0").find(string=lambda s: EDITED_VERSION in s) is not None
    assert client.get("/admin/rules/diff?old=live&new=nope").status_code == 404
    app.extensions["report_jobs"].huey.storage.close()
    app.extensions["db_engine"].dispose()
