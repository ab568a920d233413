"""The yaml-test-suite (../shared/reference/yaml-test-suite, read in place) through seedlint:
every single-document test wrapped as a news item's front matter (``---\\n<yaml>---\\n``) and
checked with the reading, kind and YAML rules. Never an internal error (X001). Where the suite
says the YAML is valid, no finding, and the data of its ``in.json``; where it is an error test,
a finding. Every divergence is classified below with its reason (libyaml's limits by test ID);
a new one fails the test.

A document's own start line (a lone ``---`` above its content) and end line (a last ``...``)
are left out: the wrapper's lines are those, and the document is the same. A document that
still holds a marker line or a directive cannot be a front matter: it must get a finding
(Y001 naming the marker or directive, Y004, Y005), never X001, never silence."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

from seedlint.core.source import SourceText
from seedlint.news.frontmatter import parse
from tests.conftest import SHARED, need
from tests.helpers import check_json

SUITE = SHARED / "reference" / "yaml-test-suite"

# libyaml (YAML 1.1) refuses valid YAML 1.2, or accepts an error test: its limits
LIBYAML_REFUSES = "libyaml (YAML 1.1) refuses this valid YAML 1.2"
LIBYAML_ACCEPTS = "libyaml accepts it"
MARKER = "a '---' or '...' line or a directive inside the document: reported (by design)"
_EMPTY_KEY = "an empty key: an entry that starts with ':'"
_FLOW_KEY = "a flow mapping's ':' on the line after its key, or with no space after it"
_FLOW_COLON = "a plain scalar in a flow collection starting with ':', or an empty key in one"
_TAB = "a tab as separation or inside indentation, where YAML 1.2 allows it"
_TAB_BLOCK = "a tab at the start of a block scalar's content line"
_ANCHOR = "an anchor defined twice (YAML 1.2: the second replaces the first)"
_ANCHOR_NAME = "an anchor or alias name with ':' or other characters YAML 1.2 allows"

# every valid test that libyaml (YAML 1.1) refuses (Y001), by test ID, with what it has
LIBYAML_REFUSES_CASES: dict[str, str] = {
    "2JQS": _EMPTY_KEY,
    "6M2F": _EMPTY_KEY + " (after an explicit key)",
    "M2N8-00": _EMPTY_KEY + " (in an explicit key)",
    "NHX8": _EMPTY_KEY,
    "S3PD": _EMPTY_KEY,
    "SM9W-01": _EMPTY_KEY + " (the whole stream is ':')",
    "UKK6-00": _EMPTY_KEY + " (in a list item)",
    "4MUZ-00": _FLOW_KEY,
    "4MUZ-01": _FLOW_KEY,
    "4MUZ-02": _FLOW_KEY,
    "5MUD": _FLOW_KEY,
    "9SA2": "a double-quoted flow mapping key over two lines",
    "K3WX": _FLOW_KEY + " (a comment between)",
    "NJ66": "a plain flow mapping key over two lines",
    "VJP3-01": _FLOW_KEY,
    "4ABK": _FLOW_COLON + " (a value with no key, 'omitted value:,')",
    "58MP": _FLOW_COLON + " ('{x: :x}')",
    "5T43": _FLOW_COLON + " ('\"key\"::value')",
    "CFD4": _FLOW_COLON,
    "DBG4": _FLOW_COLON + " ('::vector' inside a flow sequence)",
    "FRK4": _FLOW_COLON + " (completely empty flow nodes)",
    "HM87-00": _FLOW_COLON + " ('[:x]')",
    "6BCT": _TAB,
    "6CA3": _TAB + " (a tab-indented top flow collection)",
    "A2M4": _TAB,
    "DK95-00": _TAB,
    "DK95-03": _TAB + " (a line holding only a tab)",
    "DK95-04": _TAB + " (a line holding only a tab)",
    "Q5MG": _TAB + " (before a top flow mapping)",
    "Y79Y-010": _TAB,
    "96NN-00": _TAB_BLOCK,
    "96NN-01": _TAB_BLOCK,
    "R4YG": _TAB_BLOCK,
    "Y79Y-001": _TAB_BLOCK,
    "3GZX": _ANCHOR,
    "PW8X": _ANCHOR + " (anchors on empty scalars)",
    "2SXE": _ANCHOR_NAME,
    "8XYN": _ANCHOR_NAME + " (non-ASCII)",
    "W5VH": _ANCHOR_NAME,
}
# every error test that libyaml reads without an error (no finding), by test ID, with its error
LIBYAML_ACCEPTS_CASES: dict[str, str] = {
    "9C9N": "a flow sequence's lines not indented under its key",
    "QB6E": "a double-quoted scalar's lines not indented under its key",
    "DK95-01": "a tab indenting the continuation line of a double-quoted scalar",
    "S98Z": "a block scalar whose leading empty line has more spaces than its first content line",
    "SU5Z": "a comment with no space after a double-quoted scalar",
    "X4QW": "a comment with no space after a block scalar indicator",
}

# the suite's 402 cases as measured: a change in any class is a change to look at
EXPECTED = {
    "pass": 178,
    "divergence: not a mapping: a news item's front matter is keys (Y005, by design)": 98,
    f"divergence: {LIBYAML_REFUSES}": len(LIBYAML_REFUSES_CASES),  # 39
    f"divergence: {MARKER}": 38,
    "divergence: a list or mapping as a key: reported (Y001, by design)": 14,
    f"divergence: {LIBYAML_ACCEPTS}": len(LIBYAML_ACCEPTS_CASES),  # 6
    "divergence: an explicit tag: never constructed, reported (Y004, by design)": 5,
    "divergence: YAML 1.1 scalars (yes/no, 0o, timestamps as text)": 3,
    "divergence: a directive (%YAML, %TAG) needs a document start: no place in front matter": 1,
}


_START = re.compile(r"---[ \t]*")
_END = re.compile(r"\.\.\.[ \t]*")


def _as_front_matter(text: str) -> str:
    """The document as a front matter holds it: without its own start line (a lone ``---``
    after blank and comment lines only: the wrapper's opening line is the start) and end line
    (a last ``...``). The same document: a marker that is a line of its own carries nothing."""
    lines = text.split("\n")
    first = next((i for i, line in enumerate(lines) if line.strip() and line[0] != "#"), None)
    if first is not None and _START.fullmatch(lines[first]):
        del lines[first]
    last = next((i for i in range(len(lines) - 1, -1, -1) if lines[i].strip()), None)
    if last is not None and _END.fullmatch(lines[last]):
        del lines[last]
    return "\n".join(lines)


def _has_marker(text: str) -> bool:
    return any(line.startswith(("---", "...")) for line in text.splitlines())


def _cases() -> dict[str, Path]:
    out: dict[str, Path] = {}
    for folder in sorted(p for p in SUITE.iterdir() if p.is_dir()):
        for case in [c for c in sorted(folder.iterdir()) if c.is_dir()] or [folder]:
            events = (case / "test.event").read_text("utf-8").splitlines()
            if (case / "in.yaml").exists() and sum(e.startswith("+DOC") for e in events) <= 1:
                out[str(case.relative_to(SUITE)).replace("/", "-")] = case
    return out


def _reason(
    name: str, yaml_text: str, codes: set[str], messages: list[str], error: bool
) -> str | None:
    """Why seedlint differs from the suite on this test, or None when it is not understood."""
    lines = yaml_text.splitlines()
    if any(line.startswith("%") for line in lines):
        return "a directive (%YAML, %TAG) needs a document start: no place in front matter"
    if error:
        return LIBYAML_ACCEPTS if codes == set() and name in LIBYAML_ACCEPTS_CASES else None
    if codes == {"Y005"}:
        return "not a mapping: a news item's front matter is keys (Y005, by design)"
    if "Y004" in codes:
        return "an explicit tag: never constructed, reported (Y004, by design)"
    if any("keys must be plain values" in m for m in messages):
        return "a list or mapping as a key: reported (Y001, by design)"
    if codes in ({"Y001"}, {"Y001", "Y005"}) and name in LIBYAML_REFUSES_CASES:
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
    texts = {
        name: _as_front_matter((case / "in.yaml").read_bytes().decode("utf-8"))
        for name, case in cases.items()
    }
    for name, text in texts.items():
        end = "" if text.endswith("\n") or not text else "\n"
        (tmp_path / f"{name}.md").write_text(f"---\n{text}{end}---\n", "utf-8", newline="")
    result = check_json(capsys, "--select", "R,K,Y,X", tmp_path)
    assert result.code in (0, 1), result.err
    found: dict[str, list[dict[str, Any]]] = {}
    for finding in result.findings:
        found.setdefault(Path(finding["path"]).stem, []).append(finding)
    counts: Counter[str] = Counter()
    classes: dict[str, set[str]] = {}
    unexplained: list[str] = []
    for name, case in cases.items():
        findings = found.get(name, [])
        codes = {f["code"] for f in findings}
        assert "X001" not in codes, (name, findings)
        error = (case / "error").exists()
        text = texts[name]
        if _has_marker(text):
            # a '---' or '...' line, or a document start with content ('--- text'), that is
            # not the document's own start or end: a front matter cannot hold it. Reported
            # every time, as what it is
            assert findings and codes <= {"Y001", "Y004", "Y005"}, (name, findings)
            if not error:
                assert all(
                    "no '%' directive and no '---' or '...' line" in f["message"]
                    for f in findings
                    if f["code"] == "Y001"
                ), (name, findings)
            counts["pass" if error else f"divergence: {MARKER}"] += 1
            continue
        if error == bool(findings):
            if not error and (case / "in.json").exists():
                front = parse(SourceText(f"---\n{text}---\n"))
                expected = json.loads((case / "in.json").read_text("utf-8"))
                if front is not None and not _same_data(front.data, expected):
                    counts["divergence: YAML 1.1 scalars (yes/no, 0o, timestamps as text)"] += 1
                    continue
            counts["pass"] += 1
            continue
        reason = _reason(name, text, codes, [f["message"] for f in findings], error)
        if reason is None:
            unexplained.append(f"{name}: error test={error}, findings={findings}")
        counts[f"divergence: {reason}"] += 1
        classes.setdefault(str(reason), set()).add(name)
    assert not unexplained, "\n".join(unexplained)
    # exactly the cases listed, each still diverging for its reason
    assert classes.get(LIBYAML_REFUSES, set()) == set(LIBYAML_REFUSES_CASES)
    assert classes.get(LIBYAML_ACCEPTS, set()) == set(LIBYAML_ACCEPTS_CASES)
    assert dict(counts) == EXPECTED
