"""The result page's HTML for the shipped examples, in each language, to compare before and after a change.

A change meant to make the page faster should leave its HTML alone, byte for byte. This prints
the page of each example in examples/ submitted in each interface language, fetched three times
(the first builds the cached content, the others read it), with what differs between runs (the
resume token, the reference, CSRF tokens) replaced by placeholders. It is not a test.
Run (PYTHONPATH at the checkout being measured):
    .venv/bin/python bench/result_page_html.py > before.html; ...change...; ... > after.html; cmp before.html after.html
"""

from __future__ import annotations

import os
import re
import sys
import tempfile
from pathlib import Path

from flask import url_for

from assessor.core.answers import checked_answers
from assessor.loading.answersfile import read_answers_file
from assessor.records.live import live_pack_version_id, pack_cache
from assessor.records.service import record_maker
from assessor.storage import assessments as store
from assessor.storage.db import session as db_session
from assessor.storage.db import upgrade
from assessor.web import create_app

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = ("en", "es")


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        os.environ["ASSESSOR_INSTANCE"] = str(Path(folder) / "instance")
        app = create_app(
            {"DATABASE_URL": f"sqlite:///{folder}/pages.sqlite3", "SECRET_KEY": "pages", "RATELIMIT_ENABLED": False}
        )
        upgrade(app)
        book = app.extensions["rulebook"]
        client = app.test_client()
        for example in sorted((ROOT / "examples").glob("answers*.json")):
            data = read_answers_file(example)
            answers = checked_answers(book, data.answers, data.evidence)
            for language in LANGUAGES:
                with app.test_request_context():
                    db = db_session()
                    version = live_pack_version_id(db)
                    assessment, token = store.create(
                        db,
                        version,
                        organisation=data.organisation or "",
                        country=data.country or "",
                        role=None,
                        language=language,
                        answers=dict(answers.values),
                        evidence={},
                    )
                    store.submit(db, assessment, book, version, record_maker(db, pack_cache(), book, language))
                    reference = assessment.reference
                    path = url_for("questionnaire.result", token=token)
                for _ in range(3):
                    page = client.get(path).get_data(as_text=True)
                    page = page.replace(token, "TOKEN").replace(reference, "REFERENCE")
                    page = re.sub(r'name="csrf_token" value="[^"]*"', 'name="csrf_token" value="CSRF"', page)
                    sys.stdout.write(f"===== {example.name} {language}\n{page}")
        app.extensions["db_engine"].dispose()


if __name__ == "__main__":
    main()
