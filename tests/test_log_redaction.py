"""Resume tokens never reach a log line: a real gunicorn's access and error logs, and the app's own logs."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

from assessor import redaction
from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "bench"))
from loopback import free_port, wait_for
from soak_bench import Browser, save_funding, start_assessment

VENV_BIN = Path(sys.executable).parent


def test_redact_masks_every_token_path() -> None:
    line = '127.0.0.1 "GET /a/Abc-_123/f/funding?x=1 HTTP/1.1" 200 "https://h/a/Zz9/check" "/a/q"'
    masked = redaction.redact(line)
    assert masked == (
        '127.0.0.1 "GET /a/<redacted>/f/funding?x=1 HTTP/1.1" 200 "https://h/a/<redacted>/check" "/a/<redacted>"'
    )
    assert redaction.redact("/about/a/") == "/about/a/"


def test_app_log_records_are_masked(caplog: pytest.LogCaptureFixture) -> None:
    redaction.install()
    logger = logging.getLogger("assessor.test_redaction")
    with caplog.at_level(logging.INFO, logger="assessor.test_redaction"):
        logger.warning("report unavailable for %s", "/a/SECRET-TOKEN/report.pdf")
        try:
            raise ValueError("no assessment at /a/OTHER-SECRET/")
        except ValueError:
            logger.exception("unexpected error")
    text = caplog.text
    assert "SECRET" not in text
    assert "/a/<redacted>/report.pdf" in text
    assert "no assessment at /a/<redacted>/" in text


ACCESS_FORMATS = [
    None,  # the shipped (gunicorn default) format: request line and referrer
    '%(h)s "%(r)s" %(U)s ?%(q)s "%(f)s" "%({referer}i)s" "%({x-original-url}i)s"',
]


@pytest.mark.slow  # a real gunicorn started for each format
@pytest.mark.parametrize("access_format", ACCESS_FORMATS)
def test_a_real_gunicorn_logs_no_token(tmp_path: Path, database_url: str, access_format: str | None) -> None:
    port = free_port()
    access_log, error_log = tmp_path / "access.log", tmp_path / "error.log"
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "ASSESSOR_SECRET_KEY": "redaction-test",
        "ASSESSOR_BIND": f"127.0.0.1:{port}",
        "ASSESSOR_ENV": "development",
        "ASSESSOR_INSTANCE": str(tmp_path),
        "ASSESSOR_WORKERS": "1",
        "ASSESSOR_ACCESS_LOG": str(access_log),
        "ASSESSOR_LOG_LEVEL": "debug",  # gunicorn's error log then names every request path too
    }
    subprocess.run([str(VENV_BIN / "assessor"), "db", "upgrade"], env=env, check=True, capture_output=True)
    command = [str(VENV_BIN / "gunicorn"), "-c", str(ROOT / "deploy" / "gunicorn.conf.py"), "assessor.wsgi:app"]
    if access_format is not None:
        command += ["--access-logformat", access_format]
    with error_log.open("w") as errors:
        server = subprocess.Popen(command, env=env, cwd=ROOT, stderr=errors, start_new_session=True)
        try:
            wait_for(port)
            base = f"http://127.0.0.1:{port}"
            browser = Browser(base)
            token = start_assessment(browser, "Redaction")
            save_funding(browser, token, "yes")
            browser.request(f"/a/{token}/saved?from=/a/{token}/f/funding")
            browser.request(f"/a/{token}z/")  # an unknown token is masked just the same
            referred = urllib.request.Request(
                f"{base}/healthz", headers={"Referer": f"{base}/a/{token}/check", "X-Original-URL": f"/a/{token}/"}
            )
            with urllib.request.urlopen(referred, timeout=10) as response:
                assert response.status == 200
        finally:
            server.terminate()
            server.wait(timeout=30)
    access, error = access_log.read_text(), error_log.read_text()
    assert access.count("\n") >= 6, access
    assert "/a/<redacted>/f/funding" in access
    assert token not in access, access
    assert token[:12] not in access
    assert token not in error, error
