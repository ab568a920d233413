"""``junit``: JUnit XML, as CI systems (GitLab, Jenkins, Azure Pipelines, GitHub test-report
actions) render test results.

One ``testsuite`` per file with findings (named by the path), one ``testcase`` per finding
(named ``CODE line:column``, class name the path) holding a ``failure`` with the message, the
severity and the detail. A clean run is one suite with one passing test case, so CI shows that
seedlint ran.
"""

from __future__ import annotations

import re
from itertools import groupby
from xml.etree import ElementTree as ET

from seedlint.core.finding import Finding
from seedlint.reporters import Report

# XML 1.0 forbids most control characters even as references; they become U+FFFD.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def _clean(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def _case(suite: ET.Element, f: Finding) -> None:
    case = ET.SubElement(
        suite,
        "testcase",
        name=_clean(f"{f.code} {f.line}:{f.column}"),
        classname=_clean(f.path),
        file=_clean(f.path),
        line=str(f.line),
    )
    failure = ET.SubElement(case, "failure", message=_clean(f.message), type=f.code)
    body = f"{f.path}:{f.line}:{f.column}: {f.code} [{f.severity}] {f.message}"
    if f.json_path:
        body += f"\nat {f.json_path}"
    if f.detail:
        body += "\n" + f.detail.rstrip("\n")
    failure.text = _clean(body)


def render(report: Report) -> str:
    findings = sorted(report.findings, key=Finding.sort_key)
    root = ET.Element(
        "testsuites",
        name="seedlint",
        tests=str(max(1, len(findings))),
        failures=str(len(findings)),
        errors="0",
    )
    if not findings:
        suite = ET.SubElement(
            root, "testsuite", name="seedlint", tests="1", failures="0", errors="0", skipped="0"
        )
        ET.SubElement(suite, "testcase", name="no findings", classname="seedlint")
    for path, group in groupby(findings, key=lambda f: f.path):
        cases = list(group)
        suite = ET.SubElement(
            root,
            "testsuite",
            name=_clean(path),
            tests=str(len(cases)),
            failures=str(len(cases)),
            errors="0",
            skipped="0",
        )
        for f in cases:
            _case(suite, f)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, "unicode") + "\n"
