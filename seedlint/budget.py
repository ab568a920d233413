"""The per-file time budget (``time-budget``): a check that runs longer is stopped.

:func:`time_budget` arms a one-shot ``SIGALRM`` timer (``signal.setitimer``) around the work on
one file; when it fires, :class:`BudgetExceeded` is raised in the middle of whatever Python code
runs (regular expressions included), the pipeline reports the file (X002) and moves on. It works
in the main thread of any process, so in the worker processes of a pool too; elsewhere (a thread,
a platform without ``setitimer``) the budget is not enforced. An outer timer, such as a test
runner's, is suspended and re-armed with the time it had left.
"""

from __future__ import annotations

import importlib
import signal
import threading
import time
from collections.abc import Callable
from types import FrameType
from typing import Any


def _c_signal() -> Callable[[int, Any], Any]:
    """The C ``signal`` function where there is one: ``signal.signal`` adds ~2 us of enum
    conversions a call, and a budget costs two calls a file."""
    try:
        module = importlib.import_module("_signal")
    except ImportError:  # pragma: no cover - not CPython
        return signal.signal
    function: Callable[[int, Any], Any] = getattr(module, "signal", signal.signal)
    return function


_handler = _c_signal()


class BudgetExceeded(BaseException):
    """Raised when the time budget of one file is spent.

    A ``BaseException`` so that the ``except Exception`` around each rule, which turns a rule's
    bug into an internal-error finding, does not swallow it.
    """

    def __init__(self, seconds: float) -> None:
        super().__init__(f"time budget of {seconds:g} s exceeded")
        self.seconds = seconds


def enforceable() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


class time_budget:  # lower case: used like a function, ``with time_budget(seconds):``
    """Raise :class:`BudgetExceeded` in the body once ``seconds`` have passed (``None`` or
    ``0``: no budget). A class rather than a generator: it runs once per file."""

    __slots__ = ("outer", "previous", "seconds", "started")

    def __init__(self, seconds: float | None) -> None:
        self.seconds = seconds if seconds and seconds > 0 and enforceable() else None

    def __enter__(self) -> None:
        seconds = self.seconds
        if seconds is None:
            return
        self.previous = _handler(signal.SIGALRM, self._on_alarm)
        self.outer, _ = signal.setitimer(signal.ITIMER_REAL, seconds)
        self.started = time.monotonic()

    def _on_alarm(self, signum: int, frame: FrameType | None) -> None:
        raise BudgetExceeded(self.seconds or 0.0)

    def __exit__(self, *exc: object) -> None:
        if self.seconds is None:
            return
        try:  # the alarm may still fire here: the handler is restored whatever happens
            signal.setitimer(signal.ITIMER_REAL, 0)
        finally:
            _handler(signal.SIGALRM, self.previous)
            if self.outer > 0:  # give the outer timer back what it had left (at least a tick)
                left = self.outer - (time.monotonic() - self.started)
                signal.setitimer(signal.ITIMER_REAL, max(left, 0.001))
