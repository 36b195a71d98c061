"""Accounts in the admin area (admin role): list, change a role, disable; and the audit log."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from assessor.admin import accounts
from assessor.admin.models import ADMIN, ROLES, UserAccount
from assessor.storage.db import session as db_session
from assessor.storage.db import transaction
from assessor.web.admin.access import requires
from assessor.web.admin.blueprint import bp
from assessor.web.admin.forms import ConfirmForm, RoleForm
from assessor.web.admin.labels import role_label


def _account(account_id: int) -> UserAccount:
    account = db_session().get(UserAccount, account_id)
    if account is None:
        abort(404)
    return account


@bp.get("/users")
@requires(ADMIN)
def users() -> str:
    """Every account with its role and state."""
    return render_template(
        "admin/users.html",
        accounts=accounts.list_users(db_session()),
        roles=ROLES,
        confirm_form=ConfirmForm(),
    )


@bp.post("/users/<int:account_id>/role")
@requires(ADMIN)
def set_role(account_id: int) -> Response:
    """Give an account another role; its sessions end."""
    form = RoleForm()
    account = _account(account_id)
    if not form.validate_on_submit() or form.role.data is None:
        abort(400)
    if account.id == current_user.account_id and form.role.data != ADMIN:
        flash(_("You cannot take the admin role from your own account."), "error")
        return redirect(url_for("admin.users"))
    with transaction() as db:
        accounts.set_role(db, account.email, form.role.data, actor=current_user.account)
    flash(_("%(email)s is now: %(role)s.", email=account.email, role=role_label(form.role.data)), "success")
    return redirect(url_for("admin.users"))


@bp.post("/users/<int:account_id>/disable")
@requires(ADMIN)
def disable(account_id: int) -> Response:
    """Stop an account from signing in; its sessions end."""
    ConfirmForm()
    account = _account(account_id)
    if account.id == current_user.account_id:
        flash(_("You cannot disable your own account."), "error")
        return redirect(url_for("admin.users"))
    with transaction() as db:
        accounts.disable(db, account.email, actor=current_user.account)
    flash(_("%(email)s can no longer sign in.", email=account.email), "success")
    return redirect(url_for("admin.users"))


@bp.get("/audit")
@requires(ADMIN)
def audit() -> str:
    """The newest lines of the audit log."""
    return render_template("admin/audit.html", events=accounts.recent_events(db_session()))
