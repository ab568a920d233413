"""D105, D106: the objects a DISARM page's fields refer to exist in the corpus."""

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
from seedlint.disarm.model import split_id_name


class Reference(NamedTuple):
    """An ID-valued field of a page: its key and label, the ID, where the ID is."""

    key: str
    label: str
    id: str
    line: int
    column: int
    end_column: int


class PageReferences(NamedTuple):
    """A page's facts: its corpus root and path, type and ID, the span of the ID in its
    heading (line, column, end column), the references of its fields."""

    root: str | None
    rel: str
    page_type: str = ""
    page_id: str = ""
    heading: tuple[int, int, int] = (0, 0, 0)
    refs: list[Reference] = []  # noqa: RUF012 - a default never mutated

    @classmethod
    def load(cls, value: Any) -> PageReferences:
        """The record of facts as collected, or as a cache or a worker gave them back."""
        page = cls._make(value)
        return page._replace(refs=[Reference._make(item) for item in page.refs])


def collect(doc: DisarmDocument, ctx: Context) -> PageReferences:
    where = place(doc, ctx)
    page = doc.page
    if where.root is None:
        return PageReferences(None, "")
    refs: list[Reference] = []
    for item in page.fields:
        spec = field_for(page.page_type, item.label)
        if spec is None or spec.value not in ("id", "id-name") or spec.id_kind is None:
            continue
        identifier, _ = split_id_name(item.value)
        if not ids.is_valid(identifier, spec.id_kind):
            continue  # the schema (D002) reports it
        end = item.column + len(identifier)
        refs.append(Reference(spec.key, item.label, identifier, item.line, item.column, end))
    span = page.heading.id_span
    heading = (span.line, span.column, span.end_column)
    return PageReferences(str(where.root), where.rel, page.page_type, page.id, heading, refs)


@corpus_rule(
    "D105", "disarm-parent-technique", kind="disarm", severity=Severity.ERROR, collect=collect
)
def check_parent(facts: Mapping[str, Any], ctx: Context) -> Iterator[tuple[str, Violation]]:
    """Sub-technique's parent technique is missing or named wrongly.

    **What it checks**: for a sub-technique page (``T0145.002``), the page of its parent
    technique (``T0145``) exists in the corpus, and a ``Parent Technique`` field (newer template
    generations) names that parent. Pages in no corpus are skipped (``--verbose`` says so).

    **Why**: the framework is a tree: a sub-technique without its parent hangs in the air in
    the framework's grid and the parent's page cannot list it.

    **Bad**: ``techniques/T0145.002.md`` in a corpus without ``techniques/T0145.md``;
    ``**Parent Technique:** T0146 ...`` on ``T0145.002``

    **Good**: ``**Parent Technique:** T0145 Establish Account Imagery`` and
    ``techniques/T0145.md``

    **Fix**: add (regenerate) the parent technique's page, or correct the sub-technique's ID.
    """
    for corpus, items in in_corpora(facts, ctx, PageReferences.load):
        for display, page in items:
            if not page.page_id or page.page_type != "technique":
                continue
            identifier, heading = page.page_id, page.heading
            parent = ids.parent_of(identifier) if ids.is_valid(identifier, "technique") else None
            if parent is None:
                continue
            field = next((r for r in page.refs if r.key == "parent"), None)
            if field is not None:
                _, label, written, line, column, end_column = field
                span = Span(line, column, line, end_column)
                if written != parent:
                    yield (
                        display,
                        Violation(
                            span,
                            f"'{label}' is {written}, but the parent of {identifier} is {parent}",
                        ),
                    )
                    continue
            else:
                span = Span(heading[0], heading[1], heading[0], heading[2])
            if corpus.page_of(parent) is None:
                yield (
                    display,
                    Violation(
                        span,
                        f"the parent technique {parent} of sub-technique {identifier} has no "
                        f"page in the corpus (techniques/{parent}.md)",
                    ),
                )


@corpus_rule(
    "D106", "disarm-missing-reference", kind="disarm", severity=Severity.ERROR, collect=collect
)
def check_references(facts: Mapping[str, Any], ctx: Context) -> Iterator[tuple[str, Violation]]:
    """A field names a tactic, phase or meta-technique that has no page.

    **What it checks**: the object a page's ID-valued field refers to exists in the corpus: a
    technique's, task's or counter's tactic stage (``Belongs to tactic stage``, ``Tactic``), a
    tactic's phase (``Belongs to phase``), a counter's meta-technique. Kinds of object the
    corpus has no pages for at all are not checked. Pages in no corpus are skipped.

    **Why**: a technique whose tactic does not exist is missing from the framework's grid,
    which is laid out by tactic.

    **Bad**: ``* **Belongs to tactic stage**: TA19`` when there is no ``tactics/TA19.md``

    **Good**: ``* **Belongs to tactic stage**: TA15``

    **Fix**: correct the field (in the spreadsheet, then regenerate), or add the missing page.
    """
    for corpus, items in in_corpora(facts, ctx, PageReferences.load):
        for display, page in items:
            if not page.page_id:
                continue
            for key, label, identifier, line, column, end_column in page.refs:
                if key == "parent":
                    continue  # D105
                kind = ids.kind_of(identifier)
                if kind is None or not corpus.has_pages(kind):
                    continue
                if corpus.page_of(identifier) is None:
                    yield (
                        display,
                        Violation(
                            Span(line, column, line, end_column),
                            f"'{label}' names {kind.label} {identifier}, which has no page in the "
                            f"corpus ({kind.directory}/{identifier}.md)",
                        ),
                    )
