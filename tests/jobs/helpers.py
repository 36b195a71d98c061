"""What the job tests share: submitted assessments, a drained queue, a real worker, a download until served."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from flask import Flask
from huey import Huey

from assessor.core.rulebook import QuestionType, RuleBook
from assessor.records.live import live_pack_version_id, pack_cache
from assessor.records.service import record_maker
from assessor.storage import assessments as store
from tests.answers import worst_answer
from tests.conftest import ROOT
from tests.web.pages import url

ASSESSOR = Path(sys.executable).parent / "assessor"


def submitted_assessment(app: Flask, book: RuleBook, organisation: str, language: str = "en") -> tuple[int, str]:
    """A submitted assessment with every question answered (worst answers), as the questionnaire saves it."""
    answers: dict[str, Any] = {}
    for question in book.questions.values():
        value = worst_answer(question)
        if question.type is QuestionType.NUMBER:
            value = int(value)  # stored as a number, as the questionnaire saves it
        answers[question.id] = value
    sessions = app.extensions["db_sessions"]
    with app.app_context(), sessions() as db:
        version = live_pack_version_id(db)
        assessment, token = store.create(
            db, version, organisation=organisation, country="Testland", role=None, language=language, answers=answers
        )
        store.submit(db, assessment, book, version, record_maker(db, pack_cache(), book, language))
        return assessment.id, token


def drain(huey: Huey) -> int:
    """Run every job waiting in the queue, here and now (the tests' stand-in for a worker); returns how many."""
    ran = 0
    while (task := huey.dequeue()) is not None:
        huey.execute(task)
        ran += 1
    return ran


def start_worker(env: dict[str, str], *args: str) -> subprocess.Popen[bytes]:
    """`assessor worker` with quick polling and health checks, in its own process group."""
    return subprocess.Popen(
        [
            str(ASSESSOR),
            "worker",
            "--workers",
            "2",
            "--nice",
            "0",
            "--poll",
            "0.1",
            "--health-check",
            "0.3",
            "--reap-interval",
            "0.5",
            *args,
        ],
        env=env,
        cwd=ROOT,
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def stop_worker(process: subprocess.Popen[bytes]) -> str:
    """Stop the worker (SIGINT: jobs in hand go back on the queue) and return what it logged."""
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGINT)
    try:
        _out, errors = process.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        _out, errors = process.communicate()
    return errors.decode(errors="replace")


def download_until_served(app: Flask, token: str, seconds: float) -> bytes:
    """What a browser does: download, follow the 303 to the status page, check again until the PDF comes."""
    client = app.test_client()
    download = url(app, "questionnaire.report_pdf", token=token)
    status = url(app, "questionnaire.report_status", token=token)
    deadline = time.monotonic() + seconds
    response = client.get(download)
    while response.status_code != 200:
        assert time.monotonic() < deadline, f"no PDF within {seconds:g} s"
        assert response.status_code in (202, 303), response.status_code
        time.sleep(0.1)
        response = client.get(status)
        if response.status_code == 303:
            response = client.get(download)
    return response.data
