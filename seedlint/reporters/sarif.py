"""``sarif``: SARIF 2.1.0, as GitHub code scanning and other SARIF viewers read it.

* ``tool.driver``: name, version, informationUri and every rule (id, name, short and full
  description, help as text and Markdown, default level and whether it is on by default), so a
  viewer can explain a finding without seedlint installed.
* each result: ``ruleId`` and ``ruleIndex``, a ``level`` (error, warning, note), the message,
  one physical location whose URI is relative to the repository root (``uriBaseId``
  ``%SRCROOT%``, defined in ``originalUriBaseIds``; a file outside the repository keeps an
  absolute ``file:`` URI), a region with start and end line and column (columns count Unicode
  code points, ``columnKind``; the end column is exclusive, as SARIF wants), and
  ``partialFingerprints`` computed from the rule, the path and the content of the line the
  finding points at plus an occurrence index, so an alert keeps its identity when lines are
  added above it; GitHub reads only ``primaryLocationLineHash`` (the hash of the rule, path and
  line content, then ``:`` and the occurrence), so both are given.
* ``invocations[0]``: the working directory (``workingDirectory``) and whether the run
  succeeded; a file outside the repository keeps an absolute ``file:`` URI only when no base
  holds it.
* GitHub code scanning rejects a run with more than :data:`MAX_RESULTS` results: past it, the
  errors are kept first, then warnings, then notes (each in path order), and the log says how
  many were left out in ``invocations[0].toolExecutionNotifications``, as standard error does
  (:func:`capped`).
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path
from typing import Any

from seedlint import __version__
from seedlint.core.doctext import markdown, plain, section
from seedlint.core.finding import Finding, Severity
from seedlint.core.fingerprint import LineContents, digest, keyed
from seedlint.reporters import Report, RuleInfo, dumps
from seedlint.reporters._paths import absolute, relative_to_root, repository_root

SCHEMA_URI = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
INFORMATION_URI = "https://github.com/seedlint/seedlint"
RULES_DOC_URI = INFORMATION_URI + "/blob/main/docs/rules.md"
SRCROOT = "%SRCROOT%"
FINGERPRINT_KEY = "seedlint/v1"
LINE_HASH_KEY = "primaryLocationLineHash"
# GitHub code scanning: "Results per run: 25,000" (more are rejected, not truncated)
MAX_RESULTS = 25_000
_RANK = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}

LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def _descriptor(info: RuleInfo) -> dict[str, Any]:
    what = section(info.doc, "What it checks")
    full = info.summary if what is None else f"{info.summary} {what[:1].upper()}{what[1:]}"
    return {
        "id": info.code,
        "name": info.name,
        "shortDescription": {"text": info.summary},
        "fullDescription": {"text": plain(full).strip()},
        "help": {"text": plain(info.doc), "markdown": markdown(info.doc)},
        "helpUri": f"{RULES_DOC_URI}#{info.code.lower()}",
        "defaultConfiguration": {
            "enabled": info.enabled,
            "level": LEVELS.get(info.severity, "warning"),
        },
        "properties": {"tags": [info.kind], "fixable": info.fix or "no"},
    }


def _unknown_rule(code: str) -> RuleInfo:
    return RuleInfo(code, code.lower(), f"{code} (no documentation)", "", Severity.ERROR)


def _region(f: Finding) -> dict[str, int]:
    line = max(1, f.line)
    column = max(1, f.column)
    end_line = max(line, f.end_line)
    end_column = max(1, f.end_column)
    if end_line == line:
        end_column = max(column, end_column)
    return {"startLine": line, "startColumn": column, "endLine": end_line, "endColumn": end_column}


def capped(findings: list[Finding], limit: int = MAX_RESULTS) -> tuple[list[Finding], int]:
    """At most ``limit`` findings (errors first, then warnings, then notes; each in the order
    given) and how many were left out."""
    if len(findings) <= limit:
        return findings, 0
    order = sorted(range(len(findings)), key=lambda i: (_RANK.get(findings[i].severity, 1), i))
    kept = sorted(order[:limit])
    return [findings[i] for i in kept], len(findings) - limit


def _line_hash(key: tuple[str, str, str], index: int) -> str:
    """GitHub's form of a line hash: 16 hexadecimal digits, ``:``, the 1-based occurrence."""
    text = "\x1f".join(key)
    return f"{hashlib.sha256(text.encode('utf-8', 'surrogatepass')).hexdigest()[:16]}:{index + 1}"


