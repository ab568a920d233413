"""D101: a malformed DISARM ID anywhere on a page."""

from __future__ import annotations

from collections.abc import Iterator

from seedlint.core.context import Context
from seedlint.core.document import DisarmDocument
from seedlint.core.finding import Severity
from seedlint.core.rules import Violation, document_rule
from seedlint.disarm.generations import field_for
from seedlint.disarm.model import BadId


@document_rule("D101", "disarm-malformed-id", kind="disarm", severity=Severity.ERROR)
def check(doc: DisarmDocument, ctx: Context) -> Iterator[Violation]:
    """A DISARM ID is malformed.

    **What it checks**: every token on the page written like a DISARM ID (a known prefix
    followed by zero-padded digits, or a technique with a sub-technique suffix) has the form of
    its kind: technique ``T0145`` (``T0`` and three digits; ``T1...`` IDs are MITRE
    ATT&CK's), sub-technique ``T0145.002``, tactic ``TA15``, task
    ``TK0001``, incident ``I00088``, counter ``C00012``, phase ``P01``, actor type ``A001``,
    meta-technique ``M001``, detection ``F00001``, response type ``D02``, sector ``S001``,
    framework ``FW01``, resource ``R001``, incident-technique ``IT00000310`` (formats read off
    the framework's pages). Link targets and URLs are not looked at; the heading's ID is D102's
    and an ID-valued field's is D002's. Words that merely start with a prefix letter
    (``Google's T5``) are not IDs, nor are IDs cited from MITRE ATT&CK. A token repeated on a
    page is reported once, at its first place, with the others listed.

    **Why**: a malformed ID names no object: readers cannot follow it, and tools that extract
    the framework's cross-references (STIX, the explorer) drop it.

    **Bad**: ``(T00145.006: Attractive Person Account Imagery)``

    **Good**: ``(T0145.006: Attractive Person Account Imagery)``

    **Fix**: write the ID with its kind's number of digits (in the framework's spreadsheet for
    generated text, then regenerate).
    """
    page = doc.page
    owned: set[tuple[int, int]] = set()
    for item in page.fields:
        spec = field_for(page.page_type, item.label)
        if spec is not None and spec.value in ("id", "id-name"):
            owned.add((item.line, item.column))
    first: dict[str, list[int]] = {}
    order: list[tuple[str, BadId]] = []
    for bad in page.bad_ids:
        if bad.where == "heading" or (bad.line, bad.column) in owned:
            continue
        if bad.token in first:
            first[bad.token].append(bad.line)
            continue
        first[bad.token] = []
        order.append((bad.token, bad))
    for token, bad in order:
        yield Violation(bad.span, bad.reason + also(first[token], bad.line))


def also(lines: list[int], reported: int) -> str:
    """ " (also on lines 25, 26)" for the further places of a defect reported once a page
    (``reported``: the line the finding is on)."""
    if not lines:
        return ""
    others = sorted(set(lines) - {reported})
    if not others:
        return " (again later on this line)"
    shown = ", ".join(str(n) for n in others[:8]) + (", ..." if len(others) > 8 else "")
    return f" (also on line{'s' if len(others) > 1 else ''} {shown})"
