"""What the change did to the tree, not to a file's lines: pages deleted, moved or retyped
(G004, G005, G006) from git's change list; files whose checkout is not what git commits
(G007); and the configuration the run read at the base, when the change edits it (G010)."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator, Sequence
from pathlib import Path

from seedlint.core.context import Context
from seedlint.core.engine import Engine
from seedlint.core.finding import Finding, Span
from seedlint.core.rules import Violation
from seedlint.gate.base import (
    CORPUS_DIRECTORIES,
    MARKER_BYTES,
    Base,
    display_of,
    in_scope,
    read_raw,
    under_generated_pages,
)
from seedlint.gate.git import GITLINK, SYMLINK, Change, GitError, iter_blobs
from seedlint.pipeline.discover import EXTENSIONS, Target


def _corpus_path(rel: str) -> bool:
    """A path of a corpus file or directory: one with a corpus extension, or a corpus
    directory itself or anything in it."""
    return rel.lower().endswith(EXTENSIONS) or not CORPUS_DIRECTORIES.isdisjoint(rel.split("/"))


def _was_page(rel: str, data: bytes | None) -> bool:
    """Whether a file at the base was a DISARM page: it had the marker, or it is a markdown
    file under ``generated_pages/``."""
    if data is not None and MARKER_BYTES in data:
        return True
    return under_generated_pages(rel)


def _kind_of_mode(mode: str) -> str:
    return {SYMLINK: "a symbolic link", GITLINK: "a submodule (gitlink)"}.get(
        mode, f"an entry of mode {mode}"
    )


def tree_findings(base: Base, engine: Engine, limit: int) -> Iterator[Finding]:
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
            watched = in_scope(base, root, old) or in_scope(base, root, change.path)
            if not watched:
                continue
            if change.mode in (SYMLINK, GITLINK) and (
                change.status != "A" or _corpus_path(change.path)
            ):
                retyped.append(change)
            elif change.status in ("D", "R") and change.base_mode.startswith("100"):
                removed.append(change)
        for change in retyped:
            shown = display_of(root, change.path)
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
                shown = display_of(root, old)
                yield engine.make("G004", shown, "disarm", Violation(Span.point(1), message))
            else:
                message = (
                    f"generated page '{old}' is moved to '{change.path}' (at {repo.label} it is "
                    f"'{old}'); pages are named and placed by the generator"
                )
                place = change.path if in_scope(base, root, change.path) else old
                shown = display_of(root, place)
                yield engine.make("G005", shown, "disarm", Violation(Span.point(1), message))


def checkout_findings(
    base: Base, targets: Sequence[Target], engine: Engine, limit: int
) -> Iterator[Finding]:
    """G007 for each checked file whose bytes on disk are not the committed blob's, beyond
    line endings (the check read the blob: :meth:`Base.staged`)."""
    for target in targets:
        staged = base.staged_bytes.get(target.display)
        if staged is None:
            continue
        disk = read_raw(target.path, limit)
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


def config_findings(base: Base, ctx: Context, engine: Engine, limit: int) -> Iterator[Finding]:
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
                head = read_raw(root / consulted.path, limit)
        if not _config_differs(consulted.path, consulted.data, head):
            continue
        what = "added" if consulted.data is None else "deleted" if head is None else "changed"
        message = (
            f"configuration {what}: '{consulted.path}' differs from {repo.label}; this run "
            "uses the configuration of the base, the change takes effect after merge"
        )
        shown = display_of(root, consulted.path)
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
