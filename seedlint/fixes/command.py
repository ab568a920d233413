"""``seedlint check --fix`` and ``--diff``: plan the fixes, then write them or print them.

``--fix`` writes each fixed file atomically (:mod:`seedlint.fixes.write`) and renames the files
whose fix is a rename; the check that follows reports what remains. ``--diff`` prints a unified
diff of the fixes (``git apply``/``patch -p1`` can apply it) and writes nothing; its exit code
is 1 when there is something to fix, as with ruff. Unsafe fixes are applied (or shown) only with
``--unsafe-fixes``; otherwise the count of the ones left out is printed.
"""

from __future__ import annotations

import argparse
import difflib
import shlex
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from seedlint.config.settings import Settings
from seedlint.core.context import Context
from seedlint.fixes.model import Fix
from seedlint.fixes.planner import FileFix, FixPlan, plan_fixes
from seedlint.fixes.write import NotWritten, rename_no_clobber, replace_atomically


@dataclass
class FixReport:
    """What ``--fix`` did: messages for the user and the paths to check afterwards."""

    plan: FixPlan
    written: list[FileFix] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)
    # command-line path -> the path after a rename (a file named explicitly and renamed)
    renamed: dict[str, str] = field(default_factory=dict)

    @property
    def fixed(self) -> int:
        return sum(len(f.applied) for f in self.written)


def _lines(text: str) -> list[str]:
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith(("\n", "\r")):
        lines[-1] += "\n\\ No newline at end of file\n"
    return lines


def file_diff(state: FileFix) -> str:
    """The unified diff of one file's fixes (a git-style header when it is renamed)."""
    old, new = state.target.display, state.display
    bom = "\ufeff" if state.source.had_bom else ""  # so that the patch applies to the bytes
    header = ""
    if state.rename is not None:
        header = f"diff --git a/{old} b/{new}\nrename from {old}\nrename to {new}\n"
    body = "".join(
        difflib.unified_diff(
            _lines(bom + state.source.text), _lines(bom + state.text), f"a/{old}", f"b/{new}"
        )
    )
    return header + body


def _summary(files: Sequence[FileFix], verb: str) -> list[str]:
    files = [f for f in files if f.applied]
    count = sum(len(f.applied) for f in files)
    if not count:
        return []
    codes = Counter(a.code for f in files for a in f.applied)
    listed = ", ".join(f"{code} x{n}" for code, n in sorted(codes.items()))
    return [
        f"{verb} {count} finding{'s' if count != 1 else ''} in {len(files)} "
        f"file{'s' if len(files) != 1 else ''} ({listed})."
    ]


HIDDEN_SHOWN = 20


def _describe(path: str, fix: Fix) -> str:
    """A fix in words; a rename as the ``git mv`` that keeps the file's history."""
    if fix.rename is None:
        return fix.description
    head, _, _ = path.rpartition("/")
    new = f"{head}/{fix.rename}" if head else fix.rename
    return f"{fix.description} (git mv {shlex.quote(path)} {shlex.quote(new)})"


def _hidden(plan: FixPlan) -> list[str]:
    """The unsafe fixes left out, each named (up to :data:`HIDDEN_SHOWN`), then counted."""
    n = len(plan.hidden)
    if not n:
        return []
    lines = [
        f"{finding.path}:{finding.line}:{finding.column}: {finding.code} unsafe fix available: "
        f"{_describe(finding.path, fix)}"
        for finding, fix in sorted(plan.hidden, key=lambda c: c[0].sort_key())[:HIDDEN_SHOWN]
    ]
    if n > HIDDEN_SHOWN:
        lines.append(f"... and {n - HIDDEN_SHOWN} more.")
    lines.append(
        f"{n} unsafe fix{'es are' if n != 1 else ' is'} available with --unsafe-fixes "
        "(they may change meaning: review them with --diff --unsafe-fixes)."
    )
    return lines


