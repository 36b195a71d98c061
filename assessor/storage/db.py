"""The database engine and sessions for the app, and Alembic migrations run from code."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from flask import Flask, current_app, g
from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def database_url(app: Flask) -> str:
    """DATABASE_URL when set, else SQLite in the instance folder (the embedded default)."""
    url = app.config.get("DATABASE_URL")
    if url:
        return str(url)
    return f"sqlite:///{Path(app.instance_path) / 'assessor.sqlite3'}"


def make_engine(url: str) -> Engine:
    """An engine with the settings each backend needs."""
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": 15})
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    # pool_pre_ping: a database that went away and came back is reconnected, not a 500.
    return create_engine(url, pool_pre_ping=True, pool_size=5, max_overflow=5)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    # WAL lets several gunicorn workers read while one writes; foreign keys are off by default.
    cursor.execute("PRAGMA journal_mode=WAL")
    # In WAL mode NORMAL still survives an application crash (a killed worker loses nothing that
    # was committed); only a power cut may drop the last commits. It saves an fsync per save.
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=15000")
    cursor.close()
    # SQLAlchemy, not the driver, says when a transaction begins (see _sqlite_begin): the driver's
    # own implicit BEGIN cannot take the write lock up front.
    dbapi_connection.isolation_level = None


# An execution option that marks a transaction that will write (see `begin_write`).
WRITE = "assessor_write"


def _sqlite_begin(connection: Any) -> None:
    # BEGIN IMMEDIATE takes SQLite's write lock at once, so what a writer reads stays true until it
    # commits (no other writer can slip in between its read and its write).
    immediate = connection.get_execution_options().get(WRITE, False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def init_app(app: Flask) -> None:
    """Create the engine and session factory; close each request's session at teardown."""
    url = database_url(app)
    if url.startswith("sqlite:///"):
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    engine = make_engine(url)
    app.extensions["db_engine"] = engine
    app.extensions["db_sessions"] = sessionmaker(engine, expire_on_commit=False)
    app.teardown_appcontext(_close_session)


def engine() -> Engine:
    """This app's engine, for a read that needs no session (see assessments.find_state)."""
    bound: Engine = current_app.extensions["db_engine"]
    return bound


def session() -> Session:
    """This request's session, opened on first use."""
    if "db_session" not in g:
        g.db_session = current_app.extensions["db_sessions"]()
    db: Session = g.db_session
    return db


@contextmanager
def transaction() -> Iterator[Session]:
    """One unit of work that writes: committed together or rolled back together (see `begin_write`)."""
    db = session()
    begin_write(db)
    try:
        yield db
        db.commit()
    except BaseException:
        db.rollback()
        raise


def begin_write(db: Session) -> None:
    """Start a transaction that will write, ending whatever read transaction the session had open.

    On SQLite it begins with the write lock held (BEGIN IMMEDIATE); on PostgreSQL the writer takes
    row locks itself (SELECT ... FOR UPDATE) where it must read before it writes. Every write goes
    through here: in WAL mode a transaction that has read cannot take the write lock once another
    writer has committed since, and SQLite refuses it at once ("database is locked") rather than wait.
    """
    if db.in_transaction():
        db.commit()
    db.connection(execution_options={WRITE: True})


@contextmanager
def write_connection(bound: Engine) -> Iterator[Connection]:
    """A connection in a transaction that will write after it reads (see `begin_write`), committed at the end."""
    with bound.execution_options(**{WRITE: True}).begin() as connection:
        yield connection


def _close_session(_exc: BaseException | None) -> None:
    db = g.pop("db_session", None)
    if db is not None:
        db.close()


def alembic_config(url: str) -> Config:
    """Alembic configured from code: the migrations ship inside the package, no alembic.ini needed."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def upgrade(app: Flask, revision: str = "head") -> None:
    """Apply migrations up to `revision` on the app's database."""
    url = database_url(app)
    if url.startswith("sqlite:///"):
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    command.upgrade(alembic_config(url), revision)
    if revision == "head":
        # What must be in a new database before the first request (the app's rule pack version).
        for hook in app.extensions.get("db_after_upgrade", []):
            hook()
        app.extensions["db_engine"].dispose()


def downgrade(app: Flask, revision: str) -> None:
    """Revert migrations down to `revision`."""
    command.downgrade(alembic_config(database_url(app)), revision)
