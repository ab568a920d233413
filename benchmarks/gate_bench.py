"""How long the contribution gate (``--diff-base``) takes, on real DISARM pages in a temporary
git repository.

Two cases, each on COPIES copies of the corpus (separate roots, default 10: about 7,850 pages):

* **migration**: the base holds the older template generation (disarm-2c4757b) and the work
  tree the newer one (disarm-49df5f6): almost every page changed above its marker, the worst
  case for the gate (every changed page is read from git, compared and diffed);
* **pull request**: the newer generation committed, one page edited above its marker: the
  usual case (git reports one changed file; nothing else is read).

Printed: the time of the gate's two steps (``Base.open``: resolve the revision, one
``git diff --raw -M``; ``gate_findings``: one ``git cat-file --batch`` and the comparisons),
best of three, and the number of findings. Run: ``python benchmarks/gate_bench.py [COPIES]``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from seedlint.config.settings import Settings
from seedlint.core.context import Context
from seedlint.core.engine import Engine
from seedlint.gate.base import Base
from seedlint.gate.stage import gate_findings
from seedlint.pipeline.discover import discover

CORPORA = Path(os.environ.get("SEEDLINT_SHARED", Path(__file__).resolve().parents[2] / "shared"))
OLD = CORPORA / "corpora" / "disarm-2c4757b" / "generated_pages"
NEW = CORPORA / "corpora" / "disarm-49df5f6" / "generated_pages"
ENV = dict(
    os.environ,
    GIT_CONFIG_GLOBAL=os.devnull,
    GIT_CONFIG_NOSYSTEM="1",
    GIT_AUTHOR_NAME="b",
    GIT_AUTHOR_EMAIL="b@example.org",
    GIT_COMMITTER_NAME="b",
    GIT_COMMITTER_EMAIL="b@example.org",
)


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, env=ENV, check=True, capture_output=True)


def lay(repo: Path, source: Path, copies: int) -> None:
    for i in range(copies):
        target = repo / f"corpus{i}" / "generated_pages"
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(source, target)
    git(repo, "add", "-A")


def measure(repo: Path) -> tuple[int, float, float, int]:
    settings = Settings()
    targets = list(discover([str(p) for p in sorted(repo.glob("corpus*"))]))
    best_open = best_gate = float("inf")
    found = 0
    for _ in range(3):
        ctx = Context(settings, diff_base="HEAD")
        start = time.perf_counter()
        base = Base.open("HEAD", targets, ctx)
        opened = time.perf_counter()
        findings = gate_findings([], targets, [], Engine(settings), ctx, base)
        done = time.perf_counter()
        best_open, best_gate = min(best_open, opened - start), min(best_gate, done - opened)
        found = len(findings)
    return len(targets), best_open, best_gate, found


def main() -> int:
    copies = int(sys.argv[1]) if len(sys.argv) > 1 else 10
    if not (OLD.is_dir() and NEW.is_dir()):
        print(f"the DISARM corpora are not in {CORPORA}/corpora (set SEEDLINT_SHARED)")
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        repo = Path(tmp)
        git(repo, "init", "-q", "-b", "main")
        lay(repo, OLD, copies)
        git(repo, "commit", "-q", "-m", "older generation")
        lay(repo, NEW, copies)
        rows = [("migration", *measure(repo))]
        git(repo, "commit", "-q", "-m", "newer generation")
        page = repo / "corpus0" / "generated_pages" / "techniques" / "T0002.md"
        page.write_text(page.read_text("utf-8").replace("Organise", "Organize"), "utf-8")
        rows.append(("pull request", *measure(repo)))
    print(f"{'case':<14}{'files':>8}{'open':>10}{'compare':>10}{'findings':>10}")
    for name, files, opened, compared, found in rows:
        print(f"{name:<14}{files:>8}{opened:>9.3f}s{compared:>9.3f}s{found:>10}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
