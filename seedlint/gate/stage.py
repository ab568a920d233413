"""The contribution gate: DISARM protected regions compared with a git revision
(``--diff-base``), and ``--only-changed`` filtering.

How a run with a base works:

1. :meth:`Base.open`, before any file is checked, finds the git work tree of every checked file,
   resolves the revision in each (an unknown revision or a file outside a work tree is a usage
   error, exit 2) and asks git once per work tree what changed since it
   (``git diff --raw -M``: modified, renamed, added files).
2. :func:`gate_findings`, after the per-file and corpus rules, reads the base version of every
   checked file that changed (one ``git cat-file --batch`` per work tree, by blob id), and for
   each page whose base had the edit-line marker compares the region above it
   (:mod:`seedlint.gate.protected`): G001 changed region, G002 removed or altered marker, G003 moved
   marker. Unchanged files are never read again; new files (absent at the base) get the
   single-page checks only. A G002 stands for the single-page D401/D403 of the same page; while
   a merge is concluded, a region as the merged-in side has it is not an edit.
3. With ``only_changed``, findings are kept only on work-tree lines that differ from the base
   (:func:`seedlint.gate.linediff.changed_lines`): all of a new file, none of an unchanged one. Gate
   findings and internal errors are always kept.

The revision ``auto`` is what a hook or CI job means by "the base" (:func:`describe_auto`):
``PRE_COMMIT_FROM_REF``/``PRE_COMMIT_TO_REF`` (``pre-commit run --from-ref A --to-ref B``: their
merge base), a GitHub pull request (``GITHUB_BASE_REF``: the merge base with
``origin/<target>``), a GitLab merge request (``CI_MERGE_REQUEST_DIFF_BASE_SHA``), else ``HEAD``
(in a repository without commits yet: nothing to compare with, every line is new).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from seedlint.core.context import Context
from seedlint.core.engine import Engine
from seedlint.core.finding import Finding, Span
from seedlint.core.outcome import INTERNAL_ERROR, FileOutcome
from seedlint.core.rules import Violation
from seedlint.core.source import ReadProblem, SourceText, decode, read
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
from seedlint.gate.linediff import changed_lines, split_lines
from seedlint.gate.protected import MARKER_REMOVED, RegionChange, compare, marker_index
from seedlint.gate.revisions import AUTO, resolve_base
from seedlint.pipeline.discover import Target

GATE_PREFIX = "G"
_MARKER_BYTES = MARKER.encode("utf-8")
# the single-page rules about a page's marker (seedlint.validators.disarm_marker) that G002
# supersedes on a page where it reports the marker gone since the base
MARKER_MISSING, MARKER_NEAR_MISS = "D401", "D403"

Status = Literal["unchanged", "modified", "new"]


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
                if not rel.lower().endswith(_TEXT_EXTENSIONS) or not _in_scope(self, root, rel):
                    continue
                shown = _display_of(root, rel)
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
            data = _raw(target.path, max_size)
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


def gate_findings(
    findings: list[Finding],
    targets: Sequence[Target],
    outcomes: Sequence[FileOutcome],
    engine: Engine,
    ctx: Context,
    base: Base | None = None,
) -> list[Finding]:
    """Add protected-region findings and, with ``ctx.only_changed``, keep only findings on
    changed lines."""
    if base is None:
        assert ctx.diff_base is not None
        base = Base.open(ctx.diff_base, targets, ctx)
    kinds = {o.display: o.kind for o in outcomes}
    with_findings = {f.path for f in findings}
    files = {t.display: (t, base.lookup(t.path)) for t in targets}
    modified = [fb for _t, fb in files.values() if fb.status == "modified"]
    by_place = {(fb.root, fb.path): (t, fb) for t, fb in files.values()}
    changed: dict[str, set[int] | None] = {}
    limit = engine.settings.limits.max_file_size
    out = list(findings)
    pending: list[_Pending] = []
    new_at_head: set[int] = set()  # ids of findings the base version of their file has not
    for file, data in base.read(modified, limit):
        target, _ = by_place[(file.root, file.path)]
        protected = data is not None and _MARKER_BYTES in data
        # a generated page with no marker (an index, the framework's tables): all generated
        whole = data is not None and not protected and _wholly_generated(file.base_path)
        wants_lines = ctx.only_changed and target.display in with_findings
        if not (protected or whole or wants_lines):
            continue
        base_src = _decode(data)
        staged = base.staged_bytes.get(target.display)
        work_src = _decode(staged) if staged is not None else _read(target.path, limit)
        if base_src is None or work_src is None:
            changed[target.display] = None  # cannot tell: keep every finding
            continue
        base_lines, work_lines = split_lines(base_src.text), split_lines(work_src.text)
        if wants_lines:
            changed[target.display] = changed_lines(base_lines, work_lines)
            new_at_head |= _new_since_base(findings, target, data, engine, ctx)
        if whole:
            change = _whole_page_change(base_lines, work_lines, base.label(file))
            if change is not None:
                out.append(_gate_finding(change, target, kinds, work_src, engine))
            continue
        if not protected:
            continue
        ref = base.label(file)
        if file.base_path != file.path:
            ref = f"{ref} (as {file.base_path})"
        changes = compare(
            base_lines,
            work_lines,
            ref=ref,
            fromfile=f"{file.base_path} ({base.label(file)})",
            tofile=f"{target.display} (work tree)",
        )
        if changes and base.repos[file.root].merging is not None:
            pending.append((file, target, work_src, work_lines, changes))  # decided below
        elif changes:
            out.extend(_gate_finding(c, target, kinds, work_src, engine) for c in changes)
    for target, work_src, changes in _after_merges(base, pending, limit):
        out.extend(_gate_finding(c, target, kinds, work_src, engine) for c in changes)
    out.extend(_tree_findings(base, engine, limit))
    out.extend(_checkout_findings(base, targets, engine, limit))
    out.extend(_config_findings(base, ctx, engine, limit))
    # display -> line of the page's G002
    marker_gone = {f.path: f.line for f in out[len(findings) :] if f.code == MARKER_REMOVED}
    if marker_gone and MARKER_REMOVED in engine.enabled:
        out = [f for f in out if not _superseded(f, marker_gone)]
    if ctx.only_changed:
        status: dict[str, Status] = {
            # a renamed file is a new file to the rules about its path (N002's date): all of it
            display: "new" if fb.base_path not in (None, fb.path) else fb.status
            for display, (_t, fb) in files.items()
        }
        for path in {f.path for f in out} - status.keys():
            # a corpus rule's finding on a file that was not checked itself (it found the file
            # by looking around the corpus): what git says of it, when git knows it
            with contextlib.suppress(GitError):
                status[path] = base.lookup(Path(path)).status
        touched = {display for display, state in status.items() if state != "unchanged"}
        out = [
            f
            for f in out
            if id(f) in new_at_head
            or _on_changed_line(f, status, changed)
            or _names_a_changed_file(f, engine, touched)
        ]
    return out


def _new_since_base(
    findings: Sequence[Finding], target: Target, data: bytes | None, engine: Engine, ctx: Context
) -> set[int]:
    """The ids of the per-file findings of ``target`` that its base version (``data``) does not
    have, by rule code and the text of the line they point at: a finding the change causes on
    a line it did not touch (a duplicate key inserted above the first, a quote left open, a
    closing ``---`` deleted) is the change's, wherever it points."""
    from collections import Counter

    from seedlint.pipeline.check import check_target

    if data is None:
        return set()
    mine = [f for f in findings if f.path == target.display and not _is_corpus(f, engine)]
    if not mine:
        return set()
    before = check_target(target, engine, ctx, data).findings
    left = Counter(_identity(f) for f in before if not _is_corpus(f, engine))
    new: set[int] = set()
    for finding in mine:
        key = _identity(finding)
        if left[key] > 0:
            left[key] -= 1
        else:
            new.add(id(finding))
    return new


