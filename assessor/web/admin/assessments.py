"""Submitted assessments for the team (viewer role): list, filter, open, export, and levels by factor."""

from __future__ import annotations

from flask import Response, abort, render_template, request
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, StringField
from wtforms.validators import Length, Optional

from assessor.admin import export
from assessor.admin.assessment_query import (
    EXPORT_LIMIT,
    AssessmentFilter,
    filter_choices,
    find_submitted,
    get_submitted,
)
from assessor.core.rulebook import RuleBook
from assessor.storage.db import session as db_session
from assessor.web.admin.access import requires
from assessor.web.admin.blueprint import bp
from assessor.web.rulebook import current_rulebook
from assessor.web.templating import current_language


class FilterForm(FlaskForm):  # type: ignore[misc]
    """The list's filters, sent by GET: nothing changes, so no CSRF token is needed."""

    country = StringField(_l("Country"), validators=[Optional(), Length(max=100)])
    organisation = StringField(_l("Organisation"), validators=[Optional(), Length(max=200)])
    level = StringField(_l("Level"), validators=[Optional(), Length(max=64)])
    submitted_from = DateField(_l("Submitted on or after"), validators=[Optional()], format="%Y-%m-%d")
    submitted_to = DateField(_l("Submitted on or before"), validators=[Optional()], format="%Y-%m-%d")
    rules_version = StringField(_l("Rule pack version"), validators=[Optional(), Length(max=40)])


def _filters() -> tuple[FilterForm, AssessmentFilter | None]:
    form = FilterForm(request.args, meta={"csrf": False})
    if not form.validate():
        return form, None
    return form, AssessmentFilter(
        country=form.country.data or "",
        organisation=form.organisation.data or "",
        level=form.level.data or "",
        submitted_from=form.submitted_from.data,
        submitted_to=form.submitted_to.data,
        rules_version=form.rules_version.data or "",
    )


def _book() -> RuleBook:
    book = current_rulebook()
    return book


@bp.get("/assessments/")
@requires("viewer")
def assessments() -> str:
    """Submitted assessments matching the filters, with a chart of levels by factor."""
    form, wanted = _filters()
    db = db_session()
    rows = find_submitted(db, wanted, current_language()) if wanted is not None else []
    book = _book()
    countries, versions = filter_choices(db)
    errors = [(name, str(m)) for name, ms in form.errors.items() for m in ms]
    counts = export.levels_by_factor(rows, [f.id for f in book.factors], [lv.id for lv in book.levels])
    return render_template(
        "admin/assessments/list.html",
        form=form,
        errors=errors,
        rows=rows,
        counts=counts,
        countries=countries,
        versions=versions,
        query=request.query_string.decode("utf-8", "replace"),
    )


@bp.get("/assessments/<reference>")
@requires("viewer")
def assessment(reference: str) -> str:
    """One submitted assessment: who, when, which pack, the result and the answers."""
    row = get_submitted(db_session(), reference, current_language())
    if row is None:
        abort(404)
    return render_template("admin/assessments/show.html", row=row)


def _download(body: str, mimetype: str, name: str) -> Response:
    response = Response(body, mimetype=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@bp.get("/assessments/export.<kind>")
@requires("viewer")
def export_assessments(kind: str) -> Response | tuple[str, int]:
    """The filtered assessments as JSON (everything) or CSV (scores and levels)."""
    if kind not in ("json", "csv"):
        abort(404)
    _form, wanted = _filters()
    if wanted is None:
        abort(400)
    rows = find_submitted(db_session(), wanted, current_language(), limit=EXPORT_LIMIT)
    if kind == "json":
        return _download(export.to_json(rows), "application/json", "assessments.json")
    return _download(export.to_csv(rows, [f.id for f in _book().factors]), "text/csv", "assessments.csv")
