"""Rule documentation from one source: ``seedlint rules``, ``seedlint rule CODE`` and the
committed ``docs/rules.md`` all come from each rule's metadata and docstring."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from seedlint.core.doctext import section
from seedlint.core.rules import all_rules
from seedlint.docs import markdown
from tests.conftest import ROOT
from tests.helpers import run_cli

RULES_MD = ROOT / "docs" / "rules.md"


def test_docs_rules_md_is_up_to_date() -> None:
    committed = RULES_MD.read_text("utf-8") if RULES_MD.exists() else ""
    assert committed == markdown(all_rules()), (
        "docs/rules.md is out of date: run 'python -m seedlint.docs' and commit the result"
    )


def test_docs_check_mode_detects_a_stale_file(tmp_path: Path) -> None:
    stale = tmp_path / "rules.md"
    stale.write_text("# old\n", "utf-8")
    command = [sys.executable, "-m", "seedlint.docs"]
    check = subprocess.run(
        [*command, "--check", str(stale)], capture_output=True, text=True, timeout=120
    )
    assert check.returncode == 1 and "out of date" in check.stderr
    write = subprocess.run([*command, str(stale)], capture_output=True, text=True, timeout=120)
    assert write.returncode == 0
    written = stale.read_text("utf-8")
    assert written.startswith("# seedlint rules\n") and "### N005\n" in written
    again = subprocess.run(
        [*command, "--check", str(stale)], capture_output=True, text=True, timeout=120
    )
    assert again.returncode == 0


def test_rules_lists_every_rule_with_its_metadata(capsys: Any) -> None:
    result = run_cli(capsys, "rules")
    assert result.code == 0
    header, *rows = result.out.splitlines()
    assert header.split() == ["code", "name", "kind", "severity", "fix", "enabled"]
    rules = all_rules()
    assert [row.split()[0] for row in rows] == list(rules)
    for row in rows:
        code, name, kind, severity, fix, enabled = row.split()
        rule = rules[code]
        assert (name, kind, severity) == (rule.name, rule.kind, rule.severity.value)
        assert fix == (rule.fix or "-") and enabled == ("yes" if rule.enabled else "no")
    as_json = json.loads(run_cli(capsys, "rules", "--format", "json").out)
    assert [r["code"] for r in as_json] == list(rules)
    n005 = next(r for r in as_json if r["code"] == "N005")
    assert n005["fix"] == "safe" and n005["enabled"] is True
    assert n005["options"] == {"check-related": False}


def test_rule_prints_its_documentation(capsys: Any) -> None:
    result = run_cli(capsys, "rule", "n005")
    assert result.code == 0
    out = result.out
    assert out.startswith("N005 url-html-entity\n")
    assert "kind: news; default severity: error; fix: safe; enabled by default: yes" in out
    assert "check-related = false" in out
    for heading in ("**What it checks**", "**Why**", "**Bad**", "**Good**", "**Fix**"):
        assert heading in out
    unknown = run_cli(capsys, "rule", "N05")
    assert unknown.code == 2 and "did you mean N005" in unknown.err


@pytest.mark.parametrize("code", sorted(all_rules()))
def test_every_rule_is_documented(code: str) -> None:
    """What it checks, why, a bad and a good example (internal errors have none), how to fix."""
    doc = all_rules()[code].doc
    required = ["What it checks", "Why", "Fix"]
    if not code.startswith("X"):
        required += ["Bad", "Good"]
    missing = [name for name in required if section(doc, name) is None]
    assert not missing, f"{code}'s docstring lacks **{'**, **'.join(missing)}**"
    assert doc.splitlines()[0].strip(), "the first line is the rule's summary"
    assert f"### {code}" in markdown(all_rules())