def _identity(finding: Finding) -> tuple[str, str]:
    return finding.code, (finding.context or "").strip()


def _is_corpus(finding: Finding, engine: Engine) -> bool:
    rule = engine.rules.get(finding.code)
    return rule is not None and rule.corpus_check is not None


def _names_a_changed_file(finding: Finding, engine: Engine, touched: set[str]) -> bool:
    """A corpus rule's finding that names a file the change added or edited (a duplicate of a
    new item reported on the older one): the change caused it, wherever it is reported."""
    if not _is_corpus(finding, engine):
        return False
    text = f"{finding.message}\n{finding.detail or ''}"
    return any(display in text for display in touched if display != finding.path)


def _wholly_generated(rel: str | None) -> bool:
    """A page under ``generated_pages/`` whose every line is generated (no edit-line marker)."""
    if rel is None:
        return False
    return "generated_pages" in rel.split("/")[:-1] and rel.lower().endswith(_EXTENSIONS)


def _whole_page_change(base: list[str], work: list[str], ref: str) -> RegionChange | None:
    """G001 for a generated page without a marker whose text changed (line endings and the
    final newline aside): the whole page is the protected region."""
    import difflib

    before = list(base)
    after = list(work)
    while before and not before[-1].strip():
        before.pop()
    while after and not after[-1].strip():
        after.pop()
    if before == after:
        return None
    first = next(
        (i for i, (a, b) in enumerate(zip(before, after, strict=False)) if a != b),
        min(len(before), len(after)),
    )
    diff = list(difflib.unified_diff(before, after, f"base ({ref})", "change", n=1, lineterm=""))
    detail = "\n".join(diff[:24] + (["..."] if len(diff) > 24 else []))
    message = (
        f"generated page changed since {ref}: it has no edit-line marker, so every line of it "
        "is generated (an index or a framework table); change the framework's data and "
        "regenerate"
    )
    return RegionChange("G001", min(first + 1, max(len(work), 1)), message, detail)


