"""The run, as named steps that ``seedlint check``, ``--fix``, the command line's baseline and
the language server call in turn (none of them re-does the sequence):

1. :func:`discover_targets`: the files of the paths, as the configuration includes them;
2. :func:`open_gate`: with a base revision (``--diff-base``), the gate's view of it;
3. :func:`check_files`: every file's own checks (:mod:`seedlint.pipeline.check`, through
   :mod:`seedlint.execution`: cache, worker processes);
4. :func:`add_corpus_findings`: the corpus-wide rules (:mod:`seedlint.pipeline.corpus`);
5. :func:`add_gate_findings`: the gate's findings (:mod:`seedlint.gate.stage`);
6. :func:`finish`: suppressions, selection, per-file ignores, severities, order;
7. :func:`apply_baseline` / :func:`write_baseline`: what a baseline hides, or records.

:func:`run` drives steps 1 to 6 for ``seedlint check``; ``--fix`` (:mod:`seedlint.fixes.planner`)
calls 1, 3, 4 and 6 on the texts it edits in memory; the language server calls 1, 3, 4 and 6 on
a buffer; the command line (:mod:`seedlint.cli.output`) calls 7 on a finished run.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from seedlint.config.settings import Settings
from seedlint.core.context import Context
from seedlint.core.engine import Engine
from seedlint.core.finding import Finding
from seedlint.core.outcome import INTERNAL_ERROR, FileOutcome, RunResult
from seedlint.execution.fast import long_lived
from seedlint.execution.pool import check_all, in_shard
from seedlint.pipeline import baseline
from seedlint.pipeline.check import check_target
from seedlint.pipeline.corpus import corpus_findings
from seedlint.pipeline.discover import Target, discover, matches
from seedlint.pipeline.suppressions import apply_suppressions

if TYPE_CHECKING:
    from collections.abc import Callable

    from seedlint.fixes.model import Fix
    from seedlint.gate.base import Base


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
    targets = discover_targets(paths, settings, shard)
    targets, base, use_cache = open_gate(targets, paths, settings, ctx, use_cache)
    outcomes = check_files(
        targets, engine, ctx, jobs=jobs, use_cache=use_cache, shard=shard, base=base
    )
    findings = [f for o in outcomes for f in o.findings]
    if shard is None:
        findings = add_corpus_findings(findings, outcomes, engine, ctx)
    else:
        ctx.note(
            f"shard {shard[0]}/{shard[1]}: {len(targets)} files; corpus-wide rules and "
            "S001 are left to a run of the whole corpus"
        )
    if base is not None:
        findings = add_gate_findings(findings, targets, outcomes, engine, ctx, base)
    findings = finish(findings, outcomes, engine)
    if shard is not None:  # a directive for a corpus-wide finding looks unused in a shard
        findings = [f for f in findings if f.code != "S001"]
    skipped = sum(1 for o in outcomes if o.skipped)
    return RunResult(findings, len(outcomes) - skipped, skipped, outcomes, ctx.notes)


def discover_targets(
    paths: Iterable[str], settings: Settings, shard: tuple[int, int] | None = None
) -> list[Target]:
    """Step 1: the files to check under ``paths`` (``include``/``exclude`` applied); with
    ``shard``, only those of its slice."""
    with long_lived():  # the targets live as long as the run: out of the collector's sight
        targets = list(discover(paths, include=settings.include, exclude=settings.exclude))
        if shard is not None:
            targets = [t for t in targets if in_shard(t.display, shard)]
    return targets


def open_gate(
    targets: list[Target], paths: list[str], settings: Settings, ctx: Context, use_cache: bool
) -> tuple[list[Target], Base | None, bool]:
    """Step 2: with a base revision (``ctx.diff_base``), the gate's view of it (resolved before
    any work: a typo fails fast), the targets it adds (changed files it must see) and whether
    the cache may be used; without one, the targets as they are and no base."""
    if ctx.diff_base is None:
        return targets, None, use_cache
    from seedlint.execution.cache import directory_for
    from seedlint.gate.base import Base

    base = Base.open(ctx.diff_base, targets, ctx, paths)
    targets = base.with_changed(targets)
    base.staged(targets, settings.limits.max_file_size)
    if use_cache and base.tracks(directory_for(settings.config_path)):
        use_cache = False  # a cache that came with the change is its data, not ours
        ctx.note("the cache directory is tracked by git: not used in this run")
    return targets, base, use_cache


def check_files(
    targets: list[Target],
    engine: Engine,
    ctx: Context,
    *,
    jobs: int | None = None,
    use_cache: bool = True,
    shard: tuple[int, int] | None = None,
    base: Base | None = None,
) -> list[FileOutcome]:
    """Step 3: every target's outcome, in the order of the targets; a file whose staged bytes
    differ from the file on disk (the gate, :meth:`seedlint.gate.base.Base.staged`) is
    checked as staged, outside the cache."""
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


def add_corpus_findings(
    findings: list[Finding],
    outcomes: Sequence[FileOutcome],
    engine: Engine,
    ctx: Context,
    fixes: list[tuple[Finding, Fix]] | None = None,
) -> list[Finding]:
    """Step 4: ``findings`` and those of the corpus-wide rules over every outcome's facts (the
    fixes those rules offer go to ``fixes`` when given)."""
    return findings + corpus_findings(outcomes, engine, ctx, fixes)


def add_gate_findings(
    findings: list[Finding],
    targets: Sequence[Target],
    outcomes: Sequence[FileOutcome],
    engine: Engine,
    ctx: Context,
    base: Base,
) -> list[Finding]:
    """Step 5: ``findings`` with the gate's (protected regions, the change's tree and
    configuration) added and, with ``--only-changed``, only those on changed lines kept."""
    from seedlint.gate.stage import gate_findings

    return gate_findings(findings, targets, outcomes, engine, ctx, base)


def finish(
    findings: list[Finding], outcomes: Sequence[FileOutcome], engine: Engine
) -> list[Finding]:
    """Step 6: what a run reports of ``findings``: suppressions applied (S001, S002 added),
    rules that are not selected and per-file ignores dropped, severities overridden, sorted."""
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


def apply_baseline(
    result: RunResult,
    path: Path,
    reader: Callable[[Path], bytes | None] | None = None,
    cwd: Path | None = None,
) -> tuple[RunResult, list[baseline.Stale]]:
    """Step 7: the run without the findings the baseline file ``path`` records (read through
    ``reader`` when given: the gate's trusted view), and the baseline's stale entries among the
    files the run checked. Raises :class:`~seedlint.pipeline.baseline.BaselineError`."""
    items = baseline.load(path, reader)
    checked = [o.display for o in result.outcomes if not o.skipped]
    findings, stale = baseline.apply(
        result.findings, items, path.parent, cwd or Path.cwd(), checked
    )
    return replace(result, findings=findings), stale


def write_baseline(result: RunResult, path: Path, cwd: Path | None = None) -> tuple[RunResult, int]:
    """Step 7, recording: write the run's findings to the baseline file ``path``; the run with
    only what a baseline never records left, and how many findings were recorded. Raises
    :class:`~seedlint.pipeline.baseline.BaselineError`."""
    items = baseline.write(path, result.findings, cwd or Path.cwd())
    recorded = sum(e.count for e in items)
    # everything just recorded is known; only what is never recorded remains
    kept = [f for f in result.findings if f.code in baseline.NEVER_RECORDED]
    return replace(result, findings=kept), recorded
