"""The gate's view of a base revision: in every git work tree the checked files live in, the
commit the revision names and what changed since (git's own change list: modified, renamed,
added, deleted, retyped files), which checked file was what at the base, and the bytes git
commits of each changed file (:meth:`Base.staged`), whatever the checkout made of them.

The revision ``auto`` is what a hook or CI job means by "the base"
(:func:`seedlint.gate.revisions.describe_auto`). In CI and under pre-commit the index decides
(:func:`index_decides`): what is staged is what gets checked.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from seedlint.core.context import Context
from seedlint.disarm.marker import MARKER
from seedlint.gate.git import (
    Change,
    GitError,
    changes_since,
    iter_blobs,
    resolve_commit,
    toplevel,
    tracked,
    tracks_under,
)
from seedlint.gate.revisions import AUTO, resolve_base
from seedlint.pipeline.discover import EXTENSIONS, Target

GATE_PREFIX = "G"
MARKER_BYTES = MARKER.encode("utf-8")

Status = Literal["unchanged", "modified", "new"]

# corpus directories: every text file the change adds or edits in them is checked, whatever
# the walk would make of it (another extension, a directory it skips, no front matter)
CORPUS_DIRECTORIES = frozenset({"_news", "generated_pages"})
# what a static site renders as a document (Jekyll: markdown, HTML, with front matter)
TEXT_EXTENSIONS = (*EXTENSIONS, ".mkd", ".mkdn", ".mdown", ".mdwn", ".html", ".htm")


@dataclass(frozen=True, slots=True)
class FileBase:
    """What one checked file was at the base revision.

    ``status``: ``unchanged`` (same content as at the base), ``modified`` (changed or renamed:
    ``base_path`` and ``blob`` name its base version) or ``new`` (absent at the base, untracked,
    or no base at all). ``path`` is the file relative to the work-tree ``root``.
    """

    status: Status
    root: Path
    path: str
    base_path: str | None = None
    blob: str | None = None
    # the staged object id when the work-tree file is as staged (None: unstaged edits, or
    # unchanged): what will be committed, whatever filters and encodings made of it on disk
    head_blob: str | None = None


@dataclass
class RepoBase:
    """The base of one git work tree: its commit (None when there is none yet), the words that
    name it in messages, and what changed since."""

    root: Path
    commit: str | None
    label: str
    changes: dict[str, Change] = field(default_factory=dict)
    # a nested work tree (a submodule, a vendored repository) the revision does not name:
    # its files are taken as they are, unchanged
    foreign: bool = False
    # while a merge is being concluded (``auto`` on a commit with MERGE_HEAD), the other side:
    # a protected region as that side has it came with the merge, not from the contributor
    merging: str | None = None
    _tracked: set[str] | None = None

    def is_tracked(self, path: str) -> bool:
        if self._tracked is None:
            self._tracked = tracked(self.root)
        return path in self._tracked


class Base:
    """The revision a run compares with, in every git work tree its files live in.

    Paths are handled as strings and resolved once per directory, so looking up thousands of
    files costs a few dictionary operations each."""

    def __init__(self, spec: str) -> None:
        self.spec = spec
        self.repos: dict[Path, RepoBase] = {}
        # per work tree, the directories (paths in it, "" for all) the run is the gate for:
        # the directories given on the command line; a file given makes it the whole tree
        self.scopes: dict[Path, set[str]] = {}
        self.index = False  # what is staged decides, not the files on disk (CI, pre-commit)
        # display path -> the staged bytes checked instead of the file on disk (:meth:`staged`)
        self.staged_bytes: dict[str, bytes] = {}
        self._roots: dict[str, str | None] = {}  # physical directory -> work-tree root
        self._dirs: dict[str, str] = {}  # directory as given -> physical directory
        self._parents: dict[str, tuple[Path, str]] = {}  # parent as given -> (root, prefix)

    @classmethod
    def open(
        cls,
        spec: str,
        targets: Sequence[Target],
        ctx: Context | None = None,
        paths: Sequence[str] = (),
        *,
        index: bool | None = None,
    ) -> Base:
        """Resolve ``spec`` for the work trees of ``targets`` and ask git what changed.
        ``paths``: the command line's paths, the part of each work tree the gate watches for
        deleted, moved and retyped pages and for changed files the walk did not list: each
        directory given; for a file given, the whole work tree in CI and under pre-commit
        (which pass the files they select), else that file."""
        base = cls(spec)
        # None: the index decides in CI and under pre-commit (:func:`index_decides`); a fix
        # (False) works on the files on disk, whatever the environment
        base.index = index_decides() if index is None else index
        base._open(targets, ctx)
        for given in paths or [os.curdir]:
            base._add_scope(given, ctx)
        return base

    def _add_scope(self, given: str, ctx: Context | None) -> None:
        absolute = os.path.abspath(given)
        is_dir = os.path.isdir(absolute) and not os.path.islink(absolute)
        directory = absolute if is_dir else os.path.dirname(absolute)
        while not os.path.isdir(directory):  # a path the change deleted
            directory, is_dir = os.path.dirname(directory), False
        physical = self._directory(directory)
        root = self._root_for(physical)
        if root is None:
            return
        repo = self.repos.get(Path(root))
        if repo is None:
            self._open_repo(Path(root), ctx)
        elif repo.foreign:
            return
        inner = physical[len(root) :].strip(os.sep).replace(os.sep, "/")
        if is_dir:
            scope = inner
        elif self.index:
            scope = ""  # a hook or CI job passes the files it selects: the gate sees them all
        else:  # a file named on a local run: that file
            scope = f"{inner}/{os.path.basename(absolute)}" if inner else os.path.basename(absolute)
        self.scopes.setdefault(Path(root), set()).add(scope)

    def _open_repo(self, root: Path, ctx: Context | None) -> None:
        commit, label = resolve_base(root, self.spec)
        changes = (
            {c.path: c for c in changes_since(root, commit, index=self.index)} if commit else {}
        )
        self.repos[root] = RepoBase(root, commit, label, changes)
        if self.spec == AUTO and label == "HEAD" and commit is not None:
            self.repos[root].merging = resolve_commit(root, "MERGE_HEAD")
        if ctx is not None:
            ctx.note(_describe(root, commit, label, len(changes)))

    def _open(self, targets: Sequence[Target], ctx: Context | None) -> None:
        base, spec = self, self.spec
        if not targets:
            here = base._root_for(base._directory(os.getcwd()))
            if here is not None:  # still say so when the revision is wrong
                base._open_repo(Path(here), ctx)
            return
        failed: dict[Path, GitError] = {}
        for target in targets:
            root, _rel = base._place(target.path)
            if root not in base.repos and root not in failed:
                try:
                    base._open_repo(root, ctx)
                except GitError as problem:
                    failed[root] = problem
        for root, issue in failed.items():
            # the revision belongs to the outer repository: a nested one is not compared
            if not base.repos or toplevel(root.parent) is None:
                raise issue
            base.repos[root] = RepoBase(root, None, spec, foreign=True)
            if ctx is not None:
                ctx.note(
                    f"{root}: a nested git work tree where '{spec}' names no commit; "
                    "its files are not compared and count as unchanged"
                )

    def _directory(self, directory: str) -> str:
        physical = self._dirs.get(directory)
        if physical is None:
            physical = self._dirs[directory] = os.path.realpath(directory or ".")
        return physical

    def _root_for(self, directory: str) -> str | None:
        """The work-tree root of a physical directory; one git call per work tree, not per
        directory (a directory below a known root is in it unless a ``.git`` lies between)."""
        if directory in self._roots:
            return self._roots[directory]
        for repo in self.repos:
            root = str(repo)
            if directory == root or directory.startswith(root.rstrip(os.sep) + os.sep):
                between, current = [], directory
                while current != root:
                    between.append(current)
                    current = os.path.dirname(current)
                if not any(os.path.lexists(os.path.join(d, ".git")) for d in between):
                    self._roots[directory] = root
                    return root
        found = toplevel(Path(directory))
        result = os.path.realpath(found) if found is not None else None
        self._roots[directory] = result
        return result

    def _place(self, path: Path) -> tuple[Path, str]:
        """The work-tree root of a checked file and the file's path in it (forward slashes).
        Directories' symlinks are resolved, the file's own is not (a symlink in the work tree
        is looked up as itself)."""
        text = str(path)
        parent, name = os.path.split(text)
        known = self._parents.get(parent)
        if known is None:
            directory = self._directory(os.path.abspath(parent or "."))
            root = self._root_for(directory)
            if root is None:
                raise GitError(f"--diff-base {self.spec}: {directory} is not in a git work tree")
            inner = directory[len(root) :].strip(os.sep).replace(os.sep, "/")
            known = self._parents[parent] = (Path(root), f"{inner}/" if inner else "")
        return known[0], known[1] + name

    def lookup(self, path: Path) -> FileBase:
        """What ``path`` (a checked file) was at the base."""
        root, rel = self._place(path)
        repo = self.repos.get(root)
        if repo is None:
            raise GitError(f"--diff-base {self.spec}: {path} is not among the files checked")
        if repo.commit is None:
            return FileBase("unchanged" if repo.foreign else "new", root, rel)
        change = repo.changes.get(rel)
        if change is not None:
            if change.status == "A" or change.base_blob is None or not change.regular:
                return FileBase("new", root, rel, head_blob=_regular_blob(change))
            return FileBase(
                "modified", root, rel, change.base_path, change.base_blob, _regular_blob(change)
            )
        if repo.is_tracked(rel):
            return FileBase("unchanged", root, rel)
        return FileBase("new", root, rel)

    def with_changed(self, targets: Sequence[Target]) -> list[Target]:
        """``targets``, and the text files that the change adds or edits in a corpus directory
        (``_news/``, ``generated_pages/``) whether the walk listed them or not (an extension it
        does not take, ``.MD`` or ``.html``; a directory it skips, ``build/``): all of these
        are checked as if named, so that a file of no known kind there is a finding (K001),
        not a file passed over."""
        changed = self._changed_in_corpus()
        out = [t._replace(explicit=True) if t.display in changed else t for t in targets]
        known = {t.display for t in targets}
        out.extend(t for display, t in sorted(changed.items()) if display not in known)
        return out

    def _changed_in_corpus(self) -> dict[str, Target]:
        out: dict[str, Target] = {}
        for root, repo in self.repos.items():
            if repo.commit is None or repo.foreign:
                continue
            for change in repo.changes.values():
                rel = change.path
                if change.status == "D" or not change.mode.startswith("100"):
                    continue
                if CORPUS_DIRECTORIES.isdisjoint(rel.split("/")[:-1]):
                    continue
                if not rel.lower().endswith(TEXT_EXTENSIONS) or not in_scope(self, root, rel):
                    continue
                shown = display_of(root, rel)
                out[shown] = Target(Path(shown), shown, True, root)
        return out

    def tracks(self, directory: Path) -> bool:
        """Whether git tracks anything in ``directory`` (a cache committed to the change)."""
        physical = os.path.realpath(directory)
        for root in self.repos:
            text = str(root)
            if physical == text or physical.startswith(text.rstrip(os.sep) + os.sep):
                rel = physical[len(text) :].strip(os.sep).replace(os.sep, "/")
                return tracks_under(root, rel or ".")
        return False

    def staged(self, targets: Sequence[Target], max_size: int) -> dict[str, bytes]:
        """What git will commit of each changed target whose file on disk is not byte for byte
        that (a ``working-tree-encoding``, end-of-line or smudge conversion at checkout):
        display path -> bytes. The check and the gate use these bytes, never the converted
        file: what is merged is the blob. Usually empty (every such file is read and hashed
        once, changed files only)."""
        wanted: dict[Path, dict[str, list[str]]] = {}
        for target in targets:
            try:
                file = self.lookup(target.path)
            except GitError:
                continue
            if file.head_blob is None:
                continue
            data = read_raw(target.path, max_size)
            if data is not None and _object_id(data, len(file.head_blob)) == file.head_blob:
                continue
            wanted.setdefault(file.root, {}).setdefault(file.head_blob, []).append(target.display)
        self.staged_bytes = {}
        for root, blobs in wanted.items():
            for blob, data in iter_blobs(root, list(blobs), max_size=max_size):
                if data is not None:
                    for display in blobs[blob]:
                        self.staged_bytes[display] = data
        return self.staged_bytes

    def read(
        self, files: Sequence[FileBase], max_size: int
    ) -> Iterator[tuple[FileBase, bytes | None]]:
        """The base bytes of modified files, one ``git cat-file --batch`` per work tree."""
        by_root: dict[Path, list[FileBase]] = {}
        for file in files:
            if file.blob is not None:
                by_root.setdefault(file.root, []).append(file)
        for root, group in by_root.items():
            by_blob: dict[str, list[FileBase]] = {}
            for file in group:
                by_blob.setdefault(file.blob or "", []).append(file)
            for blob, data in iter_blobs(root, list(by_blob), max_size=max_size):
                for file in by_blob[blob]:
                    yield file, data

    def label(self, file: FileBase) -> str:
        return self.repos[file.root].label


def _describe(root: Path, commit: str | None, label: str, changed: int) -> str:
    if commit is None:
        return (
            f"{root}: no commit yet, so no protected region is compared and every line "
            "counts as changed"
        )
    return (
        f"{root}: comparing with {label} ({commit[:12]}); "
        f"{changed} changed file{'s' if changed != 1 else ''} in the work tree"
    )


def display_of(root: Path, rel: str) -> str:
    """A path in a work tree as findings show it: relative to the current directory."""
    shown = os.path.relpath(os.path.join(root, rel), os.path.realpath(os.getcwd()))
    return shown.replace(os.sep, "/")


def in_scope(base: Base, root: Path, rel: str) -> bool:
    return any(
        not scope or rel == scope or rel.startswith(scope + "/")
        for scope in base.scopes.get(root, ())
    )


def index_decides(environ: Mapping[str, str] | None = None) -> bool:
    """Whether what is staged is what gets checked, whatever the files on disk say: in CI
    (``CI`` set, as every CI service does; a checkout has no unstaged edits there, so a file on
    disk that differs from its blob was converted by an attribute) and under pre-commit
    (``PRE_COMMIT=1``; it stashes what is not staged). Elsewhere (a local run) a file with
    unstaged edits is checked as it is on disk."""
    env = os.environ if environ is None else environ
    ci = env.get("CI", "").strip().lower() not in ("", "0", "false", "no")
    return ci or env.get("PRE_COMMIT") == "1"


def _regular_blob(change: Change) -> str | None:
    """The staged object id of a regular file (a symlink's blob is its target's name)."""
    return change.blob if change.mode.startswith("100") else None


def _object_id(data: bytes, length: int) -> str:
    """git's object id of a blob with these bytes (SHA-1, or SHA-256 in such repositories)."""
    header = b"blob %d\0" % len(data)
    hasher = hashlib.sha256() if length == 64 else hashlib.sha1(usedforsecurity=False)
    hasher.update(header)
    hasher.update(data)
    return hasher.hexdigest()


def read_raw(path: Path, limit: int) -> bytes | None:
    try:
        with open(path, "rb") as handle:
            return handle.read(limit + 1)
    except OSError:
        return None


def under_generated_pages(rel: str) -> bool:
    """A markdown or text file below a ``generated_pages/`` directory (a work-tree path)."""
    return "generated_pages" in rel.split("/")[:-1] and rel.lower().endswith(EXTENSIONS)
