"""``--fix --diff-base REF`` on DISARM pages: the region above the marker comes back byte for
byte from REF, and everything the contributor wrote there survives below the marker."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from seedlint.disarm.marker import MARKER
from seedlint.fixes.region_restore import restore
from tests.gate_helpers import Repo, copy_pages, disarm_pages, isolate
from tests.helpers import check_json, run_cli

SUMMARY = "**Summary**: Organise citizens around pro-state messaging."


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Repo:
    isolate(monkeypatch)
    repo = Repo(tmp_path / "repo")
    monkeypatch.chdir(repo.path)
    return repo


def split_at_marker(text: str) -> tuple[str, str]:
    """(region and marker line without its break, what follows the marker line's break)."""
    start = text.index(MARKER)
    end = start + len(MARKER)
    while end < len(text) and text[end] in " \t":
        end += 1
    below = end + (2 if text.startswith("\r\n", end) else 1 if text[end : end + 1] else 0)
    return text[:end], text[below:]


def fix(capsys: Any, *args: str) -> Any:
    return run_cli(capsys, "check", "--no-cache", "--fix", "--diff-base", "HEAD", *args)


def gate_codes(capsys: Any, *args: str) -> list[str]:
    result = check_json(capsys, "--diff-base", "HEAD", *args)
    assert result.code in (0, 1), result.err
    return sorted(c for c in result.codes() if c.startswith("G"))


def test_edited_region_is_restored_and_the_edits_kept_as_notes(capsys: Any, repo: Repo) -> None:
    [page] = copy_pages(repo, ["techniques/T0002.md"])
    base = repo.read(page)
    repo.write(page, base.rstrip("\n") + "\n\nAn earlier note.\n")
    repo.commit("a note")
    committed = repo.read(page)
    edited = committed.replace("Organise citizens", "Organize citizens").replace(
        "| Counters | Response types |",
        "Seen in the 2022 elections, see the EU DisinfoLab report.\n| Counters | Response types |",
    )
    repo.write(page, edited)
    assert gate_codes(capsys, page) == ["G001"]

    result = fix(capsys, page)
    assert "Fixed 1 finding in 1 file (G001 x1)." in result.out
    fixed = repo.read(page)
    head, notes = split_at_marker(fixed)
    assert head == split_at_marker(committed)[0]  # byte for byte
    assert notes == (
        "\n**Summary**: Organize citizens around pro-state messaging. Coordinate paid or "
        "volunteer groups to push state propaganda.\n\n"
        "Seen in the 2022 elections, see the EU DisinfoLab report.\n\nAn earlier note.\n"
    )
    assert gate_codes(capsys, page) == []
    again = fix(capsys, page)
    assert "Fixed" not in again.out and repo.read(page) == fixed


def test_without_a_base_nothing_is_restored(capsys: Any, repo: Repo) -> None:
    [page] = copy_pages(repo, ["techniques/T0002.md"])
    repo.commit("pages")
    edited = repo.read(page).replace("Organise citizens", "Organize citizens")
    repo.write(page, edited)
    run_cli(capsys, "check", "--no-cache", "--fix", page)
    assert repo.read(page) == edited


def _edits(text: str, number: int) -> tuple[str, list[str]]:
    """One of several contributor edits of a page, and the lines they wrote themselves."""
    lines = text.split("\n")
    marker = lines.index(MARKER)
    kind = number % 5
    if kind == 0:  # a line added at the top of the region
        mine = [f"Contributor remark {number}: this technique was seen in the wild."]
        lines[1:1] = mine
    elif kind == 1:  # the heading changed
        mine = [lines[0] + f" (revised {number})"]
        lines[0] = mine[0]
    elif kind == 2:  # a paragraph added right above the marker
        mine = [f"Note {number}, first line.", "", f"Note {number}, second paragraph."]
        lines[marker:marker] = mine
    elif kind == 3:  # a generated line deleted, and a note below the marker already
        mine = []
        del lines[2]
        lines.append("")
        lines.append(f"Existing note {number}.")
    else:  # the marker moved up three lines: generated lines now between it and a note
        mine = []
        lines.insert(marker - 3, lines.pop(marker))
        lines.append(f"Existing note {number}.")
    return "\n".join(lines), mine


def test_every_page_of_a_corpus_gets_its_region_back(capsys: Any, repo: Repo) -> None:
    source = disarm_pages()
    names = sorted(
        str(p.relative_to(source))
        for p in (source / "techniques").glob("T00*.md")
        if MARKER in p.read_text(encoding="utf-8")
    )[:60]
    assert len(names) >= 40
    pages = copy_pages(repo, names)
    repo.commit("pages")
    committed = {page: repo.read(page) for page in pages}
    written: dict[str, list[str]] = {}
    for number, page in enumerate(pages):
        text, mine = _edits(committed[page], number)
        repo.write(page, text)
        written[page] = mine
    before = gate_codes(capsys, "generated_pages")
    assert {"G001", "G003"} <= set(before)

    result = fix(capsys, "generated_pages")
    assert "not fixed" not in result.out
    for number, page in enumerate(pages):
        fixed = repo.read(page)
        head, below = split_at_marker(fixed)
        assert head == split_at_marker(committed[page])[0], page
        for line in written[page]:
            if line:
                assert line in below.split("\n"), (page, line)
        if number % 5 in (3, 4):
            assert below.endswith(f"Existing note {number}."), page
    remaining = check_json(capsys, "--diff-base", "HEAD", "generated_pages").findings
    assert [f for f in remaining if f["code"].startswith("G")] == []
    snapshot = {page: repo.read(page) for page in pages}
    assert "Fixed" not in fix(capsys, "generated_pages").out
    assert {page: repo.read(page) for page in pages} == snapshot


def test_missing_marker_is_restored_when_the_region_is_intact(capsys: Any, repo: Repo) -> None:
    [page, other] = copy_pages(repo, ["techniques/T0002.md", "techniques/T0003.md"])
    repo.commit("pages")
    intact = repo.read(page).replace(MARKER, "") + "A note without its marker.\n"
    repo.write(page, intact)
    changed = repo.read(other).replace(MARKER, "").replace("**Summary**:", "**Summary** (edited):")
    repo.write(other, changed)
    assert gate_codes(capsys, page) == ["G002"]

    result = fix(capsys, page, other)
    assert "G002 x1" in result.out
    head, below = split_at_marker(repo.read(page))
    assert MARKER in head and below == "A note without its marker.\n"
    assert repo.read(page) == intact.replace("A note", MARKER + "\nA note")
    assert repo.read(other) == changed  # region changed too: where it ends is unknown
    assert "G002" in gate_codes(capsys, other)


def test_altered_marker_line_is_replaced(capsys: Any, repo: Repo) -> None:
    [page] = copy_pages(repo, ["techniques/T0002.md"])
    repo.commit("pages")
    base = repo.read(page)
    repo.write(page, base.replace(MARKER, MARKER.title()) + "\nnote\n")
    fix(capsys, page)
    assert repo.read(page) == base + "\nnote\n"


def test_crlf_page_stays_crlf(capsys: Any, repo: Repo) -> None:
    [page] = copy_pages(repo, ["techniques/T0002.md"])
    path = repo.path / page
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    repo.commit("a CRLF page")
    base = path.read_bytes()
    path.write_bytes(base.replace(b"Organise", b"Organize") + b"\r\n\r\nnote\r\n")
    fix(capsys, page)
    fixed = path.read_bytes()
    assert fixed.startswith(base)
    assert b"\n" not in fixed.replace(b"\r\n", b"")
    assert b"Organize citizens" in fixed[len(base) :]


def test_lf_work_tree_of_a_crlf_base_keeps_its_own_line_breaks() -> None:
    base = f"# Technique T1: x\r\n\r\nline a\r\n{MARKER}"
    work = f"# Technique T1: x\n\nline b\n{MARKER}\n\nnote\n"
    assert restore(base, work) == f"# Technique T1: x\n\nline a\n{MARKER}\n\nline b\n\nnote\n"


def test_restore_leaves_unchanged_and_unprotected_pages_alone() -> None:
    page = f"# Technique T1: x\n\nline\n{MARKER}\nnote\n"
    assert restore(page, page) is None
    assert restore(page, page.replace("note", "other note")) is None  # notes are free
    assert restore(page.replace(MARKER, "no marker"), page.replace("line", "edited")) is None


def test_whitespace_only_edits_leave_no_note() -> None:
    base = f"# Technique T1: x\n\n**Tactic**: TA02 Plan Objectives \n{MARKER}"
    work = f"# Technique T1: x\n\n**Tactic**: TA02 Plan Objectives\n{MARKER}"
    assert restore(base, work) == base
