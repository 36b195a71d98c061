"""The rule book as a PDF: its HTML through the report renderer's environment (fonts, allow-list fetcher).

The HTML comes from the `admin/rules/book_print.html` template; `render_book_html` renders it
with the app's Jinja environment in the wanted language, so the CLI and the web share one text.
The web never renders it in a request: a job does, once per pack version and language
(assessor.jobs.books), and the admin page serves the stored PDF.
"""

from __future__ import annotations

from flask import render_template
from flask_babel import force_locale
from flask_babel import gettext as _

from assessor.admin.book import build_book
from assessor.core.rulebook import RuleBook
from assessor.gcpause import cyclic_gc_paused
from assessor.report.environment import PDFEnvironment, pdf_environment

STYLESHEET = "rulebook.css"


def render_book_html(book: RuleBook, language: str) -> str:
    """The printable rule book's HTML in `language`; needs an app and a request context."""
    with force_locale(language):
        # The running footer's words, which report.css reads from the body ("Page 3 of 45").
        return render_template(
            "admin/rules/book_print.html",
            book=build_book(book, language),
            lang=language,
            page_label=_("Page"),
            of_label=_("of"),
        )


def write_book_pdf(html: str, language: str, environment: PDFEnvironment | None = None) -> bytes:
    """PDF bytes of the printable rule book's HTML (seconds for the shipped pack)."""
    from weasyprint import HTML

    env = environment or pdf_environment()
    with env.lock, cyclic_gc_paused():  # the shared FontConfiguration is not known to be safe across threads
        stylesheets = [env.stylesheet, env.asset_stylesheet(STYLESHEET)]
        document = HTML(string=html, base_url=env.base_url, url_fetcher=env.fetcher)
        pdf: bytes = document.write_pdf(
            stylesheets=stylesheets,
            font_config=env.font_config,
            pdf_tags=True,
            presentational_hints=False,  # never: HTML attributes must not turn into CSS (CVE-2026-49452)
        )
    return pdf


def book_filename(book: RuleBook, language: str) -> str:
    """A file name that says which pack, version and language."""
    safe = "".join(ch if ch.isalnum() or ch in "-_." else "-" for ch in f"{book.id}-{book.version}")
    return f"rulebook-{safe}-{language}.pdf"
