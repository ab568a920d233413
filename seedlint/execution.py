"""How the per-file work is executed: from the cache, in this process, or in worker processes.

:func:`check_all` returns one :class:`~seedlint.pipeline.FileOutcome` per target, in the order of
the targets, whatever the route; the findings of a run are the same with ``--jobs 1`` or ``N``,
with or without the cache (``tests/test_execution.py``, ``tests/test_cache.py``).

* **Cache** (:mod:`seedlint.cache`): an unchanged file's outcome is reused; ``--no-cache``
  neither reads nor writes it. A run of a few files next to a big cache leaves the cache alone:
  loading it would cost more than checking them.
* **Pool**: ``--jobs N`` checks files in ``N`` worker processes (``fork`` where the platform
  has it: the workers start with everything imported), in chunks of files, the results arriving
  in the main process as plain data. The default (``--jobs 0`` or none) starts a pool only
  when there are enough files to check for it to pay (:data:`AUTO_MIN_FILES`), with at most one
  worker per available CPU. A worker that dies takes no result with it: its files are checked
  again in the main process.
"""

from __future__ import annotations

import hashlib
import os
import signal
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

from seedlint.cache import (
    Cache,
    Payload,
    StatKey,
    cacheable,
    decode_findings,
    directory_for,
    encode_findings,
    read_for_key,
    run_key,
    stat_key,
)
from seedlint.context import Context
from seedlint.discover import Target
from seedlint.pipeline import TIME_BUDGET, Engine, FileOutcome, check_target
from seedlint.settings import Settings

# A pool costs about 0.1 s to start and feed; below this many files to check it does not pay.
AUTO_MIN_FILES = 600
# ... and each automatic worker should have at least this many files.
AUTO_FILES_PER_WORKER = 300
# Loading a cache costs about as much per 50 kB as checking one file: a run of n files leaves
# a cache bigger than n * this alone (and does not write it).
CACHE_BYTES_PER_FILE = 50_000

# (index, target, cache key or None)
Job = tuple[int, Target, str | None]
# what comes back for one file: (index, the outcome as plain data (with its notes) when it
# travels between processes or goes to the cache, the outcome itself in this process or when it
# offers fixes (they do not travel as plain data), its notes, (stat, hash) to cache it under)
Result = tuple[
    int, Payload | None, FileOutcome | None, tuple[str, ...], tuple[StatKey, bytes] | None
]


def check_all(
    targets: Sequence[Target],
    engine: Engine,
    ctx: Context,
    *,
    jobs: int | None = None,
    use_cache: bool = True,
) -> list[FileOutcome]:
    from seedlint import progress

    progress.start(len(targets))  # a no-op unless a progress bar is showing (seedlint.progress)
    outcomes: list[FileOutcome | None] = [None] * len(targets)
    cache = open_cache(engine.settings, ctx, len(targets)) if use_cache else None
    todo: list[Job] = []
    if cache is None:
        todo = [(i, t, None) for i, t in enumerate(targets)]
    else:
        _from_cache(cache, targets, engine, ctx, outcomes, todo)
        progress.advance(len(targets) - len(todo))
    started = cache.started_ns if cache is not None else 0
    max_bytes = engine.settings.limits.max_file_size
    workers = worker_count(jobs, len(todo))
    keys = {index: key for index, _, key in todo}
    results: Iterator[Result]
    if workers > 1:
        results = _pooled(todo, engine, ctx, workers, started, max_bytes)
    else:
        results = (_result(job, engine, ctx, started, max_bytes, keep=True) for job in todo)
    for index, payload, kept, notes, stat_digest in results:
        target = targets[index]
        if kept is not None:
            outcome = kept
            for note in notes:
                ctx.note(note)
        else:
            assert payload is not None
            outcome = _decode(target, payload, ctx)
        outcomes[index] = outcome
        key = keys[index]
        if cache is not None and key is not None and stat_digest is not None:
            if payload is None:
                payload = _encode(outcome, notes)
            cache.put(
                key,
                (
                    target.display,
                    target.explicit,
                    _env(ctx, key),
                    stat_digest[0],
                    stat_digest[1],
                    cache.started_ns,
                    payload,
                ),
            )
        progress.advance()
    if cache is not None:
        cache.save()
    return [o for o in outcomes if o is not None]


