"""N101 (off by default): ``heat`` equals ``quality``."""

from __future__ import annotations

from collections.abc import Iterator

from seedlint.core.context import Context
from seedlint.core.document import NewsDocument
from seedlint.core.finding import Severity
from seedlint.core.rules import Violation, document_rule


@document_rule("N101", "heat-equals-quality", kind="news", severity=Severity.INFO, enabled=False)
def check(doc: NewsDocument, ctx: Context) -> Iterator[Violation]:
    """``heat`` differs from ``quality`` (an invariant of 2020-21 items, off by default).

    **What it checks**: in every item of the shared 2020-21 corpus ``heat`` equals
    ``quality``; 2019 items break it (``heat: -1``), and nothing documents it, so the rule is
    off unless selected (``extend-select = ["N101"]``). Items with ``heat: -1`` are skipped.

    **Why**: a corpus whose generator sets both from one score can catch hand edits to one.

    **Bad**: ``quality: 57`` / ``heat: 80``. **Good**: ``quality: 57`` / ``heat: 57``.

    **Fix**: set both from the same score.
    """
    data = doc.data
    quality, heat = data.get("quality"), data.get("heat")
    if not isinstance(quality, int) or not isinstance(heat, int) or heat == -1:
        return
    if quality != heat:
        yield Violation(
            doc.span_at(("heat",)), f"heat {heat} differs from quality {quality}", "$.heat"
        )
