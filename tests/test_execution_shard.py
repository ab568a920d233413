"""``--shard K/N``: the jobs of a CI matrix each check a slice of the files; a run of the whole
corpus after them reuses their cached outcomes and adds the corpus-wide findings."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path
from typing import Any

import pytest

from seedlint.config.settings import Settings
from seedlint.core.context import Context
from seedlint.core.engine import Engine
from seedlint.core.outcome import FileOutcome
from seedlint.core.rules import all_rules
from seedlint.execution import pool as execution
from seedlint.pipeline.discover import Target, discover
from seedlint.pipeline.run import run
from tests.helpers import run_cli
from tests.test_execution import snapshot

HOUR_AGO = time.time() - 3600


@pytest.fixture
def site(tmp_path: Path, news_corpus: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "site"
    (root / "_news").mkdir(parents=True)
    shutil.copy2(news_corpus / "_config.yml", root / "_config.yml")
    for item in sorted((news_corpus / "_news").glob("*.md")):
        shutil.copy2(item, root / "_news" / item.name)
        os.utime(root / "_news" / item.name, (HOUR_AGO, HOUR_AGO))
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SEEDLINT_CACHE_DIR", str(tmp_path / "cache"))
    return root


def test_shards_partition_the_files_stably(site: Path) -> None:
    displays = [t.display for t in discover(["site"])]
    slices = [{d for d in displays if execution.in_shard(d, (k, 3))} for k in (1, 2, 3)]
    assert set().union(*slices) == set(displays)
    assert sum(len(s) for s in slices) == len(displays)
    assert all(len(s) > 30 for s in slices)  # a hash spreads them
    more = [*displays, "site/_news/2030-01-01-new.md"]
    assert [d for d in more[:-1] if execution.in_shard(d, (2, 3))] == [
        d for d in displays if d in slices[1]
    ]


def test_shards_find_the_per_file_findings_and_a_full_run_the_rest(
    site: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    full = run(["site"], Settings(), jobs=1, use_cache=False)
    corpus_codes = {code for code, rule in all_rules().items() if rule.corpus_check is not None}
    assert {f.code for f in full.findings} & corpus_codes  # the corpus has a duplicate URL
    per_file = [f.to_dict() for f in full.findings if f.code not in corpus_codes]
    found: list[dict[str, Any]] = []
    for k in (1, 2, 3):
        shard = run(["site"], Settings(), jobs=1, shard=(k, 3))
        assert not {f.code for f in shard.findings} & corpus_codes
        assert any("corpus-wide rules" in note for note in shard.notes)
        found.extend(f.to_dict() for f in shard.findings)
    assert sorted(found, key=str) == sorted(per_file, key=str)
    assert len(list((tmp_path / "cache").glob("v*/*.shard-*-of-3.bin"))) == 3

    checked: list[str] = []
    real = execution.check_target

    def counting(
        target: Target, engine: Engine, ctx: Context, content: bytes | None = None
    ) -> FileOutcome:
        checked.append(target.display)
        return real(target, engine, ctx, content)

    monkeypatch.setattr(execution, "check_target", counting)
    merged = run(["site"], Settings(), jobs=1)
    assert checked == []  # every outcome from the shards' caches
    assert snapshot(merged) == snapshot(full)
    assert not list((tmp_path / "cache").glob("v*/*.shard-*"))  # merged, then removed


@pytest.mark.parametrize("value", ["0/2", "3/2", "2", "a/b", "1/0", "-1/2"])
def test_a_bad_shard_is_a_usage_error(site: Path, capsys: Any, value: str) -> None:
    outcome = run_cli(capsys, "check", f"--shard={value}", "site")
    assert outcome.code == 2
    assert "--shard" in outcome.err and "Traceback" not in outcome.err


def test_a_shard_cannot_fix(site: Path, capsys: Any) -> None:
    outcome = run_cli(capsys, "check", "--shard", "1/2", "--fix", "site")
    assert outcome.code == 2 and "--shard" in outcome.err


def test_shard_on_the_command_line(site: Path, capsys: Any) -> None:
    one = run_cli(capsys, "check", "--format", "json", "--shard", "1/2", "site")
    two = run_cli(capsys, "check", "--format", "json", "--shard", "2/2", "site")
    assert one.code in (0, 1) and two.code in (0, 1)
    paths = {f["path"] for f in one.findings} | {f["path"] for f in two.findings}
    assert paths
    assert not {f["path"] for f in one.findings} & {f["path"] for f in two.findings}
