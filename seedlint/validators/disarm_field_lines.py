"""D005: two fields of a DISARM page written on one line, with no line break between them."""

from __future__ import annotations

from collections.abc import Iterator

from seedlint.core.context import Context
from seedlint.core.document import DisarmDocument
from seedlint.core.finding import Severity, Span
from seedlint.core.rules import Violation, document_rule
from seedlint.validators.disarm_ids import also


@document_rule("D005", "disarm-fields-on-one-line", kind="disarm", severity=Severity.WARNING)
def check(doc: DisarmDocument, ctx: Context) -> Iterator[Violation]:
    """Two fields of a page are written on one line without a line break.

    **What it checks**: a field label (``**Parent Technique:**``) that follows the value of
    another field on the same line with only spaces between them, where the generator writes
    a line break (``<br><br>``) or a new line. The page model reads both fields all the same
    (the tactic's name is ``Establish Assets``, not the rest of the line); this rule reports
    the missing break once per page, at the first such label, listing the other lines.

    **Why**: markdown renders the two fields as one run of text
    ("Tactic: TA15 Establish Assets Parent Technique: T0146 Account Asset"): readers, and tools
    that read a field to the end of its line, cannot tell where the tactic's name ends.

    **Bad**: ``**Tactic**: TA15 Establish Assets **Parent Technique:** T0146 Account Asset``

    **Good**: ``**Tactic**: TA15 Establish Assets <br><br>**Parent Technique:** T0146 Account
    Asset``

    **Fix**: put the line break back in the generator's template and regenerate the page.
    """
    joined = doc.page.joined_fields
    if not joined:
        return
    line, column, label = joined[0]
    others = sorted({n for n, _, _ in joined[1:] if n != line})
    yield Violation(
        Span(line, column, line, column + len(label) + 4),
        f"the field '{label}' is written on the line of the field before it, with no line "
        "break between them: they render as one run of text" + also(others, line),
    )
