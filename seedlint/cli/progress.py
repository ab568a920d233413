"""A progress bar on standard error, for people waiting at a terminal.

It appears only when standard error is a terminal, ``--quiet`` is not given, and the run has
already taken a second (a quick run never flickers); it redraws at most ten times a second,
and erases itself when the run ends, so nothing of it remains in a scrollback or a log.
Machine-readable output (standard output or ``--output-file``) never sees it.

The stages report through two module functions that do nothing when no bar is active (as in
worker processes): :func:`start` once the files are known, :func:`advance` as each file's
outcome arrives in the main process.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TextIO

DELAY = 1.0
INTERVAL = 0.1
WIDTH = 30


class Bar:
    def __init__(self, stream: TextIO, delay: float = DELAY) -> None:
        self.stream = stream
        self.delay = delay
        self.began = time.monotonic()
        self.total = 0
        self.done = 0
        self.drawn = False
        self.last = 0.0

    def start(self, total: int) -> None:
        self.total = total
        self.done = 0

    def advance(self, n: int = 1) -> None:
        self.done += n
        now = time.monotonic()
        if now - self.began < self.delay or now - self.last < INTERVAL:
            return
        self.last = now
        self.draw()

    def draw(self) -> None:
        total = max(self.total, self.done, 1)
        filled = WIDTH * self.done // total
        line = (
            f"\r[{'#' * filled}{'.' * (WIDTH - filled)}] {self.done}/{total} files "
            f"{100 * self.done // total:3d}%"
        )
        try:
            self.stream.write(line)
            self.stream.flush()
        except (OSError, ValueError):
            return
        self.drawn = True

    def close(self) -> None:
        if self.drawn:
            try:
                self.stream.write("\r\x1b[2K")
                self.stream.flush()
            except (OSError, ValueError):
                pass
            self.drawn = False


_active: Bar | None = None


def wanted(stream: TextIO, quiet: bool) -> bool:
    """Whether a bar belongs on ``stream``: a terminal that is not dumb, without ``--quiet``."""
    if quiet or os.environ.get("TERM") == "dumb" or os.environ.get("CI"):
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty is not None and isatty())


@contextmanager
def bar(stream: TextIO, enabled: bool) -> Iterator[Bar | None]:
    """Show a bar on ``stream`` for the duration of the block, when ``enabled``."""
    global _active
    if not enabled:
        yield None
        return
    current = Bar(stream)
    previous, _active = _active, current
    try:
        yield current
    finally:
        current.close()
        _active = previous


def start(total: int) -> None:
    if _active is not None:
        _active.start(total)


def advance(n: int = 1) -> None:
    if _active is not None:
        _active.advance(n)
