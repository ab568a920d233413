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
from collections.abc import Iterator
from contextlib import contextmanager
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


@contextmanager
def time_budget(seconds: float | None) -> Iterator[None]:
    """Raise :class:`BudgetExceeded` in the body once ``seconds`` have passed (``None`` or
    ``0``: no budget)."""
    if not seconds or seconds <= 0 or not enforceable():
        yield
        return

    def on_alarm(signum: int, frame: FrameType | None) -> None:
        raise BudgetExceeded(seconds)

    previous = signal.signal(signal.SIGALRM, on_alarm)
    outer, _ = signal.setitimer(signal.ITIMER_REAL, seconds)
    started = time.monotonic()
    try:
        yield
    finally:
        try:  # the alarm may still fire here: the handler is restored whatever happens
            signal.setitimer(signal.ITIMER_REAL, 0)
        finally:
            signal.signal(signal.SIGALRM, previous)
            if outer > 0:  # give the outer timer back what it had left (at least a tick)
                left = outer - (time.monotonic() - started)
                signal.setitimer(signal.ITIMER_REAL, max(left, 0.001))
