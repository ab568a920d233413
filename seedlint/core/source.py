"""Stage 2: read a file's bytes and decode them into a :class:`SourceText`.

Positions are what an editor shows: lines are split at LF, CRLF and lone CR, columns count
characters (code points) from 1, and a UTF-8 byte-order mark is not part of line 1.
"""

from __future__ import annotations

import codecs
import errno
import os
import re
import stat
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import accumulate, count
from operator import add
from pathlib import Path

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
# a finding's ``context`` (the trimmed line it points at) is cut to this many characters: a
# crafted 2 MiB line with thousands of findings must not become gigabytes of output
CONTEXT_LIMIT = 1000


def line_starts(text: str) -> list[int]:
    """The offset where each line starts: 0, then the end of every line break.

    Files with only LF or only CRLF breaks (nearly all) are split by ``str.split`` and summed
    in C, three times faster than a regular expression's matches; a lone CR takes the regular
    expression.
    """
    if "\r" not in text:
        starts = [0, *map(add, accumulate(map(len, text.split("\n"))), count(1))]
    elif text.count("\r") == text.count("\n") == text.count("\r\n"):
        starts = [0, *map(add, accumulate(map(len, text.split("\r\n"))), count(2, 2))]
    else:
        return [0, *(m.end() for m in _LINE_BREAK.finditer(text))]
    starts.pop()  # the end of the text plus one break: not a line
    return starts


class ReadProblem(Exception):
    """A file that cannot be read as text; ``code`` names the rule that reports it."""

    def __init__(self, code: str, message: str, line: int = 1, column: int = 1) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.line = line
        self.column = column


@dataclass
class SourceText:
    """The decoded text of one file, with an index of line starts."""

    text: str
    had_bom: bool = False
    _starts: list[int] | None = field(default=None, repr=False)
    _excerpts: dict[int, str] = field(default_factory=dict, repr=False, compare=False)

    @property
    def line_starts(self) -> list[int]:
        if self._starts is None:
            self._starts = line_starts(self.text)
        return self._starts

    @property
    def newline(self) -> str:
        """The file's dominant line ending (``\\n`` when it has none)."""
        crlf = self.text.count("\r\n")
        lf = self.text.count("\n") - crlf
        return "\r\n" if crlf > lf else "\n"

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a character offset."""
        starts = self.line_starts
        index = bisect_right(starts, offset) - 1
        return index + 1, offset - starts[index] + 1

    def offset(self, line: int, column: int = 1) -> int:
        starts = self.line_starts
        if line > len(starts):
            return len(self.text)
        return starts[line - 1] + column - 1

    def line_text(self, line: int) -> str:
        """The text of a 1-based line without its line break ('' past the end)."""
        starts = self.line_starts
        if line < 1 or line > len(starts):
            return ""
        end = starts[line] if line < len(starts) else len(self.text)
        return self.text[starts[line - 1] : end].rstrip("\r\n")

    def excerpt(self, line: int) -> str:
        """The trimmed text of a 1-based line, cut to :data:`CONTEXT_LIMIT` characters; made
        once per line, so the findings on one line share it."""
        text = self._excerpts.get(line)
        if text is None:
            text = self.line_text(line).strip()[:CONTEXT_LIMIT]
            self._excerpts[line] = text
        return text

    @property
    def line_count(self) -> int:
        return len(self.line_starts)


def _looks_utf16(data: bytes) -> bool:
    """Text in UTF-16 without a BOM: ASCII characters leave every other byte NUL."""
    head = data[:4096]
    if len(head) < 4:
        return False
    even, odd = head[0::2], head[1::2]
    for zeros, other in ((even, odd), (odd, even)):
        if zeros.count(0) >= 0.9 * len(zeros) and other.count(0) == 0:
            return True
    return False


def decode(data: bytes) -> SourceText:
    """Decode UTF-8 (with or without BOM); anything else raises :class:`ReadProblem`."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise ReadProblem("R001", "file is UTF-16 encoded; seedlint reads UTF-8 only")
    nul = data.find(b"\x00")
    if nul != -1:
        if _looks_utf16(data):
            raise ReadProblem(
                "R001",
                "file looks UTF-16 encoded (without a byte-order mark); seedlint reads UTF-8 only",
            )
        line = data.count(b"\n", 0, nul) + 1
        raise ReadProblem("R002", "file contains NUL bytes (binary file?)", line)
    had_bom = data.startswith(codecs.BOM_UTF8)
    if had_bom:
        data = data[len(codecs.BOM_UTF8) :]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        line_start = data.rfind(b"\n", 0, exc.start) + 1
        column = len(data[line_start : exc.start].decode("utf-8", "replace")) + 1
        raise ReadProblem(
            "R001",
            f"file is not valid UTF-8: byte 0x{data[exc.start]:02x} at offset {exc.start}",
            line,
            column,
        ) from None
    return SourceText(text, had_bom)


