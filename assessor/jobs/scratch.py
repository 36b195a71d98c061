"""Scratch folders of render processes: where WeasyPrint's temporary files go, removed however a process ends.

WeasyPrint copies each @font-face font to a `weasyprint-*` folder made with `tempfile.mkdtemp` and
removes it only when its FontConfiguration is garbage-collected. A render process that is killed
(SIGKILL, out of memory) or that exits through `os._exit` (multiprocessing children do: no atexit,
no final collection) leaves that folder behind, a megabyte each time. So each render process sends
its temporary files to a folder of its own, named by its process id, under the instance folder; the
worker's main process removes the folders of processes that are gone, at start-up and between jobs.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from pathlib import Path

log = logging.getLogger(__name__)

SCRATCH_FOLDER = "render-tmp"


def scratch_root(instance_path: str | Path) -> Path:
    """The folder holding every render process's scratch folder."""
    return Path(instance_path) / SCRATCH_FOLDER


def use_own_scratch(root: Path) -> Path:
    """Make this process's scratch folder and send `tempfile`'s files there; returns the folder."""
    folder = root / str(os.getpid())
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    # mkdtemp() reads this module variable on every call; set here, before WeasyPrint makes any file.
    tempfile.tempdir = str(folder)
    return folder


def remove_own_scratch(root: Path) -> None:
    """Remove this process's scratch folder (a process ending on its own)."""
    shutil.rmtree(root / str(os.getpid()), ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)  # signal 0: only asks whether the process exists
    except ProcessLookupError:
        return False
    except PermissionError:  # exists, someone else's
        return True
    return True


def remove_dead_scratch(root: Path) -> list[Path]:
    """Remove the scratch folders of processes that no longer run; returns the folders removed.

    A folder whose process id has since been given to another process is kept until that one
    ends too: it is never mistaken for a live render's, whose fonts are in use.
    """
    if not root.is_dir():
        return []
    removed = []
    for folder in root.iterdir():
        if not folder.is_dir() or not folder.name.isdigit() or _alive(int(folder.name)):
            continue
        shutil.rmtree(folder, ignore_errors=True)
        removed.append(folder)
    if removed:
        log.info("removed the scratch folders of %d ended render process(es)", len(removed))
    return removed
