"""Rule pack versions in the admin area: upload a draft, propose it, approve and publish, roll back.

Viewers see the list; editors upload and propose; admins approve (a second person unless
RULES_SINGLE_APPROVER) and make an earlier published version active again.
"""

from __future__ import annotations

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.utils import secure_filename
from werkzeug.wrappers import Response

from assessor.admin.models import ADMIN, EDITOR, VIEWER
from assessor.records import live, publishing
from assessor.storage.db import session as db_session
from assessor.storage.models import PackVersion
from assessor.web.admin.access import requires
from assessor.web.admin.blueprint import bp

MAX_NOTE = 2000


def _actor() -> str:
    return str(current_user.email)


def _version(version_id: int) -> PackVersion:
    row = db_session().get(PackVersion, version_id)
    if row is None:
        abort(404)
    return row


def _note() -> str:
    return (request.form.get("note") or "").strip()[:MAX_NOTE]


def _page(problems: list[str] | None = None, note: str = "", status: int = 200) -> tuple[str, int]:
    db = db_session()
    return (
        render_template(
            "admin/rules/versions.html",
            versions=publishing.versions(db),
            active_id=publishing.active_version_id(db),
            problems=problems or [],
            note=note,
            single_approver=bool(current_app.config["RULES_SINGLE_APPROVER"]),
        ),
        status,
    )


@bp.get("/rules/versions")
@requires(VIEWER)
def versions() -> tuple[str, int]:
    """Every stored version, its state, who moved it, and the one active now."""
    return _page()


@bp.post("/rules/versions/upload")
@requires(EDITOR)
def upload() -> Response | tuple[str, int]:
    """A zipped pack folder or a workbook, stored as a draft if it passes every check."""
    note = _note()
    upload_file = request.files.get("pack")
    problems: list[str] = []
    if upload_file is None or not upload_file.filename:
        problems.append(_("Choose a .zip of the rule pack folder or a .xlsx workbook."))
    if not note:
        problems.append(_("Say what changed and why in the note."))
    if problems or upload_file is None:
        return _page(problems, note, 400)
    # Read and close at once: big uploads are spooled to a temporary file.
    with upload_file.stream as stream:
        data = stream.read()
    name = (upload_file.filename or "").lower()
    try:
        if name.endswith(".xlsx"):
            files = publishing.files_from_spreadsheet(data)
        elif name.endswith(".zip"):
            files = publishing.files_from_zip(data)
        else:
            return _page([_("Choose a .zip of the rule pack folder or a .xlsx workbook.")], note, 400)
        row, new = publishing.add_draft(db_session(), files, actor=_actor(), note=note)
    except publishing.CandidateError as exc:
        return _page([_("Nothing was stored. Fix these problems and upload again:"), *exc.problems], note, 400)
    if new:
        flash(_("Version %(version)s is stored as a draft.", version=row.version), "success")
    else:
        flash(_("Version %(version)s was already stored: nothing changed.", version=row.version), "info")
    return redirect(url_for("admin.versions"))


def _step(version_id: int, action: str) -> Response:
    row = _version(version_id)
    db = db_session()
    try:
        if action == "propose":
            publishing.propose(db, row, actor=_actor(), note=_note())
            flash(_("Version %(version)s is proposed for review.", version=row.version), "success")
        elif action == "approve":
            single = bool(current_app.config["RULES_SINGLE_APPROVER"])
            publishing.approve_and_publish(db, row, actor=_actor(), note=_note(), single_approver=single)
            flash(_("Version %(version)s is published and active.", version=row.version), "success")
        else:
            publishing.activate(db, row, actor=_actor(), note=_note())
            flash(_("Version %(version)s is active again.", version=row.version), "success")
    except publishing.StepError:
        db.rollback()
        flash(_("That step is not possible for version %(version)s now.", version=row.version), "error")
    # This server follows at once; the others within RULES_POLL_SECONDS.
    live.refresh_now(current_app)
    return redirect(url_for("admin.versions"))


@bp.post("/rules/versions/<int:version_id>/propose")
@requires(EDITOR)
def propose(version_id: int) -> Response:
    """Put a draft forward for an admin's review."""
    return _step(version_id, "propose")


@bp.post("/rules/versions/<int:version_id>/approve")
@requires(ADMIN)
def approve(version_id: int) -> Response:
    """Approve a proposal: it is published and becomes active on every server within seconds."""
    return _step(version_id, "approve")


@bp.post("/rules/versions/<int:version_id>/activate")
@requires(ADMIN)
def activate(version_id: int) -> Response:
    """Make an earlier published version active again (rollback)."""
    return _step(version_id, "activate")


@bp.get("/rules/versions/<int:version_id>/pack.xlsx")
@requires(VIEWER)
def workbook(version_id: int) -> Response:
    """A stored version as the workbook policy staff edit (`assessor rules export`); upload it back as a draft."""
    from assessor.loading.rulepack import RulePackError
    from assessor.loading.spreadsheet_export import export_pack

    row = _version(version_id)
    if row.files is None:
        abort(404)
    try:
        data = export_pack({name: text.encode("utf-8") for name, text in row.files.items()})
    except (RulePackError, ValueError):
        # Stored before today's checks and no longer valid: it can be read in the rule book, not round-tripped.
        abort(404)
    response = Response(data, mimetype="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    name = secure_filename(f"{row.pack_id}-{row.version}.xlsx") or "pack.xlsx"
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
