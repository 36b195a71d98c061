"""Rule pack versions as data: stored once by content hash, loaded back (and cached) by hash.

A pack whose (id, version) is already stored with other content is refused: a version names one
content, forever, so that "scored with version 3" means one thing on every page and PDF.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from assessor.core.rulebook import RuleBook
from assessor.loading.packfiles import files_hash, load_pack_from_files
from assessor.storage.db import begin_write
from assessor.storage.models import PackVersion


class PackVersionClashError(Exception):
    """A pack claims an (id, version) already stored with different content."""

    def __init__(self, pack_id: str, version: str, stored_hash: str, new_hash: str) -> None:
        super().__init__(
            f"rule pack '{pack_id}' version {version} is already stored with other content "
            f"(hash {stored_hash[:12]}…, this one {new_hash[:12]}…): "
            "the pack's version must change when its content does"
        )


class PackUnavailableError(LookupError):
    """A pinned pack version whose files were never stored and that is not the pack running now."""


def store_pack(db: Session, book: RuleBook, files: Mapping[str, str], **fields: Any) -> PackVersion:
    """The stored row for this pack, added if new (committed); refuses an (id, version) clash.

    `fields` (state, created_by, note) apply to a new row only: a pack an app runs is published.
    """
    if files_hash(files) != book.content_hash:
        raise ValueError("the files given are not the ones this pack was loaded from")
    for _attempt in range(3):
        begin_write(db)
        row = db.scalars(select(PackVersion).where(PackVersion.content_hash == book.content_hash)).first()
        if row is not None:
            if row.files is None:
                # Named by assessments before versions were stored (migration 0002): now we have its files.
                row.files = dict(files)
                db.commit()
            return row
        clash = db.scalars(
            select(PackVersion).where(PackVersion.pack_id == book.id, PackVersion.version == book.version)
        ).first()
        if clash is not None:
            raise PackVersionClashError(book.id, book.version, clash.content_hash, book.content_hash)
        row = PackVersion(
            pack_id=book.id, version=book.version, content_hash=book.content_hash, files=dict(files), **fields
        )
        try:
            with db.begin_nested():
                db.add(row)
            db.commit()
            return row
        except IntegrityError:
            # Another process stored it at the same moment: read theirs.
            db.rollback()
    raise RuntimeError("could not store the rule pack version")


class PackCache:
    """RuleBooks by content hash, loaded from stored files once per process."""

    def __init__(self, live: RuleBook | None = None) -> None:
        self._books: dict[str, RuleBook] = {}
        self._lock = threading.Lock()
        if live is not None:
            self._books[live.content_hash] = live

    def cached(self, content_hash: str) -> RuleBook | None:
        """The pack with this content hash if this process has it already, else None."""
        return self._books.get(content_hash)

    def book(self, row: PackVersion) -> RuleBook:
        """The pack a stored version holds."""
        found = self._books.get(row.content_hash)
        if found is not None:
            return found
        if row.files is None:
            raise PackUnavailableError(
                f"rule pack '{row.pack_id}' version {row.version} ({row.content_hash[:12]}…) was never stored; "
                "start the app once on that pack to show assessments scored with it"
            )
        book = load_pack_from_files(row.files)
        with self._lock:
            self._books.setdefault(row.content_hash, book)
        return book


def pack_version(db: Session, pack_version_id: int) -> PackVersion:
    """A stored pack version by id."""
    row = db.get(PackVersion, pack_version_id)
    if row is None:
        raise LookupError(f"pack version {pack_version_id} has gone")
    return row
