"""The result cache in ``.seedlint_cache/``: what :func:`seedlint.pipeline.check.check_target` found
in a file, reused while the file and everything its check depends on are unchanged.

**Where**: ``.seedlint_cache/`` in the directory of the configuration file in use, else in the
current directory (as ruff's ``.ruff_cache``); ``SEEDLINT_CACHE_DIR`` overrides it. The
directory holds a ``.gitignore`` of ``*`` and a ``CACHEDIR.TAG``, so neither git nor backup
tools pick it up.

**Keys**: one cache file per *run key*: seedlint's version, a digest of its own code (a
development install never serves results of older code; the same on every machine with the same
seedlint, so a CI cache restored elsewhere is used), the libraries findings depend on, the
settings, the content of every user schema, the ``--diff-base`` options and the current
directory (display paths are relative to it). Inside it, one entry per file, by display path,
valid for the ``explicit`` flag it was computed with and for the file's roots (the DISARM and
site roots :class:`seedlint.core.context.Context` gives its rules). An entry is reused when the
file's ``lstat`` (size, mtime, mode, inode) is unchanged, or else when the BLAKE2 hash of its
content is: in a fresh clone or with a restored CI cache, where every mtime is new, each file is
read and hashed but none is checked again.

**Only per-file results are cached**: findings, corpus facts, suppression directives, offered
fixes and the notes a check made. Corpus-wide rules (duplicate URLs, dead links) run on every
run over the facts of all files, cached or not, so an edit in one file updates the findings it
causes in others.

**Never wrong, at worst slow**: an entry is written only for a regular file (no symlink) whose
``lstat`` was the same before and after its check and whose mtime is older than the run by
:data:`RACY_NS` (within the timestamp granularity of a file system an edit could keep the mtime:
such a file is checked again next time, as git does with "racily clean" entries). A cache file
is written to a temporary file and renamed over the old one (concurrent runs each write a whole,
consistent file; the last one wins), and ends with a BLAKE2 checksum of its content: a
truncated, corrupt, foreign or unreadable cache is ignored as if absent, and an entry of the
wrong shape is a miss. Entries of files that no longer exist are dropped when the cache is next
written.

The content is :mod:`marshal` data of plain values (no code is loaded from a cache nor run),
in chunks, so that neither reading nor writing holds a second copy of a big cache in memory. A
run that checked only a few files appends their entries to a journal beside the cache file
instead of rewriting it (:meth:`Cache.save`).

**The cache is local state, never input**: a cache directory can sit in a checkout that a pull
request filled (a ``.seedlint_cache/`` force-added to the change, forged so that a defective
file has no findings). Every cache file and journal record is authenticated with a keyed BLAKE2
MAC whose key lives outside any checkout (:func:`mac_key`: ``~/.cache/seedlint/cache.key``, made
on first use with mode 0600; ``SEEDLINT_CACHE_KEY_FILE`` names another file, for a CI cache
restored on another runner). Nothing is unmarshalled before its MAC checks out, and no length
read from the file is trusted beyond the file's size, so no byte string can crash the
interpreter or make it allocate more than the file holds: a file this machine did not write is
ignored, as if absent.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import stat
import struct
from collections.abc import Iterable, Iterator
from dataclasses import fields
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, NamedTuple

from seedlint import __version__
from seedlint.core.finding import Finding, Severity

if TYPE_CHECKING:
    from seedlint.fixes.model import Fix

DIRECTORY = ".seedlint_cache"
ENV_DIRECTORY = "SEEDLINT_CACHE_DIR"
ENV_KEY_FILE = "SEEDLINT_CACHE_KEY_FILE"
FORMAT = 3
MAGIC = b"seedlint-cache\n"
RACY_NS = 3_000_000_000  # an mtime this recent (3 s) is not trusted to reveal an edit
MAX_AGE_NS = 30 * 86_400 * 1_000_000_000  # cache files of other run keys unused this long go
CHUNK = 2048  # entries a marshal chunk

# Finding fields stored in an entry (``path`` is the entry's display path)
_FINDING_FIELDS = tuple(f.name for f in fields(Finding))
_PATH_INDEX = _FINDING_FIELDS.index("path")
_SEVERITY_INDEX = _FINDING_FIELDS.index("severity")

# what identifies a file's content: its stat (size, mtime or -1 when untrusted, mode, inode)
# packed in 32 bytes, then the 16-byte hash of its bytes
Meta = bytes
# an entry as a cache file holds it: the fields of :class:`Entry` in a plain tuple (marshal
# stores no tuple subclass); its shape is checked when it is read (:meth:`Entry.load`)
StoredEntry = tuple[Any, ...]


class Payload(NamedTuple):
    """An outcome as plain data: what a worker process sends back, and what an :class:`Entry`
    holds besides its key. Findings are tuples of Finding's fields without ``path``
    (:func:`encode_findings`), fixes ``(finding index, edits, other fields)``
    (:func:`encode_fixes`)."""

    kind: str | None
    skipped: bool
    findings: tuple[tuple[Any, ...], ...]
    facts: dict[str, Any]
    suppressions: tuple[Any, ...]
    notes: tuple[str, ...]
    fixes: tuple[Any, ...]


class Entry(NamedTuple):
    """One file's cached outcome: valid for the ``explicit`` flag and the roots (``env``) it
    was computed with, and for the file whose stat and content hash ``meta`` says; then the
    fields of its :class:`Payload`.

    A cache file holds it as a plain tuple (:meth:`stored`, :meth:`dump`), read back by
    :meth:`load` (``tuple.__new__``: a third of ``Entry._make``'s cost; a warm run reads most
    entries without making one: :func:`seedlint.execution.fast.clean_hit`)."""

    explicit: bool
    env: str
    meta: Meta
    kind: str | None
    skipped: bool
    findings: tuple[tuple[Any, ...], ...]
    facts: dict[str, Any]
    suppressions: tuple[Any, ...]
    notes: tuple[str, ...]
    fixes: tuple[Any, ...]

    @staticmethod
    def stored(explicit: bool, env: str, meta: Meta, payload: Payload) -> StoredEntry:
        """The entry of a new outcome as a cache file holds it (made directly: 0.2 us, where
        ``Entry(...).dump()`` costs 1 us)."""
        return (explicit, env, meta, *payload)

    @classmethod
    def load(cls, stored: Any) -> Entry:
        """The entry of a stored tuple; ``TypeError`` when it has the wrong shape."""
        if stored.__class__ is cls:
            return stored
        if stored.__class__ is not tuple or len(stored) != _ENTRY_SIZE:
            raise TypeError("malformed cache entry")
        return tuple.__new__(cls, stored)

    def dump(self) -> StoredEntry:
        """The entry as a cache file holds it."""
        return tuple(self)

    def renewed(self, meta: Meta) -> Entry:
        """The same outcome for a new stat of the same content."""
        return self._replace(meta=meta)


_ENTRY_SIZE = len(Entry._fields)
_STAT = struct.Struct("<qqqq")
_LENGTH = struct.Struct("<I")


def digest(data: bytes | memoryview) -> bytes:
    """The content hash of a file's bytes."""
    return hashlib.blake2b(data, digest_size=16).digest()


