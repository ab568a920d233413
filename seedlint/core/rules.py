"""Rules are data plus a function.

A rule module in :mod:`seedlint.validators` declares its rule with one of the decorators below;
the decorated function's docstring is the rule's documentation (what it checks, why it matters,
a bad and a good example, how to fix), printed by ``seedlint rule CODE``.

* :func:`document_rule`: ``check(doc, ctx)`` yields :class:`Violation` for one document.
* :func:`corpus_rule`: ``collect(doc, ctx)`` returns small JSON-compatible facts for one document
  (cached and sent between processes); ``check(facts, ctx)`` sees the facts of every document of
  the run and yields ``(display path, Violation)``.
* :func:`declare`: a rule whose findings a pipeline stage produces (reading, YAML parsing, page
  layout); the module holds only its metadata and documentation.

Rules never format output: they yield violations; the pipeline turns them into findings.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import sys
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from seedlint.core.finding import Severity, Span

if TYPE_CHECKING:
    from seedlint.core.context import Context
    from seedlint.fixes.model import Fix

FixSafety = Literal["safe", "unsafe"]
RuleKind = Literal["news", "disarm", "any"]


@dataclass(frozen=True, slots=True)
class Violation:
    """What a rule reports: where, what, and optionally more detail and a fix.

    ``fix`` (a :class:`seedlint.fixes.model.Fix`) is what ``--fix`` applies; the pipeline keeps
    it beside the finding (:attr:`seedlint.core.outcome.FileOutcome.fixes`), never in it.
    """

    span: Span
    message: str
    json_path: str | None = None
    detail: str | None = None
    fix: Fix | None = None


DocumentCheck = Callable[[Any, "Context"], Iterable[Violation]]
Collect = Callable[[Any, "Context"], Any]
CorpusCheck = Callable[[Mapping[str, Any], "Context"], Iterable[tuple[str, Violation]]]


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    kind: RuleKind
    severity: Severity
    doc: str
    enabled: bool = True
    fix: FixSafety | None = None
    check: DocumentCheck | None = None
    collect: Collect | None = None
    corpus_check: CorpusCheck | None = None
    module: str = ""
    options: Mapping[str, Any] = field(default_factory=dict)

    @property
    def summary(self) -> str:
        return self.doc.strip().splitlines()[0].strip() if self.doc.strip() else self.name

    def applies_to(self, kind: str) -> bool:
        return self.kind == "any" or self.kind == kind


_REGISTRY: dict[str, Rule] = {}
_LOADED = False


def _register(rule: Rule) -> Rule:
    existing = _REGISTRY.get(rule.code)
    if existing is not None and existing.module != rule.module:
        raise RuntimeError(
            f"rule code {rule.code} declared twice: {existing.module}, {rule.module}"
        )
    _REGISTRY[rule.code] = rule
    return rule


def declare(
    code: str,
    name: str,
    *,
    kind: RuleKind,
    severity: Severity,
    doc: str,
    enabled: bool = True,
    fix: FixSafety | None = None,
) -> Rule:
    """Declare a rule whose findings a pipeline stage produces."""
    # the caller's module (sys._getframe: inspect.stack() reads source files, ~7 ms a call)
    module = sys._getframe(1).f_globals.get("__name__", "")
    return _register(
        Rule(code, name, kind, severity, inspect.cleandoc(doc), enabled, fix, module=module)
    )


def _from_function(
    func: Callable[..., Any],
    code: str,
    name: str,
    kind: RuleKind,
    severity: Severity,
    enabled: bool,
    fix: FixSafety | None,
    options: Mapping[str, Any] | None,
    **hooks: Any,
) -> None:
    """Register the rule a decorated function is: its docstring is the documentation."""
    _register(
        Rule(
            code,
            name,
            kind,
            severity,
            inspect.getdoc(func) or "",
            enabled,
            fix,
            module=func.__module__,
            options=dict(options or {}),
            **hooks,
        )
    )


def document_rule(
    code: str,
    name: str,
    *,
    kind: RuleKind,
    severity: Severity,
    enabled: bool = True,
    fix: FixSafety | None = None,
    options: Mapping[str, Any] | None = None,
) -> Callable[[DocumentCheck], DocumentCheck]:
    def wrap(func: DocumentCheck) -> DocumentCheck:
        _from_function(func, code, name, kind, severity, enabled, fix, options, check=func)
        return func

    return wrap


def corpus_rule(
    code: str,
    name: str,
    *,
    kind: RuleKind,
    severity: Severity,
    collect: Collect,
    enabled: bool = True,
    fix: FixSafety | None = None,
    options: Mapping[str, Any] | None = None,
) -> Callable[[CorpusCheck], CorpusCheck]:
    def wrap(func: CorpusCheck) -> CorpusCheck:
        _from_function(
            func,
            code,
            name,
            kind,
            severity,
            enabled,
            fix,
            options,
            collect=collect,
            corpus_check=func,
        )
        return func

    return wrap


def all_rules() -> dict[str, Rule]:
    """Every rule, by code, importing each module of :mod:`seedlint.validators` once."""
    global _LOADED
    if not _LOADED:
        import seedlint.validators as package

        for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda i: i.name):
            if not info.name.startswith("_"):
                importlib.import_module(f"{package.__name__}.{info.name}")
        _LOADED = True
    return dict(sorted(_REGISTRY.items()))


def fix_hint(doc: str) -> str | None:
    """The text of a rule docstring's ``**Fix**:`` paragraph."""
    marker = "**Fix**:"
    start = doc.find(marker)
    if start == -1:
        return None
    text = doc[start + len(marker) :].split("\n\n", 1)[0]
    return " ".join(text.split()) or None