_Pending = tuple[FileBase, Target, SourceText, list[str], list[RegionChange]]
_SYMLINK, _GITLINK = "120000", "160000"
_EXTENSIONS = (".md", ".markdown", ".txt")


def _display_of(root: Path, rel: str) -> str:
    """A path in a work tree as findings show it: relative to the current directory."""
    shown = os.path.relpath(os.path.join(root, rel), os.path.realpath(os.getcwd()))
    return shown.replace(os.sep, "/")


def _in_scope(base: Base, root: Path, rel: str) -> bool:
    return any(
        not scope or rel == scope or rel.startswith(scope + "/")
        for scope in base.scopes.get(root, ())
    )


# corpus directories: every text file the change adds or edits in them is checked, whatever
# the walk would make of it (another extension, a directory it skips, no front matter)
CORPUS_DIRECTORIES = frozenset({"_news", "generated_pages"})
# what a static site renders as a document (Jekyll: markdown, HTML, with front matter)
_TEXT_EXTENSIONS = (*_EXTENSIONS, ".mkd", ".mkdn", ".mdown", ".mdwn", ".html", ".htm")


def _corpus_path(rel: str) -> bool:
    """A path of a corpus file or directory: one with a corpus extension, or a corpus
    directory itself or anything in it."""
    return rel.lower().endswith(_EXTENSIONS) or not CORPUS_DIRECTORIES.isdisjoint(rel.split("/"))


def _was_page(rel: str, data: bytes | None) -> bool:
    """Whether a file at the base was a DISARM page: it had the marker, or it is a markdown
    file under ``generated_pages/``."""
    if data is not None and _MARKER_BYTES in data:
        return True
    return "generated_pages" in rel.split("/")[:-1] and rel.lower().endswith(_EXTENSIONS)


def _kind_of_mode(mode: str) -> str:
    return {_SYMLINK: "a symbolic link", _GITLINK: "a submodule (gitlink)"}.get(
        mode, f"an entry of mode {mode}"
    )


