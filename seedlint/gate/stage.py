"""The contribution gate as a stage of the run (``--diff-base``, ``--only-changed``).

1. :meth:`seedlint.gate.base.Base.open`, before any file is checked, resolves the revision in
   every work tree of the checked files (an unknown revision is a usage error, exit 2) and asks
   git once per work tree what changed since it.
2. :func:`gate_findings`, after the per-file and corpus rules, reads the base version of every
   checked file that changed (one ``git cat-file --batch`` per work tree, by blob id) and
   compares each page's region above the edit-line marker (:mod:`seedlint.gate.protected`):
   G001 changed region, G002 removed or altered marker, G003 moved marker; a generated page
   with no marker is compared whole. A G002 stands for the single-page D401/D403 of the same
   page; while a merge is concluded, a region as the merged-in side has it is not an edit.
   Then what the change did to the tree and to the configuration
   (:mod:`seedlint.gate.changes`: G004-G007, G010).
3. With ``only_changed``, only the change's findings are kept (:mod:`seedlint.gate.only_changed`).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path

from seedlint.core.context import Context
from seedlint.core.engine import Engine
from seedlint.core.finding import Finding, Span
from seedlint.core.outcome import FileOutcome
from seedlint.core.rules import Violation
from seedlint.core.source import ReadProblem, SourceText, decode, read
from seedlint.gate.base import MARKER_BYTES, Base, FileBase, under_generated_pages
from seedlint.gate.changes import checkout_findings, config_findings, tree_findings
from seedlint.gate.git import iter_blobs
from seedlint.gate.linediff import changed_lines, split_lines
from seedlint.gate.only_changed import keep_the_changes, new_since_base
from seedlint.gate.protected import (
    MARKER_REMOVED,
    RegionChange,
    compare,
    compare_whole,
    marker_index,
)
from seedlint.pipeline.discover import Target

# the single-page rules about a page's marker (seedlint.validators.disarm_marker) that G002
# supersedes on a page where it reports the marker gone since the base
MARKER_MISSING, MARKER_NEAR_MISS = "D401", "D403"


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
        protected = data is not None and MARKER_BYTES in data
        # a generated page with no marker (an index, the framework's tables): all generated
        whole = (
            data is not None
            and not protected
            and file.base_path is not None
            and under_generated_pages(file.base_path)
        )
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
            new_at_head |= new_since_base(findings, target, data, engine, ctx)
        if whole:
            label = base.label(file)
            for change in compare_whole(
                base_lines,
                work_lines,
                ref=label,
                fromfile=f"{file.base_path} ({label})",
                tofile=f"{target.display} (work tree)",
            ):
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
    out.extend(tree_findings(base, engine, limit))
    out.extend(checkout_findings(base, targets, engine, limit))
    out.extend(config_findings(base, ctx, engine, limit))
    # display -> line of the page's G002
    marker_gone = {f.path: f.line for f in out[len(findings) :] if f.code == MARKER_REMOVED}
    if marker_gone and MARKER_REMOVED in engine.enabled:
        out = [f for f in out if not _superseded(f, marker_gone)]
    if ctx.only_changed:
        statuses = {display: fb for display, (_t, fb) in files.items()}
        out = keep_the_changes(out, statuses, changed, new_at_head, base, engine)
    return out


_Pending = tuple[FileBase, Target, SourceText, list[str], list[RegionChange]]


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
