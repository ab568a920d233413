"""D301, D302: DISARM table rows: their number of cells, and cells that must not be empty."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from seedlint.core.context import Context
from seedlint.core.document import DisarmDocument
from seedlint.core.finding import Severity, Span
from seedlint.core.rules import Violation, document_rule
from seedlint.disarm.model import Row, Table


def _expected(table: Table) -> int:
    if table.header:
        return len(table.header)
    counts = Counter(len(row.cells) for row in table.rows)
    return counts.most_common(1)[0][0] if counts else 0


def _row_span(row: Row) -> Span:
    return Span(row.line, 1, row.line, max(len(row.text.rstrip()), 1) + 1)


@document_rule("D301", "disarm-table-row-cells", kind="disarm", severity=Severity.ERROR)
def check_cells(doc: DisarmDocument, ctx: Context) -> Iterator[Violation]:
    """Table row does not have the header's number of cells.

    **What it checks**: every row of every table (markdown tables, and the HTML tables of index
    pages) has as many cells as the header, counted as GitHub renders the row: an unescaped
    ``|`` inside a cell starts a new cell, and a line break inside a cell ends the row (the
    rest of the cell lands on the next line, as a broken extra row or as loose text). One
    finding per row, at the row's first line; the message says which of the two it is.

    **Why**: the generator writes descriptions and quotes into cells as they are; a ``|`` or a
    line break in the source text shifts the columns or tears the table apart on the published
    page.

    **Bad**::

        | Technique | Description given for this incident |
        | --------- | ------------------------- |
        | [T0097.102 Journalist Persona](...) | ... "Correspondent Traveler noun|verb|noun" |

    **Good**: the same row with ``\\|`` (or ``&#124;``) for each ``|`` in the text, and no line
    break inside a cell (``<br>`` where one is wanted).

    **Fix**: escape the pipes and replace line breaks with ``<br>`` in the source text (the
    framework's spreadsheet), then regenerate.
    """
    for table in doc.page.tables:
        expected = _expected(table)
        if not expected:
            continue
        for row in table.rows:
            count = len(row.cells)
            if row.continuation:
                after = row.continuation
                lines = f"line {after[0]}" if len(after) == 1 else f"lines {after[0]}-{after[-1]}"
                cells = (
                    ""
                    if count == expected
                    else (
                        f"; the first line has {count} cell{'s' if count != 1 else ''}, the header "
                        f"{expected}"
                    )
                )
                yield Violation(
                    _row_span(row),
                    f"table row is broken by a line break inside a cell: it continues on "
                    f"{lines}{cells}",
                )
            elif count != expected:
                why = (
                    " (an unescaped '|' inside a cell?)"
                    if count > expected
                    else " (a missing cell?)"
                )
                yield Violation(
                    _row_span(row),
                    f"table row has {count} cell{'s' if count != 1 else ''}, the header has "
                    f"{expected}{why}",
                )


@document_rule("D302", "disarm-table-empty-cell", kind="disarm", severity=Severity.ERROR)
def check_required(doc: DisarmDocument, ctx: Context) -> Iterator[Violation]:
    """A table cell that must name an object is empty.

    **What it checks**: in the tables the generator writes (known by their headers, such as
    ``| Incident | Descriptions given for this incident |``), the first cell of every row, the
    link to the object the row is about, has content. Rows already reported by D301 and pages
    without an ID (D102) are left out.

    **Why**: a row without its object is a description of nothing: the spreadsheet row it came
    from lost its ID or name.

    **Bad**: ``|  | IT00000268 <i>"[Meta has] removed one Page ...</i> |``

    **Good**: ``| [T0143.002 Fabricated Persona](../techniques/T0143.002.md) | ... |``

    **Fix**: fill in the object in the framework's spreadsheet and regenerate.
    """
    page = doc.page
    if not page.is_index and not page.id:
        return
    for table in page.tables:
        if not table.required_cells:
            continue
        for row in table.rows:
            if row.continuation or len(row.cells) != len(table.header):
                continue
            for index in table.required_cells:
                cell = row.cells[index]
                if not cell.text:
                    column_name = table.header[index] if index < len(table.header) else ""
                    yield Violation(
                        Span(row.line, cell.column, row.line, cell.column + 1),
                        f"the '{column_name}' cell of this row is empty",
                    )


@document_rule("D303", "disarm-table-duplicate-row", kind="disarm", severity=Severity.ERROR)
def check_duplicates(doc: DisarmDocument, ctx: Context) -> Iterator[Violation]:
    """A table repeats rows.

    **What it checks**: no row of a markdown table is an exact copy of an earlier row of the
    same table. One finding per table, at the first copy, listing every repeated row.

    **Why**: a known generator failure joins the incident-technique table with itself and
    writes each row several times; readers see the same technique or counter listed again and
    again, and counts taken from the page are wrong.

    **Bad**::

        | [T0084.002 Plagiarise Content](../../generated_pages/techniques/T0084.002.md) | ... |
        | [T0084.002 Plagiarise Content](../../generated_pages/techniques/T0084.002.md) | ... |

    **Good**: each row once.

    **Fix**: remove the copies (and the duplicate rows in the framework's spreadsheet), then
    regenerate.
    """
    page = doc.page
    if not page.is_index and not page.id:
        return
    for table in page.tables:
        if table.html:
            continue
        seen: dict[str, int] = {}
        copies: list[tuple[int, int]] = []
        for row in table.rows:
            key = row.text.strip()
            if key in seen:
                copies.append((row.line, seen[key]))
            else:
                seen[key] = row.line
        if not copies:
            continue
        line, original = copies[0]
        text = doc.source.line_text(line)
        if len(copies) == 1:
            message = f"table row repeats line {original}"
            detail = None
        else:
            message = (
                f"{len(copies)} rows of this table repeat earlier rows (first: line "
                f"{line} repeats line {original})"
            )
            by_original: dict[int, list[int]] = {}
            for copy, first in copies:
                by_original.setdefault(first, []).append(copy)
            detail = "; ".join(
                f"line {first} again on {', '.join(str(c) for c in again)}"
                for first, again in by_original.items()
            )
        yield Violation(Span(line, 1, line, len(text) + 1), message, detail=detail)
