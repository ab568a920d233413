"""The result cache (seedlint.execution.cache): reused when nothing changed, never a different
result.

Each test works on a copy of the real news site in ``tmp_path`` whose files are dated an hour
ago (seedlint does not cache a file changed in the last seconds: its mtime could hide an edit).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from seedlint.config.settings import Settings
from seedlint.core.context import Context
from seedlint.core.engine import Engine
from seedlint.core.outcome import FileOutcome, RunResult
from seedlint.execution import cache
from seedlint.execution import pool as execution
from seedlint.pipeline.discover import Target
from seedlint.pipeline.run import run
from tests.test_execution import snapshot

HOUR_AGO = time.time() - 3600


def age(*paths: Path) -> None:
    for path in paths:
        os.utime(path, (HOUR_AGO, HOUR_AGO))


@pytest.fixture
def site(tmp_path: Path, news_corpus: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the news site, its files an hour old; the current directory is its parent."""
    root = tmp_path / "site"
    (root / "_news").mkdir(parents=True)
    shutil.copy2(news_corpus / "_config.yml", root / "_config.yml")
    for item in sorted((news_corpus / "_news").glob("*.md")):
        shutil.copy2(item, root / "_news" / item.name)
    age(*(root / "_news").iterdir())
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SEEDLINT_CACHE_DIR", str(tmp_path / "cache"))
    return root


