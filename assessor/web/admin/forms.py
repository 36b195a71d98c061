"""The admin area's forms: sign-in, and an account's role."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField, StringField
from wtforms.validators import AnyOf, DataRequired, Length

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

    # A <select> in the page; checked here like any typed value (WTForms' SelectField choices are in flux).
    role = StringField(_l("Role"), validators=[AnyOf(ROLES)])


class ConfirmForm(FlaskForm):
    """A button that changes something: only its CSRF token travels."""
