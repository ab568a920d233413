"""The protected region of a DISARM page, compared with the same page at a base revision.

Everything above the first edit-line marker (``DO NOT EDIT ABOVE THIS LINE - PLEASE ADD NOTES
BELOW``) is generated; contributors add notes below it. :func:`compare` takes the lines of a
page at the base and in the work tree and says what, if anything, happened to the region and to
the marker, as a :class:`RegionChange` per problem, pointing at a work-tree line. It is pure (no
git, no files), so fixes can reuse it to find the region to restore.

Lines are compared without their line breaks: a page converted between LF and CRLF, or whose
final newline after the marker was added or removed, has not changed. Trailing whitespace is
part of a line (the generator writes it, and an editor that strips it changes the page).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from seedlint.disarm.marker import MARKER, near_miss
from seedlint.gate.linediff import common_prefix, opcodes, unified

REGION_CHANGED, MARKER_REMOVED, MARKER_MOVED = "G001", "G002", "G003"


@dataclass(frozen=True, slots=True)
class RegionChange:
    """One problem: rule code, 1-based work-tree line, message, and a short unified diff."""

    code: str
    line: int
    message: str
    detail: str


def marker_index(lines: Sequence[str]) -> int | None:
    """0-based index of the first line that is exactly the marker (trailing blanks allowed),
    the same rule as :func:`seedlint.disarm.marker.marker_lines`."""
    for index, line in enumerate(lines):
        if line.startswith(MARKER) and line.rstrip() == MARKER:
            return index
    return None


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'s' if n != 1 else ''}"


def _looks_like_marker(line: str) -> bool:
    """The same judgement as the single-page rule D403 (so both point at the same line)."""
    return near_miss(line) is not None


def _what_changed(base: Sequence[str], work: Sequence[str]) -> tuple[int, str]:
    """The first changed work-tree index of a region and words for what happened there."""
    first = common_prefix(base, work)
    added = deleted = edited = 0
    first_tag = ""
    for tag, i1, i2, j1, j2 in opcodes(base, work):
        if tag == "equal":
            continue
        first_tag = first_tag or tag
        if tag == "replace":
            edited += max(i2 - i1, j2 - j1)
        elif tag == "insert":
            added += j2 - j1
        else:
            deleted += i2 - i1
    if (
        first_tag == "replace"
        and first < len(base)
        and first < len(work)
        and (base[first].strip() == work[first].strip())
    ):
        what = "whitespace changed on a generated line"
    elif first_tag == "insert":
        what = "text added" if first >= len(base) else "line inserted into the generated text"
    elif first_tag == "delete":
        what = f"{_plural(deleted, 'generated line')} deleted"
    else:
        what = "generated line changed"
    total = added + deleted + edited
    if total > 1 and first_tag != "delete":
        what += f" ({_plural(total, 'line')} differ in all)"
    return first, what


def compare_whole(
    base: Sequence[str], work: Sequence[str], *, ref: str, fromfile: str, tofile: str
) -> list[RegionChange]:
    """What changed in a generated page that has no marker (an index, a framework table): all
    of it is the protected region. Trailing blank lines are not content."""
    before, after = list(base), list(work)
    while before and not before[-1].strip():
        before.pop()
    while after and not after[-1].strip():
        after.pop()
    if before == after:
        return []
    first, what = _what_changed(before, after)
    return [
        RegionChange(
            REGION_CHANGED,
            min(first + 1, max(len(work), 1)),
            f"{what} since {ref} in a page with no edit-line marker: every line of it is "
            "generated (an index or a framework table); change the framework's data and "
            "regenerate",
            unified(before, after, fromfile, tofile),
        )
    ]


def compare(
    base: Sequence[str], work: Sequence[str], *, ref: str, fromfile: str, tofile: str
) -> list[RegionChange]:
    """What changed in the protected region between ``base`` and ``work`` (lines without
    breaks). ``ref`` names the base in messages; ``fromfile``/``tofile`` head the diff.

    Returns nothing when the base has no marker (no region is protected) or the region and the
    marker are unchanged; changes below the marker are never reported.
    """
    mb = marker_index(base)
    if mb is None:
        return []
    mw = marker_index(work)
    since = f"since {ref}"
    if mw is None:
        return _marker_gone(base, work, mb, since, fromfile, tofile)
    if base[:mb] == work[:mw]:
        return []
    diff = unified(base[: mb + 1], work[: mw + 1], fromfile, tofile)
    shift = abs(mw - mb)
    after = mw + 1 + shift  # where a moved-up marker's old line would be
    kept = after < len(work) and marker_index(work[after : after + 1]) == 0
    if mw < mb and not kept and work[:mw] == base[:mw] and work[mw + 1 : after] == base[mw:mb]:
        return [
            RegionChange(
                MARKER_MOVED,
                mw + 1,
                f"edit-line marker moved up from line {mb + 1} to line {mw + 1} {since}: "
                f"{_plural(shift, 'generated line')} now below it; move it back below them",
                diff,
            )
        ]
    if mw > mb and work[:mb] == base[:mb] and work[mb:mw] == base[mb + 1 : mb + 1 + shift]:
        return [
            RegionChange(
                MARKER_MOVED,
                mb + 1,
                f"edit-line marker moved down from line {mb + 1} to line {mw + 1} {since}: "
                f"{_plural(shift, 'line')} of notes now above it; move it back above them",
                diff,
            )
        ]
    first, what = _what_changed(base[:mb], work[:mw])
    return [
        RegionChange(
            REGION_CHANGED,
            first + 1,
            f"{what} above the edit-line marker {since}: that region is generated; "
            "write notes below the marker",
            diff,
        )
    ]


def _marker_gone(
    base: Sequence[str], work: Sequence[str], mb: int, since: str, fromfile: str, tofile: str
) -> list[RegionChange]:
    """The work tree has no marker line: where it was, was it altered, and did the region above
    change too."""
    # where the base's marker line went in the work tree
    where = len(work)
    for tag, i1, i2, j1, j2 in opcodes(base, work):
        if i1 <= mb < i2 or (tag == "insert" and i1 == mb):
            where = j1 + (min(mb - i1, max(j2 - j1 - 1, 0)) if tag != "delete" else 0)
            break
    near = [
        j
        for j in range(max(0, where - 2), min(len(work), where + 3))
        if _looks_like_marker(work[j])
    ]
    altered = min(near, key=lambda j: abs(j - where)) if near else None
    line = (altered if altered is not None else max(0, min(where, len(work) - 1))) + 1
    region_end = altered if altered is not None else where
    shown = work[: min(len(work), max(region_end, line) + 1)]
    diff = unified(base[: mb + 1], shown, fromfile, tofile)
    if altered is not None:
        message = (
            f"edit-line marker altered {since} (it was line {mb + 1}): the line must "
            f"read exactly '{MARKER}'"
        )
    else:
        message = (
            f"edit-line marker removed {since} (it was line {mb + 1}): restore the line "
            f"'{MARKER}' between the generated text and the notes"
        )
    changes = [RegionChange(MARKER_REMOVED, line, message, diff)]
    region = work[:region_end]
    # a region cut short at its end went with the marker (one act, one finding)
    if region != base[:mb] and region != base[: len(region)]:
        first, what = _what_changed(base[:mb], region)
        if first + 1 != line:
            changes.append(
                RegionChange(
                    REGION_CHANGED,
                    first + 1,
                    f"{what} above the edit-line marker {since}: that region is generated; "
                    "write notes below the marker",
                    diff,
                )
            )
    return changes
