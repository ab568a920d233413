"""The yaml-test-suite (../shared/reference/yaml-test-suite, read in place) through seedlint:
every single-document test wrapped as a news item's front matter (``---\\n<yaml>---\\n``) and
checked with the reading, kind and YAML rules. Never an internal error (X001). Where the suite
says the YAML is valid, no finding, and the data of its ``in.json``; where it is an error test,
a finding. Every divergence is classified below with its reason; a new one fails the test."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

from seedlint.frontmatter import parse
from seedlint.source import SourceText
from tests.conftest import SHARED, need
from tests.helpers import check_json

SUITE = SHARED / "reference" / "yaml-test-suite"

# libyaml (YAML 1.1) refuses valid YAML 1.2, or accepts an error test: its limits
LIBYAML_REFUSES = "libyaml (YAML 1.1) refuses this valid YAML 1.2"

# the suite's 402 cases as measured: a change in any class is a change to look at
EXPECTED = {
    "pass": 162,
    "divergence: a '---' or '...' line inside: front matter ends there (its syntax)": 84,
    "divergence: not a mapping: a news item's front matter is keys (Y005, by design)": 80,
    f"divergence: {LIBYAML_REFUSES}": 34,
    "divergence: a list or mapping as a key: reported (Y001, by design)": 11,
    "divergence: an explicit tag: never constructed, reported (Y004, by design)": 5,
    "divergence: libyaml accepts it": 4,
    "divergence: YAML 1.1 scalars (yes/no, 0o, timestamps as text)": 2,
}


def _cases() -> dict[str, Path]:
    out: dict[str, Path] = {}
    for folder in sorted(p for p in SUITE.iterdir() if p.is_dir()):
        for case in [c for c in sorted(folder.iterdir()) if c.is_dir()] or [folder]:
            events = (case / "test.event").read_text("utf-8").splitlines()
            if (case / "in.yaml").exists() and sum(e.startswith("+DOC") for e in events) <= 1:
                out[str(case.relative_to(SUITE)).replace("/", "-")] = case
    return out


def _reason(yaml_text: str, codes: set[str], messages: list[str], error: bool) -> str | None:
    """Why seedlint differs from the suite on this test, or None when it is not understood."""
    lines = yaml_text.splitlines()
    if any(line.startswith(("---", "...")) for line in lines):
        return "a '---' or '...' line inside: front matter ends there (its syntax)"
    if any(line.startswith("%") for line in lines):
        return "a directive (%YAML, %TAG) needs a document start: no place in front matter"
    if error:
        return "libyaml accepts it" if codes == set() else None
    if codes == {"Y005"}:
        return "not a mapping: a news item's front matter is keys (Y005, by design)"
    if "Y004" in codes:
        return "an explicit tag: never constructed, reported (Y004, by design)"
    if any("keys must be plain values" in m for m in messages):
        return "a list or mapping as a key: reported (Y001, by design)"
    if codes == {"Y001"} or codes == {"Y001", "Y005"}:
        return LIBYAML_REFUSES
    return None


def _same_data(ours: Any, theirs: Any) -> bool:
    if isinstance(theirs, dict):
        return (
            isinstance(ours, dict)
            and ours.keys() == {str(k) for k in theirs}
            and all(_same_data(ours[str(k)], v) for k, v in theirs.items())
        )
    if isinstance(theirs, list):
        return (
            isinstance(ours, list)
            and len(ours) == len(theirs)
            and all(_same_data(a, b) for a, b in zip(ours, theirs, strict=True))
        )
    if isinstance(theirs, bool) or theirs is None:
        return ours is theirs
    return ours == theirs or str(ours) == str(theirs)


def test_the_yaml_test_suite(capsys: Any, tmp_path: Path) -> None:
    need(SUITE)
    cases = _cases()
    for name, case in cases.items():
        text = (case / "in.yaml").read_bytes().decode("utf-8")
        end = "" if text.endswith("\n") or not text else "\n"
        (tmp_path / f"{name}.md").write_text(f"---\n{text}{end}---\n", "utf-8", newline="")
    result = check_json(capsys, "--select", "R,K,Y,X", tmp_path)
    assert result.code in (0, 1), result.err
    found: dict[str, list[dict[str, Any]]] = {}
    for finding in result.findings:
        found.setdefault(Path(finding["path"]).stem, []).append(finding)
    counts: Counter[str] = Counter()
    unexplained: list[str] = []
    for name, case in cases.items():
        findings = found.get(name, [])
        codes = {f["code"] for f in findings}
        assert "X001" not in codes, (name, findings)
        error = (case / "error").exists()
        text = (case / "in.yaml").read_text("utf-8")
        if error == bool(findings):
            if not error and (case / "in.json").exists():
                front = parse(SourceText(f"---\n{text}---\n"))
                expected = json.loads((case / "in.json").read_text("utf-8"))
                if front is not None and not _same_data(front.data, expected):
                    counts["divergence: YAML 1.1 scalars (yes/no, 0o, timestamps as text)"] += 1
                    continue
            counts["pass"] += 1
            continue
        reason = _reason(text, codes, [f["message"] for f in findings], error)
        if reason is None:
            unexplained.append(f"{name}: error test={error}, findings={findings}")
        counts[f"divergence: {reason}"] += 1
    print(dict(counts))
    assert not unexplained, "\n".join(unexplained)
    assert dict(counts) == EXPECTED
