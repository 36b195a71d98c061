"""Faults: a worker killed mid-save, the database going away and coming back."""

from __future__ import annotations

import os
import select
import socket
import subprocess
import sys
import threading
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import create_engine, text

from assessor.storage.db import upgrade
from assessor.web import create_app
from tests.conftest import POSTGRES_URL, ROOT
from tests.helpers.questionnaire import start
from tests.web.pages import parse

KILL_MID_SAVE = """
import os, signal, sys
from assessor.storage import assessments as store
from assessor.storage.db import session
from assessor.web import create_app

app = create_app({"DATABASE_URL": sys.argv[1], "SECRET_KEY": "t"})
with app.app_context():
    db = session()
    assessment = store.find(db, sys.argv[2])
    real_commit = db.commit

    def commit_then_die():
        db.flush()  # the new answers are in the database's transaction, not yet committed
        os.kill(os.getpid(), signal.SIGKILL)

    db.commit = commit_then_die
    store.save_page(db, assessment, app.extensions["rulebook"], {"funding_om_budget": "no"}, {})
"""


def test_a_worker_killed_mid_save_leaves_no_half_written_assessment(app: Flask, database_url: str) -> None:
    client = app.test_client()
    token = start(client, app)
    client.post(f"/a/{token}/f/funding", data={"shown": "funding_om_budget", "q_funding_om_budget": "yes"})
    run = subprocess.run(
        [sys.executable, "-c", KILL_MID_SAVE, database_url, token], cwd=ROOT, capture_output=True, timeout=60
    )
    assert run.returncode == -9, run.stderr.decode()[-2000:]
    engine = create_engine(database_url)
    with engine.connect() as connection:
        rows = connection.execute(text("SELECT question_id, value FROM answer")).all()
        changes = connection.execute(text("SELECT count(*) FROM answer_change")).scalar_one()
    engine.dispose()
    import json

    # Raw SQL reads JSON back as text from SQLite, as Python values from PostgreSQL.
    answers = {qid: json.loads(value) if not POSTGRES_URL else value for qid, value in rows}
    assert answers == {"funding_om_budget": "yes"}
    assert changes == 1  # nor a history entry for the change that never happened
    assert client.get(f"/a/{token}/check").status_code == 200  # and the app carries on


class Cuttable:
    """A loopback TCP proxy in front of the database that a test can cut and restore."""

    def __init__(self, target_host: str, target_port: int) -> None:
        self.target = (target_host, target_port)
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.open = True
        self.connections: list[socket.socket] = []
        self.lock = threading.Lock()
        self.thread = threading.Thread(target=self._accept, daemon=True)
        self.thread.start()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            if not self.open:
                client.close()
                continue
            try:
                upstream = socket.create_connection(self.target, timeout=5)
            except OSError:
                client.close()
                continue
            with self.lock:
                self.connections += [client, upstream]
            threading.Thread(target=self._pipe, args=(client, upstream), daemon=True).start()

    def _pipe(self, a: socket.socket, b: socket.socket) -> None:
        try:
            while True:
                ready, _, _ = select.select([a, b], [], [], 0.5)
                for sock in ready:
                    data = sock.recv(65536)
                    if not data:
                        return
                    (b if sock is a else a).sendall(data)
        except (OSError, ValueError):  # the other side was cut: a closed socket has no descriptor
            return
        finally:
            a.close()
            b.close()

    def cut(self) -> None:
        self.open = False
        with self.lock:
            for sock in self.connections:
                try:
                    sock.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
                sock.close()
            self.connections.clear()

    def restore(self) -> None:
        self.open = True

    def close(self) -> None:
        self.cut()
        self.listener.close()


@pytest.fixture
def flaky_app(database_url: str, tmp_path: Path) -> Iterator[tuple[Flask, Cuttable | Path]]:
    """An app whose database can be taken away: PostgreSQL behind a cuttable proxy, or a SQLite file."""
    if POSTGRES_URL:
        parts = urllib.parse.urlsplit(database_url)
        proxy = Cuttable(parts.hostname or "127.0.0.1", parts.port or 5432)
        url = parts._replace(netloc=f"{parts.username}:{parts.password}@127.0.0.1:{proxy.port}").geturl()
        application = create_app({"DATABASE_URL": url, "SECRET_KEY": "t", "TESTING": True, "WTF_CSRF_ENABLED": False})
        upgrade(application)
        yield application, proxy
        proxy.close()
    else:
        application = create_app(
            {"DATABASE_URL": database_url, "SECRET_KEY": "t", "TESTING": True, "WTF_CSRF_ENABLED": False}
        )
        upgrade(application)
        yield application, Path(database_url.removeprefix("sqlite:///"))
    application.extensions["db_engine"].dispose()


def test_database_going_away_is_a_friendly_503_and_the_app_recovers(flaky_app: tuple[Flask, Cuttable | Path]) -> None:
    application, handle = flaky_app
    client = application.test_client()
    token = start(client, application)
    assert client.get(f"/a/{token}/check").status_code == 200

    if isinstance(handle, Cuttable):
        handle.cut()
    else:
        moved = handle.with_suffix(".away")
        application.extensions["db_engine"].dispose()
        os.rename(handle, moved)
    down = client.get(f"/a/{token}/check")
    assert down.status_code == 503
    assert down.headers["Retry-After"] == "30"
    assert "Your answers saved before are safe" in parse(down).get_text()

    if isinstance(handle, Cuttable):
        handle.restore()
    else:
        application.extensions["db_engine"].dispose()
        handle.unlink(missing_ok=True)
        os.rename(moved, handle)
    recovered = client.get(f"/a/{token}/check")
    assert recovered.status_code == 200