def stat_bytes(info: os.stat_result) -> bytes:
    return _STAT.pack(info.st_size, info.st_mtime_ns, info.st_mode, info.st_ino)


def meta(info: os.stat_result, content: bytes, trusted: bool) -> Meta:
    """The meta of a file; an untrusted stat never matches, so its content is hashed again."""
    mtime = info.st_mtime_ns if trusted else -1
    return _STAT.pack(info.st_size, mtime, info.st_mode, info.st_ino) + content


def cacheable(info: os.stat_result, started_ns: int) -> bool:
    """A regular file whose mtime is old enough that an edit would have changed it."""
    return stat.S_ISREG(info.st_mode) and info.st_mtime_ns < started_ns - RACY_NS


class KeyRead(NamedTuple):
    """A file as read for its cache key."""

    info: os.stat_result
    digest: bytes  # of ``content``
    content: bytes


def read_for_key(path: str, max_bytes: int) -> KeyRead | None:
    """The stat, content hash and content of a regular file of at most ``max_bytes``, read without
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
        return KeyRead(info, digest(data), data)
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


_SCALARS = frozenset({str, int, float, bool, bytes, type(None)})


def plain(value: Any) -> Any:
    """``value`` as :mod:`marshal` stores it: the records in it (NamedTuples of corpus facts)
    as plain tuples, in lists, dicts and tuples at any depth (1.4 us for a news item's facts,
    two article URLs)."""
    cls = value.__class__
    if cls in _SCALARS:
        return value
    if cls is dict:
        return {k: v if v.__class__ in _SCALARS else plain(v) for k, v in value.items()}
    if cls is list:
        return [v if v.__class__ in _SCALARS else plain(v) for v in value]
    if isinstance(value, tuple):
        if _SCALARS.issuperset(map(type, value)):  # a record of scalars
            return tuple(value)
        return tuple([v if v.__class__ in _SCALARS else plain(v) for v in value])
    return value


def decode_findings(display: str, rows: Iterable[tuple[Any, ...]]) -> list[Finding]:
    out = []
    for row in rows:
        values = list(row)
        values.insert(_PATH_INDEX, display)
        values[_SEVERITY_INDEX] = Severity(values[_SEVERITY_INDEX])
        out.append(Finding(*values))
    return out


def encode_fixes(
    findings: list[Finding], fixes: Iterable[tuple[Finding, Fix]]
) -> tuple[Any, ...] | None:
    """(finding index, edits, other fields) for each fix; ``None`` when a fix does not refer to
    one of ``findings`` (it is then not cached)."""
    where = {id(f): i for i, f in enumerate(findings)}
    out = []
    for finding, fix in fixes:
        index = where.get(id(finding))
        if index is None:
            return None
        values = [getattr(fix, f.name) for f in fields(fix)]
        edits = tuple(tuple(getattr(e, f.name) for f in fields(e)) for e in values[0])
        out.append((index, edits, *values[1:]))
    return tuple(out)


def decode_fixes(findings: list[Finding], rows: Iterable[tuple[Any, ...]]) -> list[Any]:
    from seedlint.fixes.model import Edit, Fix

    return [
        (findings[index], Fix(tuple(Edit(*e) for e in edits), *rest))
        for index, edits, *rest in rows
    ]


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
    """A digest of seedlint's own modules and schemas, by content (the same on every machine
    that installed the same seedlint, changed by any edit of a development install; ~2 ms)."""
    import seedlint

    roots = [Path(seedlint.__file__).parent]
    try:
        from importlib import resources

        schemas = Path(str(resources.files("seedlint.schemas")))
        if schemas.is_dir() and schemas not in roots:
            roots.append(schemas)
    except (ImportError, TypeError, ValueError):  # pragma: no cover - unusual installs
        pass
    hasher = hashlib.blake2b(digest_size=16)
    for number, root in enumerate(roots):
        for folder, dirs, files in os.walk(root):
            dirs[:] = sorted(d for d in dirs if d != "__pycache__")
            for name in sorted(files):
                if not name.endswith((".py", ".json")):
                    continue
                try:
                    with open(os.path.join(folder, name), "rb") as handle:
                        content = handle.read()
                except OSError:
                    continue
                where = f"{number}:{os.path.relpath(folder, root)}/{name}\0{len(content)}\0"
                hasher.update(where.encode("utf-8", "surrogatepass"))
                hasher.update(content)
    return hasher.hexdigest()


def run_key(parts: Iterable[object]) -> str:
    """The key of a run: seedlint's version and code, then ``parts`` (settings, schemas...)."""
    return "\n".join([__version__, code_fingerprint(), *(repr(p) for p in parts)])


