"""The corpus-wide rules: run once over the facts every document's check collected."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from seedlint.core.context import Context
from seedlint.core.engine import Engine
from seedlint.core.finding import Finding, Span
from seedlint.core.outcome import INTERNAL_ERROR, FileOutcome
from seedlint.core.rules import Violation
from seedlint.pipeline.check import trace

if TYPE_CHECKING:
    from seedlint.fixes.model import Fix


def corpus_findings(
    outcomes: Sequence[FileOutcome],
    engine: Engine,
    ctx: Context,
    fixes: list[tuple[Finding, Fix]] | None = None,
) -> list[Finding]:
    """Run every corpus-wide rule once over the facts of all documents; the fixes the rules
    offer go to ``fixes`` when given."""
    findings: list[Finding] = []
    with_facts = [o for o in outcomes if o.facts]
    kinds = {o.display: o.kind for o in with_facts}  # the kind of each file with facts
    by_code: dict[str, dict[str, Any]] = {
        rule.code: {o.display: o.facts[rule.code] for o in with_facts if rule.code in o.facts}
        for rule in engine.corpus_rules()
    }
    for rule in engine.corpus_rules():
        assert rule.corpus_check is not None
        facts: Mapping[str, Any] = by_code.get(rule.code, {})
        if not facts:
            continue
        try:
            for display, violation in rule.corpus_check(facts, ctx):
                finding = engine.make(rule.code, display, kinds.get(display), violation)
                findings.append(finding)
                if fixes is not None and violation.fix is not None:
                    fixes.append((finding, violation.fix))
        except Exception:
            where = trace()
            findings.append(
                engine.make(
                    INTERNAL_ERROR,
                    next(iter(facts)),
                    None,
                    Violation(
                        Span.point(1),
                        f"internal error in corpus rule {rule.code} "
                        f"({rule.name}); please report this bug to seedlint",
                        detail=where,
                    ),
                )
            )
    return findings
