"""The WSGI entry point for production servers: `gunicorn "assessor.wsgi:app"`."""

from assessor.web import create_app, hosts

app = create_app()
# A production server must know its host names before it prints a resume link (see hosts.py).
hosts.require_settings(app)
