"""The checks of one file: read -> classify -> parse -> document rules -> corpus facts, within
the file's time budget. :func:`check_target` does everything that depends on one file only and
returns a :class:`~seedlint.core.outcome.FileOutcome` (findings, corpus facts, suppression
directives); it is what worker processes and the cache deal in."""

from __future__ import annotations

import sys
import traceback

from seedlint.core.context import Context
from seedlint.core.engine import Engine
from seedlint.core.finding import Finding, Span
from seedlint.core.outcome import INTERNAL_ERROR, TIME_BUDGET, FileOutcome
from seedlint.core.rules import Violation
from seedlint.core.source import ReadProblem, SourceText, decode, read
from seedlint.execution.budget import BudgetExceeded, time_budget
from seedlint.pipeline.classify import classify
from seedlint.pipeline.discover import Target
from seedlint.pipeline.parse import parse
from seedlint.pipeline.suppressions import directives


def trace() -> str:
    """The exception being handled and its last frames, for an internal error's detail (no
    "Traceback" banner: output that shows one reads as seedlint itself crashing)."""
    exc = sys.exception()
    if exc is None:
        return ""
    frames = traceback.format_tb(exc.__traceback__, limit=-3)
    return "".join(traceback.format_exception_only(exc)) + "raised at:\n" + "".join(frames)


def internal_error(engine: Engine, target: Target, kind: str | None, what: str) -> Finding:
    where = trace()
    return engine.make(
        INTERNAL_ERROR,
        target.display,
        kind,
        Violation(
            Span.point(1),
            f"internal error in {what}; please report this bug to "
            "seedlint with the file that triggers it",
            detail=where,
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
        outcome.findings.append(internal_error(engine, target, outcome.kind, "seedlint"))
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
        outcome.findings.append(internal_error(engine, target, kind, f"the {kind} parser"))
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
                internal_error(engine, target, kind, f"rule {rule.code} ({rule.name})")
            )
    for rule in engine.corpus_rules(kind):
        assert rule.collect is not None
        try:
            outcome.facts[rule.code] = rule.collect(document, ctx)
        except Exception:
            outcome.findings.append(
                internal_error(engine, target, kind, f"rule {rule.code} ({rule.name})")
            )
    return outcome


def check_text(target: Target, text: str, engine: Engine, ctx: Context) -> FileOutcome:
    """The checks of ``text`` as if it were the content of the file ``target.path`` (an
    editor's unsaved buffer): the same stages, findings and fixes as a file read from disk.
    A lone surrogate in ``text`` (no UTF-8 file holds one) is reported as a file that is not
    UTF-8 would be."""
    content = text.encode("utf-8", "surrogatepass")
    return check_target(target._replace(problem=None), engine, ctx, content)
