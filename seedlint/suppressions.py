"""Inline suppressions: ``# seedlint: ignore[CODE]`` in front matter, ``<!-- seedlint: ignore
CODE -->`` in markdown (on the line, or alone on the line above)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from seedlint.finding import Finding
from seedlint.source import SourceText

if TYPE_CHECKING:
    from seedlint.pipeline import Engine, FileOutcome

_YAML = re.compile(r"#\s*seedlint:\s*ignore\[([A-Z0-9, ]+)\]")
_HTML = re.compile(r"<!--\s*seedlint:\s*ignore\s+([A-Z0-9, ]+?)\s*-->")


def directives(source: SourceText, kind: str) -> dict[int, list[str]]:
    """Line -> suppressed codes."""
    text = source.text
    if "seedlint:" not in text:
        return {}
    out: dict[int, list[str]] = {}
    pattern = _YAML if kind == "news" else _HTML
    for match in pattern.finditer(text):
        line = source.position(match.start())[0]
        codes = [c for c in re.split(r"[,\s]+", match.group(1)) if c]
        out.setdefault(line, []).extend(codes)
        if kind != "news" and source.line_text(line).strip() == match.group(0):
            out.setdefault(line + 1, []).extend(codes)
    return out


def apply_suppressions(
    findings: list[Finding], outcomes: Sequence[FileOutcome], engine: Engine
) -> list[Finding]:
    table = {o.display: o.suppressions for o in outcomes if o.suppressions}
    if not table:
        return findings
    kept = []
    for finding in findings:
        codes = table.get(finding.path, {}).get(finding.line, ())
        if any(finding.code.startswith(code) for code in codes):
            continue
        kept.append(finding)
    return kept
