"""Fixes the fix engine computes itself, for findings whose rule cannot attach one: findings a
pipeline stage reports (the YAML parser's duplicate keys), and fixes that must look at other
files than the page (a document rule's result is cached by content and must not). A fixer
looks at the parsed document and yields ``(span of the finding, fix)``; the engine pairs each
with the rule's finding at that span (same line and column).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from seedlint.core.context import Context
from seedlint.core.document import DisarmDocument, Document, NewsDocument
from seedlint.core.finding import Span
from seedlint.fixes.model import Fix

StageFixer = Callable[[Document, Context], Iterable[tuple[Span, Fix]]]


def _duplicate_keys(doc: Document, ctx: Context) -> Iterator[tuple[Span, Fix]]:
    if isinstance(doc, NewsDocument):
        from seedlint.fixes.news import duplicate_key_fixes

        yield from duplicate_key_fixes(doc)


def _link_text_ids(doc: Document, ctx: Context) -> Iterator[tuple[Span, Fix]]:
    if isinstance(doc, DisarmDocument):
        from seedlint.fixes.disarm import link_text_id_fixes

        yield from link_text_id_fixes(doc, ctx)


# rule code -> fixer (the rule is declared, with its fix safety, in seedlint.validators)
STAGE_FIXERS: dict[str, StageFixer] = {
    "Y002": _duplicate_keys,
    "D203": _link_text_ids,
}
