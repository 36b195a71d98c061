"""Report jobs: PDFs rendered once by a Huey worker, stored, and served from storage.

The web process only enqueues and reads stored bytes; `assessor worker` runs the jobs. A ledger
table (one row per PDF key) makes a burst enqueue once and lets a reaper recover jobs that a killed
worker lost, since Huey delivers each message at most once.
"""
