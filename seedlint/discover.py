"""Stage 1: turn command-line paths into the sorted list of files to check.

Directories are walked for ``*.md``, ``*.markdown`` and ``*.txt``, skipping ``.git`` and every
hidden directory, never following directory symlinks (so loops and links out of the tree are not
walked); files named explicitly are always checked. The display path of a file is as given on the
command line, or relative to it, with forward slashes.
"""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

EXTENSIONS = (".md", ".markdown", ".txt")


class UsageError(Exception):
    """A problem with how seedlint was called (exit code 2)."""


@dataclass(frozen=True, slots=True)
class Target:
    path: Path
    display: str
    explicit: bool


def _display(path: str) -> str:
    text = path.replace(os.sep, "/")
    while text.startswith("./") and len(text) > 2:
        text = text[2:]
    return text


def _matches(display: str, patterns: Iterable[str]) -> bool:
    parts = display.split("/")
    for pattern in patterns:
        pattern = pattern.rstrip("/")
        if fnmatch.fnmatchcase(display, pattern) or fnmatch.fnmatchcase(display, "*/" + pattern):
            return True
        if any(fnmatch.fnmatchcase(part, pattern) for part in parts):
            return True
    return False


def discover(
    paths: Iterable[str],
    *,
    include: Iterable[str] = (),
    exclude: Iterable[str] = (),
) -> Iterator[Target]:
    """Yield the files to check, directory by directory in sorted order."""
    include, exclude = tuple(include), tuple(exclude)
    seen: set[str] = set()
    for raw in paths:
        if not os.path.lexists(raw):
            raise UsageError(f"{raw}: no such file or directory")
        if os.path.isdir(raw):
            for target in _walk(raw, include, exclude):
                if target.display not in seen:
                    seen.add(target.display)
                    yield target
        else:
            display = _display(raw)
            if display not in seen:
                seen.add(display)
                yield Target(Path(raw), display, explicit=True)


def _walk(root: str, include: tuple[str, ...], exclude: tuple[str, ...]) -> Iterator[Target]:
    stack = [root]
    while stack:
        directory = stack.pop()
        try:
            with os.scandir(directory) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError:
            continue
        subdirs: list[str] = []
        for entry in entries:
            name = entry.name
            if name.startswith("."):
                continue
            full = os.path.join(directory, name)
            display = _display(full)
            if exclude and _matches(display, exclude):
                continue
            try:
                is_dir = entry.is_dir(follow_symlinks=False)
            except OSError:
                continue
            if is_dir:
                subdirs.append(full)
            elif name.endswith(EXTENSIONS) or (include and _matches(display, include)):
                if include and not _matches(display, include):
                    continue
                yield Target(Path(full), display, explicit=False)
        stack.extend(reversed(subdirs))