class Cache:
    """The entries of one run key, loaded from and written to one file."""

    def __init__(self, file: Path, entries: dict[str, StoredEntry] | None = None) -> None:
        self.file = file
        self.entries: dict[str, StoredEntry] = entries if entries is not None else {}
        self.started_ns = time_ns()
        self.shards: list[Path] = []  # the shard files merged into ``entries``
        self.hits = 0  # entries of this run's files: when all are, no other file has one
        self.base_size = 0  # entries loaded from the file itself (0: none, or no file)
        self.journal_size = 0  # entries loaded from its journal

    @classmethod
    def open(
        cls,
        directory: Path,
        run_key: str,
        max_bytes: int | None = None,
        shard: tuple[int, int] | None = None,
    ) -> Cache | None:
        """The cache of ``run_key``: its file and the files shard runs wrote for it (merged);
        ``None`` when they are larger than ``max_bytes`` together (the run leaves them alone).
        A shard run (``--shard K/N``) writes its own file, which a run of the whole corpus
        merges and then removes (the CI-matrix recipe of benchmarks/README.md)."""
        name = hashlib.blake2b(run_key.encode(), digest_size=12).hexdigest()
        folder = directory / f"v{FORMAT}"
        own = f"{name}.shard-{shard[0]}-of-{shard[1]}.bin" if shard else f"{name}.bin"
        cache = cls(folder / own)
        files = [folder / f"{name}.bin", *sorted(folder.glob(f"{name}.shard-*.bin"))]
        sizes = {}
        for file in files:
            with contextlib.suppress(OSError):
                sizes[file] = file.stat().st_size
        if max_bytes is not None and sum(sizes.values()) > max_bytes:
            return None
        cache.shards = [f for f in files if f.name != f"{name}.bin" and f in sizes]
        for file in files:
            if sizes.get(file):
                loaded = _load(file)
                if loaded:  # in use: not a stale file for another run to prune
                    cache.entries.update(loaded)
                    if file == cache.file:
                        cache.base_size = len(loaded)
                    with contextlib.suppress(OSError):
                        os.utime(file)
        if shard is None and cache.base_size:
            journal = _load_journal(cache.journal)
            cache.journal_size = sum(len(record) for record in journal)
            for record in journal:
                cache.entries.update(record)
        return cache

    @property
    def journal(self) -> Path:
        """The file that later runs append their new entries to (see :meth:`save`)."""
        return self.file.with_suffix(".journal")

    def save(
        self,
        entries: Iterable[tuple[str, StoredEntry]],
        changes: list[tuple[str, StoredEntry]] | None = None,
    ) -> None:
        """Write the cache: ``changes`` (the new entries of a run whose other entries are the
        loaded ones) appended to the journal when they are few, else ``entries`` (everything)
        as the new content, atomically. Any failure leaves the previous files in place.

        The journal keeps a run that re-checked a few files from rewriting every entry: a
        record is one write of its entries and their checksum, appended; loading stops at the
        first record that is not whole. Once the journal holds a quarter as many entries as
        the file, the next run writes everything into the file and removes the journal.
        Concurrent runs may lose each other's records, never mix them up: an entry is used
        only for the stat and content hash it was made for.
        """
        if (
            changes is not None
            and self.base_size
            and ".shard-" not in self.file.name
            and not self.shards
            and self.journal_size + len(changes) <= self.base_size // 4
        ) and (not changes or _append_journal(self.journal, changes)):
            return
        self._rewrite(entries)

    def _rewrite(self, entries: Iterable[tuple[str, StoredEntry]]) -> None:
        import tempfile

        try:
            _prepare(self.file.parent)
            fd, temporary = tempfile.mkstemp(prefix=".tmp-", dir=self.file.parent)
        except OSError:
            return  # a read-only tree: the run's results do not depend on the cache
        try:
            os.chmod(temporary, 0o666 & ~_umask())
            with os.fdopen(fd, "wb") as handle:
                _write(handle, entries)
            os.replace(temporary, self.file)
            if ".shard-" not in self.file.name:
                with contextlib.suppress(OSError):  # its entries are in the file now
                    os.unlink(self.journal)
                for merged in self.shards:  # their entries are in this file now
                    with contextlib.suppress(OSError):
                        os.unlink(merged)
        except (OSError, ValueError, TypeError):
            with contextlib.suppress(OSError):
                os.unlink(temporary)
            return  # a full disk, a value marshal cannot write: no cache this time
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
            raise
        _prune(self.file)


