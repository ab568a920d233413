"""Baselines: adopt seedlint on a corpus with known defects and fail only on new ones.

``seedlint check --write-baseline FILE`` records today's findings; ``seedlint check --baseline
FILE`` then reports only findings that are not in it. An entry is keyed by rule code, path
(relative to the baseline file's directory) and the content of the line the finding points at
(whitespace-trimmed), never by line number: a finding keeps matching when lines are added or
removed above it, and stops matching when its line changes. ``count`` is how many findings share
the key (say, one rule twice on identical lines). Entries that no longer match anything are
*stale*; ``--show-stale`` lists them so the file can be shrunk (re-run ``--write-baseline``).

The file is JSON, sorted, one key a line, so that its diffs review well::

    {
      "findings": [
        {
          "code": "N005",
          "content": "- url: \\"https://i2.wp.com/x.png?resize=620%2C497&#038;ssl=1\\"",
          "count": 1,
          "path": "_news/2021-02-16-power-apps-filtering.md"
        }
      ],
      "seedlint-baseline": 1
    }

Internal errors (``X001``) are never recorded: they are bugs to report, not debt to carry.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from seedlint.core.finding import Finding
from seedlint.core.fingerprint import Key, LineContents, keyed

VERSION = 1
# internal errors, and the gate's findings: a baseline hides what was there before, and a gate
# finding is about the change itself (nor can a baseline edited by the change hide one)
NEVER_RECORDED = frozenset({"X001", "G001", "G002", "G003", "G004", "G005", "G006", "G010"})


class BaselineError(Exception):
    """A baseline file that cannot be read or is not a seedlint baseline (exit code 2)."""


@dataclass(frozen=True)
class Entry:
    code: str
    path: str
    content: str
    count: int

    @property
    def key(self) -> Key:
        return (self.code, self.path, self.content)


@dataclass(frozen=True)
class Stale:
    """A baseline entry (or part of its count) that matched no finding of the run."""

    entry: Entry
    unmatched: int

    def describe(self) -> str:
        times = f" ({self.unmatched} of {self.entry.count})" if self.entry.count > 1 else ""
        return f"{self.entry.path}: {self.entry.code}{times} {self.entry.content!r}"


def _relative_paths(displays: Iterable[str], base: Path, cwd: Path) -> dict[str, str]:
    """Display path -> path relative to ``base`` (the baseline file's directory), POSIX."""
    base_text = os.path.abspath(base)
    prefix = base_text.rstrip(os.sep) + os.sep
    cwd_text = os.path.abspath(cwd)
    out: dict[str, str] = {}
    for display in displays:
        if display in out:
            continue
        absolute = os.path.normpath(os.path.join(cwd_text, display))
        if absolute.startswith(prefix):  # the common case, without relpath's work
            relative = absolute[len(prefix) :]
        else:
            relative = os.path.relpath(absolute, base_text)
        out[display] = relative.replace(os.sep, "/")
    return out


def entries(findings: Sequence[Finding], base: Path, cwd: Path) -> list[Entry]:
    """The baseline entries of ``findings``, sorted."""
    recorded = [f for f in findings if f.code not in NEVER_RECORDED]
    counts: dict[Key, int] = {}
    for key, _ in keyed(
        recorded, LineContents(cwd), _relative_paths((f.path for f in recorded), base, cwd)
    ):
        counts[key] = counts.get(key, 0) + 1
    return [
        Entry(code, path, content, count)
        for (code, path, content), count in sorted(counts.items(), key=lambda kv: _order(kv[0]))
    ]


def _order(key: Key) -> tuple[str, str, str]:
    code, path, content = key
    return (path, code, content)


def dumps(items: Sequence[Entry]) -> str:
    data: dict[str, Any] = {
        "findings": [
            {"code": e.code, "content": e.content, "count": e.count, "path": e.path} for e in items
        ],
        "seedlint-baseline": VERSION,
    }
    text = json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    # a file name that is not UTF-8 (lone surrogates) is written as \udcXX escapes
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def write(path: Path, findings: Sequence[Finding], cwd: Path) -> list[Entry]:
    """Record ``findings`` in the baseline file ``path`` (replacing it, atomically)."""
    items = entries(findings, path.parent, cwd)
    text = dumps(items)
    path = Path(path)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        if path.parent != Path(""):
            path.parent.mkdir(parents=True, exist_ok=True)
        temporary.write_text(text, encoding="utf-8")
        os.replace(temporary, path)
    except OSError as exc:
        temporary.unlink(missing_ok=True)
        raise BaselineError(f"{path}: cannot write the baseline: {exc.strerror or exc}") from None
    return items


def load(path: Path, reader: Callable[[Path], bytes | None] | None = None) -> list[Entry]:
    """The entries of the baseline file ``path``; ``reader`` reads it (the gate's reads it as
    the base revision has it: :class:`seedlint.config.trust.BaseReader`)."""
    try:
        if reader is None:
            text = Path(path).read_text("utf-8")
        else:
            raw = reader(Path(path))
            if raw is None:
                raise FileNotFoundError(path)
            text = raw.decode("utf-8")
    except FileNotFoundError:
        raise BaselineError(
            f"{path}: baseline file not found (create it with --write-baseline {path})"
        ) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise BaselineError(f"{path}: cannot read the baseline: {exc}") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise BaselineError(
            f"{path}:{exc.lineno}:{exc.colno}: baseline is not valid JSON: {exc.msg}"
        ) from None
    if not isinstance(data, dict) or "seedlint-baseline" not in data:
        raise BaselineError(
            f'{path}: not a seedlint baseline (no "seedlint-baseline" key); '
            "write one with --write-baseline"
        )
    if data["seedlint-baseline"] != VERSION:
        raise BaselineError(
            f"{path}: baseline version {data['seedlint-baseline']!r} is not "
            f"supported (this seedlint writes version {VERSION})"
        )
    raw = data.get("findings")
    if not isinstance(raw, list):
        raise BaselineError(f'{path}: "findings" must be a list')
    out = []
    for number, item in enumerate(raw, start=1):
        try:
            code, file, content, count = item["code"], item["path"], item["content"], item["count"]
        except (TypeError, KeyError):
            raise BaselineError(
                f"{path}: entry {number} lacks one of code, path, content, count"
            ) from None
        if not (
            isinstance(code, str)
            and isinstance(file, str)
            and isinstance(content, str)
            and isinstance(count, int)
            and not isinstance(count, bool)
            and count > 0
        ):
            raise BaselineError(f"{path}: entry {number} has a value of the wrong type")
        out.append(Entry(code, file, content, count))
    return out


def apply(
    findings: Sequence[Finding],
    items: Sequence[Entry],
    base: Path,
    cwd: Path,
    checked: Iterable[str] | None = None,
) -> tuple[list[Finding], list[Stale]]:
    """(findings not in the baseline, stale entries). Of several findings sharing a key, the
    first ``count`` in file order are the baselined ones. With ``checked`` (the display paths
    of the run's files), only entries of files the run checked can be stale: a run over some
    files (a pre-commit hook's) says nothing about the others."""
    budget: dict[Key, int] = {}
    for entry in items:
        budget[entry.key] = budget.get(entry.key, 0) + entry.count
    remaining = dict(budget)
    new: list[Finding] = []
    keys = keyed(
        findings, LineContents(cwd), _relative_paths((f.path for f in findings), base, cwd)
    )
    for finding, (key, index) in zip(findings, keys, strict=True):
        if finding.code not in NEVER_RECORDED and index < budget.get(key, 0):
            remaining[key] -= 1
        else:
            new.append(finding)
    scope = None
    if checked is not None:
        scope = set(_relative_paths(checked, base, cwd).values())
    stale = []
    for entry in items:
        if scope is not None and entry.path not in scope:
            continue
        left = remaining.get(entry.key, 0)
        if left > 0:
            used = min(left, entry.count)
            remaining[entry.key] = left - used
            stale.append(Stale(entry, used))
    return new, stale
