"""Command-line tools for policy teams: `assessor users ...`, `assessor rules book` and `assessor rules diff`."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click
from flask import current_app
from flask.cli import AppGroup, with_appcontext
from flask_babel import force_locale, gettext
from sqlalchemy.exc import OperationalError, ProgrammingError

from assessor.admin import accounts
from assessor.admin.diff import Change, FieldChange, PackDiff, diff_packs, diff_to_dict
from assessor.admin.models import ROLES
from assessor.core.rulebook import RuleBook
from assessor.loading.rulepack import check_rulepack


def _(message: str, **variables: Any) -> str:
    """The interface catalogues' translation of `message`, as a str (Flask-Babel's is untyped)."""
    return str(gettext(message, **variables))


class _UsersGroup(AppGroup):
    """`assessor users`: a database that was never migrated gets a sentence, not a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (OperationalError, ProgrammingError):
            _fail("the database has no account tables yet: run `assessor db upgrade` first")


users = _UsersGroup("users", help="Accounts for the policy team's admin area (officials never need one).")


def _hasher() -> Any:
    config = current_app.config
    return accounts.make_hasher(
        time_cost=int(config["ADMIN_ARGON2_TIME_COST"]),
        memory_cost=int(config["ADMIN_ARGON2_MEMORY_KIB"]),
        parallelism=int(config["ADMIN_ARGON2_PARALLELISM"]),
    )


def _fail(message: str) -> None:
    click.echo(message, err=True)
    sys.exit(1)


def _read_password(from_stdin: bool) -> str:
    if from_stdin:
        # One line: the password, without its line ending (a file or a secret manager's pipe).
        return sys.stdin.readline().rstrip("\r\n")
    if not sys.stdin.isatty():
        _fail("no password given: type it at a terminal, or pipe it in with --password-stdin")
    password: str = click.prompt("Password", hide_input=True, confirmation_prompt="Repeat the password")
    return password


@users.command("create")
@click.argument("email")
@click.option("--role", required=True, type=click.Choice(ROLES), help="What the account may do.")
@click.option("--password-stdin", is_flag=True, help="Read the password from the first line of standard input.")
def users_create(email: str, role: str, password_stdin: bool) -> None:
    """Make an account. The password is asked for twice at a terminal; never give it on the command line."""
    from assessor.storage.db import transaction

    try:
        accounts.check_email(email)
        password = _read_password(password_stdin)
        accounts.check_password(password)
        with transaction() as db:
            user = accounts.create_user(db, _hasher(), email, role, password, actor="cli")
    except accounts.AccountError as exc:
        _fail(f"{email}: {exc}")
        return
    click.echo(f"created {user.email} ({user.role})")


@users.command("list")
def users_list() -> None:
    """List every account: email address, role, and whether it can sign in."""
    from assessor.storage.db import session

    for user in accounts.list_users(session()):
        state = "active" if user.active else "disabled"
        last = user.last_signin_at.strftime("%Y-%m-%d %H:%M") if user.last_signin_at else "never signed in"
        click.echo(f"{user.email}\t{user.role}\t{state}\t{last}")


@users.command("set-role")
@click.argument("email")
@click.argument("role", type=click.Choice(ROLES))
def users_set_role(email: str, role: str) -> None:
    """Give an account another role; the person's sessions end."""
    from assessor.storage.db import transaction

    try:
        with transaction() as db:
            user = accounts.set_role(db, email, role, actor="cli")
    except accounts.AccountError as exc:
        _fail(str(exc))
        return
    click.echo(f"{user.email} is now {user.role}")


@users.command("disable")
@click.argument("email")
def users_disable(email: str) -> None:
    """Stop an account from signing in; its sessions end. The account stays, for the audit log."""
    from assessor.storage.db import transaction

    try:
        with transaction() as db:
            user = accounts.disable(db, email, actor="cli")
    except accounts.AccountError as exc:
        _fail(str(exc))
        return
    click.echo(f"{user.email} is disabled")


def _load(path: str | None) -> RuleBook:
    if path is None:
        book: RuleBook = current_app.extensions["rulebook"]
        return book
    report = check_rulepack(Path(path))
    for problem in report.problems:
        click.echo(str(problem), err=True)
    if report.book is None:
        _fail(f"{path}: {len(report.problems)} problem(s); the rule pack is not valid")
    assert report.book is not None
    return report.book


