"""Storage per submitted assessment: the typed record, the answer rows and their history.

Submits N assessments (random answers with evidence on the shipped pack, each page saved once as
the questionnaire does) through the same storage functions the app uses, then prints the bytes of
the submission record JSON per assessment, and the database's own size per assessment (SQLite:
file size after VACUUM; PostgreSQL: pg_total_relation_size of the tables) as MiB per 1,000.
The record before issue 10 stored the result in four languages: about 149 kB per assessment.
Run: .venv/bin/python bench/record_size_bench.py [--n 100] [--database-url postgresql+psycopg://...]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
from pathlib import Path

from sqlalchemy import text

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from assessor.records import live
from assessor.records.service import record_maker
from assessor.storage import assessments as store
from assessor.storage.db import session, upgrade
from assessor.web import create_app
from bench.score_bench import random_answers

TABLES = ("assessment", "answer", "answer_change", "submission_record", "pack_version")


def database_bytes(url: str) -> int:
    """What the tables take on disk now."""
    db = session()
    if url.startswith("sqlite"):
        db.commit()
        path = Path(url.removeprefix("sqlite:///"))
        raw = db.connection().connection.dbapi_connection
        raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        db.commit()
        raw.execute("VACUUM")
        return path.stat().st_size
    total = 0
    for table in TABLES:
        total += int(db.execute(text(f"SELECT pg_total_relation_size('{table}')")).scalar_one())
    return total


def main() -> None:
    """Submit N assessments and print the storage they take."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=100)
    parser.add_argument("--database-url", default="")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = args.database_url or f"sqlite:///{Path(tmp) / 'bench.sqlite3'}"
        app = create_app({"DATABASE_URL": url, "SECRET_KEY": "bench", "TESTING": True})
        if url.startswith("postgresql"):
            with app.app_context():
                db = session()
                db.execute(text("DROP SCHEMA public CASCADE"))
                db.execute(text("CREATE SCHEMA public"))
                db.commit()
        upgrade(app)
        book = app.extensions["rulebook"]
        rng = random.Random(10)
        record_bytes = 0
        with app.app_context():
            db = session()
            empty = database_bytes(url)
            version_id = live.live_pack_version_id(db)
            for i in range(args.n):
                assessment, _token = store.create(
                    db, version_id, organisation=f"Ministry {i}", country="Peru", role=None, language="es"
                )
                answers = random_answers(book, rng)
                for factor in book.factors:
                    page = {q.id: answers.get(q.id) for q in factor.questions}
                    evidence = {
                        q.id: {"text": "Decreto 12/2025, art. 4", "link": ""} for q in factor.questions if q.evidence
                    }
                    store.save_page(
                        db, assessment, book, page, evidence, pack_version_id=version_id, changed_by="bench"
                    )
                maker = record_maker(db, live.pack_cache(), book, "es")
                row = store.submit(db, assessment, book, version_id, maker)
                record_bytes += len(json.dumps(row.data, ensure_ascii=False, separators=(",", ":")).encode())
            used = database_bytes(url) - empty
        app.extensions["report_jobs"].huey.storage.close()
        app.extensions["db_engine"].dispose()
    backend = "PostgreSQL" if url.startswith("postgresql") else "SQLite"
    print(f"{args.n} submitted assessments on {backend}")
    print(f"submission record JSON: {record_bytes / args.n / 1000:.1f} kB per assessment")
    per = used / args.n
    print(
        f"database ({', '.join(TABLES)}): {per / 1000:.1f} kB per assessment, "
        f"{per * 1000 / 2**20:.1f} MiB per 1,000 (was about 149 kB per assessment: 147 MiB per 1,000 on SQLite)"
    )


if __name__ == "__main__":
    main()
