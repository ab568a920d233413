"""``gitlab``: a GitLab Code Quality report (the Code Climate issue subset GitLab reads), for
the merge-request widget and the pipeline's Code Quality tab.

Each finding is an object with ``description`` (``CODE message``), ``check_name`` (the rule
code), ``fingerprint`` (unique per finding and stable when lines are added above it: the rule,
the path, the content of the line and an occurrence index, hashed), ``severity`` (``major`` for
errors, ``minor`` for warnings, ``info``) and ``location`` (``path`` relative to the repository
root, ``lines.begin``/``lines.end``).
"""

from __future__ import annotations

from typing import Any

from seedlint.core.finding import Severity
from seedlint.core.fingerprint import fingerprints
from seedlint.reporters import Report, dumps
from seedlint.reporters._paths import relative_to_root, repository_root

SEVERITIES = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}


def build(report: Report) -> list[dict[str, Any]]:
    root = repository_root(report.root)
    relative = relative_to_root((f.path for f in report.findings), report.root, root)
    paths = {display: rel or display for display, rel in relative.items()}
    prints = fingerprints(report.findings, report.root, paths)
    return [
        {
            "type": "issue",
            "description": f"{f.code} {f.message}",
            "check_name": f.code,
            "fingerprint": fingerprint,
            "severity": SEVERITIES.get(f.severity, "minor"),
            "location": {
                "path": paths[f.path],
                "lines": {"begin": f.line, "end": max(f.line, f.end_line)},
            },
        }
        for f, fingerprint in zip(report.findings, prints, strict=True)
    ]


def render(report: Report) -> str:
    return dumps(build(report)) + "\n"
