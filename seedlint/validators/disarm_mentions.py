"""D204: DISARM IDs mentioned on a page that have no page in the corpus."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any, NamedTuple

from seedlint.core.context import Context
from seedlint.core.document import DisarmDocument
from seedlint.core.finding import Severity, Span
from seedlint.core.rules import Violation, corpus_rule
from seedlint.disarm import ids
from seedlint.disarm.corpus import in_corpora, place
from seedlint.disarm.generations import field_for


class Mentioned(NamedTuple):
    """An ID mentioned on a page, where first."""

    id: str
    line: int
    column: int


class PageMentions(NamedTuple):
    """A page's facts: its corpus root and path, the IDs it mentions."""

    root: str | None
    rel: str
    mentions: list[Mentioned] = []  # noqa: RUF012 - a default never mutated

    @classmethod
    def load(cls, value: Any) -> PageMentions:
        """The record of facts as collected, or as a cache or a worker gave them back."""
        page = cls._make(value)
        return page._replace(mentions=[Mentioned._make(item) for item in page.mentions])


def collect(doc: DisarmDocument, ctx: Context) -> PageMentions:
    """The first mention of each ID in tables
    and text, leaving out link texts (D201/D203 check links), ID-valued fields (D106) and the
    page's own ID."""
    where = place(doc, ctx)
    page = doc.page
    if where.root is None:
        return PageMentions(None, "")
    owned: set[tuple[int, int]] = set()
    for item in page.fields:
        spec = field_for(page.page_type, item.label)
        if spec is not None and spec.value in ("id", "id-name"):
            owned.add((item.line, item.column))
    linked = {m.id for m in page.mentions if m.where == "link-text"}
    seen: set[str] = {page.id, *linked}
    out: list[Mentioned] = []
    for mention in page.mentions:
        if mention.id in seen or mention.where in ("heading", "link-text") or mention.retired:
            continue
        if (mention.line, mention.column) in owned:
            continue
        kind = ids.kind_of(mention.id)
        if kind is None or kind.directory is None:
            continue
        seen.add(mention.id)
        out.append(Mentioned(mention.id, mention.line, mention.column))
    return PageMentions(str(where.root), where.rel, out)


@corpus_rule(
    "D204", "disarm-id-without-page", kind="disarm", severity=Severity.WARNING, collect=collect
)
def check(facts: Mapping[str, Any], ctx: Context) -> Iterator[tuple[str, Violation]]:
    """An ID mentioned in a table or text has no page in the corpus.

    **What it checks**: every DISARM ID written in a page's tables and text (summaries,
    descriptions, notes) names an object that has a page in the corpus. Only kinds of object
    the corpus has a page directory for are checked (detections, sectors, response types have
    none in most generations); IDs in link texts are checked through their links (D201, D203),
    IDs in tactic/phase fields by D106. Reported once per ID and page, at its first mention.
    IDs the text gives as former ones ("previously documented by T0104.005", "previously used
    the ID T0019") are history, not references. A warning: the text may deliberately name a
    retired object. Pages in no corpus are skipped.

    **Why**: a mentioned ID without a page is a dangling cross-reference: a renumbered or
    deleted technique, or a typo that happens to be well-formed.

    **Bad**: ``(T0097.999: Journalist Persona)`` when there is no ``techniques/T0097.999.md``

    **Good**: ``(T0097.102: Journalist Persona)``

    **Fix**: correct the ID, or add the object to the framework.
    """
    for corpus, items in in_corpora(facts, ctx, PageMentions.load):
        for display, page in items:
            for identifier, line, column in page.mentions:
                kind = ids.kind_of(identifier)
                if kind is None or not corpus.has_pages(kind):
                    continue
                if corpus.page_of(identifier) is None:
                    yield (
                        display,
                        Violation(
                            Span(line, column, line, column + len(identifier)),
                            f"{kind.label} {identifier} is mentioned but has no page in the corpus "
                            f"({kind.directory}/{identifier}.md)",
                        ),
                    )