def _tree_findings(base: Base, engine: Engine, limit: int) -> Iterator[Finding]:
    """G004/G005/G006 from git's list of what the change deletes, renames and retypes under
    the checked directories (not from the walk: a file gone, moved out of sight or made a
    link is seen here)."""
    for root, repo in base.repos.items():
        if repo.commit is None or repo.foreign:
            continue
        retyped: list[Change] = []
        removed: list[Change] = []
        for change in repo.changes.values():
            old = change.base_path or change.path
            watched = _in_scope(base, root, old) or _in_scope(base, root, change.path)
            if not watched:
                continue
            if change.mode in (_SYMLINK, _GITLINK) and (
                change.status != "A" or _corpus_path(change.path)
            ):
                retyped.append(change)
            elif change.status in ("D", "R") and change.base_mode.startswith("100"):
                removed.append(change)
        for change in retyped:
            shown = _display_of(root, change.path)
            was = "added as" if change.status == "A" else "made"
            message = (
                f"'{change.path}' is {was} {_kind_of_mode(change.mode)} (at {repo.label} "
                f"{'it did not exist' if change.status == 'A' else 'a regular file'}): what is "
                "merged is the link, not the file it points to; the gate checks regular files"
            )
            yield engine.make("G006", shown, None, Violation(Span.point(1), message))
        if not removed:
            continue
        blobs = {c.base_blob: c for c in removed if c.base_blob}
        data = dict(iter_blobs(root, list(blobs), max_size=limit))
        for change in removed:
            old = change.base_path or change.path
            if not _was_page(old, data.get(change.base_blob or "")):
                continue
            if change.status == "D":
                message = (
                    f"generated page '{old}' is deleted (it is a DISARM page at {repo.label}); "
                    "pages are removed by the generator, not by hand"
                )
                shown = _display_of(root, old)
                yield engine.make("G004", shown, "disarm", Violation(Span.point(1), message))
            else:
                message = (
                    f"generated page '{old}' is moved to '{change.path}' (at {repo.label} it is "
                    f"'{old}'); pages are named and placed by the generator"
                )
                place = change.path if _in_scope(base, root, change.path) else old
                shown = _display_of(root, place)
                yield engine.make("G005", shown, "disarm", Violation(Span.point(1), message))


def _checkout_findings(
    base: Base, targets: Sequence[Target], engine: Engine, limit: int
) -> Iterator[Finding]:
    """G007 for each checked file whose bytes on disk are not the committed blob's, beyond
    line endings (the check read the blob: :meth:`Base.staged`)."""
    for target in targets:
        staged = base.staged_bytes.get(target.display)
        if staged is None:
            continue
        disk = _raw(target.path, limit)
        if disk is not None and _same_text(disk, staged):
            continue
        message = (
            "the file on disk is not what git commits: an attribute (working-tree-encoding, "
            "filter) converts it at checkout; the committed blob was checked instead"
        )
        yield engine.make("G007", target.display, None, Violation(Span.point(1), message))


def _same_text(first: bytes, second: bytes) -> bool:
    """Equal once line endings and a UTF-8 BOM are set aside."""

    def normal(data: bytes) -> bytes:
        return data.removeprefix(b"\xef\xbb\xbf").replace(b"\r\n", b"\n").replace(b"\r", b"\n")

    return normal(first) == normal(second)


def _config_findings(base: Base, ctx: Context, engine: Engine, limit: int) -> Iterator[Finding]:
    """G010 for each file the configuration was read from at the base (:mod:`seedlint.config.trust`)
    that the change adds, edits or deletes."""
    seen: set[tuple[Path, str]] = set()
    for consulted in ctx.consulted:
        root = Path(os.path.realpath(consulted.root))
        key = (root, consulted.path)
        if key in seen:
            continue
        seen.add(key)
        repo = base.repos.get(root)
        if repo is None:
            with contextlib.suppress(GitError):
                base._open_repo(root, None)
            repo = base.repos.get(root)
        if repo is None or repo.commit is None:
            continue
        change = repo.changes.get(consulted.path)
        if change is None:
            continue  # as at the base (or untracked: not part of what is committed)
        head: bytes | None = None
        if change.status != "D":
            if change.blob is not None:
                head = next(iter(iter_blobs(root, [change.blob], max_size=limit)))[1]
            else:
                head = _raw(root / consulted.path, limit)
        if not _config_differs(consulted.path, consulted.data, head):
            continue
        what = "added" if consulted.data is None else "deleted" if head is None else "changed"
        message = (
            f"configuration {what}: '{consulted.path}' differs from {repo.label}; this run "
            "uses the configuration of the base, the change takes effect after merge"
        )
        shown = _display_of(root, consulted.path)
        yield engine.make("G010", shown, None, Violation(Span.point(1), message))


