"""N008: ``quality``, ``heat`` and ``published`` come together or not at all."""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from seedlint.core.context import Context
from seedlint.core.document import NewsDocument
from seedlint.core.finding import Severity
from seedlint.core.rules import Violation, document_rule

TOGETHER = ("quality", "heat", "published")


@document_rule("N008", "partial-score-fields", kind="news", severity=Severity.ERROR)
def check(doc: NewsDocument, ctx: Context) -> Iterator[Violation]:
    """An item has some of ``quality``, ``heat`` and ``published`` but not all three.

    **What it checks**: the item generations differ here: 2019 and 2020-21 items carry all
    three scores (``quality``, ``heat``, ``published``); 2020 items with only ``webUrl``,
    ``ampWebUrl`` and ``cdnAmpWebUrl`` carry none. An item with one or two of them is neither;
    one finding per missing key, at the mapping that lacks it. ``related`` items have their own
    shape (``quality`` alone) and are not checked. A missing key that is present under a
    misspelt name (``qualty``) is N001's finding, not this one's.

    **Why**: the site sorts and filters on the scores; a partial set is a hand edit that lost a
    line, and the item drops out of the lists that read the missing one.

    **Bad**::

        quality: 87
        published: true

    **Good**::

        quality: 87
        heat: 87
        published: true

    **Fix**: add the missing key (or remove all three from a 2020 item).
    """
    data = doc.data
    present = [key for key in TOGETHER if key in data]
    if not present or len(present) == len(TOGETHER):
        return
    unknown = [k for k in data if isinstance(k, str) and k not in TOGETHER]
    for key in TOGETHER:
        if key not in data and not difflib.get_close_matches(key, unknown, n=1, cutoff=0.6):
            yield Violation(
                doc.span_at(()),
                f"missing '{key}': an item with {' and '.join(present)} has all of "
                f"{', '.join(TOGETHER)}",
                f"$.{key}",
            )
