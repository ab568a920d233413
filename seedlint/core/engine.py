"""The rules of a run, selected once from the settings, and how a rule's violation becomes a
finding (severity overrides, the source line it points at)."""

from __future__ import annotations

from seedlint.config.selection import enabled_codes
from seedlint.config.settings import Settings
from seedlint.core.finding import Finding, Severity
from seedlint.core.rules import Rule, Violation, all_rules
from seedlint.core.source import SourceText


class Engine:
    """The rules of a run, selected once from the settings."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.rules: dict[str, Rule] = all_rules()
        self.enabled = enabled_codes(
            self.rules, settings.select, settings.extend_select, settings.ignore
        )
        self.severity: dict[str, Severity] = dict(settings.severity)
        # rule lists by (stage, kind): asked once a file, selected once a run
        self._selected: dict[tuple[str, str | None], list[Rule]] = {}

    def document_rules(self, kind: str) -> list[Rule]:
        key = ("document", kind)
        rules = self._selected.get(key)
        if rules is None:
            rules = self._selected[key] = [
                r
                for c, r in self.rules.items()
                if c in self.enabled and r.check is not None and r.applies_to(kind)
            ]
        return rules

    def corpus_rules(self, kind: str | None = None) -> list[Rule]:
        key = ("corpus", kind)
        rules = self._selected.get(key)
        if rules is None:
            rules = self._selected[key] = [
                r
                for c, r in self.rules.items()
                if c in self.enabled
                and r.corpus_check is not None
                and (kind is None or r.applies_to(kind))
            ]
        return rules

    def make(
        self,
        code: str,
        display: str,
        kind: str | None,
        violation: Violation,
        source: SourceText | None = None,
    ) -> Finding:
        rule = self.rules.get(code)
        severity = self.severity.get(code) or (rule.severity if rule else Severity.ERROR)
        span = violation.span
        context = source.excerpt(span.line) if source is not None else None
        return Finding(
            code,
            severity,
            violation.message,
            display,
            span.line,
            span.column,
            span.end_line,
            span.end_column,
            violation.json_path,
            kind,
            violation.detail,
            context,
        )
