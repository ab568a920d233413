"""D304: a markdown table of a DISARM page whose header row is broken, so it does not render."""

from __future__ import annotations

from collections.abc import Iterator

from seedlint.core.context import Context
from seedlint.core.document import DisarmDocument
from seedlint.core.finding import Severity, Span
from seedlint.core.rules import Violation, document_rule


@document_rule("D304", "disarm-table-broken-header", kind="disarm", severity=Severity.ERROR)
def check(doc: DisarmDocument, ctx: Context) -> Iterator[Violation]:
    """A table's header is not followed by its delimiter row, so the table does not render.

    **What it checks**: a markdown table line (starting with ``|``) followed by another table
    line that is not a delimiter row (``| --- | --- |``), when it starts no table: a header
    broken over two lines (the delimiter row comes one line late), or a table with no
    delimiter row at all. One finding per broken table, on its header line; lines inside
    fenced code blocks are not looked at.

    **Why**: GitHub renders a table only when its header row is directly followed by the
    delimiter row; otherwise every line of the table shows as a paragraph of pipes, and the
    links and IDs in it are unreadable.

    **Bad**::

        | Associated||
        | Technique | When to use |
        | --------- | ----------- |

    **Good**::

        | Associated Technique | When to use |
        | --------- | ----------- |

    **Fix**: write the header on one line, directly followed by the delimiter row (in the
    generator's template for a generated page, then regenerate).
    """
    for line, delimiter in doc.page.broken_tables:
        text = doc.source.line_text(line)
        if delimiter is not None:
            why = (
                f"the table header is broken over lines {line}-{delimiter - 1}: line "
                f"{line + 1} is not a delimiter row (the delimiter row is on line {delimiter}), "
                "so the table does not render; write the header on one line"
            )
        else:
            why = (
                f"the table starting on line {line} has no delimiter row (such as "
                f"'| --- | --- |') after its header, so it does not render"
            )
        yield Violation(Span(line, 1, line, len(text) + 1), why)
