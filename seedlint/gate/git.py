"""Asking git itself: work-tree roots, revisions, what changed since a revision, and the bytes of
files at that revision (one ``git cat-file --batch`` process for any number of files).

Nothing here parses git's internals by hand: every answer comes from a git command with
machine-readable output (``-z``, ``--raw``, ``--full-index``). Optional locks are off, so a run
never writes to ``.git/index`` and never fights an editor or another git command for it.

The main entry point for other modules is :func:`base_texts` (the bytes of some paths at a
revision) and, for the gate, :func:`changes_since` (what the work tree changed since a commit,
with git's rename detection).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import threading
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from seedlint.pipeline.discover import UsageError

# file modes git reports for entries that are not regular files
SYMLINK, GITLINK = "120000", "160000"
_ZERO = "0" * 40
# every git command: paths as they are; a directory that merely looks like a bare repository
# (``HEAD``, ``config``, ``objects/``, ``refs/``: files a pull request can add) is never one
_CONFIG = ("-c", "core.quotepath=off", "-c", "safe.bareRepository=explicit")


class GitError(UsageError):
    """git is missing, the path is not in a work tree, or a revision is unknown (exit 2)."""


def _git_executable() -> str:
    git = shutil.which("git")
    if git is None:
        raise GitError("--diff-base needs git, and no 'git' command was found on PATH")
    return git


def _environment() -> dict[str, str]:
    env = dict(os.environ)
    env["GIT_OPTIONAL_LOCKS"] = "0"  # never rewrite the index while reading it
    env["LC_ALL"] = "C"  # stable messages
    env.pop("GIT_EXTERNAL_DIFF", None)
    return env


def run_git(cwd: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[bytes]:
    """Run ``git -C cwd ARGS`` and return its output as bytes."""
    proc = subprocess.run(
        [_git_executable(), "-C", str(cwd), *_CONFIG, *args],
        capture_output=True,
        env=_environment(),
        check=False,
    )
    if check and proc.returncode != 0:
        message = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitError(
            f"git {args[0]} failed in {cwd}: {message[-1] if message else proc.returncode}"
        )
    return proc


def toplevel(directory: Path) -> Path | None:
    """The root of the git work tree holding ``directory``, or None when there is none.

    A work tree is a directory with a ``.git`` entry (git never checks out a path named
    ``.git``, so no change under review can make one); the nearest such directory at or above
    ``directory`` is asked for its root. Files that imitate a repository (``HEAD``,
    ``objects/``...) make nothing a work tree."""
    for candidate in (directory, *directory.parents):
        if os.path.lexists(os.path.join(candidate, ".git")):
            proc = run_git(candidate, "rev-parse", "--show-toplevel", check=False)
            if proc.returncode != 0:
                return None
            text = os.fsdecode(proc.stdout.rstrip(b"\n"))
            return Path(text) if text else None
    if os.environ.get("GIT_DIR"):  # a repository named by the environment, not by a .git
        proc = run_git(directory, "rev-parse", "--show-toplevel", check=False)
        text = os.fsdecode(proc.stdout.rstrip(b"\n")) if proc.returncode == 0 else ""
        return Path(text) if text else None
    return None


def resolve_commit(root: Path, ref: str) -> str | None:
    """The full commit id that ``ref`` names in ``root``, or None when it names no commit."""
    if not ref or ref.startswith("-"):
        return None
    proc = run_git(root, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}", check=False)
    text = proc.stdout.decode("ascii", "replace").strip()
    return text if proc.returncode == 0 and text else None


def merge_base(root: Path, first: str, second: str) -> str | None:
    """The best common ancestor of two commits (``git merge-base``), or None."""
    if first.startswith("-") or second.startswith("-"):
        return None
    proc = run_git(root, "merge-base", first, second, check=False)
    text = proc.stdout.decode("ascii", "replace").strip()
    return text.splitlines()[0] if proc.returncode == 0 and text else None


def is_shallow(root: Path) -> bool:
    proc = run_git(root, "rev-parse", "--is-shallow-repository", check=False)
    return proc.stdout.strip() == b"true"


@dataclass(frozen=True, slots=True)
class Change:
    """One entry of ``git diff --raw`` between a commit and the work tree.

    ``status`` is git's letter (``M`` modified, ``T`` type changed, ``A`` added, ``D`` deleted,
    ``R`` renamed); ``path`` is the work-tree path, ``base_path`` the path at the commit (they
    differ for a rename) and ``base_blob`` the object id of the file at the commit (None for
    ``A``). Paths are relative to the work-tree root, with forward slashes. ``blob`` is the
    object id of the staged version when the work-tree file is as staged (git's stat check), or
    None when it has unstaged edits (or is gone): what will be committed, whatever the
    checkout's filters and encodings made of it on disk.
    """

    status: str
    path: str
    base_path: str | None
    base_blob: str | None
    base_mode: str
    mode: str
    blob: str | None = None

    @property
    def regular(self) -> bool:
        """Both sides are regular files (not symlinks, not submodules)."""
        return all(
            m not in (SYMLINK, GITLINK) for m in (self.base_mode, self.mode) if m != "000000"
        )


def changes_since(root: Path, commit: str, *, index: bool = False) -> list[Change]:
    """What the work tree (tracked files) changed since ``commit``, with rename detection;
    with ``index``, what the index changed (every ``blob`` is then the staged object id, as
    git reads it, whatever the file on disk says).

    ``git diff`` (porcelain, so stat-only changes are not reported) with ``--raw -z`` output;
    external diff drivers, text conversion and ``diff.relative`` are all turned off.
    """
    proc = run_git(
        root,
        "diff",
        *(["--cached"] if index else []),
        "--raw",
        "-z",
        "--full-index",
        "--no-abbrev",
        "-M",
        "--no-ext-diff",
        "--no-textconv",
        "--no-color",
        "--no-relative",
        "--ignore-submodules=dirty",  # a gitlink that changed is a change
        commit,
        "--",
    )
    fields = proc.stdout.split(b"\0")
    changes: list[Change] = []
    i = 0
    while i < len(fields) and fields[i]:
        header = fields[i].decode("ascii").lstrip(":").split(" ")
        base_mode, mode, base_blob, blob, status = header[:5]
        letter = status[:1]
        staged = None if blob == _ZERO or letter == "D" else blob
        first = os.fsdecode(fields[i + 1])
        if letter in "RC":
            second = os.fsdecode(fields[i + 2])
            i += 3
        else:
            second = first
            i += 2
        if letter == "C":  # a copy leaves its source in place: the new path is new
            changes.append(Change("A", second, None, None, "000000", mode, staged))
            continue
        changes.append(
            Change(
                letter,
                second,
                None if letter == "A" else first,
                None if letter == "A" else base_blob,
                base_mode,
                mode,
                staged,
            )
        )
    return changes


def tracked(root: Path, paths: Iterable[str] | None = None) -> set[str]:
    """The paths in the index (relative to ``root``, forward slashes); with ``paths``, only
    those of them."""
    proc = run_git(root, "ls-files", "-z", "--cached", "--full-name")
    found = {os.fsdecode(f) for f in proc.stdout.split(b"\0") if f}
    return found if paths is None else found & set(paths)


def tracks_under(root: Path, directory: str) -> bool:
    """Whether the index holds any path at or under ``directory`` (relative to ``root``)."""
    proc = run_git(root, "ls-files", "-z", "--cached", "--full-name", "--", directory, check=False)
    return proc.returncode != 0 or bool(proc.stdout)


def iter_blobs(
    root: Path, specs: Sequence[str], *, max_size: int | None = None
) -> Iterator[tuple[str, bytes | None]]:
    """Stream the contents of objects through one ``git cat-file --batch`` process.

    ``specs`` are object ids or ``REV:PATH`` names (a path may not contain a newline). Yields
    ``(spec, bytes)`` in order, with None for an object that is missing, not a blob, or larger
    than ``max_size``. Requests are written by a thread while answers are read, so any number of
    objects flows through two pipes without either filling up.
    """
    unique = list(dict.fromkeys(specs))
    if not unique:
        return
    for spec in unique:
        if "\n" in spec or "\r" in spec:
            raise GitError(f"cannot ask git for a path with a line break: {spec!r}")
    with tempfile.TemporaryFile() as errors:
        proc = subprocess.Popen(
            [_git_executable(), "-C", str(root), *_CONFIG, "cat-file", "--batch"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=errors,
            env=_environment(),
        )
        assert proc.stdin is not None and proc.stdout is not None
        stdin, stdout = proc.stdin, proc.stdout

        def feed() -> None:
            try:
                for spec in unique:
                    stdin.write(os.fsencode(spec) + b"\n")
                stdin.close()
            except (BrokenPipeError, OSError):
                pass

        writer = threading.Thread(target=feed, name="seedlint-cat-file", daemon=True)
        writer.start()
        try:
            for spec in unique:
                header = stdout.readline()
                if not header.endswith(b"\n"):
                    errors.seek(0)
                    why = errors.read().decode("utf-8", "replace").strip()
                    raise GitError(f"git cat-file stopped early in {root}: {why or 'no output'}")
                words = header[:-1].rsplit(b" ", 2)
                if header.endswith((b" missing\n", b" ambiguous\n")) or len(words) != 3:
                    yield spec, None
                    continue
                kind, size = words[1], int(words[2])
                if kind != b"blob" or (max_size is not None and size > max_size):
                    _skip(stdout, size + 1)
                    yield spec, None
                    continue
                data = stdout.read(size)
                stdout.read(1)  # the LF after the contents
                yield spec, data
        finally:
            if proc.poll() is None:  # every answer is read, or the caller stopped early
                proc.kill()
            proc.wait()
            stdout.close()
            writer.join()


def _skip(stream: IO[bytes], count: int) -> None:
    while count > 0:
        chunk = stream.read(min(count, 1 << 20))
        if not chunk:
            break
        count -= len(chunk)


def base_texts(
    repo: Path, ref: str, paths: Iterable[str], *, max_size: int | None = None
) -> dict[str, bytes]:
    """The bytes of ``paths`` (relative to the work-tree root ``repo``, forward slashes) at
    revision ``ref``, read with one ``git cat-file --batch``. Paths absent at ``ref`` (or not
    regular files there) are left out of the result. Raises :class:`GitError` when ``ref`` names
    no commit.

    Byte for byte what git stores (no end-of-line or smudge conversion): what a fix that
    restores a protected region must write back.
    """
    commit = resolve_commit(repo, ref)
    if commit is None:
        raise GitError(f"unknown git revision '{ref}' in {repo}")
    wanted = [p for p in dict.fromkeys(paths) if "\n" not in p and "\r" not in p]
    names = {f"{commit}:{p}": p for p in wanted}
    return {
        names[spec]: data
        for spec, data in iter_blobs(repo, list(names), max_size=max_size)
        if data is not None
    }
