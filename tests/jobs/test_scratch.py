"""Render scratch folders: a process's temporary files go to its own folder, removed once it has ended."""

from __future__ import annotations

import multiprocessing
import os
import signal
import tempfile
from multiprocessing.synchronize import Event
from pathlib import Path

from assessor.jobs.scratch import remove_dead_scratch, use_own_scratch


def _make_fonts_folder_and_wait(root: str, ready: Event) -> None:
    use_own_scratch(Path(root))
    tempfile.mkdtemp(prefix="weasyprint-")  # what WeasyPrint's FontConfiguration does
    ready.set()
    signal.pause()  # until killed: nothing of its own is cleaned up


def test_the_folders_of_killed_processes_are_removed_and_live_ones_kept(tmp_path: Path) -> None:
    context = multiprocessing.get_context("fork")  # as Huey's process workers are made
    ready = context.Event()
    render = context.Process(target=_make_fonts_folder_and_wait, args=(str(tmp_path), ready))
    render.start()
    assert ready.wait(10)
    assert render.pid is not None
    killed = tmp_path / str(render.pid)
    assert [p.name.startswith("weasyprint-") for p in killed.iterdir()] == [True]
    mine = tmp_path / str(os.getpid())
    mine.mkdir()
    (tmp_path / "not-a-process").mkdir()

    assert remove_dead_scratch(tmp_path) == []  # the render is still running
    os.kill(render.pid, signal.SIGKILL)
    render.join(10)

    assert remove_dead_scratch(tmp_path) == [killed]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([str(os.getpid()), "not-a-process"])


def test_nothing_to_remove_before_any_worker_ran(tmp_path: Path) -> None:
    assert remove_dead_scratch(tmp_path / "render-tmp") == []
