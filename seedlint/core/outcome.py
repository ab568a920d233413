"""What a check produces: one file's outcome (what worker processes and the cache deal in) and
a whole run's result; the codes of the findings the pipeline itself reports."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from seedlint.core.finding import Finding

if TYPE_CHECKING:
    from seedlint.fixes.model import Fix

INTERNAL_ERROR = "X001"
TIME_BUDGET = "X002"


@dataclass(slots=True)
class FileOutcome:
    display: str
    kind: str | None
    findings: list[Finding] = field(default_factory=list)
    facts: dict[str, Any] = field(default_factory=dict)
    # suppression directives (seedlint.pipeline.suppressions.Directive tuples; lists after JSON)
    suppressions: list[Any] = field(default_factory=list)
    skipped: bool = False
    # (finding, fix) for the findings whose rule offered a fix; cached with the outcome, never
    # reported: only ``--fix``/``--diff`` (:mod:`seedlint.fixes`) read it
    fixes: list[tuple[Finding, Fix]] = field(default_factory=list)


@dataclass
class RunResult:
    findings: list[Finding]
    files_checked: int
    files_skipped: int
    outcomes: list[FileOutcome]
    notes: list[str] = field(default_factory=list)

    @property
    def files_with_findings(self) -> int:
        return len({f.path for f in self.findings})

    @property
    def internal_errors(self) -> bool:
        return any(f.code == INTERNAL_ERROR for f in self.findings)
