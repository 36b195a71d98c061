"""The WSGI entry point for production servers: `gunicorn "assessor.wsgi:app"`."""

from assessor.web import create_app

app = create_app()
