"""The PDF stores a deployment can use, chosen by configuration: files on one host, a table for several.

`REPORT_STORE` = "directory" keeps PDFs as private files in the instance folder (DirectoryPDFStore);
"database" keeps them in the `stored_pdf` table, so every app server behind a load balancer reads
what any worker wrote. Unset: "database" when DATABASE_URL is PostgreSQL, else "directory".
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, delete, select
from sqlalchemy.dialects import postgresql, sqlite

from assessor.jobs.ledger import now
from assessor.jobs.models import BLANK, BOOK, REPORT, StoredPDF
from assessor.report.cache import DirectoryPDFStore, PDFStore

STORE_KINDS = ("directory", "database")


class DatabasePDFStore:
    """PDFs in the app database's `stored_pdf` table, one namespace per `kind` (reports, blank forms)."""

    def __init__(self, engine: Engine, kind: str) -> None:
        self.engine = engine
        self.kind = kind

    def get(self, key: str) -> bytes | None:
        """The stored PDF, or None."""
        with self.engine.connect() as connection:
            pdf: bytes | None = connection.execute(
                select(StoredPDF.pdf).where(StoredPDF.key == key, StoredPDF.kind == self.kind)
            ).scalar_one_or_none()
        return pdf

    def put(self, key: str, pdf: bytes) -> None:
        """Insert or replace the PDF in one statement (two workers may finish the same key)."""
        values = {"key": key, "kind": self.kind, "pdf": pdf, "created_at": now()}
        dialect = postgresql if self.engine.dialect.name == "postgresql" else sqlite
        statement = dialect.insert(StoredPDF).values(**values)
        statement = statement.on_conflict_do_update(
            index_elements=["key", "kind"], set_={"pdf": statement.excluded.pdf, "created_at": now()}
        )
        with self.engine.begin() as connection:
            connection.execute(statement)

    def prune_older_than(self, cutoff: datetime) -> int:
        """Delete this kind's PDFs stored before `cutoff`."""
        with self.engine.begin() as connection:
            deleted = connection.execute(
                delete(StoredPDF)
                .where(StoredPDF.kind == self.kind, StoredPDF.created_at < cutoff)
                .returning(StoredPDF.key)
            ).all()
        return len(deleted)


def store_kind(config: Mapping[str, Any], engine: Engine) -> str:
    """The configured REPORT_STORE, or the default for this database; ValueError for an unknown one."""
    chosen = config.get("REPORT_STORE")
    if not chosen:
        return "database" if engine.dialect.name == "postgresql" else "directory"
    if chosen not in STORE_KINDS:
        raise ValueError(f"REPORT_STORE must be one of {', '.join(STORE_KINDS)}, not {chosen!r}")
    return str(chosen)


def make_stores(
    config: Mapping[str, Any], instance_path: str | Path, engine: Engine
) -> tuple[PDFStore, PDFStore, PDFStore]:
    """The stores for assessment reports, blank questionnaires and admin rule books, kept apart so
    that retention (which applies to reports: they hold answers) never touches the other two.
    """
    if store_kind(config, engine) == "database":
        return DatabasePDFStore(engine, REPORT), DatabasePDFStore(engine, BLANK), DatabasePDFStore(engine, BOOK)
    instance = Path(instance_path)
    return (
        DirectoryPDFStore(instance / "pdf-cache"),
        DirectoryPDFStore(instance / "blank-pdf"),
        DirectoryPDFStore(instance / "book-pdf"),
    )
