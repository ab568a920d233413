"""Issue 8, "no writes": a check never modifies a file it reads, and writes nothing but its cache
(``.seedlint_cache``) and the output file it was asked for. Proved over the real corpora, read
in place: content hashes, sizes and modification times of every file before and after, and the
list of every file in the corpora, in the working directory and in ``TMPDIR``.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import DISARM_NEW, DISARM_OLD, NEWS_CORPUS, need

Snapshot = dict[str, tuple[int, int, str]]


def snapshot(root: Path) -> Snapshot:
    """path -> (size, mtime_ns, sha256) of every file under ``root`` (links not followed)."""
    out: Snapshot = {}
    for directory, dirs, files in os.walk(root):
        for name in files + [d for d in dirs if os.path.islink(os.path.join(directory, d))]:
            path = os.path.join(directory, name)
            info = os.lstat(path)
            digest = ""
            if not os.path.islink(path):
                with open(path, "rb") as handle:
                    digest = hashlib.sha256(handle.read()).hexdigest()
            out[os.path.relpath(path, root)] = (info.st_size, info.st_mtime_ns, digest)
    return out


def listing(root: Path) -> set[str]:
    return {
        os.path.relpath(os.path.join(directory, name), root)
        for directory, dirs, files in os.walk(root)
        for name in dirs + files
    }


def test_a_check_of_the_real_corpora_writes_only_its_cache_and_output(tmp_path: Path) -> None:
    corpora = [need(NEWS_CORPUS), need(DISARM_OLD), need(DISARM_NEW)]
    before = {root: snapshot(root) for root in corpora}
    work = tmp_path / "work"
    temp = tmp_path / "tmp"
    work.mkdir()
    temp.mkdir()
    env = {k: v for k, v in os.environ.items() if k != "SEEDLINT_CACHE_DIR"}
    env.update(TMPDIR=str(temp), TEMP=str(temp), TMP=str(temp), HOME=str(tmp_path / "home"))
    args = [
        sys.executable, "-m", "seedlint", "check", "--isolated", "--format", "json",
        "--output-file", "out.json", *[str(root) for root in corpora],
    ]  # fmt: skip
    runs = []
    for _ in range(2):  # a cold cache, then a warm one
        runs.append(
            subprocess.run(args, cwd=work, env=env, capture_output=True, text=True, timeout=300)
        )
    for run in runs:
        assert run.returncode == 1, run.stderr[-2000:]  # the corpora have real defects
        assert "Traceback" not in run.stdout + run.stderr
    for root in corpora:
        after = snapshot(root)
        changed = [p for p in before[root] if before[root][p] != after.get(p)]
        added = sorted(set(after) - set(before[root]))
        assert not changed, f"{root}: files changed by a check: {changed[:10]}"
        assert not added, f"{root}: files created by a check: {added[:10]}"
    created = listing(work)
    assert "out.json" in created and ".seedlint_cache" in created
    assert not [p for p in created if p != "out.json" and not p.startswith(".seedlint_cache")]
    assert listing(temp) == set(), "files left in TMPDIR"
    # the one file outside: the key that authenticates the cache, kept out of every checkout
    # (issue 13), private to the user
    key = tmp_path / "home" / ".cache" / "seedlint" / "cache.key"
    assert listing(tmp_path / "home") == {".cache", ".cache/seedlint", ".cache/seedlint/cache.key"}
    assert key.stat().st_mode & 0o777 == 0o600


@pytest.mark.parametrize("cache", ["--no-cache", None])
def test_a_check_in_place_writes_nothing_but_the_cache(tmp_path: Path, cache: str | None) -> None:
    """Run from inside a corpus copy (the cache goes to the working directory): every file
    is left as it was, only ``.seedlint_cache`` appears, and nothing at all with
    ``--no-cache``."""
    import shutil

    site = tmp_path / "site"
    shutil.copytree(need(NEWS_CORPUS), site)
    before = snapshot(site)
    env = {k: v for k, v in os.environ.items() if k != "SEEDLINT_CACHE_DIR"}
    args = [sys.executable, "-m", "seedlint", "check", "--isolated", *([cache] if cache else [])]
    run = subprocess.run(args, cwd=site, env=env, capture_output=True, text=True, timeout=300)
    assert run.returncode == 1 and "Traceback" not in run.stdout + run.stderr
    after = snapshot(site)
    assert {p: v for p, v in after.items() if not p.startswith(".seedlint_cache")} == before
    made = {p.split(os.sep)[0] for p in set(after) - set(before)}
    assert made == (set() if cache else {".seedlint_cache"})