def _config_differs(path: str, base: bytes | None, head: bytes | None) -> bool:
    """Whether a configuration file changed in what seedlint reads of it (for a
    ``pyproject.toml``, its ``[tool.seedlint]`` table only)."""
    if base == head:
        return False
    if not path.endswith("pyproject.toml") or base is None or head is None:
        return True
    import tomllib

    def table(data: bytes) -> object:
        try:
            tool = tomllib.loads(data.decode("utf-8")).get("tool")
        except (UnicodeDecodeError, tomllib.TOMLDecodeError):
            return data
        return tool.get("seedlint") if isinstance(tool, dict) else None

    return table(base) != table(head)


def _gate_finding(
    change: RegionChange,
    target: Target,
    kinds: Mapping[str, str | None],
    work_src: SourceText,
    engine: Engine,
) -> Finding:
    width = len(work_src.line_text(change.line))
    span = Span(change.line, 1, change.line, max(width, 1) + 1)
    violation = Violation(span, change.message, detail=change.detail)
    return engine.make(change.code, target.display, kinds.get(target.display), violation, work_src)


def _after_merges(
    base: Base, pending: list[_Pending], limit: int
) -> Iterator[tuple[Target, SourceText, list[RegionChange]]]:
    """The protected changes that stand, of pages in a work tree where a merge is being
    concluded: a page whose region is exactly as the merged-in side has it is not the
    contributor's edit."""
    other: dict[tuple[Path, str], bytes | None] = {}
    by_root: dict[Path, list[str]] = {}
    for file, *_rest in pending:
        path = file.base_path or file.path
        if "\n" not in path and "\r" not in path:
            by_root.setdefault(file.root, []).append(f"{base.repos[file.root].merging}:{path}")
    for root, specs in by_root.items():
        for spec, data in iter_blobs(root, specs, max_size=limit):
            other[(root, spec.split(":", 1)[1])] = data
    for file, target, work_src, work_lines, changes in pending:
        theirs = _decode(other.get((file.root, file.base_path or file.path)))
        if theirs is not None:
            their_lines = split_lines(theirs.text)
            same = not compare(their_lines, work_lines, ref="", fromfile="", tofile="")
            if same and marker_index(their_lines) is not None:
                continue
        yield target, work_src, changes


def _superseded(finding: Finding, marker_gone: Mapping[str, int]) -> bool:
    """A single-page finding about the marker of a page whose G002 says more (where the marker
    was at the base, and the diff): one defect, one finding."""
    line = marker_gone.get(finding.path)
    if line is None:
        return False
    return finding.code == MARKER_MISSING or (
        finding.code == MARKER_NEAR_MISS and finding.line == line
    )


def _on_changed_line(
    finding: Finding, status: Mapping[str, Status], changed: Mapping[str, set[int] | None]
) -> bool:
    if finding.code.startswith(GATE_PREFIX) or finding.code == INTERNAL_ERROR:
        return True
    state = status.get(finding.path)
    if state is None or state == "new":
        return True
    if state == "unchanged":
        return False
    lines = changed.get(finding.path)
    if lines is None:
        return True
    last = max(finding.end_line, finding.line)
    return any(n in lines for n in range(finding.line, last + 1))


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


def _raw(path: Path, limit: int) -> bytes | None:
    try:
        with open(path, "rb") as handle:
            return handle.read(limit + 1)
    except OSError:
        return None


def _decode(data: bytes | None) -> SourceText | None:
    if data is None:
        return None
    try:
        return decode(data)
    except ReadProblem:
        return None


def _read(path: Path, limit: int) -> SourceText | None:
    try:
        return read(path, limit)
    except ReadProblem:
        return None
