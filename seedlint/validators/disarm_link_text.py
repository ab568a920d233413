"""D203: the ID in a DISARM link's text against the page it links to."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator

from seedlint.core.context import Context
from seedlint.core.document import DisarmDocument
from seedlint.core.finding import Severity, Span
from seedlint.core.rules import Violation, document_rule
from seedlint.disarm import ids
from seedlint.disarm.corpus import place
from seedlint.disarm.links import resolve

_LEADING_ID = re.compile(r"\s*(?P<id>\S+)")


@document_rule("D203", "disarm-link-text-id", kind="disarm", severity=Severity.ERROR, fix="unsafe")
def check(doc: DisarmDocument, ctx: Context) -> Iterator[Violation]:
    """The ID a link's text starts with is not the ID of the page it links to.

    **What it checks**: a link whose text starts with a DISARM ID
    (``[T0086.002 Develop AI-Generated Images (Deepfakes)](...)``, or
    ``<a href="techniques/T0002.md">T0002</a>`` on index pages) points at the page of that ID:
    the target's file name without ``.md`` is the same ID. Only the link itself is read; whether
    the target exists is D201's.

    **Why**: the text is what readers trust; a link whose text says one technique and whose
    target is another sends them to the wrong object (a copy-paste slip, or a renumbering the
    text did not follow).

    **Bad**::

        [T0086.002 Develop AI-Generated Images (Deepfakes)](../techniques/T0086.003.md)

    **Good**::

        [T0086.002 Develop AI-Generated Images (Deepfakes)](../techniques/T0086.002.md)

    **Fix**: point the link at the page of the ID in its text, or correct the text.
    ``--fix --unsafe-fixes`` does whichever the corpus shows to be right: the link's name is the
    title of its ID's page (the target is corrected) or of the target page (the ID is), and
    not both; otherwise the link is left to you.
    """
    where = place(doc, ctx)
    for link in doc.page.links:
        match = _LEADING_ID.match(link.text)
        if match is None:
            continue
        identifier = match["id"].rstrip(":,;.")
        if ids.kind_of(identifier) is None:
            continue
        resolved = resolve(link.target, where.directory, has_root=where.root is not None)
        if resolved.status != "inside":
            continue  # external, an anchor, or out of the corpus (D202)
        name = posixpath.basename(resolved.path.rstrip("/"))
        target_stem = name[:-3] if name.endswith(".md") else name
        if target_stem == identifier:
            continue
        yield Violation(
            Span(link.line, link.column, link.line, link.end_column),
            f"the link text names {identifier} but the link points at '{name}'",
        )
