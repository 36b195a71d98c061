"""Resume tokens kept out of every log line: the app's own logs and gunicorn's access log.

A resume token is the only key to an assessment, and it travels in the path (`/a/<token>/...`),
so every access-log line and every logged URL (a referrer, an error about a request) would
otherwise hand it to whoever reads the logs. Two places mask it as `/a/<redacted>/`:

- `install()` puts a filter on every log record made in the process (a log record factory), so the
  app's logs, Werkzeug's and gunicorn's error log are masked whoever formats them;
- `RedactingGunicornLogger` masks each field of gunicorn's access log before it is formatted
  (`logger_class` in deploy/gunicorn.conf.py), for any `access_log_format`.
"""

from __future__ import annotations

import logging
import re
import threading
from typing import Any

from gunicorn.glogging import Logger as GunicornLogger  # type: ignore[import-untyped]

# A path segment after /a/: tokens are URL-safe base64, but mask whatever stands there.
_TOKEN_IN_PATH = re.compile(r"(/a/)[^/\s?#\"'<>]+")
REDACTED = "<redacted>"

_install_lock = threading.Lock()
_installed = False


def redact(text: str) -> str:
    """`text` with every `/a/<token>` path masked."""
    if "/a/" not in text:
        return text
    return _TOKEN_IN_PATH.sub(rf"\g<1>{REDACTED}", text)


def install() -> None:
    """Mask tokens in every log record this process makes from now on (once per process)."""
    global _installed
    with _install_lock:
        if _installed:
            return
        make_record = logging.getLogRecordFactory()

        def redacting_record(*args: Any, **kwargs: Any) -> logging.LogRecord:
            record = make_record(*args, **kwargs)
            _redact_record(record)
            return record

        logging.setLogRecordFactory(redacting_record)
        _installed = True


def _redact_record(record: logging.LogRecord) -> None:
    try:
        message = record.getMessage()
    except (TypeError, ValueError):
        return  # a malformed record: logging reports it itself when it formats it
    masked = redact(message)
    if masked != message:
        record.msg, record.args = masked, None
    if record.exc_info and not record.exc_text:
        # Format the traceback now so its text (exception messages may hold a URL) can be masked.
        record.exc_text = redact(logging.Formatter().formatException(record.exc_info))


class RedactingGunicornLogger(GunicornLogger):  # type: ignore[misc]
    """gunicorn's logger with tokens masked in every access-log field (request line, path, referrer...)."""

    def atoms(self, resp: Any, req: Any, environ: Any, request_time: Any) -> dict[str, Any]:
        atoms: dict[str, Any] = super().atoms(resp, req, environ, request_time)
        return {key: redact(value) if isinstance(value, str) else value for key, value in atoms.items()}
