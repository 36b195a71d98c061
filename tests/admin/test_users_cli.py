"""`assessor users ...`: accounts made and changed from the command line, never with a password in argv."""

from __future__ import annotations

from flask import Flask

from assessor.admin import accounts
from assessor.admin.models import AuditEvent
from assessor.cli import main
from assessor.storage.db import session as db_session
from tests.admin.conftest import PASSWORD, sign_in


def test_create_reads_the_password_from_stdin_and_the_account_signs_in(admin_app: Flask) -> None:
    runner = admin_app.test_cli_runner()
    result = runner.invoke(
        main,
        args=["users", "create", "New.Person@example.org", "--role", "editor", "--password-stdin"],
        input=PASSWORD + "\n",
    )
    assert result.exit_code == 0, result.output
    assert "created new.person@example.org (editor)" in result.output
    assert sign_in(admin_app.test_client(), "new.person@example.org").status_code == 302
    with admin_app.app_context():
        user = accounts.get_user(db_session(), "new.person@example.org")
        assert user.password_hash.startswith("$argon2id$")
        events = db_session().query(AuditEvent).filter_by(action="user.create", subject_id=user.email).all()
        assert [e.actor for e in events] == ["cli"]


def test_create_without_a_terminal_or_stdin_flag_refuses(admin_app: Flask) -> None:
    result = admin_app.test_cli_runner().invoke(main, args=["users", "create", "x@example.org", "--role", "viewer"])
    assert result.exit_code == 1
    assert "--password-stdin" in result.output
    assert "Traceback" not in result.output


def test_create_refuses_bad_input_in_plain_words(admin_app: Flask) -> None:
    runner = admin_app.test_cli_runner()
    cases = [
        (["not-an-email"], "viewer", PASSWORD, "is not an email address"),
        (["viewer@example.org"], "viewer", PASSWORD, "already exists"),
        (["short@example.org"], "viewer", "short", "at least 12 characters"),
    ]
    for args, role, password, message in cases:
        result = runner.invoke(
            main, args=["users", "create", *args, "--role", role, "--password-stdin"], input=password + "\n"
        )
        assert result.exit_code == 1, result.output
        assert message in result.output
    result = runner.invoke(main, args=["users", "create", "a@example.org", "--role", "owner", "--password-stdin"])
    assert result.exit_code == 2
    assert "'owner' is not one of 'viewer', 'editor', 'admin'" in result.output


def test_list_set_role_and_disable(admin_app: Flask) -> None:
    runner = admin_app.test_cli_runner()
    listed = runner.invoke(main, args=["users", "list"])
    assert listed.exit_code == 0
    assert listed.output.splitlines()[0].split("\t")[:3] == ["admin@example.org", "admin", "active"]
    result = runner.invoke(main, args=["users", "set-role", "viewer@example.org", "editor"])
    assert result.exit_code == 0
    assert "viewer@example.org is now editor" in result.output
    result = runner.invoke(main, args=["users", "disable", "viewer@example.org"])
    assert result.exit_code == 0
    assert "disabled" in runner.invoke(main, args=["users", "list"]).output
    assert sign_in(admin_app.test_client(), "viewer@example.org").status_code == 200  # refused
    missing = runner.invoke(main, args=["users", "disable", "ghost@example.org"])
    assert missing.exit_code == 1
    assert "no account has the email address 'ghost@example.org'" in missing.output


def test_admins_manage_accounts_in_the_browser_too(admin_app: Flask) -> None:
    client = admin_app.test_client()
    sign_in(client, "admin@example.org")
    with admin_app.app_context():
        viewer = accounts.get_user(db_session(), "viewer@example.org")
        me = accounts.get_user(db_session(), "admin@example.org")
    assert "viewer@example.org" in client.get("/admin/users").get_data(as_text=True)
    assert client.post(f"/admin/users/{viewer.id}/role", data={"role": "editor"}).status_code == 302
    assert client.post(f"/admin/users/{viewer.id}/disable").status_code == 302
    client.post(f"/admin/users/{me.id}/disable")  # refused: an admin cannot lock themselves out
    with admin_app.app_context():
        assert accounts.get_user(db_session(), "viewer@example.org").role == "editor"
        assert not accounts.get_user(db_session(), "viewer@example.org").active
        assert accounts.get_user(db_session(), "admin@example.org").active
    log = client.get("/admin/audit").get_data(as_text=True)
    assert "user.set_role" in log
    assert "user.disable" in log


def test_an_unmigrated_database_gets_a_sentence(tmp_path: object) -> None:
    from pathlib import Path

    from assessor.web import create_app
    from tests.admin.conftest import CHEAP_ARGON2

    folder = Path(str(tmp_path))
    app = create_app(
        {"TESTING": True, "SECRET_KEY": "t", "DATABASE_URL": f"sqlite:///{folder / 'new.sqlite3'}", **CHEAP_ARGON2}
    )
    result = app.test_cli_runner().invoke(main, args=["users", "list"])
    assert result.exit_code == 1
    assert "run `assessor db upgrade` first" in result.output
    app.extensions["report_jobs"].huey.storage.close()
    app.extensions["db_engine"].dispose()
