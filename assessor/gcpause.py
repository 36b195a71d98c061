"""Pausing Python's cycle collector around one long, allocation-heavy piece of work.

Two kinds of work here allocate hundreds of thousands of objects in one go and make few reference
cycles: a PDF render (WeasyPrint's boxes, text layouts and PDF objects) and a rule-book impact
preview (thousands of results). Refcounting frees nearly all of it; the cycle collector, triggered
by the allocation count alone, walks the growing heap again and again for almost nothing. Measured:
it is 9% of a report render (bench/report_bench.py) and doubles an impact preview
(bench/impact_bench.py), while a render's peak memory stays within 3 MB with it paused.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def cyclic_gc_paused() -> Iterator[None]:
    """Pause the cycle collector for the block; it resumes as it was, whatever happens.

    Process-wide: other threads' cycles wait too, for the few seconds the block lasts. Whatever
    cycles the block leaves are collected by the next automatic collection after it.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
