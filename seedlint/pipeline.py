"""The pipeline: discover -> read -> classify -> parse -> document rules -> corpus rules ->
suppressions and baseline -> (reporters, outside this module).

:func:`check_target` does everything that depends on one file only and returns a
:class:`FileOutcome` (findings, corpus facts, suppression directives); it is what worker
processes and the cache deal in. :func:`run` drives a whole run.
"""

from __future__ import annotations

import sys
import traceback
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from seedlint.budget import BudgetExceeded, time_budget
from seedlint.classify import classify
from seedlint.context import Context
from seedlint.discover import Target, discover
from seedlint.finding import Finding, Severity, Span
from seedlint.parse import parse
from seedlint.rules import Rule, Violation, all_rules
from seedlint.selection import enabled_codes
from seedlint.settings import Settings
from seedlint.source import ReadProblem, SourceText, decode, read
from seedlint.suppressions import directives

if TYPE_CHECKING:
    from seedlint.fixes.model import Fix
    from seedlint.gate import Base

INTERNAL_ERROR = "X001"
TIME_BUDGET = "X002"


@dataclass(slots=True)
class FileOutcome:
    display: str
    kind: str | None
    findings: list[Finding] = field(default_factory=list)
    facts: dict[str, Any] = field(default_factory=dict)
    # suppression directives (seedlint.suppressions.Directive tuples; lists after JSON)
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


def _trace() -> str:
    """The exception being handled and its last frames, for an internal error's detail (no
    "Traceback" banner: output that shows one reads as seedlint itself crashing)."""
    exc = sys.exception()
    if exc is None:
        return ""
    frames = traceback.format_tb(exc.__traceback__, limit=-3)
    return "".join(traceback.format_exception_only(exc)) + "raised at:\n" + "".join(frames)


def _internal_error(engine: Engine, target: Target, kind: str | None, what: str) -> Finding:
    trace = _trace()
    return engine.make(
        INTERNAL_ERROR,
        target.display,
        kind,
        Violation(
            Span.point(1),
            f"internal error in {what}; please report this bug to "
            "seedlint with the file that triggers it",
            detail=trace,
        ),
    )


def check_target(
    target: Target, engine: Engine, ctx: Context, content: bytes | None = None
) -> FileOutcome:
    """Everything about one file that does not depend on any other file, within the file's
    time budget (``time-budget``; past it, the file gets X002 and what was found so far).
    ``content``: the file's bytes when the caller has read them already (for the cache)."""
    outcome = FileOutcome(target.display, None)
    budget = engine.settings.limits.time_budget
    try:
        with time_budget(budget):
            return _check_target(target, engine, ctx, outcome, content)
    except BudgetExceeded:
        outcome.facts.clear()  # a corpus rule must not see half of a file's facts
        outcome.findings.append(
            engine.make(
                TIME_BUDGET,
                target.display,
                outcome.kind,
                Violation(
                    Span.point(1),
                    f"checking this file took longer than the time budget of "
                    f"{budget:g} s (time-budget); its remaining checks were skipped",
                ),
            )
        )
        return outcome
    except Exception:  # the last net: a bug in any stage stays in this file
        outcome.facts.clear()
        outcome.findings.append(_internal_error(engine, target, outcome.kind, "seedlint"))
        return outcome


def _check_target(
    target: Target, engine: Engine, ctx: Context, outcome: FileOutcome, content: bytes | None
) -> FileOutcome:
    try:
        if target.problem is not None:
            raise ReadProblem(*target.problem)
        if content is not None:
            source = decode(content)
        else:
            source = read(target.path, engine.settings.limits.max_file_size, target.root)
    except ReadProblem as problem:
        outcome.findings.append(
            engine.make(
                problem.code,
                target.display,
                None,
                Violation(Span.point(problem.line, problem.column), problem.message),
            )
        )
        return outcome
    return check_source(target, source, engine, ctx, outcome)


def check_source(
    target: Target,
    source: SourceText,
    engine: Engine,
    ctx: Context,
    outcome: FileOutcome | None = None,
) -> FileOutcome:
    """The checks of one file's decoded text (``--fix`` re-checks its edited text with it)."""
    if outcome is None:
        outcome = FileOutcome(target.display, None)
    kind = classify(source, target.display, engine.settings.kinds)
    if kind is None:
        if target.explicit or not source.text.strip():  # an empty file is never a document
            message = (
                "file is empty"
                if not source.text.strip()
                else "not a news item (no '---' front matter) nor a DISARM page"
            )
            outcome.findings.append(
                engine.make("K001", target.display, None, Violation(Span.point(1), message))
            )
        else:
            outcome.skipped = True
        return outcome
    outcome.kind = kind
    outcome.suppressions = directives(source, kind)
    try:
        document, problems = parse(
            target.path, target.display, source, kind, engine.settings.limits
        )
    except Exception:  # isolate parser bugs to this file
        outcome.findings.append(_internal_error(engine, target, kind, f"the {kind} parser"))
        return outcome
    for problem in problems:
        violation = Violation(problem.span, problem.message, detail=problem.detail)
        outcome.findings.append(engine.make(problem.code, target.display, kind, violation, source))
    if document is None:
        return outcome
    for rule in engine.document_rules(kind):
        assert rule.check is not None
        try:
            for violation in rule.check(document, ctx):
                finding = engine.make(rule.code, target.display, kind, violation, source)
                outcome.findings.append(finding)
                if violation.fix is not None:
                    outcome.fixes.append((finding, violation.fix))
        except Exception:  # one rule's bug must not stop the others
            outcome.findings.append(
                _internal_error(engine, target, kind, f"rule {rule.code} ({rule.name})")
            )
    for rule in engine.corpus_rules(kind):
        assert rule.collect is not None
        try:
            outcome.facts[rule.code] = rule.collect(document, ctx)
        except Exception:
            outcome.findings.append(
                _internal_error(engine, target, kind, f"rule {rule.code} ({rule.name})")
            )
    return outcome


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
            trace = _trace()
            findings.append(
                engine.make(
                    INTERNAL_ERROR,
                    next(iter(facts)),
                    None,
                    Violation(
                        Span.point(1),
                        f"internal error in corpus rule {rule.code} "
                        f"({rule.name}); please report this bug to seedlint",
                        detail=trace,
                    ),
                )
            )
    return findings


