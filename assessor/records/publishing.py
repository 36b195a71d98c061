"""Publishing rule pack versions: checked drafts, a proposal, a second person's approval, one active version.

A draft is stored only when `rules check --strict` and the worked examples pass. An editor proposes it;
an admin other than the proposer approves it, which publishes it and makes it the active version
(`RULES_SINGLE_APPROVER` lets one person do both in a small team). Any published version can be made
active again: that is a rollback. Every step goes to the audit log with who, when and the note.
"""

from __future__ import annotations

import io
import tempfile
import zipfile
from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath

from sqlalchemy import select
from sqlalchemy.orm import Session

from assessor.admin.accounts import record_event
from assessor.core.examples import run_example
from assessor.core.rulebook import RuleBook
from assessor.loading.packfiles import PackFilesError, files_hash, read_pack_files
from assessor.loading.rulepack import check_rulepack
from assessor.records.packs import PackVersionClashError, store_pack
from assessor.storage.db import begin_write
from assessor.storage.models import PACK_DRAFT, PROPOSED, PUBLISHED, ActivePack, PackVersion

# An uploaded folder as a zip: limits before anything is unpacked (the shipped pack is ~200 kB in 5 files).
MAX_ZIP_FILES = 200
MAX_UNZIPPED_BYTES = 20 * 1024 * 1024
PACK_SUFFIXES = (".yaml", ".yml")


class CandidateError(ValueError):
    """A pack that may not be stored as a draft, with every problem found."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


class StepError(ValueError):
    """A state change that is not allowed now (wrong state, same person approving)."""


def files_from_zip(data: bytes) -> dict[str, str]:
    """The YAML files of a zipped pack folder, refusing unsafe or oversized archives."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise CandidateError(["the file is not a zip archive"]) from None
    entries = [e for e in archive.infolist() if not e.is_dir()]
    if len(entries) > MAX_ZIP_FILES:
        raise CandidateError([f"the zip holds {len(entries)} files; at most {MAX_ZIP_FILES} are accepted"])
    if sum(e.file_size for e in entries) > MAX_UNZIPPED_BYTES:
        raise CandidateError([f"the zip unpacks to more than {MAX_UNZIPPED_BYTES // (1024 * 1024)} MB"])
    problems: list[str] = []
    names: dict[str, zipfile.ZipInfo] = {}
    for entry in entries:
        path = PurePosixPath(entry.filename.replace("\\", "/"))
        if path.is_absolute() or ".." in path.parts or ":" in entry.filename:
            problems.append(f"{entry.filename}: a path outside the pack folder is not allowed")
            continue
        if path.suffix in PACK_SUFFIXES and not any(part.startswith(("_", ".")) for part in path.parts):
            names[path.as_posix()] = entry
    if problems:
        raise CandidateError(problems)
    if not names:
        raise CandidateError(["the zip holds no .yaml files"])
    # A folder zipped with its own name inside ("pack/pack.yaml"): strip the common top folder.
    tops = {PurePosixPath(name).parts[0] for name in names}
    strip = len(tops) == 1 and all(len(PurePosixPath(n).parts) > 1 for n in names)
    files: dict[str, str] = {}
    for name, entry in names.items():
        relative = "/".join(PurePosixPath(name).parts[1:]) if strip else name
        # Read with the size cap again: the sizes in the directory could lie.
        with archive.open(entry) as handle:
            raw = handle.read(MAX_UNZIPPED_BYTES + 1)
        if len(raw) > MAX_UNZIPPED_BYTES:
            raise CandidateError([f"{name}: the file unpacks to more than its stated size"])
        try:
            files[relative] = raw.decode("utf-8")
        except UnicodeDecodeError:
            problems.append(f"{name}: not UTF-8 text")
    if problems:
        raise CandidateError(problems)
    return files


def files_from_spreadsheet(data: bytes) -> dict[str, str]:
    """The YAML files of a rule pack workbook (every problem at once, with its cell)."""
    from assessor.loading.spreadsheet_import import import_pack

    files, problems = import_pack(data)
    if problems or not files:
        raise CandidateError([str(p) for p in problems] or ["the workbook holds no rule pack"])
    return {name: content.decode("utf-8") for name, content in files.items()}


def files_from_path(path: Path) -> dict[str, str]:
    """The pack files of a folder, a YAML file, a zip or a workbook on disk."""
    if path.is_file() and path.suffix == ".zip":
        return files_from_zip(path.read_bytes())
    if path.is_file() and path.suffix == ".xlsx":
        return files_from_spreadsheet(path.read_bytes())
    try:
        return read_pack_files(path)
    except OSError as exc:
        raise CandidateError([f"{path}: cannot read ({exc.strerror or exc})"]) from None


def check_candidate(files: Mapping[str, str]) -> RuleBook:
    """The pack these files make, if it passes `rules check --strict` and its worked examples."""
    with tempfile.TemporaryDirectory(prefix="assessor-candidate-") as tmp:
        root = Path(tmp)
        for name, text in files.items():
            relative = PurePosixPath(name)
            if relative.is_absolute() or ".." in relative.parts:
                raise CandidateError([f"{name}: a path outside the pack folder is not allowed"])
            target = root.joinpath(*relative.parts)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        report = check_rulepack(root)
    problems = [str(p) for p in report.problems] + [str(w) for w in report.warnings]
    if report.book is None or problems:
        raise CandidateError(problems or ["the rule pack is not valid"])
    book = report.book
    if book.content_hash != files_hash(files):
        raise CandidateError(["the pack files changed while they were checked"])
    for example in book.examples:
        _result, mismatches = run_example(book, example)
        problems.extend(f"worked example {example.id}: {m}" for m in mismatches)
    if problems:
        raise CandidateError(problems)
    return book


