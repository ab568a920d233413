"""The protected-region comparison (seedlint.gate.protected) and the line diff under it, on real
DISARM pages changed the way contributors change them. No git here: see test_gate_git.py."""

from __future__ import annotations

from pathlib import Path

import pytest

from seedlint.disarm.marker import MARKER
from seedlint.gate.linediff import changed_lines, split_lines, unified
from seedlint.gate.protected import RegionChange, compare
from tests.gate_helpers import add_note, disarm_pages, line_of, marker_line

PAGE = "techniques/T0002.md"


@pytest.fixture
def page() -> str:
    return (disarm_pages() / PAGE).read_text("utf-8")


def run(base: str, work: str) -> list[RegionChange]:
    return compare(split_lines(base), split_lines(work), ref="HEAD", fromfile="a", tofile="b")


def test_every_real_page_with_a_note_below_is_unchanged() -> None:
    pages = sorted(disarm_pages().rglob("*.md"))
    assert len(pages) > 700
    for path in pages:
        text = path.read_text("utf-8")
        assert run(text, add_note(text)) == [], path
        assert run(text, add_note(text, f"{MARKER}\n| a | table |\nDO NOT EDIT ABOVE")) == []


def test_every_real_page_edited_above_is_reported_at_the_edited_line() -> None:
    checked = 0
    for path in sorted(disarm_pages().rglob("*.md")):
        text = path.read_text("utf-8")
        if MARKER not in text:
            continue
        lines = text.split("\n")
        # edit the last non-blank line above the marker: the nearest a contributor gets to it
        target = max(i for i in range(marker_line(text) - 1) if lines[i].strip())
        lines[target] += " (edited)"
        changes = run(text, add_note("\n".join(lines)))
        assert [(c.code, c.line) for c in changes] == [("G001", target + 1)], path
        assert "(edited)" in changes[0].detail
        checked += 1
    assert checked > 700


def test_edit_message_and_diff(page: str) -> None:
    line = line_of(page, "Organise citizens")
    changes = run(page, page.replace("Organise citizens", "Organize citizens"))
    assert len(changes) == 1
    change = changes[0]
    assert (change.code, change.line) == ("G001", line)
    assert "since HEAD" in change.message and "below the marker" in change.message
    assert change.detail.splitlines()[:2] == ["--- a", "+++ b"]
    assert "-**Summary**: Organise citizens" in change.detail
    assert "+**Summary**: Organize citizens" in change.detail


def test_inserted_and_deleted_lines(page: str) -> None:
    lines = page.split("\n")
    table = line_of(page, "| Counters |")
    inserted = "\n".join([*lines[: table - 1], "My own remark", *lines[table - 1 :]])
    [change] = run(page, inserted)
    assert (change.code, change.line) == ("G001", table)
    assert "inserted" in change.message
    deleted = "\n".join([*lines[: table - 1], *lines[table:]])
    [change] = run(page, deleted)
    assert (change.code, change.line) == ("G001", table)
    assert "1 generated line deleted" in change.message


def test_text_added_right_above_the_marker(page: str) -> None:
    marker = marker_line(page)
    work = page.replace(MARKER, "My note, above the marker by mistake\n" + MARKER)
    [change] = run(page, work)
    assert (change.code, change.line) == ("G001", marker)
    assert "text added" in change.message


def test_stripped_trailing_whitespace_is_a_change(page: str) -> None:
    line = line_of(page, "**Tactic**:")
    assert page.split("\n")[line - 1].endswith(" ")
    work = "\n".join(x.rstrip(" ") if i == line - 1 else x for i, x in enumerate(page.split("\n")))
    [change] = run(page, work)
    assert (change.code, change.line) == ("G001", line)
    assert "whitespace" in change.message


def test_line_endings_and_final_newline_are_not_changes(page: str) -> None:
    crlf = page.replace("\n", "\r\n")
    assert run(page, crlf) == []
    assert run(page, crlf + "\r\n") == []
    assert run(crlf, page + "\n") == []
    edited = crlf.replace("Organise", "Organize")
    [change] = run(page, edited)
    assert change.line == line_of(page, "Organise")


