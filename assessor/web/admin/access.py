"""Who may open which admin page: deny by default, a role on every view, sessions that expire.

Every admin view declares the least role it needs with `@requires(role)`, or `@public` for the
sign-in page. A view that declares neither is refused to everyone (403), so a new route that
forgets its check fails closed, and the test that walks `app.url_map` names it.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any, TypeVar

from flask import abort, current_app, flash, redirect, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, logout_user
from werkzeug.wrappers import Response

from assessor.admin.models import ROLES

View = TypeVar("View", bound=Callable[..., Any])

REQUIRED_ROLE = "admin_required_role"
PUBLIC = "admin_public"
SIGNED_IN_AT = "admin_signed_in_at"
SEEN_AT = "admin_seen_at"


def requires(role: str) -> Callable[[View], View]:
    """Mark a view as open to `role` and the roles above it."""
    if role not in ROLES:
        raise ValueError(f"unknown role {role!r}")

    def mark(view: View) -> View:
        setattr(view, REQUIRED_ROLE, role)
        return view

    return mark


def public(view: View) -> View:
    """Mark a view as open to anyone (the sign-in page only)."""
    setattr(view, PUBLIC, True)
    return view


def required_role(endpoint: str) -> str | None:
    """The role an endpoint declares, None when it declares none."""
    view = current_app.view_functions.get(endpoint)
    role = getattr(view, REQUIRED_ROLE, None)
    return role if isinstance(role, str) else None


def is_public(endpoint: str) -> bool:
    """True for an endpoint marked @public."""
    return bool(getattr(current_app.view_functions.get(endpoint), PUBLIC, False))


def start_clock() -> None:
    """Note when this session signed in, for the idle and absolute timeouts."""
    now = time.time()
    session[SIGNED_IN_AT] = now
    session[SEEN_AT] = now


def _expired() -> bool:
    now = time.time()
    signed_in = session.get(SIGNED_IN_AT)
    seen = session.get(SEEN_AT)
    if not isinstance(signed_in, int | float) or not isinstance(seen, int | float):
        return True
    idle = float(current_app.config["ADMIN_IDLE_TIMEOUT"])
    absolute = float(current_app.config["ADMIN_ABSOLUTE_TIMEOUT"])
    return now - seen > idle or now - signed_in > absolute


def end_session() -> None:
    """Sign out and forget everything this browser's session held (a new CSRF token follows)."""
    logout_user()
    session.clear()


def _to_sign_in() -> Response:
    return redirect(url_for("admin.sign_in", next=request.full_path.rstrip("?")))


def guard() -> Response | None:
    """Run before every admin request: signed in, not expired, and holding the view's role."""
    endpoint = request.endpoint or ""
    if is_public(endpoint):
        return None
    if not current_user.is_authenticated:
        return _to_sign_in()
    if _expired():
        end_session()
        flash(_("Your session has expired. Sign in again."), "info")
        return _to_sign_in()
    session[SEEN_AT] = time.time()
    role = required_role(endpoint)
    if role is None or not current_user.may(role):
        abort(403)
    return None
