"""The rule book and the diff of two versions, for reading and for review meetings (viewer role)."""

from __future__ import annotations

from flask import abort, current_app, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from assessor.admin.book import build_book
from assessor.admin.bookpdf import book_filename
from assessor.admin.diff import diff_packs
from assessor.core.rulebook import RuleBook
from assessor.jobs.books import book_key, extra_packs
from assessor.web.admin.access import requires
from assessor.web.admin.blueprint import bp
from assessor.web.rulebook import current_rulebook
from assessor.web.templating import current_language

LIVE = "live"


def pack_choices() -> list[tuple[str, str, RuleBook]]:
    """The versions the pages can open: the live pack, then ADMIN_RULE_PACKS (until stored versions land)."""
    live = current_rulebook()
    choices = [(LIVE, f"{live.id} {live.version} (live)", live)]
    for index, path, book in extra_packs(current_app._get_current_object()):  # type: ignore[attr-defined]
        choices.append((f"pack-{index}", f"{book.id} {book.version} ({path.name})", book))
    return choices


def _pack(key: str | None) -> tuple[str, RuleBook]:
    for choice_key, _label, book in pack_choices():
        if choice_key == (key or LIVE):
            return choice_key, book
    abort(404)


@bp.get("/rules/")
@requires("viewer")
def book() -> str:
    """A rule pack version as a readable book."""
    key, pack = _pack(request.args.get("pack"))
    return render_template(
        "admin/rules/book.html", book=build_book(pack, current_language()), pack_key=key, choices=pack_choices()
    )


@bp.get("/rules/book.pdf")
@requires("viewer")
def book_pdf() -> Response:
    """The rule book as a PDF, made once per version and language by a job; until then, 303 to its status page."""
    from assessor.web.report_download import pdf_bytes_response, report_jobs

    key, pack = _pack(request.args.get("pack"))
    language = current_language()
    jobs = report_jobs()
    stored = book_key(pack.content_hash, language)
    pdf = jobs.books.get(stored)
    if pdf is None:
        jobs.request_book(pack, language)
        pdf = jobs.books.get(stored)  # there already when the queue runs jobs inline (tests)
    if pdf is None:
        return _see_other(url_for(".book_pdf_status", pack=key))
    return pdf_bytes_response(pdf, book_filename(pack, language), "no-store")  # as every admin page


@bp.get("/rules/book/status")
@requires("viewer")
def book_pdf_status() -> Response:
    """ "Being prepared" until the rule book PDF is stored, then 303 to it."""
    from assessor.web.report_download import preparing_page, report_jobs

    key, pack = _pack(request.args.get("pack"))
    language = current_language()
    jobs = report_jobs()
    download = url_for(".book_pdf", pack=key)
    stored = book_key(pack.content_hash, language)
    if jobs.books.get(stored) is not None:
        return _see_other(download)
    jobs.request_book(pack, language)  # idempotent; re-asks after a failure cools down
    return preparing_page(jobs.status(stored), download, check_url=url_for(".book_pdf_status", pack=key))


def _see_other(location: str) -> Response:
    response = redirect(location, code=303)
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.get("/rules/diff")
@requires("viewer")
def diff() -> str:
    """Choose two versions; see what was added, removed, reworded and re-pointed."""
    choices = pack_choices()
    old_key, new_key = request.args.get("old"), request.args.get("new")
    result = None
    if old_key and new_key:
        _o, old = _pack(old_key)
        _n, new = _pack(new_key)
        result = diff_packs(old, new, current_language())
    return render_template(
        "admin/rules/diff.html", choices=choices, old_key=old_key or "", new_key=new_key or "", diff=result
    )
