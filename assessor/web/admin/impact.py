"""The impact page: what a stored version (a draft, usually) would change for submitted assessments.

Editors and admins only: it shows every assessment's result moving, before anyone approves. The
aggregate covers every assessment the filters keep; the per-assessment list comes in pages.
"""

from __future__ import annotations

from typing import Any

from flask import abort, render_template, request
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, IntegerField, StringField
from wtforms.validators import Length, NumberRange, Optional

from assessor.admin.models import EDITOR
from assessor.core.rulebook import RuleBook
from assessor.records import live
from assessor.records.impact import Impact, ImpactFilter, preview
from assessor.records.packs import PackUnavailableError
from assessor.records.publishing import versions
from assessor.storage.db import session as db_session
from assessor.storage.models import PackVersion
from assessor.web.admin.access import requires
from assessor.web.admin.blueprint import bp
from assessor.web.rulebook import current_rulebook
from assessor.web.templating import current_language

PAGE_SIZE = 50


class ImpactFilterForm(FlaskForm):  # type: ignore[misc]
    """The preview's filters, sent by GET: nothing changes, so no CSRF token is needed."""

    country = StringField(_l("Country"), validators=[Optional(), Length(max=100)])
    submitted_from = DateField(_l("Submitted on or after"), validators=[Optional()], format="%Y-%m-%d")
    submitted_to = DateField(_l("Submitted on or before"), validators=[Optional()], format="%Y-%m-%d")
    scored_with = IntegerField(_l("Scored with version"), validators=[Optional(), NumberRange(min=1)])
    page = IntegerField(_l("Page"), validators=[Optional(), NumberRange(min=1)])


def _titles(draft: RuleBook, language: str) -> dict[str, str]:
    """Factor, level and recommendation titles by id: the draft's, else the live pack's (for what it dropped)."""
    titles: dict[str, str] = {}
    running = current_rulebook()
    for book in (running, draft):
        for factor in book.factors:
            titles[f"factor:{factor.id}"] = factor.title.get(language)
        for level in book.levels:
            titles[f"level:{level.id}"] = level.title.get(language)
        for rec in book.recommendations_in_order:
            titles[f"rec:{rec.id}"] = rec.title.get(language)
    return titles


@bp.get("/rules/versions/<int:version_id>/impact")
@requires(EDITOR)
def impact(version_id: int) -> tuple[str, int]:
    """The version's effect on submitted assessments, in aggregate and one by one."""
    db = db_session()
    row = db.get(PackVersion, version_id)
    if row is None:
        abort(404)
    form = ImpactFilterForm(request.args, meta={"csrf": False})
    errors = [(name, str(m)) for name, ms in form.errors.items() for m in ms] if not form.validate() else []
    result: Impact | None = None
    try:
        draft = live.pack_cache().book(row)
    except PackUnavailableError:
        abort(404)
    if not errors:
        which = ImpactFilter(
            country=(form.country.data or "").strip() or None,
            submitted_from=form.submitted_from.data,
            submitted_to=form.submitted_to.data,
            pack_version_id=form.scored_with.data,
        )
        result = preview(db, live.pack_cache(), draft, which)
    page = (form.page.data or 1) if not errors else 1
    items = result.items if result is not None else []
    last_page = max(1, (len(items) + PAGE_SIZE - 1) // PAGE_SIZE)
    page = min(page, last_page)
    shown = items[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
    context: dict[str, Any] = {
        "version": row,
        "draft": draft,
        "form": form,
        "errors": errors,
        "result": result,
        "shown": shown,
        "page": page,
        "last_page": last_page,
        "first_number": (page - 1) * PAGE_SIZE + 1,
        "titles": _titles(draft, current_language()),
        "stored_versions": versions(db),
        "query": {k: v for k, v in request.args.items() if k != "page" and v},
    }
    return render_template("admin/rules/impact.html", **context), 400 if errors else 200
