"""Migration 0004 creates the account and audit tables and takes them away again."""

from __future__ import annotations

from flask import Flask
from sqlalchemy import inspect

from assessor.storage.db import downgrade, upgrade


def test_0004_upgrades_and_downgrades(admin_app: Flask) -> None:
    engine = admin_app.extensions["db_engine"]
    assert {"user_account", "audit_event"} <= set(inspect(engine).get_table_names())
    downgrade(admin_app, "0001")
    tables = set(inspect(engine).get_table_names())
    assert "user_account" not in tables
    assert "audit_event" not in tables
    assert "assessment" in tables
    upgrade(admin_app)
    assert {"user_account", "audit_event"} <= set(inspect(engine).get_table_names())
