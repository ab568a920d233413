"""The project's own .pre-commit-config.yaml, run for real by pre-commit on this checkout."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT


def test_pre_commit_run_all_files_passes(tmp_path: Path) -> None:
    if not (ROOT / ".git").exists():
        pytest.skip("not a git checkout: pre-commit needs the repository")
    bindir = str(Path(sys.executable).parent)
    if shutil.which("pre-commit", path=bindir) is None:
        pytest.skip("pre-commit is not installed in this environment (pip install -e '.[test]')")
    env = dict(
        os.environ,
        PATH=bindir + os.pathsep + os.environ.get("PATH", ""),
        PRE_COMMIT_HOME=str(tmp_path / "pre-commit-home"),
        NO_COLOR="1",
    )
    env.pop("PRE_COMMIT_FROM_REF", None)
    env.pop("PRE_COMMIT_TO_REF", None)
    proc = subprocess.run(
        [str(Path(bindir) / "pre-commit"), "run", "--all-files", "--show-diff-on-failure"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    for hook in ("ruff check", "ruff format", "mypy --strict", "seedlint check seeds/"):
        assert hook in proc.stdout