_OPEN_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_BINARY", 0)
    | getattr(os, "O_NONBLOCK", 0)  # a FIFO must not block the run
    | getattr(os, "O_NOFOLLOW", 0)  # the path to open is always resolved first
    | getattr(os, "O_CLOEXEC", 0)
)


def within(path: str, root: str) -> bool:
    """Whether the resolved ``path`` is ``root`` or lies under it (both already resolved)."""
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


@lru_cache(maxsize=4096)
def _real_directory(path: str) -> str:
    """A directory's real path, once per directory (many files share one)."""
    return os.path.realpath(path)


def resolve_inside(path: Path, root: Path) -> str:
    """The real path of ``path``, after checking that following its links stays in ``root``.

    Raises :class:`ReadProblem` (R005) for a link that loops or leaves ``root``, and (R004) for
    a link whose target does not exist. A file that is not a link in a directory inside
    ``root`` costs one ``lstat`` (the directory's real path is cached).
    """
    text = os.fspath(path)
    if not os.path.islink(text):
        parent, name = os.path.split(os.path.abspath(text))
        real_parent = _real_directory(parent)
        if within(real_parent, _real_directory(os.fspath(root))):
            return os.path.join(real_parent, name)
    try:
        real = os.path.realpath(path, strict=True)
    except FileNotFoundError:
        if os.path.islink(path):
            raise ReadProblem(
                "R004", f"broken symbolic link: its target {os.readlink(path)} does not exist"
            ) from None
        raise ReadProblem("R004", "file vanished before it could be read") from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise ReadProblem(
                "R005", "symbolic link loops (too many levels of links); not followed"
            ) from None
        raise ReadProblem("R004", f"file cannot be read: {exc.strerror or exc}") from None
    top = _real_directory(os.fspath(root))
    if not within(real, top):
        raise ReadProblem(
            "R005",
            f"symbolic link points outside the checked tree (to {real}); it is not followed",
        )
    return real


def read(path: Path, max_bytes: int, root: Path | None = None) -> SourceText:
    """Read and decode ``path``, refusing anything but a regular file of at most ``max_bytes``.

    With ``root``, the path's symbolic links are resolved first and must stay inside ``root``
    (R005); without it the path itself must not be a symbolic link (the walk of a directory
    passes ``root`` for every link it meets). Devices and FIFOs are refused without reading
    (R004), a file over the limit is refused from its size before reading it (R003).
    """
    where = resolve_inside(path, root) if root is not None else os.fspath(path)
    try:
        fd = os.open(where, _OPEN_FLAGS)
    except FileNotFoundError:
        raise ReadProblem("R004", "file vanished before it could be read") from None
    except IsADirectoryError:
        raise ReadProblem("R004", "path is a directory, not a file") from None
    except PermissionError:
        raise ReadProblem("R004", "file is not readable (permission denied)") from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise ReadProblem(
                "R005", "file is a symbolic link where none was expected; not followed"
            ) from None
        raise ReadProblem("R004", f"file cannot be read: {exc.strerror or exc}") from None
    try:  # os.read on the descriptor: a file object per file costs more than the read
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise ReadProblem("R004", "path is a directory, not a file")
        if not stat.S_ISREG(info.st_mode):
            raise ReadProblem(
                "R004", "not a regular file (a device, FIFO or socket); it is not read"
            )
        if info.st_size > max_bytes:
            raise ReadProblem("R003", _too_large(info.st_size, max_bytes))
        try:
            # the size fstat gave and a byte more (asking for max_bytes would allocate that
            # much for every file); a file that grew since is read on, up to the limit
            data = _read_upto(fd, info.st_size + 1)
            if len(data) > info.st_size:
                data += _read_upto(fd, max_bytes + 1 - len(data))
        except OSError as exc:
            raise ReadProblem("R004", f"file cannot be read: {exc.strerror or exc}") from None
    finally:
        os.close(fd)
    if len(data) > max_bytes:  # it grew after fstat
        raise ReadProblem("R003", _too_large(len(data), max_bytes, at_least=True))
    return decode(data)


def _read_upto(fd: int, size: int) -> bytes:
    """Up to ``size`` bytes, fewer only at the end of the file."""
    data = os.read(fd, size)
    if len(data) == size or not data:
        return data
    chunks = [data]
    size -= len(data)
    while size > 0:
        chunk = os.read(fd, size)
        if not chunk:
            break
        chunks.append(chunk)
        size -= len(chunk)
    return b"".join(chunks)


def _too_large(size: int, limit: int, at_least: bool = False) -> str:
    return (
        f"file is {'at least ' if at_least else ''}{size} bytes, larger than the limit of "
        f"{limit} bytes (max-file-size)"
    )
