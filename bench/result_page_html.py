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
from result_page_bench import stored_example  # run as a script: bench/ is on the path

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
        client = app.test_client()
        for example in sorted((ROOT / "examples").glob("answers*.json")):
            for language in LANGUAGES:
                token, reference = stored_example(app, submit=True, example=example, language=language)
                with app.test_request_context():
                    path = url_for("questionnaire.result", token=token)
                for _ in range(3):
                    page = client.get(path).get_data(as_text=True)
                    page = page.replace(token, "TOKEN").replace(reference, "REFERENCE")
                    page = re.sub(r'name="csrf_token" value="[^"]*"', 'name="csrf_token" value="CSRF"', page)
                    sys.stdout.write(f"===== {example.name} {language}\n{page}")
        app.extensions["db_engine"].dispose()


if __name__ == "__main__":
    main()
