"""``--only-changed``: which findings are the change's. A finding is kept when it lies on a line
the change touched, when the base version of its file does not have it (a finding the change
caused wherever it points), or when it is a corpus finding that names a file the change
touched. Gate findings and internal errors are always kept."""

from __future__ import annotations

import contextlib
from collections.abc import Mapping, Sequence
from pathlib import Path

from seedlint.core.context import Context
from seedlint.core.engine import Engine
from seedlint.core.finding import Finding
from seedlint.core.outcome import INTERNAL_ERROR
from seedlint.gate.base import GATE_PREFIX, Base, FileBase, Status
from seedlint.gate.git import GitError
from seedlint.pipeline.discover import Target


def new_since_base(
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


def names_a_changed_file(finding: Finding, engine: Engine, touched: set[str]) -> bool:
    """A corpus rule's finding that names a file the change added or edited (a duplicate of a
    new item reported on the older one): the change caused it, wherever it is reported."""
    if not _is_corpus(finding, engine):
        return False
    text = f"{finding.message}\n{finding.detail or ''}"
    return any(display in text for display in touched if display != finding.path)


def on_changed_line(
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


def keep_the_changes(
    findings: list[Finding],
    files: Mapping[str, FileBase],
    changed: Mapping[str, set[int] | None],
    new_at_head: set[int],
    base: Base,
    engine: Engine,
) -> list[Finding]:
    """The findings that are the change's: ``files`` is what each checked file was at the base,
    ``changed`` the changed lines of modified files, ``new_at_head`` the ids of findings their
    file's base version does not have (:func:`new_since_base`)."""
    status: dict[str, Status] = {
        # a renamed file is a new file to the rules about its path (N002's date): all of it
        display: "new" if fb.base_path not in (None, fb.path) else fb.status
        for display, fb in files.items()
    }
    for path in {f.path for f in findings} - status.keys():
        # a corpus rule's finding on a file that was not checked itself (it found the file by
        # looking around the corpus): what git says of it, when git knows it
        with contextlib.suppress(GitError):
            status[path] = base.lookup(Path(path)).status
    touched = {display for display, state in status.items() if state != "unchanged"}
    return [
        f
        for f in findings
        if id(f) in new_at_head
        or on_changed_line(f, status, changed)
        or names_a_changed_file(f, engine, touched)
    ]