def _language(book: RuleBook, requested: str | None) -> str:
    from assessor.presentation.catalogues import catalogue_languages

    language = requested or book.default_language
    spoken = catalogue_languages()
    if language not in spoken:
        _fail(f"language '{language}' is not one the tools speak; choose one of: {', '.join(spoken)}")
    return language


@click.command("book")
@click.argument("path", required=False, type=click.Path())
@click.option("--lang", default=None, help="Language of the book (the pack's default otherwise).")
@click.option("--output", "-o", type=click.Path(dir_okay=False), help="Where to write the PDF.")
@with_appcontext
def rules_book(path: str | None, lang: str | None, output: str | None) -> None:
    """Write the rule book (the live pack, or the one at PATH) as a PDF to read in review meetings."""
    from assessor.admin.bookpdf import book_filename, render_book_html, write_book_pdf

    book = _load(path)
    language = _language(book, lang)
    out = Path(output) if output else Path(book_filename(book, language))
    if not out.parent.is_dir():
        _fail(f"{out}: cannot write the PDF: {out.parent} is not a directory")
    with current_app.test_request_context():
        html = render_book_html(book, language)
    pdf = write_book_pdf(html, language)
    try:
        out.write_bytes(pdf)
    except OSError as exc:
        _fail(f"{out}: cannot write the PDF ({exc.strerror or exc})")
    click.echo(f"wrote {out} ({len(pdf):,} bytes)", err=True)


@click.command("diff")
@click.argument("old", type=click.Path())
@click.argument("new", type=click.Path())
@click.option("--lang", default=None, help="Language of the report (the new pack's default otherwise).")
@click.option("--json", "as_json", is_flag=True, help="Print the changes as JSON.")
@with_appcontext
def rules_diff(old: str, new: str, lang: str | None, as_json: bool) -> None:
    """What changed from the pack at OLD to the pack at NEW: added, removed, reworded, re-pointed."""
    old_book, new_book = _load(old), _load(new)
    language = _language(new_book, lang)
    with current_app.test_request_context(), force_locale(language):
        result = diff_packs(old_book, new_book, language)
        if as_json:
            click.echo(json.dumps(diff_to_dict(result), ensure_ascii=False, indent=2))
            return
        for line in diff_lines(result):
            click.echo(line)


def diff_lines(diff: PackDiff) -> list[str]:
    """The diff as plain-text lines in the forced locale's language."""
    from assessor.web.admin.labels import category_label, change_label, field_label, kind_label

    lines = [
        _("From %(old)s to %(new)s", old=f"{diff.old_id} {diff.old_version}", new=f"{diff.new_id} {diff.new_version}"),
        _(
            "%(added)d added, %(removed)d removed, %(changed)d changed.",
            added=diff.count("added"),
            removed=diff.count("removed"),
            changed=diff.count("changed"),
        ),
    ]
    for change in diff.changes:
        lines.append("")
        lines.append(f"{change_label(change.status)}: {kind_label(change.kind)} {change.label} [{change.id}]")
        lines.extend(_field_lines(change, category_label, field_label))
    return lines


def _field_lines(change: Change, category_label: Any, field_label: Any) -> list[str]:
    lines: list[str] = []
    for f in change.fields:
        name = field_label(f.name) + (f" ({f.language})" if f.language else "")
        head = f"  {category_label(f.category)}, {name}"
        if f.old_words is not None or f.new_words is not None:
            lines.append(f"{head}:")
            lines.extend(_condition_lines(_("Before:"), f.old, f))
            lines.extend(_condition_lines(_("After:"), f.new, f, after=True))
        elif f.words:
            shown = " ".join(
                f"[-{w.text}-]" if w.kind == "delete" else f"{{+{w.text}+}}" if w.kind == "insert" else w.text
                for w in f.words
            )
            lines.append(f"{head}: {shown}")
        else:
            lines.append(f"{head}: {_plain(f.old)} → {_plain(f.new)}")
    return lines


def _condition_lines(label: str, text: Any, f: FieldChange, *, after: bool = False) -> list[str]:
    clause = f.new_words if after else f.old_words
    if clause is None:
        return [f"    {label} {_plain(None)}"]
    return [f"    {label} {text}", *clause.lines(depth=3)]


def _plain(value: Any) -> str:
    if value is None:
        return _("(none)")
    if value is True:
        return _("yes")
    if value is False:
        return _("no")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
