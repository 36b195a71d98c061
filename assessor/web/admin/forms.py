"""The admin area's forms: sign-in, and an account's role."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField, SelectField
from wtforms.validators import DataRequired, Length

from assessor.admin.accounts import MAX_PASSWORD_LENGTH
from assessor.admin.models import ROLES


class SignInForm(FlaskForm):
    """Email address and password."""

    email = EmailField(_l("Email address"), validators=[DataRequired(_l("Enter your email address")), Length(max=254)])
    password = PasswordField(
        _l("Password"), validators=[DataRequired(_l("Enter your password")), Length(max=MAX_PASSWORD_LENGTH)]
    )


class RoleForm(FlaskForm):
    """A new role for an account."""

    role = SelectField(_l("Role"), choices=[(r, r) for r in ROLES])


class ConfirmForm(FlaskForm):
    """A button that changes something: only its CSRF token travels."""
