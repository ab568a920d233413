"""Fixes of DISARM links on copies of the real corpora: the stale ``generated_pages/`` prefix
(D206, safe) and a link whose text ID and target disagree (D203, unsafe); and never a fix
above the marker of a page the gate protects."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import DISARM_NEW, DISARM_OLD, need
from tests.gate_helpers import Repo, copy_pages, isolate
from tests.helpers import check_json, run_cli

_PREFIXED = re.compile(r"\]\(\.\./generated_pages/(?P<path>[^)#]+)\)")


def fix(capsys: Any, *args: str | Path) -> Any:
    return run_cli(capsys, "check", "--no-cache", "--fix", *args)


def codes(capsys: Any, *args: str | Path) -> list[str]:
    result = check_json(capsys, *args)
    assert result.code in (0, 1), result.err
    return sorted(result.codes())


def expected_prefix_fix(page: Path, root: Path) -> bytes:
    """The page with every ``../generated_pages/`` link to an existing page made
    ``../../generated_pages/`` (the page is one directory below the root)."""
    text = page.read_bytes().decode("utf-8")

    def repl(match: re.Match[str]) -> str:
        if (root / match["path"]).is_file():
            return match.group(0).replace("](../", "](../../", 1)
        return match.group(0)

    return _PREFIXED.sub(repl, text).encode("utf-8")


@pytest.mark.parametrize("corpus", [DISARM_NEW, DISARM_OLD], ids=["49df5f6", "2c4757b"])
def test_stale_prefixes_of_a_real_corpus_are_fixed_and_nothing_else(
    capsys: Any, tmp_path: Path, corpus: Path
) -> None:
    source = need(corpus)
    copy = tmp_path / "generated_pages"
    shutil.copytree(source, copy)
    before = codes(capsys, copy)
    stale = before.count("D206")
    assert stale >= 2

    result = fix(capsys, copy)
    assert f"Fixed {stale} findings in {stale} files (D206 x{stale})." in result.out
    changed = 0
    for page in sorted(source.rglob("*.md")):
        rel = page.relative_to(source)
        now = (copy / rel).read_bytes()
        if len(rel.parts) == 2 and b"](../generated_pages/" in page.read_bytes():
            assert now == expected_prefix_fix(page, source), rel
            changed += now != page.read_bytes()
        else:
            assert now == page.read_bytes(), rel
    assert changed == stale
    after = codes(capsys, copy)
    assert "D206" not in after
    assert sorted(c for c in before if c != "D206") == after  # nothing else came or went
    assert "Fixed" not in fix(capsys, copy).out


def _page_with_counters(tmp_path: Path, edit: Any) -> Path:
    """A copy of the newer corpus with techniques/T0002.md edited."""
    source = need(DISARM_NEW)
    copy = tmp_path / "generated_pages"
    shutil.copytree(source, copy)
    page = copy / "techniques" / "T0002.md"
    page.write_bytes(edit(page.read_bytes()))
    return page


RIGHT_TEXT = b"[C00029 Create fake website to issue counter narrative"
TARGET_29 = b"(../../generated_pages/counters/C00029.md)"
TEXT_30 = b"[C00030 Develop a compelling counter narrative (truth based)]"


def test_link_target_follows_its_text_when_the_title_says_so(capsys: Any, tmp_path: Path) -> None:
    original = (need(DISARM_NEW) / "techniques" / "T0002.md").read_bytes()
    page = _page_with_counters(
        tmp_path, lambda raw: raw.replace(TARGET_29, TARGET_29.replace(b"C00029", b"C00031"))
    )
    assert "D203" in codes(capsys, page)
    safe = fix(capsys, page)
    assert "D203 unsafe fix available: point the link at C00029's page" in safe.out
    assert page.read_bytes() != original
    assert "D203 x1" in fix(capsys, "--unsafe-fixes", page).out
    assert page.read_bytes() == original
    assert "D203" not in codes(capsys, page)


def test_link_text_id_follows_its_target_when_the_title_says_so(
    capsys: Any, tmp_path: Path
) -> None:
    original = (need(DISARM_NEW) / "techniques" / "T0002.md").read_bytes()
    page = _page_with_counters(
        tmp_path, lambda raw: raw.replace(TEXT_30, TEXT_30.replace(b"C00030", b"C00099"))
    )
    result = fix(capsys, "--unsafe-fixes", page)
    assert "D203 x1" in result.out
    assert page.read_bytes() == original


def test_ambiguous_link_is_left_to_a_person(capsys: Any, tmp_path: Path) -> None:
    def edit(raw: bytes) -> bytes:  # the name fits neither the text's ID nor the target
        renamed = raw.replace(RIGHT_TEXT, b"[C00029 Something else entirely")
        return renamed.replace(TARGET_29, TARGET_29.replace(b"C00029", b"C00031"))

    page = _page_with_counters(tmp_path, edit)
    injected = page.read_bytes()
    result = fix(capsys, "--unsafe-fixes", page)
    assert "D203" in result.out and "D203 x" not in result.out
    assert page.read_bytes() == injected


def test_no_fix_above_the_marker_of_a_protected_page(
    capsys: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    isolate(monkeypatch)
    repo = Repo(tmp_path / "repo")
    pages = copy_pages(repo, ["tactics/TA04.md", "tasks/TK0014.md", "techniques/T0014.md"])
    page = pages[0]
    note = "\n\nSee also [TK0014 Network building](../generated_pages/tasks/TK0014.md).\n"
    repo.write(page, repo.read(page) + note)
    repo.commit("pages")
    monkeypatch.chdir(repo.path)
    committed = repo.read(page)
    assert "D206" in codes(capsys, page)

    result = fix(capsys, "--diff-base", "HEAD", page)
    assert result.code == 1 and "internal error" not in result.out + result.err
    fixed = repo.read(page)
    region, _, below = fixed.partition("DO NOT EDIT ABOVE THIS LINE - PLEASE ADD NOTES BELOW")
    assert region == committed.partition("DO NOT EDIT ABOVE")[0]  # the generator's lines
    assert "(../../generated_pages/tasks/TK0014.md)." in below  # the note's link is fixed
    assert "D206" in result.out  # the generated links remain reported

    without_gate = fix(capsys, page)
    assert "D206 x1" in without_gate.out
    assert "](../generated_pages/tasks/TK0014.md)" not in repo.read(page)


MARKER_BYTES = b"DO NOT EDIT ABOVE THIS LINE - PLEASE ADD NOTES BELOW"


@pytest.mark.parametrize(
    ("written", "fixed"),
    [
        (b"Do not edit above this line -- please add notes below:", True),
        (b"  DO NOT EDIT ABOVE THIS LINE PLEASE ADD NOTES BELOW", True),
        (b"DO NOT EDIT ABOVE THIS LINE - PLEASE ADD NOTES BELWO", False),  # a typo: a person's
        (b"DO NOT EDIT ABOVE THIS LINE - PLEASE ADD NOTES BELOW my note", False),  # text on it
    ],
)
def test_marker_near_miss_is_made_exact_only_when_certain(
    capsys: Any, tmp_path: Path, written: bytes, fixed: bool
) -> None:
    original = (need(DISARM_NEW) / "techniques" / "T0002.md").read_bytes()
    page = tmp_path / "generated_pages" / "techniques" / "T0002.md"
    page.parent.mkdir(parents=True)
    page.write_bytes(original.replace(MARKER_BYTES, written) + b"\n\na note\n")
    injected = page.read_bytes()
    assert "D403" in codes(capsys, page)
    result = fix(capsys, page)
    if fixed:
        assert "D403 x1" in result.out
        assert page.read_bytes() == original + b"\n\na note\n"
        assert "D403" not in codes(capsys, page)
    else:
        assert page.read_bytes() == injected


def test_near_miss_above_an_exact_marker_is_not_made_a_second_marker(
    capsys: Any, tmp_path: Path
) -> None:
    original = (need(DISARM_NEW) / "techniques" / "T0002.md").read_bytes()
    page = tmp_path / "generated_pages" / "techniques" / "T0002.md"
    page.parent.mkdir(parents=True)
    near = b"do not edit above this line - please add notes below\n"
    page.write_bytes(original.replace(b"| Counters |", near + b"| Counters |"))
    injected = page.read_bytes()
    fix(capsys, page)
    assert page.read_bytes() == injected
