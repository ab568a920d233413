"""The contribution gate: DISARM protected regions compared with a git revision
(``--diff-base``), and ``--only-changed`` filtering. (Being built: see issue 5.)"""

from __future__ import annotations

from collections.abc import Sequence

from seedlint.context import Context
from seedlint.discover import Target
from seedlint.finding import Finding
from seedlint.pipeline import Engine, FileOutcome


def gate_findings(
    findings: list[Finding], targets: Sequence[Target], outcomes: Sequence[FileOutcome],
    engine: Engine, ctx: Context,
) -> list[Finding]:
    """Add protected-region findings and, with ``ctx.only_changed``, keep only findings on
    changed lines."""
    return findings
