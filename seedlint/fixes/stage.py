"""Fixes for findings that a pipeline stage reports rather than a rule function (the YAML
parser's duplicate keys). A stage fixer looks at the parsed document and yields
``(span of the finding, fix)``; the engine pairs each with the stage's finding at that span.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from seedlint.document import Document, NewsDocument
from seedlint.finding import Span
from seedlint.fixes.model import Fix

StageFixer = Callable[[Document], Iterable[tuple[Span, Fix]]]


def _duplicate_keys(doc: Document) -> Iterator[tuple[Span, Fix]]:
    if isinstance(doc, NewsDocument):
        from seedlint.fixes.news import duplicate_key_fixes

        yield from duplicate_key_fixes(doc)


# rule code -> fixer (the rule is declared, with its fix safety, in seedlint.validators)
STAGE_FIXERS: dict[str, StageFixer] = {
    "Y002": _duplicate_keys,
}
