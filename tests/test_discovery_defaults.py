"""What a walk from a repository's root checks: corpus files, not docs that talk about them,
nor build output."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from tests.conftest import ROOT, SEEDS
from tests.helpers import check_json

PAGE = SEEDS / "004_dde1f390f0f18e80.txt"


def test_docs_that_quote_the_marker_and_links_are_not_pages(capsys: Any, tmp_path: Path) -> None:
    for doc in ("README.md", "CONTRIBUTING.md", "docs/ci.md", "docs/rules.md", "docs/fixes.md"):
        target = tmp_path / doc
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / doc, target)
    result = check_json(capsys, tmp_path)
    assert result.code == 0 and result.findings == []
    assert "0 files checked, 5 skipped" in result.err


def test_a_page_without_its_heading_is_still_a_page(capsys: Any, tmp_path: Path) -> None:
    text = PAGE.read_text("utf-8")
    headless = tmp_path / "page.md"
    headless.write_text(text.split("\n", 1)[1], "utf-8")  # the heading line deleted
    findings = check_json(capsys, tmp_path).findings
    assert findings and {f["kind"] for f in findings} == {"disarm"}


def test_build_output_is_not_walked(capsys: Any, tmp_path: Path) -> None:
    for folder in ("_site", "build", "node_modules", "pkg.egg-info", "venv"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "empty.txt").write_text("")
    shutil.copy(SEEDS / "002_2b530dd3ad88a63d.txt", tmp_path / "item.md")
    result = check_json(capsys, tmp_path)
    assert result.code == 0 and result.findings == []
    assert "1 file checked" in result.err
    # named explicitly, such a file is checked
    assert check_json(capsys, tmp_path / "build" / "empty.txt").codes() == ["K001"]
