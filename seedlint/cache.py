"""The result cache in ``.seedlint_cache/``: what :func:`seedlint.pipeline.check_target` found
in a file, reused while the file and everything the check depends on are unchanged.

**Where**: ``.seedlint_cache/`` in the directory of the configuration file in use, else in the
current directory (as ruff's ``.ruff_cache``); ``SEEDLINT_CACHE_DIR`` overrides it. The
directory holds a ``.gitignore`` of ``*`` and a ``CACHEDIR.TAG``, so neither git nor backup
tools pick it up.

**Keys**: one cache file per *run key*: seedlint's version, a fingerprint of its own code (so a
development install never serves results of older code), the settings, the content of every
schema, and the ``--diff-base`` options. Inside it, one entry per file, by absolute path, valid
for the display path and ``explicit`` flag it was computed with and for the file's roots (the
DISARM and site roots :class:`seedlint.context.Context` gives its rules). An entry is reused when
the file's ``lstat`` (size, mtime, mode, inode) is unchanged, or else when the BLAKE2 hash of
its content is: a fresh clone or a restored CI cache, where every mtime is new, re-reads and
hashes each file but checks none again.

**Only per-file results are cached**: findings, corpus facts, suppression directives and the
notes a check made. Corpus-wide rules (duplicate URLs, dead links) run on every run over the
facts of all files, cached or not, so a change in one file updates the findings it causes in
others.

**Never wrong, at worst slow**: an entry is written only for a regular file (no symlink) whose
``lstat`` was the same before and after its check and whose mtime is older than the run by
:data:`RACY_NS` (a file changed within the timestamp granularity of the file system could hide
an edit behind an unchanged mtime: it is checked again next time, as git does with "racily
clean" entries). A cache file is written whole to a temporary file and renamed over the old one
(concurrent runs each write a consistent file; the last one wins), and it carries a BLAKE2
checksum: a truncated, corrupt, foreign or unreadable cache is ignored, as if it were absent.
Outcomes that offer fixes are not cached (``--fix`` needs them fresh).

The payload is :mod:`marshal` data of plain values (no code is loaded or run from a cache); the
cache is local data trusted like any other file of the working tree.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import stat
import tempfile
import time
from collections.abc import Iterable
from dataclasses import fields
from pathlib import Path
from typing import Any

from seedlint import __version__
from seedlint.finding import Finding, Severity

DIRECTORY = ".seedlint_cache"
ENV_DIRECTORY = "SEEDLINT_CACHE_DIR"
FORMAT = 1
MAGIC = b"seedlint-cache\n"
RACY_NS = 3_000_000_000  # an mtime this recent (3 s) is not trusted to reveal an edit
MAX_AGE_NS = 30 * 86_400 * 1_000_000_000  # entries unused for 30 days are dropped

# Finding fields stored in an entry (``path`` is the entry's display path)
_FINDING_FIELDS = tuple(f.name for f in fields(Finding))
_PATH_INDEX = _FINDING_FIELDS.index("path")
_SEVERITY_INDEX = _FINDING_FIELDS.index("severity")

# An outcome as plain data: (kind, skipped, findings, facts, suppressions, notes); findings as
# tuples of Finding's fields without ``path``. The same form travels between processes.
Payload = tuple[Any, ...]
# stat key: (size, mtime_ns, mode, inode)
StatKey = tuple[int, int, int, int]
# entry: (display, explicit, env, stat key or None, digest, last used ns, payload)
Entry = tuple[str, bool, str, StatKey | None, bytes, int, Payload]


def digest(data: bytes | memoryview) -> bytes:
    """The content hash of a file's bytes."""
    return hashlib.blake2b(data, digest_size=16).digest()


def stat_key(info: os.stat_result) -> StatKey:
    return (info.st_size, info.st_mtime_ns, info.st_mode, info.st_ino)


def cacheable(info: os.stat_result, started_ns: int) -> bool:
    """A regular file whose mtime is old enough that an edit would have changed it."""
    return stat.S_ISREG(info.st_mode) and info.st_mtime_ns < started_ns - RACY_NS


def read_for_key(path: str, max_bytes: int) -> tuple[StatKey, bytes] | None:
    """(stat key, content hash) of a regular file of at most ``max_bytes``, read without
    following a symlink; ``None`` for anything else (the file is then checked, uncached)."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags | getattr(os, "O_CLOEXEC", 0))
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size > max_bytes:
            return None
        data = os.read(fd, info.st_size + 1)
        if len(data) != info.st_size:
            return None  # it is being written: check it, do not cache it
        return stat_key(info), digest(data)
    except OSError:
        return None
    finally:
        os.close(fd)


# --- outcome <-> payload -------------------------------------------------------------------


def encode_findings(findings: Iterable[Finding]) -> tuple[tuple[Any, ...], ...]:
    out = []
    for finding in findings:
        values = [getattr(finding, name) for name in _FINDING_FIELDS]
        values[_SEVERITY_INDEX] = str(values[_SEVERITY_INDEX].value)
        del values[_PATH_INDEX]
        out.append(tuple(values))
    return tuple(out)


def decode_findings(display: str, rows: Iterable[tuple[Any, ...]]) -> list[Finding]:
    out = []
    for row in rows:
        values = list(row)
        values.insert(_PATH_INDEX, display)
        values[_SEVERITY_INDEX] = Severity(values[_SEVERITY_INDEX])
        out.append(Finding(*values))
    return out


# --- the cache file --------------------------------------------------------------------------


def directory_for(config_path: Path | None, cwd: Path | None = None) -> Path:
    """``.seedlint_cache`` next to the configuration file, else in the current directory."""
    override = os.environ.get(ENV_DIRECTORY)
    if override:
        return Path(override)
    if config_path is not None:
        return config_path.resolve().parent / DIRECTORY
    return (cwd or Path.cwd()) / DIRECTORY


def code_fingerprint() -> str:
    """A digest of seedlint's own modules and schemas (names, sizes, mtimes)."""
    import seedlint

    package = Path(seedlint.__file__).parent
    roots = [package]
    try:
        from importlib import resources

        schemas = Path(str(resources.files("seedlint.schemas")))
        if schemas.is_dir():
            roots.append(schemas)
    except (ImportError, TypeError, ValueError):  # pragma: no cover - unusual installs
        pass
    parts: list[str] = []
    for root in roots:
        for folder, dirs, files in os.walk(root):
            dirs[:] = sorted(d for d in dirs if d != "__pycache__")
            for name in sorted(files):
                if name.endswith((".py", ".json")):
                    full = os.path.join(folder, name)
                    try:
                        info = os.stat(full)
                    except OSError:
                        continue
                    parts.append(f"{os.path.relpath(full, root)}:{info.st_size}:{info.st_mtime_ns}")
    return hashlib.blake2b("\n".join(parts).encode(), digest_size=16).hexdigest()


