"""A rule pack's files as data: read them with the pack, and load a pack again from stored files.

The content hash is the one `check_rulepack` computes (relative path and bytes of every YAML file),
so a pack loaded from its stored files has the hash it was stored under.

Loaded packs are kept by that hash (and the catalogues that gave their default labels): a RuleBook
is immutable and depends on nothing else, so the same files are checked and built once per process
however many apps, previews and stored versions ask for them.
"""

from __future__ import annotations

import hashlib
import tempfile
import threading
from collections import OrderedDict
from collections.abc import Callable, Mapping
from pathlib import Path, PurePosixPath

from assessor.core.rulebook import RuleBook
from assessor.loading.rulepack import load_rulebook, rule_files
from assessor.presentation.catalogues import translation_directories

# A published version, a draft or two and the versions old records were scored on: a few at a time.
_KEEP = 8
_loaded: OrderedDict[tuple[str, tuple[str, ...]], RuleBook] = OrderedDict()
_loaded_lock = threading.Lock()


class PackFilesError(ValueError):
    """Stored pack files that cannot be written back as a pack (a path that leaves the folder)."""


def read_pack_files(path: Path) -> dict[str, str]:
    """The pack's YAML files by the relative name the content hash uses."""
    files: dict[str, str] = {}
    for file in rule_files(path):
        name = file.relative_to(path).as_posix() if path.is_dir() else file.name
        files[name] = file.read_bytes().decode("utf-8")
    return files


def files_hash(files: Mapping[str, str]) -> str:
    """The content hash of a pack made of these files (as `check_rulepack` computes it)."""
    digest = hashlib.sha256()
    for name in sorted(files):
        digest.update(name.encode() + b"\0" + files[name].encode("utf-8") + b"\0")
    return digest.hexdigest()


def load_pack_with_files(path: Path) -> tuple[RuleBook, dict[str, str]]:
    """The pack at `path` and the files it was loaded from, read so that both agree.

    Files are read before and after loading; if the pack was being edited meanwhile, try again.
    """
    for _attempt in range(3):
        files = read_pack_files(path)
        book = _loaded_once(files, lambda: load_rulebook(path))
        if files_hash(files) == book.content_hash:
            return book, files
    raise PackFilesError(f"{path}: the rule pack kept changing while it was being loaded")


def load_pack_from_files(files: Mapping[str, str]) -> RuleBook:
    """A pack loaded from stored files (written to a private temporary folder, then loaded)."""
    return _loaded_once(files, lambda: _load_written(files))


def _load_written(files: Mapping[str, str]) -> RuleBook:
    with tempfile.TemporaryDirectory(prefix="assessor-pack-") as tmp:
        root = Path(tmp)
        for name, text in files.items():
            relative = PurePosixPath(name)
            if relative.is_absolute() or ".." in relative.parts or not relative.parts:
                raise PackFilesError(f"stored pack file name {name!r} leaves the pack folder")
            target = root.joinpath(*relative.parts)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(text.encode("utf-8"))
        return load_rulebook(root)


def _loaded_once(files: Mapping[str, str], load: Callable[[], RuleBook]) -> RuleBook:
    """The pack these files make, loaded by `load` unless it was loaded already (RulePackError if invalid)."""
    key = (files_hash(files), translation_directories())
    with _loaded_lock:
        book = _loaded.get(key)
        if book is not None:
            _loaded.move_to_end(key)
            return book
    book = load()
    if book.content_hash == key[0]:  # not edited while it was read: keep it
        with _loaded_lock:
            _loaded[key] = book
            while len(_loaded) > _KEEP:
                _loaded.popitem(last=False)
    return book
