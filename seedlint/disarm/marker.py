"""The edit-line marker that separates a DISARM page's generated region from its notes.

The generator finds the marker with an exact, case-sensitive search; everything above it is
rewritten on every run and everything after it is kept. A page whose marker is misspelled is
treated as having none: the generator then keeps the *whole* old page as "notes" below a fresh
copy, and the generated content appears twice.
"""

from __future__ import annotations

import difflib
import re

from seedlint.core.source import SourceText

MARKER = "DO NOT EDIT ABOVE THIS LINE - PLEASE ADD NOTES BELOW"
_MARKER_KEY = re.sub(r"[^a-z]", "", MARKER.lower())
_HINT = re.compile(r"edit\s*above|notes\s*below|do\s*not\s*edit", re.IGNORECASE)


def marker_lines(source: SourceText) -> list[int]:
    """1-based numbers of the lines that are exactly the marker (trailing spaces allowed)."""
    text = source.text
    lines: list[int] = []
    start = text.find(MARKER)
    while start != -1:
        line, column = source.position(start)
        if column == 1 and source.line_text(line).rstrip() == MARKER:
            lines.append(line)
        start = text.find(MARKER, start + len(MARKER))
    return lines


def near_miss(line: str) -> tuple[int, str] | None:
    """``(column, why)`` when ``line`` looks like the marker but is not exactly it.

    Catches other case, missing or extra punctuation, extra or missing words, small typos, and
    the marker with other text on its line. ``None`` for the exact marker and for lines that
    merely mention editing.
    """
    stripped = line.rstrip()
    if stripped == MARKER:
        return None
    position = stripped.find(MARKER)
    if position != -1:
        if position > 0 and stripped[:position].strip():
            return position + 1, "the marker shares its line with other text"
        if position > 0:
            return position + 1, "the marker is indented"
        return 1, "the marker shares its line with other text"
    if not _HINT.search(stripped):
        return None
    body = stripped.strip()
    column = len(stripped) - len(stripped.lstrip()) + 1
    key = re.sub(r"[^a-z]", "", body.lower())
    if key == _MARKER_KEY:
        if body.upper() == body and body != MARKER:
            return column, "punctuation or spacing differs"
        if body.lower() == MARKER.lower():
            return column, "the case differs"
        return column, "case, punctuation or spacing differs"
    if _MARKER_KEY in key:
        return column, "the marker shares its line with other text"
    matcher = difflib.SequenceMatcher(None, key, _MARKER_KEY)
    if (
        matcher.real_quick_ratio() >= 0.8
        and matcher.quick_ratio() >= 0.8
        and matcher.ratio() >= 0.8
    ):
        return column, "the wording differs"
    return None
