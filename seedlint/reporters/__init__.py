"""Reporters turn findings into one output format each; they never know rules, only the
metadata a format needs (:class:`RuleInfo`). Adding a format means adding a module and a line
to :data:`FORMATS`.

=============  ==============================================================================
``concise``    ``path:line:col: CODE message`` (the default)
``full``       adds the source line with a caret under the column, the detail and the fix hint
``json``       an array of finding objects (see :mod:`seedlint.core.finding`)
``json-lines`` one finding object a line, for streaming
``sarif``      SARIF 2.1.0 for GitHub code scanning and other SARIF viewers
``github``     GitHub Actions workflow commands (annotations on a pull request)
``gitlab``     GitLab Code Quality report (merge-request widget)
``junit``      JUnit XML (CI test reports), one test case per finding, grouped by file
=============  ==============================================================================
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from seedlint.core.finding import Finding, Severity


@dataclass(frozen=True)
class RuleInfo:
    """What a reporter may know about a rule."""

    code: str
    name: str
    summary: str
    doc: str
    severity: Severity
    fix_hint: str | None = None
    kind: str = "any"
    enabled: bool = True
    fix: str | None = None


@dataclass(frozen=True)
class Report:
    """Everything a format renders. ``root`` is the directory display paths are relative to
    (the current directory); ``color`` asks the terminal formats for ANSI colours."""

    findings: Sequence[Finding]
    rules: Mapping[str, RuleInfo]
    files_checked: int
    files_skipped: int
    root: Path
    sources: Mapping[str, Sequence[str]] | None = None
    color: bool = False


class Render(Protocol):
    def __call__(self, report: Report) -> str: ...


FORMATS: dict[str, str] = {
    "concise": "seedlint.reporters.text:concise",
    "full": "seedlint.reporters.text:full",
    "json": "seedlint.reporters.json_format:render",
    "json-lines": "seedlint.reporters.json_format:render_lines",
    "sarif": "seedlint.reporters.sarif:render",
    "github": "seedlint.reporters.github:render",
    "gitlab": "seedlint.reporters.gitlab:render",
    "junit": "seedlint.reporters.junit:render",
}

# the names --format accepts, from the registry (one list)
FORMAT_NAMES = tuple(FORMATS)
# Formats read by people; every other format is machine-readable and must never carry
# anything but the findings (no summary, no progress, no colour).
HUMAN_FORMATS = frozenset({"concise", "full"})


def dumps(data: object, indent: int | None = 2) -> str:
    """JSON as the machine formats write it: UTF-8 text as is, and a file name that is not
    UTF-8 (its undecodable bytes held as lone surrogates) as ``\\udcXX`` escapes, so that the
    output stays valid UTF-8 and the name round-trips."""
    import json

    text = json.dumps(data, indent=indent, ensure_ascii=False)
    if has_surrogates(text):
        text = text.encode("utf-8", "backslashreplace").decode("utf-8")
    return text


def has_surrogates(text: str) -> bool:
    """Whether ``text`` holds a lone surrogate (an undecodable byte of a file name)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def renderer(name: str) -> Render:
    module, _, func = FORMATS[name].partition(":")
    render: Render = getattr(importlib.import_module(module), func)
    return render
