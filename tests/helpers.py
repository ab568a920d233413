"""Run seedlint as a user does and read what it prints."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from seedlint.cli import main


@dataclass
class Outcome:
    code: int
    out: str
    err: str

    @property
    def findings(self) -> list[dict[str, Any]]:
        data: list[dict[str, Any]] = json.loads(self.out)
        return data

    def codes(self) -> list[str]:
        return [f["code"] for f in self.findings]


def run_cli(capsys: Any, *args: str | Path) -> Outcome:
    """Call the command line in-process (fast) and capture its streams."""
    code = main([str(a) for a in args])
    captured = capsys.readouterr()
    return Outcome(code, captured.out, captured.err)


def check_json(capsys: Any, *args: str | Path) -> Outcome:
    return run_cli(capsys, "check", "--format", "json", "--no-cache", *args)


def run_subprocess(*args: str | Path, cwd: Path | None = None, **kw: Any) -> Outcome:
    """Run ``python -m seedlint`` in a child process, as a user would."""
    proc = subprocess.run(
        [sys.executable, "-m", "seedlint", *[str(a) for a in args]],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=120,
        **kw,
    )
    return Outcome(proc.returncode, proc.stdout, proc.stderr)
