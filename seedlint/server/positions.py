"""Positions as the Language Server Protocol counts them: 0-based lines split at LF, CRLF and
CR only (not at the other breaks ``str.splitlines`` knows), 0-based columns in the code units
of the negotiated encoding (UTF-16 by default, as the protocol requires; UTF-8 and UTF-32 when
the client prefers them).

seedlint's findings count columns in code points from 1 (:mod:`seedlint.core.source`); a
:class:`LineIndex` converts between character offsets of a buffer and protocol positions.
"""

from __future__ import annotations

import re
from bisect import bisect_right

_BREAK = re.compile(r"\r\n|\r|\n")

UTF8, UTF16, UTF32 = "utf-8", "utf-16", "utf-32"


def units(text: str, encoding: str = UTF16) -> int:
    """The length of ``text`` in code units of ``encoding``."""
    if encoding == UTF32 or text.isascii():
        return len(text)
    if encoding == UTF8:
        return len(text.encode("utf-8", "surrogatepass"))
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)


def _chars(line: str, count: int, encoding: str) -> int:
    """How many characters of ``line`` take ``count`` code units (a position inside a
    character's units, or past the line's end, is clamped to the character's start or to
    the line's end)."""
    if encoding == UTF32 or line.isascii():
        return min(count, len(line))
    used = 0
    for index, ch in enumerate(line):
        width = units(ch, encoding)
        if used + width > count:
            return index
        used += width
    return len(line)


class LineIndex:
    """Offsets of a text's line starts, and conversions of offsets to positions and back."""

    def __init__(self, text: str, encoding: str = UTF16) -> None:
        self.text = text
        self.encoding = encoding
        self.starts = [0, *(m.end() for m in _BREAK.finditer(text))]

    def line_text(self, line: int) -> str:
        """A 0-based line without its break ('' past the end)."""
        if line < 0 or line >= len(self.starts):
            return ""
        end = self.starts[line + 1] if line + 1 < len(self.starts) else len(self.text)
        return self.text[self.starts[line] : end].rstrip("\r\n")

    def position(self, offset: int) -> tuple[int, int]:
        """(line, character) of a character offset, clamped to the text."""
        offset = max(0, min(offset, len(self.text)))
        line = bisect_right(self.starts, offset) - 1
        start = self.starts[line]
        body = self.line_text(line)
        return line, units(body[: min(offset - start, len(body))], self.encoding)

    def offset(self, line: int, character: int) -> int:
        """The character offset of a position; a line past the end is the end of the text,
        a character past the end of its line is the line's end (as the protocol says)."""
        if line < 0:
            return 0
        if line >= len(self.starts):
            return len(self.text)
        body = self.line_text(line)
        return self.starts[line] + _chars(body, max(0, character), self.encoding)


def apply_change(
    text: str, change_range: tuple[int, int, int, int] | None, new: str, encoding: str = UTF16
) -> str:
    """``text`` after one ``textDocument/didChange`` content change: the range
    ``(start line, start character, end line, end character)`` replaced by ``new``, or the
    whole text when the range is ``None``."""
    if change_range is None:
        return new
    index = LineIndex(text, encoding)
    start = index.offset(change_range[0], change_range[1])
    end = max(start, index.offset(change_range[2], change_range[3]))
    return text[:start] + new + text[end:]
