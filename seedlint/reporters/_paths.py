"""Paths as CI systems want them: relative to the repository root, with forward slashes."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path


def repository_root(start: Path) -> Path:
    """The nearest ancestor of ``start`` holding ``.git`` (a directory, or a file in a
    worktree or submodule); ``start`` itself when there is none."""
    start = Path(os.path.abspath(start))
    for directory in (start, *start.parents):
        if (directory / ".git").exists():
            return directory
    return start


def absolute(display: str, cwd: Path) -> Path:
    """The absolute path of a display path, without resolving symbolic links (a checkout
    reached through a link keeps the paths its CI system knows)."""
    return Path(os.path.normpath(os.path.join(os.path.abspath(cwd), display)))


def relative_to_root(displays: Iterable[str], cwd: Path, root: Path) -> dict[str, str | None]:
    """Display path -> path relative to ``root`` (POSIX), or ``None`` for a file outside it."""
    prefix = os.path.abspath(root).rstrip(os.sep) + os.sep
    cwd_text = os.path.abspath(cwd)
    out: dict[str, str | None] = {}
    for display in displays:
        if display in out:
            continue
        path = os.path.normpath(os.path.join(cwd_text, display))
        out[display] = path[len(prefix) :].replace(os.sep, "/") if path.startswith(prefix) else None
    return out
