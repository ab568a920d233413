"""The run: discover -> per-file checks (:mod:`seedlint.pipeline.check`, through
:mod:`seedlint.execution`) -> corpus rules (:mod:`seedlint.pipeline.corpus`) -> the gate
(:mod:`seedlint.gate.stage`) -> suppressions -> selection. :func:`run` drives a whole run;
:func:`finish` is the last step, shared with ``--fix`` and the language server.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from seedlint.config.settings import Settings
from seedlint.core.context import Context
from seedlint.core.engine import Engine
from seedlint.core.finding import Finding
from seedlint.core.outcome import INTERNAL_ERROR, FileOutcome, RunResult
from seedlint.execution.pool import check_all, in_shard, long_lived
from seedlint.pipeline.check import check_target
from seedlint.pipeline.corpus import corpus_findings
from seedlint.pipeline.discover import Target, discover, matches
from seedlint.pipeline.suppressions import apply_suppressions

if TYPE_CHECKING:
    from seedlint.gate.stage import Base


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
    with long_lived():  # the targets live as long as the run: out of the collector's sight
        targets = list(discover(paths, include=settings.include, exclude=settings.exclude))
        if shard is not None:
            targets = [t for t in targets if in_shard(t.display, shard)]
    base = None
    if ctx.diff_base is not None:  # resolve the revision before any work: a typo fails fast
        from seedlint.gate.stage import Base

        base = Base.open(ctx.diff_base, targets, ctx, paths)
        targets = base.with_changed(targets)
        base.staged(targets, settings.limits.max_file_size)
        from seedlint.execution.cache import directory_for

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
        from seedlint.gate.stage import gate_findings

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
    gate, :meth:`seedlint.gate.stage.Base.staged`) is checked as staged, outside the cache."""
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


def finish(
    findings: list[Finding], outcomes: Sequence[FileOutcome], engine: Engine
) -> list[Finding]:
    """What a run reports of ``findings``: suppressions applied (S001, S002 added), rules that
    are not selected and per-file ignores dropped, severities overridden, sorted."""
    out = select_findings(apply_suppressions(findings, outcomes, engine), engine)
    out.sort(key=Finding.sort_key)
    return out


def select_findings(findings: list[Finding], engine: Engine) -> list[Finding]:
    """Drop findings of rules that are not selected (stage-produced ones included) and apply
    per-file ignores; the internal-error rule can never be turned off."""
    out = []
    per_file = engine.settings.per_file_ignores
    for finding in findings:
        if finding.code != INTERNAL_ERROR:
            if finding.code not in engine.enabled:
                continue
            if per_file and any(
                matches(finding.path, (pattern,)) and any(finding.code.startswith(c) for c in codes)
                for pattern, codes in per_file
            ):
                continue
        if finding.code in engine.severity and finding.severity != engine.severity[finding.code]:
            finding = replace(finding, severity=engine.severity[finding.code])
        out.append(finding)
    return out
