"""D206 on a corpus whose every page links through a prefix that does not resolve from the
page's directory (early DISARM: ``../generated_pages/`` from inside ``generated_pages/<type>/``):
a link that does not resolve is dead however many pages share it, so every page is reported
(one finding per page naming the count and the lines, with the prefix fix)."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from tests.helpers import check_json, run_cli

EARLY = b"](../generated_pages/"
RIGHT = b"](../../generated_pages/"


def old_generation_copy(source: Path, target: Path) -> Path:
    """A copy of a real corpus as the early generator wrote it: ``../generated_pages/``
    links from pages in type directories."""
    root = target / "generated_pages"
    shutil.copytree(source, root)
    for page in root.glob("*/*.md"):
        text = page.read_bytes()
        page.write_bytes(text.replace(RIGHT, EARLY))
    return root


def test_whole_corpus_of_the_early_prefix_is_reported_page_by_page(
    capsys: Any, tmp_path: Path, disarm_new: Path
) -> None:
    root = old_generation_copy(disarm_new, tmp_path)
    findings = check_json(capsys, "--select", "D206", root).findings
    by_page: dict[str, list[dict[str, Any]]] = {}
    for finding in findings:
        by_page.setdefault(finding["path"], []).append(finding)
    # one finding per page (its generated links share one prefix and one author)
    assert all(len(items) == 1 for items in by_page.values())
    assert len(by_page) > 300
    # the finding of a page names the count and the lines, and points at the first link
    page = root / "techniques" / "T0002.md"
    lines = [
        number for number, text in enumerate(page.read_bytes().split(b"\n"), 1) if EARLY in text
    ]
    (finding,) = by_page[str(page)]
    assert finding["line"] == lines[0]
    assert f"{len(lines)} links start with '../generated_pages/'" in finding["message"]
    assert "write '../../generated_pages/'" in finding["message"]
    assert finding["detail"] == "lines " + ", ".join(str(n) for n in lines)


def test_the_prefix_fix_makes_the_early_corpus_resolve(
    capsys: Any, tmp_path: Path, disarm_new: Path
) -> None:
    root = old_generation_copy(disarm_new, tmp_path)
    page = root / "techniques" / "T0002.md"
    run_cli(capsys, "check", "--no-cache", "--select", "D206", "--fix", page)
    assert EARLY not in page.read_bytes()
    assert page.read_bytes() == (disarm_new / "techniques" / "T0002.md").read_bytes()
    assert check_json(capsys, "--select", "D206", page).findings == []


def test_one_page_checked_alone_is_reported_in_either_corpus(
    capsys: Any, tmp_path: Path, disarm_new: Path
) -> None:
    # TA04 of the real corpus kept the early prefix while the rest moved on; in a corpus where
    # every page has it, its links are just as dead
    findings = check_json(capsys, "--select", "D206", disarm_new / "tactics" / "TA04.md").findings
    assert [f["code"] for f in findings] == ["D206"]
    root = old_generation_copy(disarm_new, tmp_path)
    alone = check_json(capsys, "--select", "D206", root / "tactics" / "TA04.md").findings
    assert [f["code"] for f in alone] == ["D206"]