def _problems(plan: FixPlan) -> list[str]:
    lines = [
        f"{f.target.display}: not fixed: {f.problem}" for f in plan.files if f.problem is not None
    ]
    return lines + [f"{display}: not fixed: {why}" for display, why in plan.unfixable]


def diff(
    paths: Iterable[str],
    settings: Settings,
    ctx: Context,
    *,
    unsafe: bool,
    out: TextIO,
    err: TextIO,
    quiet: bool = False,
    jobs: int | None = None,
    use_cache: bool = True,
) -> int:
    """Print the fixes as a diff; exit code 1 when there is something to fix."""
    plan = plan_fixes(paths, settings, ctx, unsafe=unsafe, jobs=jobs, use_cache=use_cache)
    for state in plan.changed:
        out.write(file_diff(state))
    if not quiet:
        lines = _summary(plan.changed, "Would fix") or ["No fixes to apply."]
        lines += _problems(plan) + _hidden(plan)
        err.write("".join(line + "\n" for line in lines))
    return 1 if plan.changed else 0


def fix(
    paths: Sequence[str],
    settings: Settings,
    ctx: Context,
    *,
    unsafe: bool,
    jobs: int | None = None,
    use_cache: bool = True,
) -> FixReport:
    """Apply the fixes: write each fixed file, then rename the ones to rename."""
    plan = plan_fixes(paths, settings, ctx, unsafe=unsafe, jobs=jobs, use_cache=use_cache)
    report = FixReport(plan)
    failures = _problems(plan)
    renames = []
    for state in plan.changed:
        try:
            if state.text != state.source.text:
                replace_atomically(state.target.path, state.original, state.new_bytes)
        except (NotWritten, OSError) as exc:
            reason = str(exc) if isinstance(exc, NotWritten) else f"cannot be written: {exc}"
            failures.append(f"{state.target.display}: not fixed: {reason}")
            continue
        report.written.append(state)
        if state.rename is None:
            continue
        try:
            rename_no_clobber(state.target.path, state.path)
        except (NotWritten, OSError) as exc:
            failures.append(f"{state.target.display}: not renamed to {state.path.name}: {exc}")
            state.applied = [a for a in state.applied if not a.renames]
            continue
        renames.append(f"Renamed {state.target.display} -> {state.display}.")
        for raw in paths:
            if Path(raw) == state.target.path:
                report.renamed[raw] = str(state.path)
    report.messages = _summary(report.written, "Fixed") + renames + failures + _hidden(plan)
    return report


def before_check(
    args: argparse.Namespace, settings: Settings, ctx: Context, paths: list[str]
) -> tuple[int | None, list[str], list[str]]:
    """The fix stage of ``seedlint check``: with ``--diff``, print the diff and return its
    exit code; with ``--fix``, write the fixes and return the paths to check next (a renamed
    file under its new name) and the messages to show after the findings."""
    if args.diff:
        code = diff(
            paths,
            settings,
            ctx,
            unsafe=args.unsafe_fixes,
            out=sys.stdout,
            err=sys.stderr,
            quiet=args.quiet,
            jobs=args.jobs,
            use_cache=not args.no_cache,
        )
        return code, paths, []
    report = fix(
        paths, settings, ctx, unsafe=args.unsafe_fixes, jobs=args.jobs, use_cache=not args.no_cache
    )
    return None, [report.renamed.get(p, p) for p in paths], report.messages


def show_messages(args: argparse.Namespace, messages: list[str]) -> None:
    """Print the fix messages where the summary goes (never into machine-readable output)."""
    if args.quiet or not messages:
        return
    from seedlint.cli.output import output_format
    from seedlint.reporters import HUMAN_FORMATS

    human = output_format(args) in HUMAN_FORMATS and args.output_file is None
    stream = sys.stdout if human else sys.stderr
    stream.write("".join(message + "\n" for message in messages))
