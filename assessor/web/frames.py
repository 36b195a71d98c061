"""Page frames: a page rendered once with holes where the respondent's state goes, then filled per request.

A factor page is about 14 kB, of which a few hundred bytes depend on the respondent: which options
are checked, what they typed, their progress, the CSRF token and the page's own address. Rendering
the whole template on every GET took most of the page's time (bench/load_bench.py). So the
template is rendered once per language and set of visible questions with a marker in each of
those places; the output is cut at the markers and kept; each request joins the fixed pieces with
its own values, escaped exactly as Jinja's autoescape would. The template stays the one
description of the page, and tests check that a filled frame is byte for byte the page a full
render gives.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Collection, Hashable, Mapping
from dataclasses import dataclass

from markupsafe import escape

# A NUL cannot come from a respondent (answers are cleaned of control characters) and never
# appears in the pack's texts we show (checked when a frame is made), so it cannot be confused
# with page content.
_MARK = "\x00"


def hole(name: str) -> str:
    """The marker a frame's template renders where the value called `name` will go."""
    return f"{_MARK}{name}{_MARK}"


class FrameError(ValueError):
    """A rendered page could not be made into a frame (the caller renders it in full instead)."""


@dataclass(frozen=True)
class Frame:
    """A page cut at its holes: fixed pieces around named values."""

    pieces: tuple[str, ...]
    names: tuple[str, ...]

    def fill(self, values: Mapping[str, object]) -> str:
        """The page with every hole filled; values are escaped as text, like anything Jinja prints."""
        parts = [self.pieces[0]]
        for name, piece in zip(self.names, self.pieces[1:], strict=True):
            parts.append(escape(values[name]))
            parts.append(piece)
        return "".join(parts)


def cut(rendered: str, *, allowed: Callable[[str], bool], secrets: Collection[str] = ()) -> Frame:
    """Cut a page rendered with holes into a frame.

    `allowed` says which hole names the page may have, so that stray markers are an error rather
    than a wrong page; no fixed piece may contain any of `secrets` (such as the resume token of the
    request the frame was made in), because the frame is shared by every respondent.
    """
    parts = rendered.split(_MARK)
    if len(parts) % 2 == 0:
        raise FrameError("unbalanced hole markers")
    pieces, names = tuple(parts[0::2]), tuple(parts[1::2])
    unknown = [name for name in names if not allowed(name)]
    if unknown:
        raise FrameError(f"unexpected holes: {', '.join(sorted(set(unknown)))}")
    if any(secret and secret in piece for secret in secrets for piece in pieces):
        raise FrameError("a request's secret is in the fixed text of a shared frame")
    return Frame(pieces, names)


class FrameCache:
    """Frames by key, made on first use. Bounded: beyond `max_frames`, pages are built every time.

    A page that could not be made into a frame is remembered as None, so it is rendered in full
    from then on without trying (and logging) again on every request.
    """

    def __init__(self, max_frames: int = 1024) -> None:
        self.max_frames = max_frames
        self._frames: dict[Hashable, Frame | None] = {}
        self._lock = threading.Lock()

    def get(self, key: Hashable, make: Callable[[], Frame | None]) -> Frame | None:
        """The frame for `key`, made with `make` if there is none yet."""
        try:
            return self._frames[key]
        except KeyError:
            pass
        # Made outside the lock: two threads may both make the first copy, which is harmless
        # (the frames are equal) and cheaper than making every other page wait.
        frame = make()
        with self._lock:
            if len(self._frames) < self.max_frames:
                self._frames.setdefault(key, frame)
        return frame

    def __len__(self) -> int:
        return len(self._frames)
