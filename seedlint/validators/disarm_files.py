"""D104: page files the corpus holds that have no ID in their name."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any, NamedTuple

from seedlint.core.context import Context
from seedlint.core.document import DisarmDocument
from seedlint.core.finding import Severity, Span
from seedlint.core.rules import Violation, corpus_rule
from seedlint.disarm.corpus import Corpus, groups, note_outside, place
from seedlint.disarm.generations import DIRECTORY_TYPES


class PageFile(NamedTuple):
    """A page's facts: its corpus root and its path relative to it."""

    root: str | None
    rel: str


def collect(doc: DisarmDocument, ctx: Context) -> PageFile:
    where = place(doc, ctx)
    return PageFile(str(where.root) if where.root else None, where.rel)


@corpus_rule(
    "D104", "disarm-unnamed-page-file", kind="disarm", severity=Severity.ERROR, collect=collect
)
def check(facts: Mapping[str, Any], ctx: Context) -> Iterator[tuple[str, Violation]]:
    """A page directory holds a page file without an ID in its name.

    **What it checks**: the page directories of every corpus checked (``techniques/``,
    ``incidents/``, ...) for files named ``.md`` or ``.<something>.md``: pages the generator
    wrote for a spreadsheet row without an ID. Such a name is hidden, so walking the directory
    skips the file; this rule finds it in the listing of every page directory the run checked
    whole (without reading it). A page file named on the command line is checked itself, and
    reported by D102 instead.

    **Why**: the page describes an object without an ID; nothing links to it, and the next
    generator run overwrites it with whatever else lacks an ID.

    **Bad**: ``incidents/.md`` headed ``# Incident : ``

    **Good**: no such file; every page named after its ID.

    **Fix**: delete the file and give the spreadsheet row its ID.
    """
    outside: list[str] = []
    for root, items in groups(facts, PageFile._make):
        if root is None:
            outside.extend(display for display, _ in items)
            continue
        checked = {value.rel for _, value in items}
        prefix = None
        for display, value in items:
            rel = value.rel
            if rel and display.endswith(rel):
                prefix = display[: len(display) - len(rel)]
                break
        if prefix is None:
            continue
        corpus = Corpus(root)
        for directory in corpus.files.names(""):
            if directory not in DIRECTORY_TYPES or corpus.files.listing(directory) is None:
                continue
            names = corpus.files.names(directory)
            visible = [n for n in names if n.endswith(".md") and not n.startswith(".")]
            if not all(f"{directory}/{n}" in checked for n in visible):
                continue  # the run did not walk this directory (files named one by one)
            for name in names:
                rel = f"{directory}/{name}"
                if not (name.startswith(".") and name.endswith(".md")) or rel in checked:
                    continue
                yield (
                    prefix + rel,
                    Violation(
                        Span(1, 1, 1, 2),
                        f"page file '{rel}' has no ID in its name: a page generated for an object "
                        "without an ID (hidden, so directory walks skip it)",
                    ),
                )
    note_outside(ctx, outside)
