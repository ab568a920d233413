"""The protected region of a DISARM page in an editor: the page's version at git ``HEAD``,
compared with the buffer as the contribution gate compares it (``--diff-base HEAD``).

The ``HEAD`` version of each page is read once (``git cat-file``) and kept until
:meth:`HeadTexts.forget` (a save, a file changed on disk, a new commit).
"""

from __future__ import annotations

import os
from pathlib import Path

from seedlint.core.engine import Engine
from seedlint.core.finding import Finding
from seedlint.core.source import ReadProblem, decode
from seedlint.disarm.marker import MARKER
from seedlint.fixes.gate_restore import region_findings
from seedlint.fixes.model import Fix
from seedlint.gate.git import GitError, run_git, toplevel

REF = "HEAD"


class HeadTexts:
    """The ``HEAD`` text of pages, by absolute path (``None``: no protected version)."""

    def __init__(self) -> None:
        self._texts: dict[Path, tuple[str, str] | None] = {}
        self._tops: dict[Path, Path | None] = {}

    def forget(self, path: Path | None = None) -> None:
        if path is None:
            self._texts.clear()
        else:
            self._texts.pop(path, None)

    def _top(self, directory: Path) -> Path | None:
        if directory not in self._tops:
            try:
                self._tops[directory] = toplevel(directory)
            except (GitError, OSError):
                self._tops[directory] = None
        return self._tops[directory]

    def get(self, path: Path, limit: int) -> tuple[str, str] | None:
        """(text at HEAD, path relative to the work tree) of a page that has the marker at
        HEAD; ``None`` for a file git does not know at HEAD, or without the marker there."""
        if path in self._texts:
            return self._texts[path]
        found: tuple[str, str] | None = None
        top = self._top(path.parent)
        if top is not None:
            real = Path(os.path.realpath(path))
            try:
                rel = real.relative_to(Path(os.path.realpath(top))).as_posix()
                proc = run_git(top, "cat-file", "blob", f"{REF}:{rel}", check=False)
            except (ValueError, GitError, OSError):
                proc = None
            if proc is not None and proc.returncode == 0 and len(proc.stdout) <= limit:
                try:
                    text = decode(proc.stdout).text
                except ReadProblem:
                    text = ""
                if MARKER in text:
                    found = (text, rel)
        self._texts[path] = found
        return found


def gate_findings(
    heads: HeadTexts, engine: Engine, path: Path, display: str, kind: str | None, text: str
) -> list[tuple[Finding, Fix | None]]:
    """G001-G003 of the buffer ``text`` of the page at ``path``, with the restore fix."""
    if kind != "disarm":
        return []
    head = heads.get(path, engine.settings.limits.max_file_size)
    if head is None:
        return []
    base, rel = head
    return region_findings(engine, base, text, REF, f"{rel} ({REF})", display, kind)
