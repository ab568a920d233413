"""Content-keyed identities of findings, shared by the baseline and the fingerprints of the
``sarif`` and ``gitlab`` formats.

A finding is identified by its rule code, its path and the content of the line it points at
(:attr:`seedlint.finding.Finding.context`, whitespace-trimmed), never by its line number: adding
lines above a finding keeps its identity. Findings with the same key in one file are told apart
by their order (the occurrence index), so every finding of a run has a unique fingerprint.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Mapping, Sequence
from pathlib import Path

from seedlint.finding import Finding

Key = tuple[str, str, str]

# A file is read to recover a line's content only up to this many bytes.
_READ_LIMIT = 4 * 1024 * 1024
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


class LineContents:
    """The content a finding points at: its ``context``, or, for findings made without the
    source at hand (corpus-wide rules), the line read back from the file (each file read once;
    lines split as :mod:`seedlint.source` splits them, at LF, CRLF and CR)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._texts: dict[str, str] = {}

    def __call__(self, finding: Finding) -> str:
        if finding.context is not None:
            return finding.context
        if finding.kind is None:  # the file could not be read or classified: no line content
            return finding.json_path or ""
        if finding.line < 1:
            return finding.json_path or ""
        parts = _LINE_BREAK.split(self._text(finding.path), maxsplit=finding.line)
        if finding.line > len(parts):
            return finding.json_path or ""
        return parts[finding.line - 1].strip()

    def _text(self, path: str) -> str:
        text = self._texts.get(path)
        if text is None:
            try:
                with open(os.path.join(self.root, path), "rb") as handle:
                    data = handle.read(_READ_LIMIT)
                text = data.decode("utf-8-sig", errors="replace")
            except OSError:
                text = ""
            self._texts[path] = text
        return text


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
