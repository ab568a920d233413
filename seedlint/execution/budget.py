"""The per-file time budget (``time-budget``): a check that runs longer is stopped.

:func:`time_budget` arms a one-shot ``SIGALRM`` timer (``signal.setitimer``) around the work on
one file; when it fires, :class:`BudgetExceeded` is raised in the middle of whatever Python code
runs (regular expressions included), the pipeline reports the file (X002) and moves on. It works
in the main thread of any process, so in the worker processes of a pool too; elsewhere (a thread,
a platform without ``setitimer``) the budget is not enforced. An outer timer, such as a test
runner's, is suspended and re-armed with the time it had left.
"""

from __future__ import annotations

import signal
import threading
import time
from types import FrameType


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


# the budget armed in the current session (see budget_session), 0 when none is
_armed = [0.0]
_in_session = [False]


def _on_session_alarm(signum: int, frame: FrameType | None) -> None:
    seconds = _armed[0]
    if seconds:  # an alarm that comes after its file was done is nobody's: dropped
        _armed[0] = 0.0
        raise BudgetExceeded(seconds)


class budget_session:  # lower case: used like a function
    """A run of many files: the alarm handler is installed, and an outer timer suspended,
    once for all of them; each :func:`time_budget` inside only arms and disarms the timer
    (two system calls instead of six, and no handler swapped per file)."""

    __slots__ = ("active", "outer", "previous", "started")

    def __enter__(self) -> None:
        self.active = not _in_session[0] and enforceable()
        if not self.active:
            return
        self.previous = signal.signal(signal.SIGALRM, _on_session_alarm)
        self.outer, _ = signal.setitimer(signal.ITIMER_REAL, 0)
        self.started = time.monotonic()
        _in_session[0] = True

    def __exit__(self, *exc: object) -> None:
        if not self.active:
            return
        _armed[0] = 0.0
        try:
            signal.setitimer(signal.ITIMER_REAL, 0)
        finally:
            _in_session[0] = False
            signal.signal(signal.SIGALRM, self.previous)
            if self.outer > 0:  # give the outer timer back what it had left (at least a tick)
                left = self.outer - (time.monotonic() - self.started)
                signal.setitimer(signal.ITIMER_REAL, max(left, 0.001))


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
        if _in_session[0]:
            _armed[0] = seconds
            signal.setitimer(signal.ITIMER_REAL, seconds)
            return
        self.previous = signal.signal(signal.SIGALRM, self._on_alarm)
        self.outer, _ = signal.setitimer(signal.ITIMER_REAL, seconds)
        self.started = time.monotonic()

    def _on_alarm(self, signum: int, frame: FrameType | None) -> None:
        raise BudgetExceeded(self.seconds or 0.0)

    def __exit__(self, *exc: object) -> None:
        if self.seconds is None:
            return
        if _in_session[0]:  # an alarm on its way now still raises here, inside the check
            signal.setitimer(signal.ITIMER_REAL, 0)
            _armed[0] = 0.0
            return
        try:  # the alarm may still fire here: the handler is restored whatever happens
            signal.setitimer(signal.ITIMER_REAL, 0)
        finally:
            signal.signal(signal.SIGALRM, self.previous)
            if self.outer > 0:  # give the outer timer back what it had left (at least a tick)
                left = self.outer - (time.monotonic() - self.started)
                signal.setitimer(signal.ITIMER_REAL, max(left, 0.001))
