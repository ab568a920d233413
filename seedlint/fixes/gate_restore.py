"""The ``--diff-base`` side of a fix run, on the texts as the fixes leave them in memory.

* The base version of every checked file that changed since the base is read once
  (:class:`seedlint.gate.base.Base`, the gate's own view of the revision: merge bases, renames).
* The gate's findings (G001-G003, :func:`seedlint.gate.protected.compare`) are computed on the
  fixed text of each pass, each offering the restore of :mod:`seedlint.fixes.region_restore`.
* Other fixes never edit a protected region: a fix that touches a line above the marker of a
  page protected at the base is left out (the generator owns those lines).
* With ``--only-changed``, only findings on lines changed since the base are fixed, as only
  those are reported.
"""

from __future__ import annotations

from collections.abc import Sequence

from seedlint.core.context import Context
from seedlint.core.engine import Engine
from seedlint.core.finding import Finding, Span
from seedlint.core.outcome import INTERNAL_ERROR
from seedlint.core.rules import Violation
from seedlint.core.source import ReadProblem, SourceText, decode
from seedlint.disarm.marker import MARKER
from seedlint.fixes.model import Fix
from seedlint.fixes.region_restore import minimal_edit, restore
from seedlint.gate.base import GATE_PREFIX, Base
from seedlint.gate.linediff import changed_lines, split_lines
from seedlint.gate.protected import compare, marker_index
from seedlint.pipeline.discover import Target


class GateFixes:
    """Base texts and gate findings for one fix run."""

    def __init__(self, ctx: Context, targets: Sequence[Target], engine: Engine) -> None:
        assert ctx.diff_base is not None
        self.engine = engine
        self.only_changed = ctx.only_changed
        self.base = Base.open(ctx.diff_base, targets, ctx, index=False)  # fixes edit the disk
        self.status: dict[str, str] = {}
        self.texts: dict[str, str | None] = {}
        self.labels: dict[str, tuple[str, str]] = {}
        self._changed: dict[str, tuple[str, set[int]]] = {}
        modified = {}
        files = []
        for target in targets:
            file = self.base.lookup(target.path)
            self.status[target.display] = file.status
            if file.status == "modified":
                modified[(file.root, file.path)] = target.display
                files.append(file)
            elif file.status == "unchanged":
                ref = self.base.label(file)
                self.labels[target.display] = (ref, f"{file.path} ({ref})")
        limit = engine.settings.limits.max_file_size
        for file, data in self.base.read(files, limit):
            display = modified[(file.root, file.path)]
            self.texts[display] = _decode(data)
            ref = self.base.label(file)
            shown = ref if file.base_path == file.path else f"{ref} (as {file.base_path})"
            self.labels[display] = (shown, f"{file.base_path} ({ref})")

    def restorable(self) -> list[str]:
        """The files whose protected region may need a restore (changed since the base)."""
        return [d for d, text in self.texts.items() if text is not None and MARKER in text]

    def remember(self, original: str, text: str) -> None:
        """The text of a file as read: for a file unchanged since the base, the base's."""
        if self.status.get(original) == "unchanged":
            self.texts[original] = text

    def _protected_base(self, original: str) -> str | None:
        text = self.texts.get(original)
        return text if text is not None and MARKER in text else None

    def findings(
        self, original: str, display: str, kind: str | None, text: str
    ) -> list[tuple[Finding, Fix | None]]:
        """The gate's findings on ``text`` (the file first displayed as ``original``), each
        with the restore fix when there is one."""
        base = self._protected_base(original)
        if base is None:
            return []
        ref, fromfile = self.labels[original]
        return region_findings(self.engine, base, text, ref, fromfile, display, kind)

    def allows(self, original: str, text: str, fix: Fix) -> bool:
        """Whether a (non-gate) fix leaves the protected region of a protected page alone."""
        if self._protected_base(original) is None:
            return True
        lines = split_lines(text)
        index = marker_index(lines)
        if index is None:
            return False  # the marker comes back first (G002); the rest waits for it
        source = SourceText(text)
        end_of_region = source.offset(index + 1)
        return all(edit.start >= end_of_region for edit in fix.edits)

    def keeps(self, original: str, finding: Finding, text: str) -> bool:
        """``--only-changed``: whether the finding is on a line changed since the base."""
        if not self.only_changed:
            return True
        if finding.code.startswith(GATE_PREFIX) or finding.code == INTERNAL_ERROR:
            return True
        status = self.status.get(original)
        if status is None or status == "new":
            return True
        if status == "unchanged":
            return False
        base = self.texts.get(original)
        if base is None:
            return True
        known = self._changed.get(original)
        if known is None or known[0] != text:
            known = self._changed[original] = (
                text,
                changed_lines(split_lines(base), split_lines(text)),
            )
        lines = known[1]
        last = max(finding.end_line, finding.line)
        return any(n in lines for n in range(finding.line, last + 1))


def _decode(data: bytes | None) -> str | None:
    if data is None:
        return None
    try:
        return decode(data).text
    except ReadProblem:
        return None


def region_findings(
    engine: Engine,
    base: str,
    text: str,
    ref: str,
    fromfile: str,
    display: str,
    kind: str | None,
) -> list[tuple[Finding, Fix | None]]:
    """The gate's findings on the page ``text`` whose version at ``ref`` is ``base`` (labelled
    ``fromfile`` in the diff), each with the restore fix when there is one (``--fix
    --diff-base``; the language server offers the same as a code action)."""
    work = SourceText(text)
    changes = compare(
        split_lines(base),
        split_lines(text),
        ref=ref,
        fromfile=fromfile,
        tofile=f"{display} (work tree)",
    )
    if not changes:
        return []
    restored = restore(base, text)
    fix = None
    if restored is not None and restored != text:
        fix = Fix.of(
            [minimal_edit(text, restored)],
            "safe",
            f"restore the region above the marker from {ref}, the new text kept below the marker",
        )
    out: list[tuple[Finding, Fix | None]] = []
    for change in changes:
        width = len(work.line_text(change.line))
        span = Span(change.line, 1, change.line, max(width, 1) + 1)
        violation = Violation(span, change.message, detail=change.detail)
        out.append((engine.make(change.code, display, kind, violation, work), fix))
    return out