def worker_count(jobs: int | None, files: int) -> int:
    """Worker processes for ``files`` files to check: ``jobs`` when given (1: none), else
    automatic."""
    if jobs is not None and jobs > 0:
        return max(1, min(jobs, files))
    if files < AUTO_MIN_FILES:
        return 1
    return max(1, min(available_cpus(), files // AUTO_FILES_PER_WORKER))


def available_cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # pragma: no cover - macOS, Windows
        return os.cpu_count() or 1


# --- the cache ------------------------------------------------------------------------------


def open_cache(settings: Settings, ctx: Context, files: int) -> Cache | None:
    """The cache of this run's key, or ``None`` when it is too big to pay for ``files``."""
    directory = directory_for(settings.config_path)
    key = run_key(
        [
            settings,
            _schema_files(settings),
            _libraries(),
            sys.version,
            ctx.diff_base,
            ctx.only_changed,
        ]
    )
    return Cache.open(directory, key, max_bytes=max(files, 1) * CACHE_BYTES_PER_FILE)


def _schema_files(settings: Settings) -> list[tuple[str, str]]:
    """The content hash of each user schema file (bundled ones are in the code fingerprint)."""
    out = []
    for kind, setting in settings.schemas:
        if setting.path is None:
            continue
        try:
            content = hashlib.blake2b(Path(setting.path).read_bytes(), digest_size=16).hexdigest()
        except OSError:
            content = "unreadable"
        out.append((kind, content))
    return out


def _libraries() -> list[tuple[str, int, int]]:
    """The installed files of the libraries whose behaviour findings depend on."""
    from importlib.util import find_spec

    out = []
    for name in ("yaml", "_yaml", "jsonschema", "fastjsonschema"):
        try:
            spec = find_spec(name)
        except (ImportError, ValueError):
            spec = None
        origin = spec.origin if spec is not None else None
        try:
            info = os.stat(origin) if origin else None
        except OSError:
            info = None
        out.append((name, info.st_size if info else -1, info.st_mtime_ns if info else -1))
    return out


_ENV: dict[str, str] = {}


def _env(ctx: Context, key: str) -> str:
    """What a file's check may consult besides its content and the settings: its roots (the
    file ``key`` is an absolute path, never a symlink: only regular files are cached)."""
    directory = os.path.dirname(key)
    env = _ENV.get(directory)
    if env is None:
        probe = Path(directory) / "_"
        env = repr((ctx.site_root(probe), ctx.disarm_root(probe)))
        _ENV[directory] = env
    return env


def _from_cache(
    cache: Cache,
    targets: Sequence[Target],
    engine: Engine,
    ctx: Context,
    outcomes: list[FileOutcome | None],
    todo: list[Job],
) -> None:
    """Fill ``outcomes`` from the cache; what it cannot answer goes to ``todo``."""
    _ENV.clear()  # the roots of a directory may change between runs of one process
    cwd = os.getcwd()
    max_bytes = engine.settings.limits.max_file_size
    for index, target in enumerate(targets):
        if target.problem is not None:
            todo.append((index, target, None))
            continue
        key = os.path.join(cwd, os.fspath(target.path))
        outcome = _cached(cache, key, target, ctx, max_bytes)
        if outcome is None:
            todo.append((index, target, key))
        else:
            outcomes[index] = outcome


def _cached(
    cache: Cache, key: str, target: Target, ctx: Context, max_bytes: int
) -> FileOutcome | None:
    """The cached outcome of ``target``, or ``None`` when there is none it can trust."""
    entry = cache.get(key)
    if (
        not isinstance(entry, tuple)
        or len(entry) != 7
        or entry[0] != target.display
        or entry[1] is not target.explicit
        or entry[2] != _env(ctx, key)
    ):
        return None
    path = os.fspath(target.path)
    try:
        info = os.lstat(path)
    except OSError:
        return None
    if entry[3] != stat_key(info):
        found = read_for_key(path, max_bytes)
        if found is None or found[1] != entry[4]:
            return None
        # same content, new stat (a fresh clone, a touch): trust the stat from now on
        trusted = found[0] if cacheable(info, cache.started_ns) else None
        entry = (*entry[:3], trusted, entry[4], cache.started_ns, entry[6])
        cache.put(key, entry)
    else:
        cache.touch(key, (*entry[:5], cache.started_ns, entry[6]))
    try:
        return _decode(target, entry[6], ctx)
    except (TypeError, ValueError, IndexError, KeyError, AttributeError):
        return None  # an entry of the wrong shape: check the file again


# --- one file -------------------------------------------------------------------------------


def _result(
    job: Job,
    engine: Engine,
    ctx: Context,
    started_ns: int,
    max_bytes: int,
    *,
    keep: bool,
) -> Result:
    """Check one file. With a cache key, also the (stat, hash) its outcome may be cached under:
    ``None`` when the file changed during the check, is too recent to trust its mtime, or the
    outcome offers fixes. ``keep``: return the outcome object itself (in this process)."""
    index, target, key = job
    stat_digest = read_for_key(os.fspath(target.path), max_bytes) if key is not None else None
    saved, ctx.notes = ctx.notes, []
    try:
        outcome = check_target(target, engine, ctx)
        notes = ctx.notes
    finally:
        ctx.notes = saved
    if stat_digest is not None:
        try:
            after = os.lstat(target.path)
        except OSError:
            stat_digest = None
        else:
            if stat_key(after) != stat_digest[0] or not cacheable(after, started_ns):
                stat_digest = None
    if outcome.fixes or any(f.code == TIME_BUDGET for f in outcome.findings):
        stat_digest = None  # a check stopped by the time budget depends on the machine's load
    if keep or outcome.fixes:
        return index, None, outcome, tuple(notes), stat_digest
    return index, _encode(outcome, notes), None, (), stat_digest


def _encode(outcome: FileOutcome, notes: Sequence[str]) -> Payload:
    return (
        outcome.kind,
        outcome.skipped,
        encode_findings(outcome.findings),
        outcome.facts,
        outcome.suppressions,
        tuple(notes),
    )


def _decode(target: Target, payload: Payload, ctx: Context) -> FileOutcome:
    """The outcome of a payload; raises ``TypeError``/``ValueError`` when it is malformed."""
    kind, skipped, rows, facts, suppressions, notes = payload
    if not (
        (kind is None or isinstance(kind, str))
        and isinstance(skipped, bool)
        and isinstance(facts, dict)
        and isinstance(suppressions, list)
        and all(isinstance(note, str) for note in notes)
    ):
        raise TypeError("malformed outcome")
    findings = decode_findings(target.display, rows) if rows else []
    for note in notes:
        ctx.note(note)
    return FileOutcome(target.display, kind, findings, facts, suppressions, skipped)


# --- the pool -------------------------------------------------------------------------------

_WORKER: tuple[Engine, Context] | None = None


def _init_worker(settings: Settings, ctx: Context) -> None:
    global _WORKER
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the main process handles Ctrl-C
    _WORKER = (Engine(settings), ctx)


def _check_chunk(chunk: list[Job], started_ns: int, max_bytes: int) -> list[Result]:
    assert _WORKER is not None
    engine, ctx = _WORKER
    return [_result(job, engine, ctx, started_ns, max_bytes, keep=False) for job in chunk]


def _pooled(
    todo: list[Job],
    engine: Engine,
    ctx: Context,
    workers: int,
    started_ns: int,
    max_bytes: int,
) -> Iterator[Result]:
    import multiprocessing
    from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
    from concurrent.futures.process import BrokenProcessPool

    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    size = max(8, min(256, len(todo) // (workers * 8) or 1))
    chunks = [todo[i : i + size] for i in range(0, len(todo), size)]
    worker_ctx = Context(
        ctx.settings, verbose=ctx.verbose, diff_base=ctx.diff_base, only_changed=ctx.only_changed
    )
    done: set[int] = set()
    executor = ProcessPoolExecutor(
        workers,
        mp_context=context,
        initializer=_init_worker,
        initargs=(engine.settings, worker_ctx),
    )
    try:
        pending: dict[Future[list[Result]], int] = {}
        queue = iter(range(len(chunks)))
        for number in queue:  # keep every worker busy and one chunk queued for each
            pending[executor.submit(_check_chunk, chunks[number], started_ns, max_bytes)] = number
            if len(pending) >= 2 * workers:
                break
        while pending:
            finished, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in finished:
                number = pending.pop(future)
                results = future.result()
                done.add(number)
                yield from results
                following = next(queue, None)
                if following is not None:
                    pending[
                        executor.submit(_check_chunk, chunks[following], started_ns, max_bytes)
                    ] = following
    except BrokenProcessPool:
        # a worker died (killed, or crashed in a C extension): check what is left here
        for number, chunk in enumerate(chunks):
            if number not in done:
                for job in chunk:
                    yield _result(job, engine, ctx, started_ns, max_bytes, keep=True)
    finally:
        executor.shutdown(wait=True, cancel_futures=True)
