"""Where rate-limit counters live: per process by default, shared when RATELIMIT_STORAGE_URI names Redis.

Two apps in one test stand for two gunicorn workers (or two servers): with `memory://` each counts
alone, as the README says; with a real redis-server they share every count.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import redis
from flask import Flask

from assessor.storage.db import upgrade
from assessor.web import create_app
from tests.helpers.redis_server import free_port, running_redis
from tests.web.pages import token_from, url

OFFICE = {"REMOTE_ADDR": "10.1.2.3"}


@pytest.fixture
def redis_uri(tmp_path: Path) -> Iterator[str]:
    """A real redis-server on a free loopback port, for this test only."""
    with running_redis(tmp_path) as uri:
        yield uri


@pytest.fixture
def two_workers(database_url: str) -> Iterator[Callable[..., tuple[Flask, Flask]]]:
    made: list[Flask] = []

    def build(**config: object) -> tuple[Flask, Flask]:
        settings = {"DATABASE_URL": database_url, "SECRET_KEY": "test", "WTF_CSRF_ENABLED": False}
        pair = tuple(create_app({**settings, "ASSESSOR_ENV": "development", **config}) for _ in range(2))
        upgrade(pair[0])
        made.extend(pair)
        return pair[0], pair[1]

    yield build
    for application in made:
        application.extensions["report_jobs"].huey.storage.close()
        application.extensions["db_engine"].dispose()


def _download_statuses(first: Flask, second: Flask) -> list[int]:
    """Three downloads through the first app, then one through each; limit 3 per minute."""
    started = first.test_client().post(
        url(first, "pages.start"), data={"organisation": "O", "country": "C", "language": "en"}, environ_base=OFFICE
    )
    path = url(first, "questionnaire.report_pdf", token=token_from(started.headers["Location"]))
    statuses = [first.test_client().get(path, environ_base=OFFICE).status_code for _ in range(3)]
    statuses += [app.test_client().get(path, environ_base=OFFICE).status_code for app in (first, second)]
    return statuses


def test_default_memory_storage_counts_per_process(two_workers: Callable[..., tuple[Flask, Flask]]) -> None:
    first, second = two_workers(REPORT_RATE_LIMIT="3 per minute")
    assert first.config["RATELIMIT_STORAGE_URI"] == "memory://"
    # The second "worker" has seen none of the first one's downloads: it lets the fourth through.
    assert _download_statuses(first, second) == [302, 302, 302, 429, 302]


def test_redis_storage_is_shared_by_every_process(
    two_workers: Callable[..., tuple[Flask, Flask]], redis_uri: str
) -> None:
    first, second = two_workers(REPORT_RATE_LIMIT="3 per minute", RATELIMIT_STORAGE_URI=redis_uri)
    assert _download_statuses(first, second) == [302, 302, 302, 429, 429]
    # Our own counters (unknown tokens here) are kept there too, and shared the same way.
    first.config["RESUME_FAILURE_LIMIT"] = second.config["RESUME_FAILURE_LIMIT"] = "2 per minute"
    assert first.test_client().get("/a/guess-1/", environ_base=OFFICE).status_code == 404
    assert second.test_client().get("/a/guess-2/", environ_base=OFFICE).status_code == 404
    assert first.test_client().get("/a/guess-3/", environ_base=OFFICE).status_code == 429
    keys = [key.decode() for key in redis.Redis.from_url(redis_uri).keys("*")]
    assert any("report_pdf" in key for key in keys), keys
    assert any("unknown-token" in key for key in keys), keys
    assert not any("guess" in key for key in keys), "a token (or a guess at one) was stored in Redis"


def test_an_unreachable_storage_lets_respondents_through(
    two_workers: Callable[..., tuple[Flask, Flask]], caplog: pytest.LogCaptureFixture
) -> None:
    nothing_listens = f"redis://127.0.0.1:{free_port()}/0"
    app, _other = two_workers(RATELIMIT_STORAGE_URI=nothing_listens, SAVE_RATE_LIMIT="1 per minute")
    client = app.test_client()
    started = client.post(
        url(app, "pages.start"), data={"organisation": "O", "country": "C", "language": "en"}, environ_base=OFFICE
    )
    assert started.status_code == 302
    token = token_from(started.headers["Location"])
    factor = url(app, "questionnaire.factor", token=token, factor_id="integrators")
    for value in ("1", "2"):
        saved = client.post(
            factor, data={"shown": "integrators_local_firms", "q_integrators_local_firms": value}, environ_base=OFFICE
        )
        assert saved.status_code == 302
    assert client.get(url(app, "questionnaire.report_pdf", token=token), environ_base=OFFICE).status_code == 302
    assert client.get("/a/no-such-token/", environ_base=OFFICE).status_code == 404
    assert "rate-limit storage unavailable" in caplog.text
