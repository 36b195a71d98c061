"""The cycle collector pause around renders and previews: off inside, back as it was after, even on error."""

from __future__ import annotations

import gc

import pytest

from assessor.gcpause import cyclic_gc_paused


def _fail_while_paused(seen: list[bool]) -> None:
    with cyclic_gc_paused():
        seen.append(gc.isenabled())
        raise RuntimeError("boom")


def test_paused_inside_and_resumed_after_an_error() -> None:
    assert gc.isenabled()
    seen: list[bool] = []
    with pytest.raises(RuntimeError):
        _fail_while_paused(seen)
    assert seen == [False]
    assert gc.isenabled()


def test_leaves_a_collector_that_was_off_off() -> None:
    gc.disable()
    try:
        with cyclic_gc_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        gc.enable()