def _left_out_message(left_out: int, total: int) -> str:
    return (
        f"{left_out} of {total} results were left out of this SARIF log: GitHub code scanning "
        f"rejects a run with more than {MAX_RESULTS} results. Errors are kept first, then "
        "warnings, then notes; run 'seedlint check' (or --statistics) to see every finding."
    )


def build(report: Report) -> dict[str, Any]:
    """The SARIF log as a JSON-compatible dictionary."""
    infos = dict(report.rules)
    for f in report.findings:
        if f.code not in infos:
            infos[f.code] = _unknown_rule(f.code)
    codes = sorted(infos)
    index = {code: i for i, code in enumerate(codes)}
    root = repository_root(report.root)
    relative = relative_to_root((f.path for f in report.findings), report.root, root)
    keys = {
        display: rel or absolute(display, report.root).as_posix()
        for display, rel in relative.items()
    }
    # identities over every finding, so that a capped log keeps the ones a full log has
    identities = keyed(report.findings, LineContents(report.root), keys)
    position = {id(f): i for i, f in enumerate(report.findings)}
    findings, left_out = capped(list(report.findings))
    results = []
    for finding in findings:
        key, occurrence = identities[position[id(finding)]]
        rel = relative[finding.path]
        artifact: dict[str, str] = (
            {"uri": _uri(rel), "uriBaseId": SRCROOT}
            if rel is not None
            else {"uri": absolute(finding.path, report.root).as_uri()}
        )
        result: dict[str, Any] = {
            "ruleId": finding.code,
            "ruleIndex": index[finding.code],
            "level": LEVELS.get(finding.severity, "warning"),
            "message": {"text": finding.message},
            "locations": [
                {"physicalLocation": {"artifactLocation": artifact, "region": _region(finding)}}
            ],
            "partialFingerprints": {
                LINE_HASH_KEY: _line_hash(key, occurrence),
                FINGERPRINT_KEY: digest(key, occurrence),
            },
        }
        properties = {
            k: v for k, v in (("jsonPath", finding.json_path), ("detail", finding.detail)) if v
        }
        if properties:
            result["properties"] = properties
        results.append(result)
    invocation: dict[str, Any] = {
        "executionSuccessful": not any(f.code == "X001" for f in report.findings),
        "workingDirectory": {"uri": _directory_uri(Path(report.root))},
    }
    if left_out:
        message = _left_out_message(left_out, len(report.findings))
        invocation["toolExecutionNotifications"] = [
            {"level": "warning", "message": {"text": message}, "descriptor": {"id": "SARIF-CAP"}}
        ]
        print(f"seedlint: warning: {message}", file=sys.stderr)
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "seedlint",
                "version": __version__,
                "semanticVersion": __version__,
                "informationUri": INFORMATION_URI,
                "rules": [_descriptor(infos[code]) for code in codes],
            }
        },
        "invocations": [invocation],
        "originalUriBaseIds": {SRCROOT: {"uri": _directory_uri(root)}},
        "columnKind": "unicodeCodePoints",
        "results": results,
    }
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def _directory_uri(directory: Path) -> str:
    return Path(absolute(".", directory)).as_uri().rstrip("/") + "/"


def _uri(relative: str) -> str:
    from urllib.parse import quote

    return quote(relative, safe="/", errors="surrogateescape")  # a non-UTF-8 name's bytes


def render(report: Report) -> str:
    return dumps(build(report)) + "\n"
