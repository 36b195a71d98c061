"""A submitted assessment keeps its own pack version: the page, the PDF and its JSON never change.

The pack is changed after submission (weights, level thresholds, a renamed question, a new version)
and the app restarted on it; the result page, the PDF (read back) and the embedded JSON must be
what they were, and agree with each other.
"""

from __future__ import annotations

import difflib
import io
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from click.testing import CliRunner
from pypdf import PdfReader
from sqlalchemy import create_engine, text

from assessor.cli import main
from assessor.loading.packfiles import load_pack_with_files
from assessor.records.packs import PackVersionClashError
from assessor.report import read_report_data
from tests.conftest import SHIPPED_PACK
from tests.helpers.questionnaire import answer_everything, start
from tests.helpers.shipped import SHIPPED_VERSION
from tests.records.helpers import NEW_ID, OLD_ID, app_on, changed_pack, mixed_answer
from tests.web.pages import get_page, url


def _pdf_text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def _main(page: BeautifulSoup) -> str:
    main = page.select_one("main")
    assert main is not None
    for token in main.select("input[name=csrf_token]"):
        token.decompose()  # a fresh one per session: not part of the result
    offer = main.select_one("#rescore-title")
    if offer is not None:
        offer.find_parent("section").decompose()  # the offer to rescore on the pack the server runs now
    return "\n".join(line for line in str(main).splitlines() if line.strip())


@pytest.mark.slow  # two whole reports rendered
def test_page_pdf_and_json_survive_a_pack_change(database_url: str, tmp_path: Path) -> None:
    with app_on(database_url, SHIPPED_PACK, tmp_path / "one") as app:
        book = app.extensions["rulebook"]
        client = app.test_client()
        token = start(client, app)
        answer_everything(client, app, book, token, mixed_answer)
        assert client.post(url(app, "questionnaire.submit", token=token)).status_code == 302
        before_page = get_page(client, url(app, "questionnaire.result", token=token))
        before_pdf = client.get(url(app, "questionnaire.report_pdf", token=token), follow_redirects=True).data

    # Stored PDFs pruned (as the retention job does, ledger rows with them): the next app renders afresh.
    engine = create_engine(database_url)
    with engine.begin() as connection:
        connection.execute(text("DELETE FROM stored_pdf"))
        connection.execute(text("DELETE FROM report_job"))
    engine.dispose()
    new_rules = changed_pack(tmp_path)
    with app_on(database_url, new_rules, tmp_path / "two") as app:
        new_book = app.extensions["rulebook"]
        assert new_book.version == "9.0.0"
        assert NEW_ID in new_book.questions
        client = app.test_client()
        after_page = get_page(client, url(app, "questionnaire.result", token=token))
        after_pdf = client.get(url(app, "questionnaire.report_pdf", token=token), follow_redirects=True).data
        # Rendered afresh: this app's instance folder (its stored PDFs) is new.

    assert after_page.select_one("form[action$='/rescore']") is not None  # offered (and set aside just below)
    before_main, after_main = _main(before_page), _main(after_page)
    diff = difflib.unified_diff(before_main.splitlines(), after_main.splitlines(), lineterm="", n=1)
    assert after_main == before_main, "\n".join(diff)
    footer = after_page.select_one("footer").get_text(" ", strip=True)
    assert f"version {SHIPPED_VERSION}" in footer
    assert "9.0.0" not in after_page.get_text()  # the offer to rescore names no version
    assert _pdf_text(after_pdf) == _pdf_text(before_pdf)
    before_json, after_json = read_report_data(before_pdf), read_report_data(after_pdf)
    assert after_json == before_json
    # And they agree with each other and with the version that scored them.
    assert after_json["rules"]["version"] == SHIPPED_VERSION
    assert OLD_ID in after_json["answers"]  # the renamed question's answer, under the id it was given to
    level_title = after_page.select_one(".headline-level").get_text(strip=True)
    assert level_title in _pdf_text(after_pdf)
    overall = after_json["result"]["overall"]
    assert overall["level_title"] == level_title
    assert f"{overall['score']:g}" in after_page.select_one(".headline").get_text()
    print(  # noqa: T201 - the integrator quotes this result
        f"\npack-change test: level {overall['level']} score {overall['score']} on {SHIPPED_VERSION} before and after "
        "the pack moved to 9.0.0; page, PDF text and JSON identical"
    )


def test_a_pack_whose_content_changed_without_a_new_version_is_refused(database_url: str, tmp_path: Path) -> None:
    with app_on(database_url, SHIPPED_PACK, tmp_path / "one"):
        pass
    same_version = changed_pack(tmp_path, bump=False)
    with pytest.raises(PackVersionClashError, match="the pack's version must change when its content does"):
        with app_on(database_url, same_version, tmp_path / "two"):
            pass
    # The command line says it in one message, no traceback.
    env = {
        "DATABASE_URL": database_url,
        "ASSESSOR_SECRET_KEY": "t",
        "ASSESSOR_RULES": str(same_version),
        "ASSESSOR_INSTANCE": str(tmp_path / "cli"),
    }
    run = CliRunner().invoke(main, ["db", "upgrade"], env=env)
    assert run.exit_code != 0
    assert "the pack's version must change when its content does" in run.output
    assert "Traceback" not in run.output


def test_a_pack_is_stored_once_by_its_hash(database_url: str, tmp_path: Path) -> None:
    from sqlalchemy import create_engine, text

    for name in ("one", "two"):
        with app_on(database_url, SHIPPED_PACK, tmp_path / name):
            pass
    book, files = load_pack_with_files(SHIPPED_PACK)
    engine = create_engine(database_url)
    with engine.connect() as connection:
        rows = connection.execute(text("SELECT pack_id, version, content_hash FROM pack_version")).all()
    engine.dispose()
    assert [tuple(r) for r in rows] == [(book.id, book.version, book.content_hash)]
    assert "pack.yaml" in files
