"""gunicorn settings for assessor: `gunicorn -c deploy/gunicorn.conf.py "assessor.wsgi:app"`.

Threaded workers serve pages, saves and stored PDFs; no request renders a PDF (that is the job
worker's, `assessor worker`, started beside gunicorn: see scripts/run.sh and the README).
"""

import multiprocessing
import os

bind = os.environ.get("ASSESSOR_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("ASSESSOR_WORKERS", multiprocessing.cpu_count()))
worker_class = "gthread"
threads = int(os.environ.get("ASSESSOR_THREADS", "4"))
# A worker stuck longer than this is killed and replaced (no request renders, so none should be).
timeout = 60
graceful_timeout = 30
keepalive = 5
# Load the app once in the master and fork workers from it: a worker starts in milliseconds
# instead of the ~1.3 s it takes to import the app and load the rule pack, so recycling a worker
# (below) does not stall its clients, and workers share the loaded pack's memory. A new release
# therefore needs a restart, not `kill -HUP`.
preload_app = True


def post_fork(server, worker):
    """SQLAlchemy's advice for forked processes: never use a connection the master opened.

    The same holds for the job queue's own connection (SQLite and PostgreSQL queues keep one per process).
    """
    from assessor.wsgi import app

    app.extensions["db_engine"].dispose(close=False)
    app.extensions["report_jobs"].huey.storage.close()


# Recycle workers now and then: a backstop against slow memory growth in long-lived processes
# (reports render in the job worker, so a web worker grows slowly). Not too often: a new
# worker loads the app and the rule pack again, and the clients of the old one reconnect to its
# sibling. At 2,000 requests, bench/load_bench.py recycled a worker every second or two and
# measured 1,600 req/s on /healthz and 400 on a page; at 20,000, 3,900 and 900.
max_requests = 20000
max_requests_jitter = 2000
# Bound what a client can send before Flask sees it (Flask's own limits apply after).
limit_request_line = 8190
limit_request_fields = 100
accesslog = os.environ.get("ASSESSOR_ACCESS_LOG", None)
# Resume tokens are in the paths (and referrers) of most requests: the access log masks them as
# /a/<redacted>/ whatever access_log_format says (see assessor/redaction.py).
logger_class = "assessor.redaction.RedactingGunicornLogger"
errorlog = "-"
loglevel = os.environ.get("ASSESSOR_LOG_LEVEL", "warning")
raw_env = ["ASSESSOR_ENV=" + os.environ.get("ASSESSOR_ENV", "production")]
