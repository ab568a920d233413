"""Reporters turn findings into one output format each; they never know rules, only the
metadata a format needs (:class:`RuleInfo`). Adding a format means adding a module and a line
to :data:`FORMATS`."""

from __future__ import annotations

import importlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from seedlint.finding import Finding, Severity


@dataclass(frozen=True)
class RuleInfo:
    """What a reporter may know about a rule."""

    code: str
    name: str
    summary: str
    doc: str
    severity: Severity
    fix_hint: str | None = None


@dataclass(frozen=True)
class Report:
    findings: Sequence[Finding]
    rules: Mapping[str, RuleInfo]
    files_checked: int
    files_skipped: int
    root: Path
    sources: Mapping[str, Sequence[str]] | None = None


class Render(Protocol):
    def __call__(self, report: Report) -> str: ...


FORMATS: dict[str, str] = {
    "concise": "seedlint.reporters.text:concise",
    "full": "seedlint.reporters.text:full",
    "json": "seedlint.reporters.json_format:render",
    "json-lines": "seedlint.reporters.json_format:render_lines",
}


def renderer(name: str) -> Render:
    module, _, func = FORMATS[name].partition(":")
    render: Render = getattr(importlib.import_module(module), func)
    return render