def test_removed_marker(page: str) -> None:
    marker = marker_line(page)
    for gone in (page.replace(MARKER, ""), page.replace(MARKER, "").rstrip("\n")):
        [change] = run(page, gone)
        assert change.code == "G002"
        assert f"it was line {marker}" in change.message and "removed" in change.message
        assert 1 <= change.line <= len(split_lines(gone))
    with_notes = add_note(page)
    [change] = run(with_notes, with_notes.replace(MARKER + "\n", ""))
    assert (change.code, change.line) == ("G002", marker)


def test_altered_marker(page: str) -> None:
    marker = marker_line(page)
    for altered in (MARKER.lower(), MARKER + ".", "DO NOT EDIT ABOVE THIS LINE  PLEASE ADD NOTES"):
        [change] = run(page, page.replace(MARKER, altered))
        assert (change.code, change.line) == ("G002", marker), altered
        assert "altered" in change.message


def test_removed_marker_and_edited_region_are_two_findings(page: str) -> None:
    work = page.replace("Organise", "Organize").replace(MARKER, "")
    changes = run(page, work)
    assert sorted(c.code for c in changes) == ["G001", "G002"]
    assert [c.line for c in changes if c.code == "G001"] == [line_of(page, "Organise")]


def test_marker_moved_up_and_down(page: str) -> None:
    lines = page.split("\n")
    marker = marker_line(page)
    table = line_of(page, "| Counters |")
    up = [*lines[: table - 1], MARKER, *lines[table - 1 : marker - 1]]
    [change] = run(page, "\n".join(up) + "\n")
    assert (change.code, change.line) == ("G003", table)
    assert "moved up" in change.message
    noted = add_note(page, "first note\nsecond note")
    noted_lines = noted.split("\n")
    down = [*noted_lines[: marker - 1], *noted_lines[marker : marker + 3], MARKER]
    [change] = run(noted, "\n".join(down))
    assert (change.code, change.line) == ("G003", marker)
    assert "moved down" in change.message


def test_a_second_marker_above_is_an_edit_and_below_is_a_note(page: str) -> None:
    title = line_of(page, "# Technique")
    [change] = run(page, page.replace("\n", "\n" + MARKER + "\n", 1))
    assert (change.code, change.line) == ("G001", title + 1)
    assert run(page, add_note(page, MARKER)) == []


def test_page_without_marker_at_the_base_is_not_protected() -> None:
    index = (disarm_pages() / "techniques_index.md").read_text("utf-8")
    assert MARKER not in index
    assert run(index, index.replace("|", "!", 3)) == []


def test_changed_lines_marks_edits_insertions_and_deletion_points() -> None:
    base = ["a", "b", "c", "d", "e"]
    assert changed_lines(base, base) == set()
    assert changed_lines(base, ["a", "B", "c", "d", "e"]) == {2}
    assert changed_lines(base, ["a", "b", "x", "y", "c", "d", "e"]) == {3, 4}
    assert changed_lines(base, ["a", "b", "d", "e"]) == {2, 3}
    assert changed_lines(base, ["a", "b", "c", "d"]) == {4}
    assert changed_lines([], ["new"]) == {1}
    assert changed_lines(base, [x + "\r" for x in base]) == {1, 2, 3, 4, 5}
    assert changed_lines(split_lines("a\nb"), split_lines("a\r\nb\r\n")) == set()


def test_unified_diff_has_real_line_numbers_and_is_short() -> None:
    base = [f"line {i}" for i in range(1, 101)]
    work = list(base)
    work[49] = "changed"
    text = unified(base, work, "old", "new")
    assert text.splitlines() == [
        "--- old",
        "+++ new",
        "@@ -49,3 +49,3 @@",
        " line 49",
        "-line 50",
        "+changed",
        " line 51",
    ]
    work = [f"other {i}" for i in range(100)]
    long = unified(base, work, "old", "new", max_lines=10)
    assert long.splitlines()[-1] == "... (191 more diff lines)"


def test_a_long_changed_line_shows_the_change(tmp_path: Path) -> None:
    old = "x" * 400 + " end"
    new = "x" * 400 + " END"
    text = unified([old], [new], "a", "b")
    assert "end" in text and "END" in text
