"""The rule book and the diff of two versions, for reading and for review meetings (viewer role)."""

from __future__ import annotations

from pathlib import Path

from flask import abort, current_app, render_template, request
from werkzeug.wrappers import Response

from assessor.admin.book import build_book
from assessor.admin.bookpdf import BookPDFs, book_filename, render_book_html
from assessor.admin.diff import diff_packs
from assessor.core.rulebook import RuleBook
from assessor.loading.rulepack import RulePackError, load_rulebook
from assessor.web.admin.access import requires
from assessor.web.admin.blueprint import bp
from assessor.web.rulebook import current_rulebook
from assessor.web.templating import current_language

LIVE = "live"
# Rendered in the request (once per version and language, then from memory) only up to this many
# questions: the shipped pack's 44 take about 9 s of a core. Bigger books belong on the job queue.
INLINE_PDF_QUESTIONS = 100


def pack_choices() -> list[tuple[str, str, RuleBook]]:
    """The versions the pages can open: the live pack, then ADMIN_RULE_PACKS (until stored versions land)."""
    live = current_rulebook()
    choices = [(LIVE, f"{live.id} {live.version} (live)", live)]
    cache: dict[str, RuleBook] = current_app.extensions.setdefault("admin_extra_packs", {})
    for index, path in enumerate(current_app.config["ADMIN_RULE_PACKS"]):
        book = cache.get(str(path))
        if book is None:
            try:
                book = load_rulebook(Path(path))
            except RulePackError:
                current_app.logger.warning("ADMIN_RULE_PACKS: %s is not a valid rule pack; left out", path)
                continue
            cache[str(path)] = book
        choices.append((f"pack-{index}", f"{book.id} {book.version} ({Path(path).name})", book))
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
    """The rule book as a PDF, rendered in the request while packs are small."""
    _key, pack = _pack(request.args.get("pack"))
    if len(pack.questions) > INLINE_PDF_QUESTIONS:
        abort(413)
    language = current_language()
    books: BookPDFs = current_app.extensions.setdefault("admin_book_pdfs", BookPDFs())
    pdf = books.pdf(pack, language, lambda: render_book_html(pack, language))
    response = Response(pdf, mimetype="application/pdf")
    response.headers["Content-Disposition"] = f'attachment; filename="{book_filename(pack, language)}"'
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
