"""D206 tells a stale link prefix (a page left behind by a regeneration) from a corpus whose
template generation links through ``../generated_pages/`` everywhere (early DISARM)."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from tests.helpers import check_json


def old_generation_copy(source: Path, target: Path) -> Path:
    """A copy of a real corpus as the early generator wrote it: ``../generated_pages/``
    links from pages in type directories."""
    root = target / "generated_pages"
    shutil.copytree(source, root)
    for page in root.glob("*/*.md"):
        text = page.read_bytes()
        page.write_bytes(text.replace(b"](../../generated_pages/", b"](../generated_pages/"))
    return root


def test_whole_corpus_of_the_early_generation_is_not_stale(
    capsys: Any, tmp_path: Path, disarm_new: Path
) -> None:
    root = old_generation_copy(disarm_new, tmp_path)
    findings = check_json(capsys, "--select", "D206,D201", root).findings
    assert [f for f in findings if f["code"] == "D206"] == []
    # the early prefix still resolves to the corpus root, so no link is dead because of it
    baseline = check_json(capsys, "--select", "D201", disarm_new).findings
    assert len([f for f in findings if f["code"] == "D201"]) == len(baseline)


def test_one_page_checked_alone_is_judged_by_its_corpus(
    capsys: Any, tmp_path: Path, disarm_new: Path
) -> None:
    # TA04 of the real corpus kept the early prefix while the rest moved on: stale, even when
    # pre-commit passes that page alone
    findings = check_json(capsys, "--select", "D206", disarm_new / "tactics" / "TA04.md").findings
    assert [f["code"] for f in findings] == ["D206"]
    root = old_generation_copy(disarm_new, tmp_path)
    alone = check_json(capsys, "--select", "D206", root / "tactics" / "TA04.md").findings
    assert alone == []
