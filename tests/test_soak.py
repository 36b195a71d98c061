"""A short mixed soak through gunicorn with the shipped settings: pages, saves and PDF renders at once.

Bounded in time, loopback only. It asserts correctness (no 5xx, every saved answer intact); the
latency figures are printed, and measured properly by bench/soak_bench.py.
"""

from __future__ import annotations

import os
import sys

import pytest

from tests.conftest import POSTGRES_URL, ROOT

sys.path.insert(0, str(ROOT / "bench"))
from soak_bench import run_soak

# Gunicorn under load for seconds, with timing figures: alone on its xdist worker.
pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("servers")]


def test_mixed_soak_has_no_server_errors_and_loses_no_answer(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], database_url: str
) -> None:
    if POSTGRES_URL:
        monkeypatch.setenv("DATABASE_URL", database_url)
    else:
        monkeypatch.delenv("DATABASE_URL", raising=False)
    figures = run_soak(seconds=8, clients=3, pdf_clients=2, quiet=True)
    with capsys.disabled():
        print(  # noqa: T201 - the figures are the point of running it
            f"\nsoak ({'PostgreSQL' if POSTGRES_URL else 'SQLite'}): {figures['requests']} requests, "
            f"{figures['server_errors']} 5xx, page p99 {figures['page_p99_with_pdfs']:.0f} ms with "
            f"{figures['pdfs']} PDF(s) rendering"
        )
    assert figures["server_errors"] == 0, figures["statuses"]
    assert figures["answers_intact"]
    assert figures["answers_checked"] == 3
    assert not figures["server_log_errors"]
    assert os.environ.get("ASSESSOR_INSTANCE") is None
