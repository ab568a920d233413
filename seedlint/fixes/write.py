"""Writing fixed files: atomically, only over the bytes that were checked, permissions kept.

* :func:`read_regular` reads a file that is a regular file and not a symbolic link (a fix never
  follows a link: its target may lie outside the checked paths).
* :func:`replace_atomically` writes the new bytes to a temporary file in the same directory,
  flushes it to disk, gives it the old file's permissions and swaps it in with
  :func:`os.replace`, so an interrupted run leaves the old file or the new one, never half of
  one. Right before the swap, the file is read again: if it changed since it was checked (an
  editor saved it, another tool rewrote it), nothing is written.
* :func:`rename_no_clobber` renames a file within its directory, never over an existing file.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path

_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_BINARY", 0)
    | getattr(os, "O_NOFOLLOW", 0)
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_CLOEXEC", 0)
)


class NotWritten(Exception):
    """Why a fixed file was left as it was."""


def read_regular(path: Path, max_bytes: int) -> tuple[bytes, os.stat_result]:
    """The bytes and status of a regular file that is not a symbolic link."""
    try:
        if os.path.islink(path):
            raise NotWritten("is a symbolic link; fixes are never written through a link")
        fd = os.open(path, _FLAGS)
    except OSError as exc:
        raise NotWritten(f"cannot be read: {exc.strerror or exc}") from None
    try:
        status = os.fstat(fd)
        if not stat.S_ISREG(status.st_mode):
            raise NotWritten("is not a regular file")
        if status.st_size > max_bytes:
            raise NotWritten("is larger than max-file-size")
        chunks = []
        remaining = max_bytes + 1
        while remaining > 0:
            chunk = os.read(fd, min(remaining, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            remaining -= len(chunk)
        data = b"".join(chunks)
        if len(data) > max_bytes:
            raise NotWritten("is larger than max-file-size")
        return data, status
    finally:
        os.close(fd)


def _unchanged(path: Path, expected: bytes) -> None:
    try:
        current, _ = read_regular(path, len(expected) + 1)
    except NotWritten:
        current = None
    if current != expected:
        raise NotWritten("changed on disk during the run; not overwritten")


def replace_atomically(path: Path, expected: bytes, data: bytes) -> None:
    """Replace the content of ``path``, which must still be ``expected``, by ``data``."""
    _unchanged(path, expected)
    status = os.stat(path, follow_symlinks=False)
    directory = path.parent
    fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".seedlint-tmp", dir=directory)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, stat.S_IMODE(status.st_mode))
        with contextlib.suppress(OSError):  # only root may give a file to another owner
            os.chown(temporary, status.st_uid, status.st_gid)
        _unchanged(path, expected)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    _sync_directory(directory)


def rename_no_clobber(path: Path, new: Path) -> None:
    """Rename ``path`` to ``new`` (same directory); refuses to replace an existing file."""
    if new.parent != path.parent:
        raise NotWritten(f"{new} is not in the directory of {path}")
    try:
        os.link(path, new, follow_symlinks=False)
    except FileExistsError:
        raise NotWritten(f"cannot rename: {new.name} already exists") from None
    except OSError:
        # a file system without hard links: check, then rename (a race is harmless: the
        # target would have to appear in the instant between the two calls)
        if os.path.lexists(new):
            raise NotWritten(f"cannot rename: {new.name} already exists") from None
        os.rename(path, new)
    else:
        os.unlink(path)
    _sync_directory(path.parent)


def _sync_directory(directory: Path) -> None:
    """Make a rename durable (POSIX); a no-op where directories cannot be opened."""
    try:
        fd = os.open(directory, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        with contextlib.suppress(OSError):
            os.fsync(fd)
    finally:
        os.close(fd)
