"""The speed tricks of execution, each with the figure that keeps it.

* :func:`long_lived` and :func:`freeze`: the outcomes of a run live until its end, and a big
  corpus has millions of such objects; left to the cyclic garbage collector, every full
  collection traverses them all again (a second of a two-second warm run at 100,000 files,
  benchmarks/README.md). :func:`gc.freeze` moves them out of its sight.
* :func:`clean_hit`: the cached outcome of an unchanged file without findings (nearly every
  file of a warm run) read in one call, without the general way's record and decoding
  (``_cached`` in :mod:`seedlint.execution.pool`): a warm ``check_all`` of the 20,000 news
  items of ``benchmarks/bench.py --docs 20000`` took 149 to 173 ms with it and 172 to 191 ms
  without, measured back to back (a warm run in all takes about 0.7 s: 3% of it, and 10 to
  15% of the work per file).
"""

from __future__ import annotations

import gc
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from seedlint.core.outcome import FileOutcome
from seedlint.execution.cache import stat_bytes
from seedlint.pipeline.discover import Target


@contextmanager
def long_lived() -> Iterator[None]:
    """No cyclic garbage collection in the block; what it allocated is then frozen. For blocks
    that allocate long-lived objects and no reference cycles (listing files, loading a cache).
    The checks' own short-lived cycles are still collected, young, as they come (the outcomes
    checked since are frozen every so many files: :func:`freeze`)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()  # what the block allocated holds no cycle: nothing to collect first
        if enabled:
            gc.enable()


def freeze() -> None:
    """Collect the young generations (the checks' own short-lived cycles), then move what is
    left, long-lived, out of the collector's sight."""
    gc.collect(1)
    gc.freeze()


def clean_hit(
    stored: Any, target: Target, env_of: Callable[[str], str], lstat: Any = os.lstat
) -> FileOutcome | None:
    """The outcome a stored cache entry gives ``target`` when the file is unchanged (same
    flag, roots and stat) and the outcome has no findings, notes nor fixes; else ``None`` (the
    general way decides). ``stored`` unpacks in the order of
    :class:`seedlint.execution.cache.Entry`'s fields."""
    try:
        explicit, env, meta, kind, skipped, findings, facts, suppressions, notes, fixes = stored
        display = target.display
        if (
            explicit is not target.explicit
            or findings
            or notes
            or fixes
            or env != env_of(display)
            or type(facts) is not dict
            or type(suppressions) is not tuple
            or type(skipped) is not bool
            or not (kind is None or type(kind) is str)
            or meta[:32] != stat_bytes(lstat(display))
        ):
            return None
    except (OSError, TypeError, ValueError):
        return None  # the general way says what to do
    return FileOutcome(display, kind, [], facts, list(suppressions), skipped)
