"""S: inline suppressions (reported by :mod:`seedlint.pipeline.suppressions`)."""

from seedlint.core.finding import Severity
from seedlint.core.rules import declare

UNUSED = declare(
    "S001",
    "unused-suppression",
    kind="any",
    severity=Severity.WARNING,
    enabled=False,
    doc="""
    A suppression comment suppresses nothing.

    **What it checks**: every code of a ``# seedlint: ignore[CODE]`` (front matter) or
    ``<!-- seedlint: ignore CODE -->`` (markdown) comment matched a finding on the line it
    covers. The message says when the code is unknown or its rule is not enabled. Off by
    default, like ruff's unused-noqa (``RUF100``): turn it on with
    ``extend-select = ["S001"]``.

    **Why**: a suppression outlives the defect it was written for; left in place it would hide
    the next, real defect on that line.

    **Bad**: ``webUrl: "https://example.com/a"  # seedlint: ignore[N005]`` (the URL has no
    entity). **Good**: ``webUrl: "https://example.com/a"``

    **Fix**: delete the comment, or the codes of it that no longer match.
    """,
)

INVALID = declare(
    "S002",
    "invalid-suppression",
    kind="any",
    severity=Severity.WARNING,
    doc="""
    A ``seedlint:`` comment is not a valid suppression.

    **What it checks**: a comment that starts with ``seedlint:`` reads ``ignore`` followed by
    one or more rule codes or prefixes: ``# seedlint: ignore[N005]`` in front matter,
    ``<!-- seedlint: ignore D101 -->`` in markdown. A comment without a code, with another
    command, or with something that is not a code suppresses nothing. Two kinds of findings
    cannot be suppressed inline, and naming them is reported too: internal errors (``X001``),
    and the contribution gate's (``G001``-``G003``), because a comment in a DISARM page's
    protected region is itself an edit of it (the other codes of the comment still apply).

    **Why**: a mistyped suppression silently does nothing, blanket suppressions (no code)
    would hide every future defect on the line, and a contributor must not be able to wave
    their own edit of generated text through the gate.

    **Bad**: ``# seedlint: ignore``, ``# seedlint: disable N005``, ``# seedlint: ignore[url]``,
    ``<!-- seedlint: ignore G001 -->``

    **Good**: ``# seedlint: ignore[N005]``

    **Fix**: name the code of the finding to suppress (shown in every output format). To let
    a gate finding pass, say so in the configuration (``per-file-ignores``), where a reviewer
    sees it.
    """,
)
