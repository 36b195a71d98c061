"""Impact preview speed: 10,000 stored submitted assessments scored on a changed pack; prints the time.

One assessment is submitted through the real app; its assessment and original record rows are then
copied in bulk (one INSERT ... executemany each) to make the rest. Target: under 5 s.

Loading a pack from YAML takes seconds and happens once per process and version (the app keeps the
packs it has loaded), so it is timed apart: the draft, and the stored version the assessments were
scored with, are loaded first; then the preview of every assessment is timed, wall clock and CPU
(the CPU figure is the one to compare on a shared, busy machine).

    .venv/bin/python bench/impact_bench.py [COUNT]
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assessor.loading.rulepack import load_rulebook  # noqa: E402
from assessor.records.impact import preview  # noqa: E402
from assessor.records.packs import PackCache, pack_version  # noqa: E402
from assessor.storage.models import Assessment, SubmissionRecord  # noqa: E402
from tests.admin.conftest import make_app  # noqa: E402
from tests.helpers.questionnaire import answer_everything, start  # noqa: E402
from tests.records.helpers import changed_pack, mixed_answer  # noqa: E402
from tests.web.pages import url  # noqa: E402


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    tmp = Path(tempfile.mkdtemp(prefix="impact-bench-"))
    try:
        app = make_app(f"sqlite:///{tmp / 'bench.sqlite3'}", JOBS_IMMEDIATE=True)
        client = app.test_client()
        token = start(client, app)
        answer_everything(client, app, app.extensions["rulebook"], token, mixed_answer)
        client.post(url(app, "questionnaire.submit", token=token))
        engine = app.extensions["db_engine"]
        started = time.perf_counter()
        with Session(engine) as db:
            one = db.scalars(select(Assessment)).one()
            record = db.scalars(select(SubmissionRecord)).one()
            columns = ("organisation", "country", "role", "language", "status", "pack_version_id", "submitted_at")
            base = {c: getattr(one, c) for c in columns}
            countries = ("Chile", "Peru", "Brazil", "Mexico")
            db.execute(
                insert(Assessment),
                [
                    {**base, "country": countries[i % 4], "reference": f"B-{i:07d}", "token_hash": f"{i:064d}"}
                    for i in range(count - 1)
                ],
            )
            ids = list(db.scalars(select(Assessment.id).where(Assessment.id != one.id).order_by(Assessment.id)))
            fields = ("pack_version_id", "kind", "schema_version", "data")
            template = {c: getattr(record, c) for c in fields}
            stored_version_id = record.pack_version_id
            db.execute(insert(SubmissionRecord), [{**template, "assessment_id": i} for i in ids])
            db.commit()
        print(f"inserted {count} submitted assessments in {time.perf_counter() - started:.1f} s")
        started = time.perf_counter()
        draft = load_rulebook(changed_pack(tmp))
        print(f"draft pack loaded from YAML in {time.perf_counter() - started:.2f} s (once per process)")
        with app.app_context(), Session(engine) as db:
            cache = PackCache()
            started = time.perf_counter()
            cache.book(pack_version(db, stored_version_id))
            print(f"stored version loaded from its files in {time.perf_counter() - started:.2f} s (once per process)")
            started, cpu = time.perf_counter(), time.process_time()
            if os.environ.get("IMPACT_PROFILE"):
                import cProfile

                cProfile.runctx("preview(db, cache, draft)", globals(), locals(), os.environ["IMPACT_PROFILE"])
            impact = preview(db, cache, draft)
            elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
        changed = impact.level_changes
        print(
            f"impact preview of {len(impact.items)} assessments: {elapsed:.2f} s wall, {cpu:.2f} s CPU "
            f"({changed} change level)"
        )
        engine.dispose()
        app.extensions["report_jobs"].huey.storage.close()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
