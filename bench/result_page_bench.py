"""Result page benchmark: the time of a GET of the result page against a factor page, in one run.

The result page is the shipped Spanish example (examples/answers-es.json) submitted on the shipped
pack; both pages are fetched through Flask's test client (no network), warm, alternately. Issue 11
asks for the result page under 5 ms. It is not a test.
Run: .venv/bin/python bench/result_page_bench.py [--n 200]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
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
EXAMPLE = ROOT / "examples" / "answers-es.json"
TARGET_MS = 5.0


def stored_example(app: object, submit: bool, example: Path = EXAMPLE, language: str = "es") -> tuple[str, str]:
    """An example's answers stored (and submitted, as the questionnaire does, when `submit`) in
    `language`; its token and its reference."""
    book = app.extensions["rulebook"]  # type: ignore[attr-defined]
    data = read_answers_file(example)
    answers = checked_answers(book, data.answers, data.evidence)
    with app.test_request_context():  # type: ignore[attr-defined]
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
        if submit:
            store.submit(db, assessment, book, version, record_maker(db, pack_cache(), book, language))
        return token, assessment.reference


def median_ms(client: object, path: str, n: int) -> tuple[float, float]:
    times = []
    for _ in range(n):
        started = time.perf_counter()
        response = client.get(path)  # type: ignore[attr-defined]
        times.append(time.perf_counter() - started)
        assert response.status_code == 200, (path, response.status_code)
    return statistics.median(times) * 1000, statistics.quantiles(times, n=10)[-1] * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=200, help="GETs of each page (default 200)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        os.environ["ASSESSOR_INSTANCE"] = str(Path(folder) / "instance")
        app = create_app(
            {"DATABASE_URL": f"sqlite:///{folder}/bench.sqlite3", "SECRET_KEY": "bench", "RATELIMIT_ENABLED": False}
        )
        upgrade(app)
        # The factor page of an assessment in progress (a submitted one redirects to its result).
        factor_id = app.extensions["rulebook"].factors[0].id
        with app.test_request_context():
            result_path = url_for("questionnaire.result", token=stored_example(app, submit=True)[0])
            factor_path = url_for(
                "questionnaire.factor", token=stored_example(app, submit=False)[0], factor_id=factor_id
            )
        client = app.test_client()
        for path in (result_path, factor_path):
            for _ in range(5):
                client.get(path)
        result = median_ms(client, result_path, args.n)
        factor = median_ms(client, factor_path, args.n)
        print(f"result page benchmark, Python {sys.version.split()[0]}, N={args.n}")
        print(f"result page GET    median {result[0]:7.2f} ms   p90 {result[1]:7.2f} ms   target < {TARGET_MS} ms")
        print(f"factor page GET    median {factor[0]:7.2f} ms   p90 {factor[1]:7.2f} ms")
        # On a busy machine both slow down alike: the ratio says more than either figure alone.
        print(f"  ratio result / factor page {result[0] / factor[0]:6.2f}")
        app.extensions["db_engine"].dispose()


if __name__ == "__main__":
    main()
