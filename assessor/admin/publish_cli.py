"""`assessor rules publish|versions|propose|approve|activate`: pack versions from the command line.

The command line acts as "cli" in the audit log; it stands for an operator who holds the server, so
`approve` from here still needs a proposal first (or RULES_SINGLE_APPROVER).
"""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext
from sqlalchemy.exc import OperationalError, ProgrammingError
from sqlalchemy.orm import Session

from assessor.records import publishing
from assessor.storage.models import PackVersion

CLI_ACTOR = "cli"


def _fail(message: str) -> None:
    click.echo(message, err=True)
    sys.exit(1)


def _session() -> Session:
    return Session(current_app.extensions["db_engine"])


def _version(db: Session, key: str) -> PackVersion:
    row = publishing.find_version(db, key)
    if row is None:
        _fail(f"{key}: no stored pack version has that id or hash prefix (see `assessor rules versions`)")
    assert row is not None
    return row


def _describe(row: PackVersion) -> str:
    return f"#{row.id} {row.pack_id} {row.version} ({row.content_hash[:12]}) {row.state}"


@click.command("publish")
@click.argument("path", type=click.Path(exists=True))
@click.option("--note", required=True, help="What changed and why (kept in the audit log).")
@click.option("--propose", is_flag=True, help="Propose the draft for review at once.")
@with_appcontext
def rules_publish(path: str, note: str, propose: bool) -> None:
    """Store a pack (folder, YAML file, .zip or .xlsx) as a draft, if it passes check --strict and its examples."""
    try:
        files = publishing.files_from_path(Path(path))
        with _session() as db:
            row, new = publishing.add_draft(db, files, actor=CLI_ACTOR, note=note)
            if propose and row.state == "draft":
                publishing.propose(db, row, actor=CLI_ACTOR, note=note)
            click.echo(("stored " if new else "already stored: ") + _describe(row))
    except publishing.CandidateError as exc:
        for problem in exc.problems:
            click.echo(problem, err=True)
        _fail(f"{path}: {len(exc.problems)} problem(s); nothing was stored")
    except (OperationalError, ProgrammingError):
        _fail("the database has no pack version tables yet: run `assessor db upgrade` first")


@click.command("versions")
@with_appcontext
def rules_versions() -> None:
    """List stored pack versions, newest first; the active one is marked with *."""
    with _session() as db:
        active = publishing.active_version_id(db)
        for row in publishing.versions(db):
            mark = "*" if row.id == active else " "
            click.echo(f"{mark} {_describe(row)}  {row.note}".rstrip())


def _step(key: str, note: str, action: str) -> None:
    with _session() as db:
        row = _version(db, key)
        try:
            if action == "propose":
                publishing.propose(db, row, actor=CLI_ACTOR, note=note)
            elif action == "approve":
                single = bool(current_app.config.get("RULES_SINGLE_APPROVER", False))
                publishing.approve_and_publish(db, row, actor=CLI_ACTOR, note=note, single_approver=single)
            else:
                publishing.activate(db, row, actor=CLI_ACTOR, note=note)
        except publishing.StepError as exc:
            _fail(str(exc))
        click.echo(_describe(row) + ("  (active)" if publishing.active_version_id(db) == row.id else ""))


@click.command("propose")
@click.argument("version")
@click.option("--note", required=True, help="Why this version should be published.")
@with_appcontext
def rules_propose(version: str, note: str) -> None:
    """Put a draft forward for review (VERSION: id or hash prefix)."""
    _step(version, note, "propose")


@click.command("approve")
@click.argument("version")
@click.option("--note", required=True, help="The review's conclusion.")
@with_appcontext
def rules_approve(version: str, note: str) -> None:
    """Approve a proposed version: it is published and becomes active on every server within seconds."""
    _step(version, note, "approve")


@click.command("activate")
@click.argument("version")
@click.option("--note", required=True, help="Why (a rollback: what went wrong).")
@with_appcontext
def rules_activate(version: str, note: str) -> None:
    """Make an earlier published version active again (a rollback)."""
    _step(version, note, "activate")


@click.command("impact")
@click.argument("draft")
@click.option("--json", "as_json", is_flag=True, help="Print the preview as JSON.")
@click.option("--country", default=None, help="Only assessments from this country.")
@click.option("--scored-with", "scored_with", default=None, help="Only assessments scored with this version (id).")
@click.option("--from", "submitted_from", type=click.DateTime(["%Y-%m-%d"]), help="Submitted on or after (YYYY-MM-DD).")
@click.option("--to", "submitted_to", type=click.DateTime(["%Y-%m-%d"]), help="Submitted on or before (YYYY-MM-DD).")
@with_appcontext
def rules_impact(
    draft: str,
    as_json: bool,
    country: str | None,
    scored_with: str | None,
    submitted_from: datetime | None,
    submitted_to: datetime | None,
) -> None:
    """What a draft (stored id, hash prefix, or a pack path) would change for submitted assessments."""
    import json

    from assessor.records.impact import ImpactFilter, preview
    from assessor.records.packs import PackCache

    cache = PackCache()
    with _session() as db:
        if Path(draft).exists():
            # A pack folder being edited: valid is enough to preview (publishing checks the rest).
            from assessor.loading.rulepack import RulePackError, load_rulebook

            try:
                book = load_rulebook(Path(draft))
            except RulePackError as exc:
                for problem in exc.problems:
                    click.echo(str(problem), err=True)
                _fail(f"{draft}: the rule pack is not valid")
                return
        else:
            book = cache.book(_version(db, draft))
        if scored_with is not None and not scored_with.isdigit():
            _fail(f"--scored-with {scored_with}: give a stored version's id (see `assessor rules versions`)")
        which = ImpactFilter(
            country=country,
            submitted_from=submitted_from.date() if submitted_from else None,
            submitted_to=submitted_to.date() if submitted_to else None,
            pack_version_id=int(scored_with) if scored_with else None,
        )
        impact = preview(db, cache, book, which)
    if as_json:
        click.echo(json.dumps(impact.as_dict(), ensure_ascii=False, indent=2))
        return
    data = impact.as_dict()
    click.echo(f"version {book.version}: {data['assessments']} assessment(s), {data['level_changes']} change level")
    for move in data["overall_moves"]:
        if move["old"] != move["new"]:
            click.echo(f"  {move['old']} → {move['new']}: {move['count']}")
    for subject, delta in sorted(data["mean_score_delta"].items()):
        if delta:
            click.echo(f"  mean score change, {subject}: {delta:+g}")
    for rec, count in sorted(data["recommendations_gained"].items()):
        click.echo(f"  + {rec}: {count}")
    for rec, count in sorted(data["recommendations_lost"].items()):
        click.echo(f"  - {rec}: {count}")
