"""Fixes the fix engine computes itself, for findings whose rule cannot attach one: findings a
pipeline stage reports (the YAML parser's duplicate keys), and fixes that must look at other
files than the page (a document rule's result is cached by content and must not). A fixer
looks at the parsed document and yields ``(span of the finding, fix)``; the engine pairs each
with the rule's finding at that span (same line and column).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from seedlint.core.context import Context
from seedlint.core.document import DisarmDocument, Document, NewsDocument
from seedlint.core.engine import Engine
from seedlint.core.finding import Finding, Span
from seedlint.core.outcome import FileOutcome
from seedlint.core.source import SourceText
from seedlint.fixes.model import Fix
from seedlint.pipeline.parse import parse

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


def stage_fixes(
    outcome: FileOutcome, path: Path, source: SourceText, engine: Engine, ctx: Context
) -> list[tuple[Finding, Fix]]:
    """The fixes of :data:`STAGE_FIXERS` for the findings of ``outcome`` (the checks of
    ``source``, the text of the file ``path``), each paired with its finding; none when the
    text does not parse (the check reported the parser's failure). ``--fix`` and the language
    server both call it."""
    wanted = {(f.line, f.column): f for f in outcome.findings if f.code in STAGE_FIXERS}
    if not wanted or outcome.kind is None:
        return []
    try:
        document, _ = parse(path, outcome.display, source, outcome.kind, engine.settings.limits)
    except Exception:  # the check already reported the parser's failure
        return []
    if document is None:
        return []
    out: list[tuple[Finding, Fix]] = []
    for code in {f.code for f in wanted.values()}:
        for span, fix in STAGE_FIXERS[code](document, ctx):
            finding = wanted.get((span.line, span.column))
            if finding is not None and finding.code == code:
                out.append((finding, fix))
    return out