class Cache:
    """The entries of one run key, loaded from and saved to one file."""

    def __init__(self, file: Path, entries: dict[str, Entry] | None = None) -> None:
        self.file = file
        self.entries: dict[str, Entry] = entries if entries is not None else {}
        self.dirty = False
        self.started_ns = time.time_ns()

    @classmethod
    def open(cls, directory: Path, run_key: str, max_bytes: int | None = None) -> Cache | None:
        """The cache of ``run_key``; ``None`` when its file is larger than ``max_bytes`` (the
        run leaves it alone)."""
        name = hashlib.blake2b(run_key.encode(), digest_size=12).hexdigest()
        cache = cls(directory / f"v{FORMAT}" / f"{name}.bin")
        if max_bytes is not None:
            try:
                if cache.file.stat().st_size > max_bytes:
                    return None
            except OSError:
                pass
        cache.entries = _load(cache.file)
        return cache

    def get(self, key: str) -> Entry | None:
        return self.entries.get(key)

    def put(self, key: str, entry: Entry) -> None:
        self.entries[key] = entry
        self.dirty = True

    def touch(self, key: str, entry: Entry) -> None:
        """Mark an entry as used now (saved only if something else changed too)."""
        self.entries[key] = entry

    def save(self) -> None:
        """Write the entries atomically; any failure leaves the previous file (or none)."""
        if not self.dirty:
            return
        now = time.time_ns()
        kept = {k: e for k, e in self.entries.items() if now - e[5] < MAX_AGE_NS}
        try:
            payload = marshal.dumps((FORMAT, kept))
            _prepare(self.file.parent)
            fd, temporary = tempfile.mkstemp(prefix=".tmp-", dir=self.file.parent)
            try:
                os.chmod(temporary, 0o666 & ~_umask())
                with os.fdopen(fd, "wb") as handle:
                    handle.write(MAGIC)
                    handle.write(digest(payload))
                    handle.write(payload)
                os.replace(temporary, self.file)
            except BaseException:
                with contextlib.suppress(OSError):
                    os.unlink(temporary)
                raise
        except (OSError, ValueError):
            return  # a read-only tree, a full disk: the run's results do not depend on it
        self.dirty = False
        _prune(self.file)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _prune(keep: Path) -> None:
    """Remove the cache files of other run keys (older settings, older seedlint code) and
    temporary files of crashed runs that nobody used for :data:`MAX_AGE_NS`."""
    limit = time.time_ns() - MAX_AGE_NS
    try:
        with os.scandir(keep.parent) as entries:
            for entry in entries:
                if entry.name != keep.name and entry.stat().st_mtime_ns < limit:
                    with contextlib.suppress(OSError):
                        os.unlink(entry.path)
    except OSError:
        pass


def _load(file: Path) -> dict[str, Entry]:
    try:
        data = file.read_bytes()
    except OSError:
        return {}
    head = len(MAGIC) + 16
    if len(data) < head or not data.startswith(MAGIC):
        return {}
    payload = memoryview(data)[head:]
    if digest(payload) != data[len(MAGIC) : head]:
        return {}
    try:
        version, entries = marshal.loads(payload)
    except (EOFError, ValueError, TypeError):
        return {}
    if version != FORMAT or not isinstance(entries, dict):
        return {}
    return entries


def _prepare(directory: Path) -> None:
    """Create the cache directory with its .gitignore and CACHEDIR.TAG."""
    root = directory.parent
    directory.mkdir(parents=True, exist_ok=True)
    ignore = root / ".gitignore"
    if not ignore.exists():
        ignore.write_text("# Automatically created by seedlint.\n*\n", encoding="utf-8")
    tag = root / "CACHEDIR.TAG"
    if not tag.exists():
        tag.write_text(
            "Signature: 8a477f597d28d172789f06886806bc55\n"
            "# This file is a cache directory tag created by seedlint.\n",
            encoding="utf-8",
        )


def run_key(parts: Iterable[object]) -> str:
    """The key of a run: seedlint's version and code, then ``parts`` (settings, schemas...)."""
    return "\n".join([__version__, code_fingerprint(), *(repr(p) for p in parts)])
