"""The edit-line marker that separates a DISARM page's generated region from its notes."""

from __future__ import annotations

from seedlint.source import SourceText

MARKER = "DO NOT EDIT ABOVE THIS LINE - PLEASE ADD NOTES BELOW"


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