def add_draft(db: Session, files: Mapping[str, str], *, actor: str, note: str) -> tuple[PackVersion, bool]:
    """Store checked files as a draft (committed); False when that content was stored already."""
    book = check_candidate(files)
    existing = db.scalars(select(PackVersion).where(PackVersion.content_hash == book.content_hash)).first()
    if existing is not None and existing.files is not None:
        return existing, False
    try:
        row = store_pack(db, book, files, state=PACK_DRAFT, created_by=actor, note=note)
    except (PackFilesError, PackVersionClashError) as exc:
        raise CandidateError([str(exc)]) from None
    begin_write(db)
    record_event(
        db,
        actor=actor,
        action="pack.draft",
        subject_type="pack_version",
        subject_id=str(row.id),
        note=note,
        detail={"pack": book.id, "version": book.version, "hash": book.content_hash},
    )
    db.commit()
    return row, True


def propose(db: Session, row: PackVersion, *, actor: str, note: str) -> None:
    """Put a draft forward for review."""
    _hold(db, row)
    if row.state != PACK_DRAFT:
        raise StepError(f"version {row.version} is {row.state}; only a draft can be proposed")
    row.state = PROPOSED
    row.proposed_by = actor
    _audit(db, row, actor, "pack.propose", note)
    db.commit()


def approve_and_publish(db: Session, row: PackVersion, *, actor: str, note: str, single_approver: bool) -> None:
    """Approve a proposal and make it the active version; the proposer may not approve alone."""
    if row.state == PACK_DRAFT and single_approver:
        propose(db, row, actor=actor, note=note)
    _hold(db, row)
    if row.state != PROPOSED:
        raise StepError(f"version {row.version} is {row.state}; only a proposed version can be approved")
    if row.proposed_by == actor and not single_approver:
        raise StepError("a second person must approve: you proposed this version")
    row.state = PUBLISHED
    row.approved_by = actor
    row.published_at = datetime.now(UTC)
    _audit(db, row, actor, "pack.approve", note)
    _make_active(db, row, actor)
    _audit(db, row, actor, "pack.publish", note)
    db.commit()


def activate(db: Session, row: PackVersion, *, actor: str, note: str) -> None:
    """Make an earlier published version the active one again (a rollback)."""
    _hold(db, row)
    if row.state != PUBLISHED:
        raise StepError(f"version {row.version} is {row.state}; only a published version can be made active")
    _make_active(db, row, actor)
    _audit(db, row, actor, "pack.rollback", note)
    db.commit()


def active_version_id(db: Session) -> int | None:
    """The id of the active pack version, None before any was made active."""
    return db.scalar(select(ActivePack.pack_version_id).where(ActivePack.id == 1))


def ensure_active(db: Session, row: PackVersion, *, newly_stored: bool) -> None:
    """At start: a new, empty database starts on the app's pack; a pack never stored before takes over too."""
    begin_write(db)
    current = db.get(ActivePack, 1)
    if current is not None and not newly_stored:
        return
    if current is not None and current.pack_version_id == row.id:
        return
    if row.published_at is None:
        row.published_at = datetime.now(UTC)
    _make_active(db, row, "start-up")
    _audit(db, row, "start-up", "pack.publish", "the pack the app was started with (ASSESSOR_RULES)")
    db.commit()


def versions(db: Session) -> list[PackVersion]:
    """Every stored version, newest first."""
    return list(db.scalars(select(PackVersion).order_by(PackVersion.id.desc())))


def find_version(db: Session, key: str) -> PackVersion | None:
    """A stored version by id or by a content hash prefix (at least 6 characters)."""
    if key.isdigit():
        return db.get(PackVersion, int(key))
    if len(key) < 6:
        return None
    rows = list(db.scalars(select(PackVersion).where(PackVersion.content_hash.startswith(key.lower()))))
    return rows[0] if len(rows) == 1 else None


def _hold(db: Session, row: PackVersion) -> None:
    """Begin the write and read the version's state afresh, locked: two reviewers acting at once
    see each other's step, so a version is approved (and audited) once."""
    begin_write(db)
    db.refresh(row, with_for_update=True)


def _make_active(db: Session, row: PackVersion, actor: str) -> None:
    current = db.get(ActivePack, 1)
    if current is None:
        db.add(ActivePack(id=1, pack_version_id=row.id, changed_by=actor, changed_at=datetime.now(UTC)))
    else:
        current.pack_version_id = row.id
        current.changed_by = actor
        current.changed_at = datetime.now(UTC)


def _audit(db: Session, row: PackVersion, actor: str, action: str, note: str) -> None:
    record_event(
        db,
        actor=actor,
        action=action,
        subject_type="pack_version",
        subject_id=str(row.id),
        note=note,
        detail={"pack": row.pack_id, "version": row.version, "hash": row.content_hash},
    )
