"""What the cross-file (corpus) rules share: where a page sits in its corpus, and a view of the
corpus built once per root from the facts of the run and the corpus listing.

Facts are small JSON-compatible lists, collected per page (and cached with it); every corpus
check is one pass over the facts plus dictionary lookups, so a whole corpus is checked in time
linear in its size. Files are looked up in :class:`~seedlint.disarm.links.CorpusFiles` (one
``scandir`` per directory); a title missing from the facts (a page not checked in this run) is
read from the first lines of the page, which is always inside the corpus root.
"""

from __future__ import annotations

import os
import posixpath
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol, TypeVar

from seedlint.core.context import Context
from seedlint.core.document import DisarmDocument
from seedlint.disarm import ids
from seedlint.disarm.generations import PAGE_TYPE
from seedlint.disarm.links import CorpusFiles

_HEADING = re.compile(r"#[ \t]+[A-Za-z][A-Za-z -]*?[ \t]+(?P<id>[^\s:]+)[ \t]*:[ \t]*(?P<name>.*)")
_HEAD_BYTES = 4096


@dataclass(frozen=True, slots=True)
class Place:
    """A page's place in its corpus: the root and the page's path relative to it."""

    root: Path | None
    rel: str  # posix path relative to the root ("" when the page is in no corpus)
    directory: str = ""  # the page's directory relative to the root ("" for the root)


def place(doc: DisarmDocument, ctx: Context) -> Place:
    cached = doc.page.cache.get("place")
    if isinstance(cached, Place):
        return cached
    directory = _real_directory(str(doc.path.absolute().parent))
    root = ctx.disarm_root(directory / doc.path.name)
    rel = ""
    if root is not None:
        try:
            rel = (directory / doc.path.name).relative_to(root).as_posix()
        except ValueError:
            root = None
    result = Place(root, rel, posixpath.dirname(rel))
    doc.page.cache["place"] = result
    return result


@lru_cache(maxsize=4096)
def _real_directory(directory: str) -> Path:
    """A page's directory with symbolic links resolved, once per directory."""
    return Path(os.path.realpath(directory))


def page_directories(kind: ids.IdKind) -> tuple[str, ...]:
    """The directories that may hold pages of ``kind`` (every generation's names)."""
    found = PAGE_TYPE.get(kind.name)
    names = found.directories if found is not None else ()
    return names or ((kind.directory,) if kind.directory else ())


class Corpus:
    """One corpus root as the corpus rules see it."""

    def __init__(self, root: Path, titles: Mapping[str, str] | None = None) -> None:
        self.root = root
        self.files = CorpusFiles(root)
        self._titles: dict[str, str | None] = dict(titles or {})

    def page_of(self, identifier: str) -> str | None:
        """The path (relative to the root) of the page of ``identifier``, if it exists."""
        kind = ids.kind_of(identifier)
        if kind is None:
            return None
        for directory in page_directories(kind):
            rel = f"{directory}/{identifier}.md"
            if self.files.exists(rel):
                return rel
        return None

    def has_pages(self, kind: ids.IdKind) -> bool:
        """Whether this corpus has a page directory for ``kind`` at all (detections, for
        example, are listed in an index but have no pages in most generations)."""
        return any(self.files.listing(d) is not None for d in page_directories(kind))

    def title(self, rel: str) -> str | None:
        """The name in the heading of the page at ``rel`` (``None`` when unknown)."""
        if rel in self._titles:
            return self._titles[rel]
        title = None
        if self.files.exists(rel):
            path = self.root / rel
            try:
                if not path.is_symlink():
                    with path.open("rb") as handle:
                        head = handle.read(_HEAD_BYTES).decode("utf-8", "replace")
                    first = head.lstrip("\ufeff").lstrip().split("\n", 1)[0].rstrip("\r")
                    match = _HEADING.match(first)
                    title = match["name"].strip() if match else None
            except OSError:
                title = None
        self._titles[rel] = title
        return title


class Placed(Protocol):
    """A page's corpus facts: a record whose first field is its corpus root."""

    @property
    def root(self) -> str | None: ...


P = TypeVar("P", bound=Placed)


def groups(
    facts: Mapping[str, Any], load: Callable[[Any], P]
) -> Iterator[tuple[Path | None, list[tuple[str, P]]]]:
    """Facts grouped by corpus root, each loaded by ``load``; pages without facts left out."""
    by_root: dict[str | None, list[tuple[str, P]]] = {}
    for display in sorted(facts):
        value = facts[display]
        if value is None:
            continue
        record = load(value)
        by_root.setdefault(record.root, []).append((display, record))
    for root, items in by_root.items():
        yield (Path(root) if root else None), items


def in_corpora(
    facts: Mapping[str, Any], ctx: Context, load: Callable[[Any], P]
) -> Iterator[tuple[Corpus, list[tuple[str, P]]]]:
    """Each corpus of a run with the facts of its pages; pages in no corpus are said once in
    verbose output (:func:`note_outside`) instead of being judged."""
    outside: list[str] = []
    for root, items in groups(facts, load):
        if root is None:
            outside.extend(display for display, _ in items)
            continue
        yield Corpus(root), items
    note_outside(ctx, outside)


def note_outside(ctx: Context, displays: Iterable[str]) -> None:
    """Say (in verbose output) which pages the cross-file checks could not judge."""
    listed = sorted(displays)
    if not listed:
        return
    shown = ", ".join(listed[:3]) + (f" and {len(listed) - 3} more" if len(listed) > 3 else "")
    ctx.note(
        f"cross-file DISARM checks skipped for {len(listed)} page(s) in no corpus (no "
        f"'generated_pages' ancestor directory): {shown}"
    )
