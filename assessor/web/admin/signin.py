"""Signing in and out of the admin area (Flask-Login sessions, Argon2 passwords)."""

from __future__ import annotations

from argon2 import PasswordHasher
from flask import Flask, current_app, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import LoginManager, UserMixin, current_user, login_user
from werkzeug.wrappers import Response

from assessor.admin import accounts
from assessor.admin.models import UserAccount
from assessor.storage.db import session as db_session
from assessor.storage.db import transaction
from assessor.web.admin.access import end_session, public, requires, start_clock
from assessor.web.admin.blueprint import bp
from assessor.web.admin.forms import ConfirmForm, SignInForm
from assessor.web.redirects import safe_next


class StaffUser(UserMixin):  # type: ignore[misc]
    """The signed-in account as Flask-Login sees it; its id carries the account's session version."""

    def __init__(self, account: UserAccount) -> None:
        self.account_id = account.id
        self.email = account.email
        self.role = account.role
        self.account = account

    def get_id(self) -> str:
        return f"{self.account.id}:{self.account.session_version}"

    def may(self, role: str) -> bool:
        """True when the account's role is `role` or above it."""
        return self.account.may(role)


def load_user(user_id: str) -> StaffUser | None:
    """The session's account, unless it was disabled or its sessions were ended since."""
    account_id, _sep, version = user_id.partition(":")
    if not account_id.isdigit() or not version.isdigit():
        return None
    account = db_session().get(UserAccount, int(account_id))
    if account is None or not account.active or account.session_version != int(version):
        return None
    return StaffUser(account)


def hasher() -> PasswordHasher:
    """This app's Argon2 hasher, with the configured costs."""
    found: PasswordHasher | None = current_app.extensions.get("admin_hasher")
    if found is None:
        config = current_app.config
        found = accounts.make_hasher(
            time_cost=int(config["ADMIN_ARGON2_TIME_COST"]),
            memory_cost=int(config["ADMIN_ARGON2_MEMORY_KIB"]),
            parallelism=int(config["ADMIN_ARGON2_PARALLELISM"]),
        )
        current_app.extensions["admin_hasher"] = found
    return found


def dummy_hash() -> str:
    """A hash of nothing anyone knows, verified against for unknown addresses (made once per app)."""
    found: str | None = current_app.extensions.get("admin_dummy_hash")
    if found is None:
        found = current_app.extensions.setdefault("admin_dummy_hash", hasher().hash("no account has this password"))
    return found


def _safe_next(target: str | None) -> str:
    # Only a path inside the admin area, and one safe_next accepts (no tab, CR/LF, backslash...).
    found = safe_next(target)
    if found and found.startswith("/admin/"):
        return found
    return url_for("admin.home")


@bp.route("/sign-in", methods=["GET", "POST"])
@public
def sign_in() -> Response | str:
    """The sign-in form; on success the session is replaced by a fresh one."""
    if current_user.is_authenticated:
        return redirect(url_for("admin.home"))
    form = SignInForm()
    failed = False
    if form.validate_on_submit():
        password = form.password.data or ""
        found = accounts.check_credentials(db_session(), hasher(), dummy_hash(), form.email.data or "", password)
        with transaction() as db:
            account = accounts.record_signin(db, hasher(), found, password)
            if account is None:
                if found.user is not None:
                    accounts.record_event(db, actor=found.user.email, action="user.signin_failed", subject=found.user)
            else:
                accounts.record_event(db, actor=account, action="user.signin", subject=account)
        if account is not None:
            target = _safe_next(request.args.get("next"))
            language = session.get("lang")
            end_session()  # a new session on sign-in: nothing planted before it survives
            if language:
                session["lang"] = language
            login_user(StaffUser(account))
            start_clock()
            return redirect(target)
        failed = True
    errors: list[tuple[str, str]] = [(name, str(m)) for name, ms in form.errors.items() for m in ms]
    if failed:
        errors = [("email", _("The email address or password is not right. Check them and try again."))]
    return render_template("admin/sign_in.html", form=form, errors=errors)


@bp.post("/sign-out")
@requires("viewer")
def sign_out() -> Response:
    """End the session."""
    ConfirmForm()  # CSRF is checked by CSRFProtect before the view runs
    end_session()
    return redirect(url_for("admin.sign_in", signed_out=1))


def init_login(app: Flask) -> None:
    """Flask-Login for the admin area only: officials never sign in."""
    manager = LoginManager()
    # "strong": a session whose browser fingerprint changes is dropped, not just marked stale.
    manager.session_protection = "strong"
    manager.user_loader(load_user)
    # Attached by hand instead of manager.init_app(app): that also registers an after_request hook
    # for "remember me" cookies (which we never issue) that reads the session on every response,
    # adding "Vary: Cookie" to officials' cacheable pages.
    app.login_manager = manager  # type: ignore[attr-defined]
    app.context_processor(lambda: {"current_user": current_user})
