"""How the per-file work is executed: in this process, in a pool, from a cache."""

from __future__ import annotations

from collections.abc import Sequence

from seedlint.context import Context
from seedlint.discover import Target
from seedlint.pipeline import Engine, FileOutcome, check_target


def check_all(
    targets: Sequence[Target], engine: Engine, ctx: Context, *,
    jobs: int | None = None, use_cache: bool = True,
) -> list[FileOutcome]:
    from seedlint import progress

    progress.start(len(targets))  # a no-op unless a progress bar is showing (seedlint.progress)
    outcomes = []
    for target in targets:
        outcomes.append(check_target(target, engine, ctx))
        progress.advance()
    return outcomes