def time_ns() -> int:
    import time

    return time.time_ns()


_KEY: list[bytes] = []  # this process's MAC key, read once


def mac_key() -> bytes:
    """The key that authenticates cache files: 32 random bytes kept outside every checkout
    (``$XDG_CACHE_HOME/seedlint/cache.key``, else ``~/.cache/seedlint/cache.key``, or the file
    ``SEEDLINT_CACHE_KEY_FILE`` names), made on first use. Where it can be neither read nor
    made, a key of this process alone: the cache is then written but never trusted again."""
    if _KEY:
        return _KEY[0]
    named = os.environ.get(ENV_KEY_FILE)
    if named:
        file = Path(named)
    else:
        home = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
        file = Path(home) / "seedlint" / "cache.key"
    key = _read_key(file)
    if key is None:
        key = os.urandom(32)
        with contextlib.suppress(OSError):
            file.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            fd = os.open(file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            try:
                os.write(fd, key)
            finally:
                os.close(fd)
        key = _read_key(file) or key  # a concurrent run made it first: use theirs
    _KEY.append(key)
    return key


def _read_key(file: Path) -> bytes | None:
    try:
        with open(file, "rb") as handle:
            key = handle.read(65)
    except OSError:
        return None
    return key if 16 <= len(key) <= 64 else None


def _mac() -> Any:
    return hashlib.blake2b(key=mac_key(), digest_size=16)


def _write(handle: BinaryIO, entries: Iterable[tuple[str, StoredEntry]]) -> None:
    hasher = _mac()

    def put(data: bytes) -> None:
        hasher.update(data)
        handle.write(data)

    put(MAGIC)
    for chunk in _chunks(entries):
        data = marshal.dumps(chunk)
        put(_LENGTH.pack(len(data)))
        put(data)
    put(_LENGTH.pack(0))
    handle.write(hasher.digest())


def _chunks(entries: Iterable[tuple[str, StoredEntry]]) -> Iterator[list[tuple[str, StoredEntry]]]:
    chunk: list[tuple[str, StoredEntry]] = []
    for item in entries:
        chunk.append(item)
        if len(chunk) >= CHUNK:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _load(file: Path) -> dict[str, StoredEntry]:
    """The entries of a cache file; ``{}`` when it is not a whole cache file that this machine
    wrote (its MAC is checked over the whole file before anything is unmarshalled)."""
    entries: dict[str, StoredEntry] = {}
    try:
        with open(file, "rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            if size < len(MAGIC) + _LENGTH.size + 16 or not _authentic(handle, size):
                return {}
            handle.seek(0)
            if handle.read(len(MAGIC)) != MAGIC:
                return {}
            at, end = len(MAGIC), size - 16
            while at + _LENGTH.size <= end:
                (length,) = _LENGTH.unpack(handle.read(_LENGTH.size))
                at += _LENGTH.size
                if length == 0:
                    return entries if at == end else {}
                if length > end - at:
                    return {}
                chunk = marshal.loads(handle.read(length))
                at += length
                if not isinstance(chunk, list):
                    return {}
                entries.update(chunk)
    except (OSError, EOFError, ValueError, TypeError, MemoryError, struct.error):
        return {}
    return {}


def _authentic(handle: BinaryIO, size: int) -> bool:
    """Whether the file's last 16 bytes are the MAC of the rest (read in fixed chunks)."""
    hasher = _mac()
    remaining = size - 16
    while remaining > 0:
        block = handle.read(min(remaining, 1 << 20))
        if not block:
            return False
        hasher.update(block)
        remaining -= len(block)
    import hmac

    return hmac.compare_digest(handle.read(16), hasher.digest())


def _append_journal(file: Path, changes: list[tuple[str, StoredEntry]]) -> bool:
    """Append one record of ``changes`` to the journal; whether it was written whole."""
    try:
        data = marshal.dumps(changes)
    except ValueError:  # a value marshal cannot write
        return False
    prefix = _LENGTH.pack(len(data))
    hasher = _mac()
    hasher.update(prefix + data)
    record = prefix + data + hasher.digest()
    try:
        _prepare(file.parent)
        fd = os.open(file, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o666)
        try:
            return os.write(fd, record) == len(record)
        finally:
            os.close(fd)
    except OSError:
        return False


def _load_journal(file: Path) -> list[list[tuple[str, StoredEntry]]]:
    """The whole records of a journal, in order (none when it is missing or unreadable)."""
    records: list[list[tuple[str, StoredEntry]]] = []
    try:
        with open(file, "rb") as handle:
            content = handle.read()
    except OSError:
        return records
    at = 0
    while at + _LENGTH.size <= len(content):
        (length,) = _LENGTH.unpack_from(content, at)
        end = at + _LENGTH.size + length
        if end + 16 > len(content):
            break
        body = content[at:end]
        hasher = _mac()
        hasher.update(body)
        if hasher.digest() != content[end : end + 16]:
            break
        try:
            record = marshal.loads(body[_LENGTH.size :])
        except (EOFError, ValueError, TypeError):
            break
        if not isinstance(record, list):
            break
        records.append(record)
        at = end + 16
    return records


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


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


def _prune(keep: Path) -> None:
    """Remove the cache files of other run keys (older settings, older seedlint code) and
    temporary files of crashed runs that nobody used for :data:`MAX_AGE_NS`."""
    limit = time_ns() - MAX_AGE_NS
    try:
        with os.scandir(keep.parent) as entries:
            for entry in entries:
                if entry.name != keep.name and entry.stat().st_mtime_ns < limit:
                    with contextlib.suppress(OSError):
                        os.unlink(entry.path)
    except OSError:
        pass
