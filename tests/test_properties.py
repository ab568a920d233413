"""Property-based tests (issue 8): random mutations of real news items and DISARM pages never
make seedlint fail, hang or wander, and the findings on a file do not change between runs.

Each example takes a real file (from the shared corpora, copied once into a temporary corpus so
that cross-file rules see real neighbours; from the repository's seeds when the corpora are
absent), applies a few mutations (byte flips, line deletions and duplications, key renames,
value type swaps, insertions of hostile snippets, truncation) and checks it. Properties:

* no internal error (X001) and no time-budget stop (X002: the hang detector);
* every finding names the file and points inside it (1-based, end after start);
* two runs give the same findings.

Fast by default (50 examples per property); a long run:
``SEEDLINT_HYPOTHESIS_EXAMPLES=5000 pytest tests/test_properties.py``.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from seedlint.config.settings import Settings
from seedlint.core.finding import Finding
from seedlint.pipeline.run import run
from tests.conftest import DISARM_NEW, NEWS_CORPUS, SEEDS

EXAMPLES = int(os.environ.get("SEEDLINT_HYPOTHESIS_EXAMPLES", "50"))
PROPERTY = settings(
    max_examples=EXAMPLES,
    deadline=None,  # a slow example is the time budget's business (X002), not a flaky deadline
    database=None,  # write nothing into the repository
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
SAMPLE = 40  # real files per kind that examples start from

# --- the corpora, copied once into a temporary directory ----------------------------------


def _sample(paths: list[Path]) -> list[Path]:
    step = max(1, len(paths) // SAMPLE)
    return paths[::step][:SAMPLE]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, list[str]]]:
    """kind -> (root of the copy, files to mutate relative to it)."""
    root = tmp_path_factory.mktemp("corpus")
    out: dict[str, tuple[Path, list[str]]] = {}
    if NEWS_CORPUS.is_dir():
        site = root / "news"
        shutil.copytree(NEWS_CORPUS, site, symlinks=True)
        files = sorted(p.relative_to(site).as_posix() for p in (site / "_news").glob("*.md"))
        out["news"] = (site, [str(p) for p in _sample([Path(f) for f in files])])
    if DISARM_NEW.is_dir():
        pages = root / "disarm" / "generated_pages"
        shutil.copytree(DISARM_NEW, pages, symlinks=True)
        files = sorted(p.relative_to(pages.parent).as_posix() for p in pages.rglob("*.md"))
        out["disarm"] = (pages.parent, [str(p) for p in _sample([Path(f) for f in files])])
    seeds = root / "seeds"
    shutil.copytree(SEEDS, seeds)
    texts = sorted(p.name for p in seeds.iterdir())
    out.setdefault("news", (seeds, [t for t in texts if not t.startswith("004")]))
    out.setdefault("disarm", (seeds, [t for t in texts if t.startswith("004")]))
    return out


# --- mutations ------------------------------------------------------------------------------

KEYS = [
    "title",
    "url",
    "images",
    "provider",
    "heat",
    "quality",
    "type",
    "topics",
    "titel",
    "<<",
    "x y",
    '"quoted"',
    "? a",
    "- a",
    "  url",
    "0",
    "true",
    "Summary",
    "DO NOT EDIT",
]
VALUES = [
    "1",
    "-1.5",
    "true",
    "null",
    "~",
    "[1, 2]",
    "{a: 1}",
    '"x"',
    "'y'",
    "2020-01-01",
    "2019-12-28T18:13:00Z",
    "",
    "|\n  block",
    ">-",
    "&anchor x",
    "*anchor",
    "!!str 1",
    "!!python/object/apply:os.system [x]",
    "[",
    "{",
    '"unclosed',
    "é",
    "\u2028",
    "\t",
    "a: b: c",
    "- item",
    "---",
    "...",
]
SNIPPETS = [
    "|",
    "| a | b |",
    "| --- | --- |",
    "||||",
    "\\|",
    "[x](../../../../etc/passwd)",
    "[x](%2e%2e/%2e%2e/x)",
    '<a href="file:///etc/passwd">x</a>',
    "[",
    "](",
    "DO NOT EDIT ABOVE THIS LINE - PLEASE ADD NOTES BELOW",
    "# Technique T0001: x",
    "| [C00001 x](../../generated_pages/counters/C00001.md) | D03 |",
    "**Summary**:",
    "<!-- seedlint: ignore D301 -->",
    "# seedlint: ignore[N001]",
    "---",
    "\r",
    "\ufeff",
    "T9999.999",
    "I00001",
    "\x07",
    "&a [*a]",
    "*a",
]

index = st.integers(min_value=0, max_value=2**31)
MUTATION = st.one_of(
    st.tuples(st.just("flip"), index, st.integers(0, 255)),
    st.tuples(st.just("delete-line"), index),
    st.tuples(st.just("duplicate-line"), index),
    st.tuples(st.just("truncate"), index),
    st.tuples(st.just("rename-key"), index, st.sampled_from(KEYS)),
    st.tuples(st.just("swap-value"), index, st.sampled_from(VALUES)),
    st.tuples(st.just("insert"), index, st.sampled_from(SNIPPETS)),
)


def mutate(data: bytes, mutations: list[tuple[Any, ...]]) -> bytes:
    for mutation in mutations:
        kind, where = mutation[0], mutation[1]
        lines = data.split(b"\n")
        if kind == "flip" and data:
            buffer = bytearray(data)
            buffer[where % len(buffer)] = mutation[2]
            data = bytes(buffer)
        elif kind == "delete-line":
            del lines[where % len(lines)]
            data = b"\n".join(lines)
        elif kind == "duplicate-line":
            at = where % len(lines)
            lines.insert(at, lines[at])
            data = b"\n".join(lines)
        elif kind == "truncate":
            data = data[: where % (len(data) + 1)]
        elif kind in ("rename-key", "swap-value"):
            keyed = [i for i, line in enumerate(lines) if b":" in line]
            if keyed:
                at = keyed[where % len(keyed)]
                key, _, value = lines[at].partition(b":")
                indent = key[: len(key) - len(key.lstrip())]
                new = mutation[2].encode("utf-8")
                lines[at] = indent + new + b":" + value if kind == "rename-key" else (
                    key + b": " + new
                )  # fmt: skip
                data = b"\n".join(lines)
        elif kind == "insert":
            at = where % (len(lines) + 1)
            line = lines[at] if at < len(lines) else b""
            column = (where // 7) % (len(line) + 1)
            snippet = mutation[2].encode("utf-8")
            if where % 2:
                lines.insert(at, snippet)
            elif at < len(lines):
                lines[at] = line[:column] + snippet + line[column:]
            else:
                lines.append(snippet)
            data = b"\n".join(lines)
    return data


# --- properties -----------------------------------------------------------------------------


def check(root: Path, relative: str) -> list[Finding]:
    """Check one file as pre-commit would (named explicitly), from the corpus root."""
    cwd = os.getcwd()
    os.chdir(root)
    try:
        return run([relative], Settings(), use_cache=False, jobs=1).findings
    finally:
        os.chdir(cwd)


def assert_sound(findings: list[Finding], root: Path, relative: str, data: bytes) -> None:
    lines = data.count(b"\n") + data.count(b"\r") + 2  # an upper bound, whatever the endings
    for finding in findings:
        assert finding.code not in ("X001", "X002"), (finding.message, finding.detail)
        if finding.path != relative:  # a corpus rule on a neighbour (D104: a misnamed file)
            assert (root / finding.path).exists(), finding
            continue
        assert 1 <= finding.line <= lines and finding.column >= 1, finding
        assert (finding.end_line, finding.end_column) >= (finding.line, finding.column), finding
        assert finding.message.strip(), finding


@contextmanager
def mutated(
    corpus: dict[str, tuple[Path, list[str]]],
    kind: str,
    choice: int,
    mutations: list[tuple[Any, ...]],
) -> Iterator[tuple[Path, str, bytes]]:
    """Replace a corpus file by its mutation for the duration of the block."""
    root, files = corpus[kind]
    relative = files[choice % len(files)]
    path = root / relative
    original = path.read_bytes()
    data = mutate(original, mutations)
    path.write_bytes(data)
    try:
        yield root, relative, data
    finally:
        path.write_bytes(original)


@pytest.mark.parametrize("kind", ["news", "disarm"])
@PROPERTY
@given(choice=index, mutations=st.lists(MUTATION, min_size=1, max_size=6))
def test_mutations_never_break_the_check(
    kind: str,
    choice: int,
    mutations: list[tuple[Any, ...]],
    corpus: dict[str, tuple[Path, list[str]]],
) -> None:
    with mutated(corpus, kind, choice, mutations) as (root, relative, data):
        first = check(root, relative)
        assert_sound(first, root, relative, data)
        assert [asdict(f) for f in check(root, relative)] == [asdict(f) for f in first]


@pytest.mark.parametrize("kind", ["news", "disarm"])
def test_findings_on_unchanged_files_are_stable_across_runs_and_the_cache(
    kind: str,
    corpus: dict[str, tuple[Path, list[str]]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    root, files = corpus[kind]
    monkeypatch.chdir(root)
    plain = [asdict(f) for f in run(files, Settings(), use_cache=False, jobs=1).findings]
    cold = [asdict(f) for f in run(files, Settings(), use_cache=True, jobs=1).findings]
    warm = [asdict(f) for f in run(files, Settings(), use_cache=True, jobs=2).findings]
    assert plain == cold == warm
    for finding in plain:
        assert finding["code"] not in ("X001", "X002"), finding


def test_mutate_applies_each_kind_of_mutation() -> None:
    """The mutations do what they say (a property test over a broken mutator proves little)."""
    text = b"a: 1\nb: 2\nc: 3"
    assert mutate(text, [("flip", 0, ord("z"))]) == b"z: 1\nb: 2\nc: 3"
    assert mutate(text, [("delete-line", 1)]) == b"a: 1\nc: 3"
    assert mutate(text, [("duplicate-line", 2)]) == b"a: 1\nb: 2\nc: 3\nc: 3"
    assert mutate(text, [("truncate", 6)]) == b"a: 1\nb"
    assert mutate(text, [("rename-key", 1, "title")]) == b"a: 1\ntitle: 2\nc: 3"
    assert mutate(text, [("swap-value", 0, "[1, 2]")]) == b"a: [1, 2]\nb: 2\nc: 3"
    assert mutate(text, [("insert", 1, "|")]) == b"a: 1\n|\nb: 2\nc: 3"
