"""Migrations and the models agree, and upgrade works from an empty database."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, inspect

from assessor.storage.db import downgrade, upgrade
from assessor.storage.models import Base
from assessor.web import create_app


def test_upgrade_from_empty_creates_the_tables_and_matches_the_models(empty_database_url: str) -> None:
    url = empty_database_url
    app = create_app({"DATABASE_URL": url, "SECRET_KEY": "test"})
    upgrade(app)
    engine = create_engine(url)
    assert "assessment" in inspect(engine).get_table_names()
    with engine.connect() as connection:
        # On PostgreSQL the job queue (PostgresHuey) keeps its own tables beside ours: not our models'.
        context = MigrationContext.configure(
            connection, opts={"include_name": lambda name, kind, _parent: not (name or "").startswith("huey_")}
        )
        diff = compare_metadata(context, Base.metadata)
    assert diff == [], f"models and migrations differ: {diff}"
    downgrade(app, "base")
    engine.dispose()
    engine = create_engine(url)
    assert "assessment" not in inspect(engine).get_table_names()
    engine.dispose()
    app.extensions["report_jobs"].huey.storage.close()
    app.extensions["db_engine"].dispose()


def test_db_upgrade_command(empty_database_url: str) -> None:
    from click.testing import CliRunner

    from assessor.cli import main

    url = empty_database_url
    result = CliRunner().invoke(main, ["db", "upgrade"], env={"DATABASE_URL": url, "ASSESSOR_SECRET_KEY": "t"})
    assert result.exit_code == 0, result.output
    assert "database up to date" in result.output
    engine = create_engine(url)
    assert "assessment" in inspect(engine).get_table_names()
    engine.dispose()
