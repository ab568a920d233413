"""Median time from a ``textDocument/didChange`` to its ``publishDiagnostics`` in
``seedlint server``, for a news item typed into, in a workspace holding the shared news corpus
and the newer DISARM corpus (about 1,000 files, all indexed for the corpus rules).

    .venv/bin/python benchmarks/server_latency.py [--changes N]

The client is the test suite's (tests/lsp_session.py: pytest-lsp's client over stdio). The
latency includes the server's debounce (seedlint.server.lsp.DEBOUNCE).
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.conftest import DISARM_NEW, NEWS_CORPUS  # noqa: E402
from tests.lsp_session import Session, commit_all  # noqa: E402


async def measure(changes: int) -> list[float]:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "workspace"
        shutil.copytree(NEWS_CORPUS, root)
        shutil.copytree(DISARM_NEW, root / "generated_pages")
        commit_all(root)
        session = Session(root)
        await session.start()
        await session.indexed()
        rel = next(p for p in sorted((root / "_news").glob("*.md"))).relative_to(root).as_posix()
        await session.open(rel)
        lines = (root / rel).read_text(encoding="utf-8").split("\n")
        at = next(i for i, line in enumerate(lines) if line.startswith("title:"))
        column = len(lines[at])
        times = []
        for n in range(changes):
            started = time.perf_counter()
            # type one character at the end of the title, then delete it (every other change)
            edit = (
                ((at, column, at, column), "x")
                if n % 2 == 0
                else (
                    (at, column, at, column + 1),
                    "",
                )
            )
            await session.change(rel, [edit])
            times.append(time.perf_counter() - started)
        await session.stop()
        return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--changes", type=int, default=40)
    args = parser.parse_args()
    if not NEWS_CORPUS.exists() or not DISARM_NEW.exists():
        print(f"the shared corpora are absent ({NEWS_CORPUS}, {DISARM_NEW})", file=sys.stderr)
        return 2
    times = asyncio.run(measure(args.changes))
    ms = sorted(t * 1000 for t in times)
    print(
        f"{len(ms)} changes: median {statistics.median(ms):.0f} ms, "
        f"min {ms[0]:.0f} ms, max {ms[-1]:.0f} ms (debounce included)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