def run(
    paths: Iterable[str],
    settings: Settings,
    *,
    ctx: Context | None = None,
    jobs: int | None = None,
    use_cache: bool = True,
    shard: tuple[int, int] | None = None,
) -> RunResult:
    """Check ``paths``. With ``shard`` (``--shard K/N``), only the K-th of N slices of the
    files, and without the corpus-wide rules (nor S001), whose findings need every file: a run
    of the whole corpus after the shards reuses their cached outcomes and adds them."""
    ctx = ctx or Context(settings)
    paths = list(paths)
    engine = Engine(settings)
    from seedlint.execution import in_shard, long_lived

    with long_lived():  # the targets live as long as the run: out of the collector's sight
        targets = list(discover(paths, include=settings.include, exclude=settings.exclude))
        if shard is not None:
            targets = [t for t in targets if in_shard(t.display, shard)]
    base = None
    if ctx.diff_base is not None:  # resolve the revision before any work: a typo fails fast
        from seedlint.gate import Base

        base = Base.open(ctx.diff_base, targets, ctx, paths)
        targets = base.with_changed(targets)
        base.staged(targets, settings.limits.max_file_size)
        from seedlint.cache import directory_for

        if use_cache and base.tracks(directory_for(settings.config_path)):
            use_cache = False  # a cache that came with the change is its data, not ours
            ctx.note("the cache directory is tracked by git: not used in this run")
    outcomes = _check_all(targets, engine, ctx, jobs, use_cache, shard, base)
    findings = [f for o in outcomes for f in o.findings]
    if shard is None:
        findings.extend(corpus_findings(outcomes, engine, ctx))
    else:
        ctx.note(
            f"shard {shard[0]}/{shard[1]}: {len(targets)} files; corpus-wide rules and "
            "S001 are left to a run of the whole corpus"
        )
    if base is not None:
        from seedlint.gate import gate_findings

        findings = gate_findings(findings, targets, outcomes, engine, ctx, base)
    findings = finish(findings, outcomes, engine)
    if shard is not None:  # a directive for a corpus-wide finding looks unused in a shard
        findings = [f for f in findings if f.code != "S001"]
    skipped = sum(1 for o in outcomes if o.skipped)
    return RunResult(findings, len(outcomes) - skipped, skipped, outcomes, ctx.notes)


def _check_all(
    targets: list[Target],
    engine: Engine,
    ctx: Context,
    jobs: int | None,
    use_cache: bool,
    shard: tuple[int, int] | None,
    base: Base | None,
) -> list[FileOutcome]:
    """Every target's outcome; a file whose staged bytes differ from the file on disk (the
    gate, :meth:`seedlint.gate.Base.staged`) is checked as staged, outside the cache."""
    from seedlint.execution import check_all

    staged = base.staged_bytes if base is not None else {}
    if not staged:
        return check_all(targets, engine, ctx, jobs=jobs, use_cache=use_cache, shard=shard)
    rest = [t for t in targets if t.display not in staged]
    done = iter(check_all(rest, engine, ctx, jobs=jobs, use_cache=use_cache, shard=shard))
    return [
        # as if named: a committed blob of no known kind is reported, not skipped
        check_target(t._replace(explicit=True), engine, ctx, staged[t.display])
        if t.display in staged
        else next(done)
        for t in targets
    ]


def check_text(target: Target, text: str, engine: Engine, ctx: Context) -> FileOutcome:
    """The checks of ``text`` as if it were the content of the file ``target.path`` (an
    editor's unsaved buffer): the same stages, findings and fixes as a file read from disk.
    A lone surrogate in ``text`` (no UTF-8 file holds one) is reported as a file that is not
    UTF-8 would be."""
    content = text.encode("utf-8", "surrogatepass")
    return check_target(target._replace(problem=None), engine, ctx, content)


def finish(
    findings: list[Finding], outcomes: Sequence[FileOutcome], engine: Engine
) -> list[Finding]:
    """What a run reports of ``findings``: suppressions applied (S001, S002 added), rules that
    are not selected and per-file ignores dropped, severities overridden, sorted."""
    from seedlint.suppressions import apply_suppressions

    out = _filter(apply_suppressions(findings, outcomes, engine), engine)
    out.sort(key=Finding.sort_key)
    return out


def _filter(findings: list[Finding], engine: Engine) -> list[Finding]:
    """Drop findings of rules that are not selected (stage-produced ones included) and apply
    per-file ignores; the internal-error rule can never be turned off."""
    from seedlint.discover import _matches

    out = []
    per_file = engine.settings.per_file_ignores
    for finding in findings:
        if finding.code != INTERNAL_ERROR:
            if finding.code not in engine.enabled:
                continue
            if per_file and any(
                _matches(finding.path, (pattern,))
                and any(finding.code.startswith(c) for c in codes)
                for pattern, codes in per_file
            ):
                continue
        if finding.code in engine.severity and finding.severity != engine.severity[finding.code]:
            finding = replace(finding, severity=engine.severity[finding.code])
        out.append(finding)
    return out
