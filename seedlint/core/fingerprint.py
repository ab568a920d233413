"""Content-keyed identities of findings, shared by the baseline and the fingerprints of the
``sarif`` and ``gitlab`` formats.

A finding is identified by its rule code, its path and the content of the line it points at
(:attr:`seedlint.core.finding.Finding.context`, whitespace-trimmed), never by its line number:
adding lines above a finding keeps its identity. Findings with the same key in one file are told
apart by their order (the occurrence index), so every finding of a run has a unique fingerprint.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Mapping, Sequence
from pathlib import Path

from seedlint.core.finding import Finding
from seedlint.core.source import CONTEXT_LIMIT

Key = tuple[str, str, str]

# A file is read to recover a line's content only up to this many bytes.
_READ_LIMIT = 4 * 1024 * 1024
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


class LineContents:
    """The content a finding points at: its ``context``, or, for findings made without the
    source at hand (corpus-wide rules), the line read back from the file (each file read once;
    lines split as :mod:`seedlint.core.source` splits them, at LF, CRLF and CR)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._lines: dict[str, list[str]] = {}

    def __call__(self, finding: Finding) -> str:
        if finding.context is not None:
            return finding.context
        if finding.kind is None:  # the file could not be read or classified: no line content
            return finding.json_path or ""
        if finding.line < 1:
            return finding.json_path or ""
        lines = self._lines_of(finding.path)
        if finding.line > len(lines):
            return finding.json_path or ""
        # cut as seedlint.core.source cuts a finding's context, so both kinds of finding agree
        return lines[finding.line - 1].strip()[:CONTEXT_LIMIT]

    def _lines_of(self, path: str) -> list[str]:
        """The lines of a file, split once (thousands of findings may point into one file)."""
        lines = self._lines.get(path)
        if lines is None:
            try:
                with open(os.path.join(self.root, path), "rb") as handle:
                    data = handle.read(_READ_LIMIT)
                text = data.decode("utf-8-sig", errors="replace")
            except OSError:
                text = ""
            lines = _LINE_BREAK.split(text)
            self._lines[path] = lines
        return lines


def keyed(
    findings: Sequence[Finding], content: LineContents, path_of: Mapping[str, str] | None = None
) -> list[tuple[Key, int]]:
    """``(key, occurrence index)`` of each finding, aligned with ``findings``.

    Occurrences are counted in position order whatever the order given. ``path_of`` maps a
    finding's display path to the path used in the key (relative to a repository root or to
    the baseline file, say); the display path is used as is otherwise.
    """
    order = sorted(range(len(findings)), key=lambda i: findings[i].sort_key())
    seen: dict[Key, int] = {}
    out: list[tuple[Key, int]] = [(("", "", ""), 0)] * len(findings)
    for i in order:
        finding = findings[i]
        path = path_of.get(finding.path, finding.path) if path_of else finding.path
        key = (finding.code, path, content(finding))
        index = seen.get(key, 0)
        seen[key] = index + 1
        out[i] = (key, index)
    return out


def digest(key: Key, index: int) -> str:
    """A stable hexadecimal fingerprint of a key and its occurrence index."""
    text = "\x1f".join((*key, str(index)))
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def fingerprints(
    findings: Sequence[Finding], root: Path, path_of: Mapping[str, str] | None = None
) -> list[str]:
    """The fingerprint of each finding, aligned with ``findings``."""
    return [digest(key, index) for key, index in keyed(findings, LineContents(root), path_of)]
