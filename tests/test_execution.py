"""How the per-file work runs (seedlint.execution.pool): one process or a pool, the same
findings."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from seedlint.config.settings import Settings
from seedlint.core.context import Context
from seedlint.core.engine import Engine
from seedlint.core.outcome import FileOutcome, RunResult
from seedlint.execution import pool as execution
from seedlint.pipeline.discover import Target
from seedlint.pipeline.run import run


def snapshot(result: RunResult) -> tuple[list[dict[str, Any]], list[tuple[Any, ...]]]:
    """Everything a run produced: its findings, and what it kept of each file."""
    outcomes = [
        (
            o.display, o.kind, o.skipped, o.facts, o.suppressions,
            [f.to_dict() for f in o.findings], [(f.to_dict(), fix) for f, fix in o.fixes],
        )
        for o in result.outcomes
    ]  # fmt: skip
    return [f.to_dict() for f in result.findings], outcomes


def test_one_and_two_workers_find_the_same_on_the_real_corpora(
    news_corpus: Path, disarm_old: Path, disarm_new: Path
) -> None:
    paths = [str(news_corpus / "_news"), str(disarm_old), str(disarm_new)]
    one = run(paths, Settings(), jobs=1, use_cache=False)
    two = run(paths, Settings(), jobs=2, use_cache=False)
    assert one.files_checked > 1500
    assert one.findings  # the corpora hold real defects
    assert snapshot(one) == snapshot(two)
    assert one.notes == two.notes


def test_outcomes_keep_the_order_of_the_targets(news_corpus: Path) -> None:
    items = sorted((news_corpus / "_news").glob("*.md"))[:40]
    result = run([str(p) for p in reversed(items)], Settings(), jobs=2, use_cache=False)
    assert [o.display for o in result.outcomes] == [str(p) for p in reversed(items)]


def test_a_worker_that_dies_loses_no_file(
    news_corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A worker killed in the middle of a chunk (a crash in a C extension, the OOM killer): the
    files it had are checked in the main process, and the run is complete."""
    paths = [str(news_corpus / "_news")]
    expected = snapshot(run(paths, Settings(), jobs=1, use_cache=False))
    main_process = os.getpid()
    victim = sorted((news_corpus / "_news").glob("*.md"))[100].name
    real = execution.check_target
    in_main_process = []

    def dying(
        target: Target, engine: Engine, ctx: Context, content: bytes | None = None
    ) -> FileOutcome:
        if os.getpid() != main_process and target.path.name == victim:
            os._exit(9)
        if os.getpid() == main_process:
            in_main_process.append(target.path.name)
        return real(target, engine, ctx, content)

    monkeypatch.setattr(execution, "check_target", dying)
    assert snapshot(run(paths, Settings(), jobs=2, use_cache=False)) == expected
    assert victim in in_main_process  # checked again here, after its worker died


def test_notes_made_in_workers_reach_the_run(
    news_corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = execution.check_target

    def noting(
        target: Target, engine: Engine, ctx: Context, content: bytes | None = None
    ) -> FileOutcome:
        if target.path.name.startswith("2020-0"):
            ctx.note("a note about 2020 items")
        ctx.note(f"checked {target.path.name}")
        return real(target, engine, ctx, content)

    monkeypatch.setattr(execution, "check_target", noting)
    paths = [str(news_corpus / "_news")]
    one = run(paths, Settings(), jobs=1, use_cache=False)
    two = run(paths, Settings(), jobs=2, use_cache=False)
    assert "a note about 2020 items" in two.notes
    assert sorted(one.notes) == sorted(two.notes)
    assert len(two.notes) == 1 + two.files_checked


def test_automatic_workers() -> None:
    cpus = execution.available_cpus()
    assert execution.worker_count(None, 1) == 1
    assert execution.worker_count(None, execution.AUTO_MIN_FILES - 1) == 1
    assert execution.worker_count(0, 10) == 1
    assert execution.worker_count(None, 1_000_000) == cpus
    assert execution.worker_count(4, 2) == 2  # never more workers than files
    assert execution.worker_count(1, 1_000_000) == 1
    assert execution.worker_count(3, 1_000_000) == 3


def test_jobs_on_the_command_line(tmp_path: Path, news_corpus: Path) -> None:
    from tests.helpers import run_subprocess

    items = sorted((news_corpus / "_news").glob("*.md"))[:30]
    args = ["check", "--no-cache", "--format", "json", *items]
    one = run_subprocess(*args, "--jobs", "1", cwd=tmp_path)
    two = run_subprocess(*args, "--jobs", "2", cwd=tmp_path)
    assert one.code == two.code
    assert one.findings == two.findings


def test_workers_started_by_spawn_find_the_same(
    news_corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where there is no fork (macOS, Windows) each worker imports seedlint and rebuilds the
    rules from the settings: everything it is sent and sends back must travel."""
    items = [str(p) for p in sorted((news_corpus / "_news").glob("*.md"))[:40]]
    expected = snapshot(run(items, Settings(), jobs=1, use_cache=False))
    monkeypatch.setattr(execution, "START_METHOD", "spawn")
    assert snapshot(run(items, Settings(), jobs=2, use_cache=False)) == expected


def test_outcomes_that_cannot_travel_are_checked_in_the_main_process(
    news_corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A rule whose facts cannot be pickled (a bug, but not a lost file)."""
    paths = [str(news_corpus / "_news")]
    expected = snapshot(run(paths, Settings(), jobs=1, use_cache=False))
    main_process = os.getpid()
    victim = sorted((news_corpus / "_news").glob("*.md"))[50].name
    real = execution.check_target

    def unpicklable(
        target: Target, engine: Engine, ctx: Context, content: bytes | None = None
    ) -> FileOutcome:
        outcome = real(target, engine, ctx, content)
        if os.getpid() != main_process and target.path.name == victim:
            outcome.facts["X"] = lambda: None  # a worker cannot send this back
        return outcome

    monkeypatch.setattr(execution, "check_target", unpicklable)
    assert snapshot(run(paths, Settings(), jobs=2, use_cache=False)) == expected


@pytest.mark.parametrize(("pays", "pooled"), [(0.0, True), (1e9, False)])
def test_the_automatic_pool_starts_only_when_the_files_left_would_take_long(
    pays: float, pooled: bool, news_corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without --jobs, the first files are checked here; the pool takes the rest only when
    their cost, judged from those, exceeds POOL_PAYS_SECONDS. The findings are the same."""
    monkeypatch.setattr(execution, "AUTO_MIN_FILES", 10)
    monkeypatch.setattr(execution, "AUTO_FILES_PER_WORKER", 10)
    monkeypatch.setattr(execution, "available_cpus", lambda: 2)
    monkeypatch.setattr(execution, "POOL_PAYS_SECONDS", pays)
    calls: list[int] = []
    real = execution._pooled

    def spy(todo: list[Any], *args: Any) -> Any:
        calls.append(len(todo))
        return real(todo, *args)

    monkeypatch.setattr(execution, "_pooled", spy)
    result = run([str(news_corpus / "_news")], Settings(), use_cache=False)
    files = len(list((news_corpus / "_news").glob("*.md")))
    sample = execution._WARMUP_FILES + execution._SAMPLE_FILES
    assert calls == ([files - sample] if pooled else [])
    alone = run([str(news_corpus / "_news")], Settings(), jobs=1, use_cache=False)
    assert snapshot(result) == snapshot(alone)
