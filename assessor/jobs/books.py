"""Rule book PDFs as jobs: the key of one pack version's book in one language, and that pack found again by the worker.

A job carries only its key and language (the ledger's columns), so the worker finds the pack whose
book the key names among those the admin pages can open: the live pack, ADMIN_RULE_PACKS, and
every stored pack version. Keys are hashes of the pack's content hash and the language, so the
search costs one hash per candidate and loads only the pack that matches.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from pathlib import Path

from flask import Flask
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from assessor import __version__
from assessor.core.rulebook import RuleBook
from assessor.jobs.models import BOOK
from assessor.loading.rulepack import RulePackError, load_rulebook
from assessor.records.packs import PackCache
from assessor.storage.models import PackVersion

EXTRA_PACKS = "admin_extra_packs"  # app.extensions: ADMIN_RULE_PACKS loaded, by path (shared with the admin pages)


def book_key(rules_hash: str, language: str) -> str:
    """The storage key of the rule book of the pack with content hash `rules_hash`, in `language`."""
    payload = {"kind": BOOK, "rules_hash": rules_hash, "language": language, "assessor_version": __version__}
    return hashlib.sha256(json.dumps(payload, sort_keys=True).encode("utf-8")).hexdigest()


def extra_packs(app: Flask) -> Iterator[tuple[int, Path, RuleBook]]:
    """The valid packs of ADMIN_RULE_PACKS as (index in the setting, path, pack), each loaded once per process."""
    cache: dict[str, RuleBook] = app.extensions.setdefault(EXTRA_PACKS, {})
    for index, path in enumerate(app.config["ADMIN_RULE_PACKS"]):
        book = cache.get(str(path))
        if book is None:
            try:
                book = load_rulebook(Path(path))
            except RulePackError:
                app.logger.warning("ADMIN_RULE_PACKS: %s is not a valid rule pack; left out", path)
                continue
            cache[str(path)] = book
        yield index, Path(path), book


def pack_for_book(app: Flask, sessions: sessionmaker[Session], key: str, language: str) -> RuleBook | None:
    """The pack whose rule book in `language` is stored under `key`, or None if no pack has it."""
    live: RuleBook = app.extensions["rulebook"]
    for book in [live, *(extra for _index, _path, extra in extra_packs(app))]:
        if book_key(book.content_hash, language) == key:
            return book
    with sessions() as db:
        for row in db.scalars(select(PackVersion).where(PackVersion.files.is_not(None))):
            if book_key(row.content_hash, language) == key:
                return PackCache(live).book(row)
    return None


def render_book_pdf(app: Flask, book: RuleBook, language: str) -> bytes:
    """The rule book of `book` in `language` as PDF bytes (its HTML needs the app's templates and a request)."""
    from assessor.admin.bookpdf import render_book_html, write_book_pdf
    from assessor.report.environment import pdf_environment

    with app.test_request_context():
        html = render_book_html(book, language)
    return write_book_pdf(html, language, pdf_environment())