@pytest.fixture
def checked(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the files checked (not served from the cache), run after run."""
    names: list[str] = []
    real = execution.check_target

    def counting(
        target: Target, engine: Engine, ctx: Context, content: bytes | None = None
    ) -> FileOutcome:
        names.append(target.path.name)
        return real(target, engine, ctx, content)

    monkeypatch.setattr(execution, "check_target", counting)
    return names


def check(site: Path, settings: Settings | None = None, **kw: Any) -> RunResult:
    return run([os.path.relpath(site / "_news")], settings or Settings(), jobs=1, **kw)


def uncached(site: Path, settings: Settings | None = None) -> RunResult:
    return check(site, settings, use_cache=False)


def cache_file(tmp_path: Path) -> Path:
    (found,) = (tmp_path / "cache").glob("v*/*.bin")
    return found


def test_a_warm_run_checks_nothing_and_finds_the_same(site: Path, checked: list[str]) -> None:
    cold = check(site)
    assert len(checked) == 192
    checked.clear()
    warm = check(site)
    assert checked == []
    assert any(o.fixes for o in warm.outcomes)  # offered fixes come from the cache too
    assert snapshot(warm) == snapshot(cold) == snapshot(uncached(site))
    assert warm.notes == cold.notes


def test_an_edit_updates_corpus_findings_in_unchanged_files(site: Path, checked: list[str]) -> None:
    """An item takes the article URL of a later one: the duplicate finding lands on the later,
    unchanged item, whose own outcome comes from the cache."""
    items = sorted((site / "_news").glob("*.md"))
    first, later = items[10], items[150]
    original = first.read_bytes()
    url = next(line for line in later.read_text().splitlines() if line.startswith("originalUrl"))
    check(site)
    lines = original.decode().splitlines(keepends=True)
    edited = [url + "\n" if line.startswith("originalUrl") else line for line in lines]
    first.write_text("".join(edited))
    checked.clear()
    after = check(site)
    assert first.name in checked and later.name not in checked
    duplicates = [f for f in after.findings if f.code == "N003" and f.path.endswith(later.name)]
    assert len(duplicates) == 1 and first.name in duplicates[0].message
    assert snapshot(after) == snapshot(uncached(site))

    first.write_bytes(original)  # and back
    again = check(site)
    assert not [f for f in again.findings if f.code == "N003" and f.path.endswith(later.name)]
    assert snapshot(again) == snapshot(uncached(site))


def test_a_touched_file_with_the_same_content_is_not_checked_again(
    site: Path, checked: list[str]
) -> None:
    """A fresh clone or a restored CI cache gives every file a new mtime: the content hash
    recognises them."""
    cold = check(site)
    for path in (site / "_news").iterdir():
        os.utime(path, (HOUR_AGO - 60, HOUR_AGO - 60))
    checked.clear()
    warm = check(site)
    assert checked == []
    assert snapshot(warm) == snapshot(cold)


def test_files_changed_seconds_ago_are_checked_again(site: Path, checked: list[str]) -> None:
    """Within the file system's timestamp granularity an edit may keep the mtime: such files
    are not cached until they are a few seconds old."""
    recent = sorted((site / "_news").glob("*.md"))[:5]
    for path in recent:
        os.utime(path, None)
    check(site)
    checked.clear()
    check(site)
    assert sorted(checked) == sorted(p.name for p in recent)


@pytest.mark.parametrize(
    "corrupt",
    [
        pytest.param(lambda data: data[: len(data) // 2], id="truncated"),
        pytest.param(lambda data: data[:-40] + bytes(40), id="zeroed-tail"),
        pytest.param(lambda data: data[:100] + bytes([data[100] ^ 1]) + data[101:], id="bit-flip"),
        pytest.param(lambda data: b"", id="empty"),
        pytest.param(lambda data: os.urandom(len(data)), id="garbage"),
        pytest.param(lambda data: b"PK\x03\x04" + data[4:], id="wrong-magic"),
    ],
)
def test_a_corrupt_cache_changes_nothing(
    site: Path, tmp_path: Path, corrupt: Callable[[bytes], bytes]
) -> None:
    expected = snapshot(check(site))
    file = cache_file(tmp_path)
    file.write_bytes(corrupt(file.read_bytes()))
    assert snapshot(check(site)) == expected
    assert snapshot(check(site)) == expected  # and the cache written after it is sound
    assert cache._load(cache_file(tmp_path))


def _rewrite(file: Path, change: Callable[[dict[str, Any]], None]) -> None:
    """Change the entries of a cache file, keeping it a sound file."""
    entries = cache._load(file)
    assert entries
    change(entries)
    with open(file, "wb") as handle:
        cache._write(handle, entries.items())


def _each(entries: dict[str, Any], make: Callable[[tuple[Any, ...]], Any]) -> None:
    for key, entry in entries.items():
        entries[key] = make(entry)


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(lambda e: _each(e, lambda v: v[:4]), id="short-entries"),
        pytest.param(lambda e: _each(e, lambda v: "x"), id="strings"),
        pytest.param(lambda e: _each(e, lambda v: (*v[:5], ((1, 2),), *v[6:])), id="bad-findings"),
        pytest.param(lambda e: _each(e, lambda v: (*v[:6], [], *v[7:])), id="facts-not-a-mapping"),
        pytest.param(lambda e: _each(e, lambda v: (*v[:2], b"x", *v[3:])), id="bad-meta"),
        pytest.param(lambda e: _each(e, lambda v: (*v[:9], ((99, ()),))), id="bad-fixes"),
    ],
)
def test_entries_of_the_wrong_shape_are_checked_again(
    site: Path, tmp_path: Path, change: Callable[[dict[str, Any]], None]
) -> None:
    expected = snapshot(check(site))
    _rewrite(cache_file(tmp_path), change)
    assert snapshot(check(site)) == expected


def test_a_directory_where_the_cache_file_belongs(site: Path, tmp_path: Path) -> None:
    expected = snapshot(check(site))
    file = cache_file(tmp_path)
    file.unlink()
    file.mkdir()
    assert snapshot(check(site)) == expected


def test_settings_have_their_own_cache(site: Path, checked: list[str]) -> None:
    check(site)
    only = Settings(select=("N001", "N003"))
    checked.clear()
    selected = check(site, only)
    assert len(checked) == 192  # another configuration: nothing reused
    assert snapshot(selected) == snapshot(uncached(site, only))
    assert {f.code for f in selected.findings} <= {"N001", "N003"}


def test_no_cache_neither_reads_nor_writes(site: Path, tmp_path: Path) -> None:
    uncached(site)
    assert not (tmp_path / "cache").exists()


def test_a_few_files_leave_a_big_cache_alone(site: Path, tmp_path: Path) -> None:
    check(site)
    file = cache_file(tmp_path)
    before = (file.read_bytes(), file.stat().st_mtime_ns)
    item = sorted((site / "_news").glob("*.md"))[3]
    one = run([os.path.relpath(item)], Settings(), jobs=1)
    assert snapshot(one) == snapshot(run([os.path.relpath(item)], Settings(), use_cache=False))
    assert (file.read_bytes(), file.stat().st_mtime_ns) == before


def test_a_file_replaced_by_a_link_out_of_the_tree_is_not_served(
    site: Path, tmp_path: Path
) -> None:
    check(site)
    item = sorted((site / "_news").glob("*.md"))[7]
    outside = tmp_path / "outside.md"
    shutil.copy2(item, outside)
    item.unlink()
    item.symlink_to(outside)
    after = check(site)
    assert snapshot(after) == snapshot(uncached(site))
    assert [f.code for f in after.findings if f.path.endswith(item.name)] == ["R005"]


def test_where_the_cache_lives(
    tmp_path: Path, news_corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Next to the configuration file (like ruff's), else in the current directory; a
    ``.gitignore`` of ``*`` keeps it out of git."""
    monkeypatch.delenv("SEEDLINT_CACHE_DIR")
    project = tmp_path / "project"
    (project / "docs" / "_news").mkdir(parents=True)
    item = sorted((news_corpus / "_news").glob("*.md"))[0]
    shutil.copy2(item, project / "docs" / "_news" / item.name)
    age(project / "docs" / "_news" / item.name)
    monkeypatch.chdir(project / "docs")
    from seedlint.cli import main

    assert main(["check", "-q", "_news"]) in (0, 1)
    assert (project / "docs" / ".seedlint_cache" / ".gitignore").read_text().splitlines()[-1] == "*"
    assert (project / "docs" / ".seedlint_cache" / "CACHEDIR.TAG").is_file()
    (project / "seedlint.toml").write_text("select = ['N']\n")
    assert main(["check", "-q", "_news"]) in (0, 1)
    assert list((project / ".seedlint_cache").glob("v*/*.bin"))


def test_concurrent_runs_share_a_cache_safely(site: Path, tmp_path: Path) -> None:
    command = [
        sys.executable,
        "-m",
        "seedlint",
        "check",
        "--format",
        "json",
        "--jobs",
        "1",
        os.path.relpath(site / "_news"),
    ]
    env = {**os.environ, "SEEDLINT_CACHE_DIR": str(tmp_path / "cache")}
    expected = subprocess.run(
        [*command, "--no-cache"], capture_output=True, env=env, cwd=tmp_path, timeout=120
    ).stdout
    runs = [
        subprocess.Popen(command, stdout=subprocess.PIPE, env=env, cwd=tmp_path) for _ in range(3)
    ]
    outputs = [p.communicate(timeout=120)[0] for p in runs]
    assert all(json.loads(out) == json.loads(expected) for out in outputs)
    after = subprocess.run(command, capture_output=True, env=env, cwd=tmp_path, timeout=120)
    assert json.loads(after.stdout) == json.loads(expected)
    assert cache._load(cache_file(tmp_path))
    assert not list((tmp_path / "cache").glob("v*/.tmp-*"))  # no temporary file left behind


def test_internal_errors_are_not_cached(
    site: Path, checked: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """An internal error may come from the run (memory, a bug since fixed): checked again."""
    import dataclasses

    from seedlint.core import rules

    rule = rules.all_rules()["N002"]
    assert rule.check is not None
    real = rule.check

    def broken(doc: Any, ctx: Context) -> Any:
        if doc.path.name.startswith("2020-0"):
            raise RuntimeError("boom")
        return real(doc, ctx)

    monkeypatch.setitem(rules._REGISTRY, "N002", dataclasses.replace(rule, check=broken))
    first = check(site)
    failed = {Path(f.path).name for f in first.findings if f.code == "X001"}
    assert failed
    checked.clear()
    check(site)
    assert set(checked) == failed


def test_the_code_digest_follows_content_not_mtimes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Installed twice (two CI machines) seedlint has the same digest, so a cache restored from
    another machine is used; an edit of a development install changes it."""
    import seedlint

    copy = tmp_path / "seedlint"
    shutil.copytree(Path(seedlint.__file__).parent, copy)
    monkeypatch.setattr(seedlint, "__file__", str(copy / "__init__.py"))
    first = cache.code_fingerprint()
    for path in copy.rglob("*.py"):
        os.utime(path, (HOUR_AGO, HOUR_AGO))
    assert cache.code_fingerprint() == first
    rules = copy / "core" / "rules.py"
    rules.write_text(rules.read_text() + "\n# edited\n")
    assert cache.code_fingerprint() != first


def test_a_few_new_outcomes_go_to_the_journal_and_are_served_from_it(
    site: Path, tmp_path: Path, checked: list[str]
) -> None:
    check(site)
    main = cache_file(tmp_path)
    before = (main.stat().st_ino, main.read_bytes())  # (its mtime is touched when it is used)
    edited = sorted((site / "_news").glob("*.md"))[:3]
    for item in edited:
        item.write_bytes(item.read_bytes() + b"\n")
    age(*edited)
    checked.clear()
    after = check(site)
    assert sorted(checked) == sorted(p.name for p in edited)
    journal = main.with_suffix(".journal")
    assert journal.is_file()
    assert (main.stat().st_ino, main.read_bytes()) == before  # not rewritten
    checked.clear()
    warm = check(site)
    assert checked == []  # the edited files' outcomes come from the journal
    assert snapshot(warm) == snapshot(after) == snapshot(uncached(site))


def test_a_torn_journal_record_is_ignored(site: Path, tmp_path: Path, checked: list[str]) -> None:
    check(site)
    edited = sorted((site / "_news").glob("*.md"))[:2]
    for item in edited:
        item.write_bytes(item.read_bytes() + b"\n")
    age(*edited)
    check(site)
    journal = cache_file(tmp_path).with_suffix(".journal")
    data = journal.read_bytes()
    for torn in (data[:-1], data + b"\x07\x00\x00\x00garbage", b"\xff" * 40):
        journal.write_bytes(torn)
        checked.clear()
        result = check(site)
        if torn.startswith(data):
            assert checked == []  # the whole record still counts
        else:
            assert sorted(checked) == sorted(p.name for p in edited)  # checked again, no harm
        assert snapshot(result) == snapshot(uncached(site))


def test_a_long_journal_is_folded_into_the_cache_file(
    site: Path, tmp_path: Path, checked: list[str]
) -> None:
    check(site)
    items = sorted((site / "_news").glob("*.md"))
    for item in items[:60]:  # more than a quarter of the 192 entries
        item.write_bytes(item.read_bytes() + b"\n")
    age(*items[:60])
    check(site)
    assert not cache_file(tmp_path).with_suffix(".journal").exists()
    checked.clear()
    check(site)
    assert checked == []
