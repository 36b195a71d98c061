"""Which host names the app answers for, the absolute links it prints (the resume link), and proxies.

The resume link is a secret: built from the request's `Host` header, a forged header would print
`https://evil.example/a/<token>/` for the respondent to bookmark and follow. So outside development
an absolute link comes from configuration: SERVER_NAME (with PREFERRED_URL_SCHEME), or the
request's host only when it is one of TRUSTED_HOSTS, which Werkzeug checks on every request
(any other host is refused with 400 before a view runs).
"""

from __future__ import annotations

from typing import Any

from flask import Flask, current_app, url_for
from werkzeug.middleware.proxy_fix import ProxyFix


class HostSettingsError(RuntimeError):
    """The app was started outside development without saying which host names it serves."""


def finish(app: Flask) -> None:
    """Trust SERVER_NAME's host when no TRUSTED_HOSTS are given; links use https outside development."""
    server_name = app.config.get("SERVER_NAME")
    if server_name and app.config.get("TRUSTED_HOSTS") is None:
        app.config["TRUSTED_HOSTS"] = [str(server_name).split(":", 1)[0]]
    if not app.config["DEVELOPMENT"]:
        # Outside development the app is served over HTTPS only (its cookies are Secure).
        app.config["PREFERRED_URL_SCHEME"] = "https"


def trust_proxies(app: Flask) -> None:
    """Behind PROXY_HOPS reverse proxies, take the client's address and scheme from their X-Forwarded headers.

    Without this, every client behind a proxy has the proxy's address, and shares its rate limits.
    Only as many hops as are configured are believed: a client can prepend anything to the header.
    """
    hops = int(app.config.get("PROXY_HOPS") or 0)
    if hops > 0:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops)  # type: ignore[method-assign]


def require_settings(app: Flask) -> None:
    """Refuse to serve outside development unless SERVER_NAME or TRUSTED_HOSTS is set (wsgi entry point)."""
    if app.config["DEVELOPMENT"]:
        return
    if not app.config.get("SERVER_NAME") and not app.config.get("TRUSTED_HOSTS"):
        raise HostSettingsError(
            "Set ASSESSOR_SERVER_NAME (e.g. assessor.example.gov) or ASSESSOR_TRUSTED_HOSTS "
            "(comma-separated host names): outside development the app must know its own host name, "
            "so that a forged Host header cannot end up in a resume link."
        )


def external_url(endpoint: str, **values: Any) -> str:
    """An absolute URL for `endpoint`: on SERVER_NAME when configured, else on the (trusted) request host."""
    server_name = current_app.config.get("SERVER_NAME")
    if not server_name:
        return url_for(endpoint, _external=True, **values)
    scheme = current_app.config.get("PREFERRED_URL_SCHEME") or "https"
    return f"{scheme}://{server_name}{url_for(endpoint, **values)}"
