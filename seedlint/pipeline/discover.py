"""Stage 1: turn command-line paths into the sorted list of files to check.

Directories are walked for ``*.md``, ``*.markdown`` and ``*.txt``, skipping ``.git`` and every
hidden directory, and environment and build-output directories (:data:`DEFAULT_EXCLUDED_DIRS`,
``*.egg-info``); files named explicitly are always checked. The display path of a file is as
given on the command line, or relative to it, with forward slashes.

Nothing outside the checked tree is ever read. Directory symlinks are never followed: one that
points inside the tree is skipped (its target is walked anyway), one that loops or leaves the
tree is reported (R005). A file symlink is checked only if it resolves inside the tree, which
:func:`seedlint.core.source.read` verifies when it opens the file (``Target.root``). For a file
named explicitly, the tree is the current directory when the file lies under it (as with pre-
commit), else the file's own directory. A directory that cannot be listed is reported (R004)
instead of being passed over in silence.
"""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Iterable, Iterator
from operator import attrgetter
from pathlib import Path
from typing import NamedTuple

from seedlint.pipeline.fast_paths import child_maker, child_namer

EXTENSIONS = (".md", ".markdown", ".txt")
# Directories a walk never enters, as in ruff: environments, packaging and build output (a
# Jekyll site's ``_site`` repeats its sources). Named explicitly, their files are still checked.
DEFAULT_EXCLUDED_DIRS = frozenset(
    {
        "__pycache__",
        "__pypackages__",
        "_build",
        "_site",
        "buck-out",
        "build",
        "dist",
        "node_modules",
        "site-packages",
        "venv",
    }
)


class UsageError(Exception):
    """A problem with how seedlint was called (exit code 2)."""


class Target(NamedTuple):
    """One path to check.

    ``root``: when set, the path (a symlink, or a file named explicitly) must resolve inside this
    directory to be read. ``problem``: ``(code, message)`` found while walking (an unreadable
    directory, a looping symlink); the file is not read and the problem is its finding.
    """

    path: Path
    display: str
    explicit: bool
    root: Path | None = None
    problem: tuple[str, str] | None = None


def _display(path: str) -> str:
    text = path.replace(os.sep, "/")
    while text.startswith("./") and len(text) > 2:
        text = text[2:]
    return text


def matches(display: str, patterns: Iterable[str]) -> bool:
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
    paths = tuple(paths)
    seen: set[str] = set()
    for raw in paths:
        if not os.path.lexists(raw):
            raise UsageError(f"{raw}: no such file or directory")
        if os.path.isdir(raw):
            if len(paths) == 1:  # one walk meets each file once
                yield from _walk(raw, include, exclude)
                continue
            for target in _walk(raw, include, exclude):
                if target.display not in seen:
                    seen.add(target.display)
                    yield target
        else:
            display = _display(raw)
            if display not in seen:
                seen.add(display)
                yield Target(Path(raw), display, explicit=True, root=_explicit_root(raw))


def _explicit_root(raw: str) -> Path:
    """The tree a file named explicitly must stay in: the current directory when the file lies
    under it (pre-commit passes repository files), else the file's own directory."""
    cwd = os.getcwd()
    absolute = os.path.abspath(raw)
    if absolute.startswith(cwd.rstrip(os.sep) + os.sep):
        return Path(cwd)
    return Path(os.path.dirname(absolute))


def _walk(root: str, include: tuple[str, ...], exclude: tuple[str, ...]) -> Iterator[Target]:
    top = os.path.realpath(root)
    stack = [root]
    while stack:
        directory = stack.pop()
        try:
            with os.scandir(directory) as it:
                entries = sorted(it, key=_NAME)
        except OSError as exc:
            yield _unlistable(directory, exc)
            continue
        subdirs: list[str] = []
        child = child_maker(directory)
        named = child_namer(directory, _display)
        for entry in entries:
            name = entry.name
            if name.startswith("."):
                continue
            full, display = named(name)
            if exclude and matches(display, exclude):
                continue
            wanted = matches(display, include) if include else name.lower().endswith(EXTENSIONS)
            try:
                if entry.is_symlink():
                    target = _link(full, display, top, wanted)
                    if target is not None:
                        yield target
                    continue
                is_dir = entry.is_dir(follow_symlinks=False)
            except OSError:  # vanished while listing: nothing left to check
                continue
            if is_dir:
                if name not in DEFAULT_EXCLUDED_DIRS and not name.endswith(".egg-info"):
                    subdirs.append(full)
            elif wanted:
                yield Target(child(name), display, explicit=False)
        stack.extend(reversed(subdirs))


_NAME = attrgetter("name")


def _unlistable(directory: str, exc: OSError) -> Target:
    if isinstance(exc, FileNotFoundError):
        reason = "directory vanished during the run; its files were not checked"
    elif isinstance(exc, PermissionError):
        reason = "directory cannot be listed (permission denied); its files were not checked"
    else:
        reason = f"directory cannot be listed ({exc.strerror or exc}); its files were not checked"
    return Target(Path(directory), _display(directory), explicit=False, problem=("R004", reason))


def _link(full: str, display: str, top: str, wanted: bool) -> Target | None:
    """What to do with a symlink met while walking (never followed into a directory)."""
    try:
        real = os.path.realpath(full, strict=True)
    except FileNotFoundError:
        if not wanted:
            return None
        message = f"broken symbolic link: its target {os.readlink(full)} does not exist"
        return Target(Path(full), display, explicit=False, problem=("R004", message))
    except OSError:
        message = "symbolic link loops (too many levels of links); not followed"
        return Target(Path(full), display, explicit=False, problem=("R005", message))
    is_dir = os.path.isdir(real)
    if not is_dir and not wanted:
        return None
    if not (real == top or real.startswith(top.rstrip(os.sep) + os.sep)):
        message = f"symbolic link points outside the checked tree (to {real}); not followed"
        return Target(Path(full), display, explicit=False, problem=("R005", message))
    if is_dir:
        parent = os.path.realpath(os.path.dirname(full))
        if parent == real or parent.startswith(real.rstrip(os.sep) + os.sep):
            message = "symbolic link loops back to a directory that contains it; not followed"
            return Target(Path(full), display, explicit=False, problem=("R005", message))
        return None  # a link to a directory inside the tree: walked where it really is
    return Target(Path(full), display, explicit=False, root=Path(top))
