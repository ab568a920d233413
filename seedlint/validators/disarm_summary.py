"""D004: a DISARM page with an empty summary."""

from __future__ import annotations

from collections.abc import Iterator

from seedlint.core.context import Context
from seedlint.core.document import DisarmDocument
from seedlint.core.finding import Severity, Span
from seedlint.core.rules import Violation, document_rule


@document_rule("D004", "disarm-empty-summary", kind="disarm", severity=Severity.WARNING)
def check(doc: DisarmDocument, ctx: Context) -> Iterator[Violation]:
    """DISARM page has an empty summary.

    **What it checks**: the ``Summary`` field of every object page has text. A missing
    summary field is a schema finding (D002); a page without an ID is D102's.

    **Why**: the summary is what the framework's explorer, the index pages and the STIX export
    show for the object; an empty one leaves users with a bare name. It is a warning: the
    framework has objects whose summary is still to be written.

    **Bad**: ``* **Summary**: `` **Good**: ``* **Summary**: Organise citizens around
    pro-state messaging.``

    **Fix**: write the summary in the framework's spreadsheet and regenerate the page.
    """
    page = doc.page
    if page.is_index or not page.id:
        return
    summary = page.field("summary")
    if summary is None or summary.value.strip():
        return
    line_text = doc.source.line_text(summary.line)
    start = line_text.find(summary.label) + 1 or 1
    yield Violation(
        Span(summary.line, start, summary.line, len(line_text.rstrip()) + 1),
        f"the summary of {page.page_type} {page.id} is empty",
    )
