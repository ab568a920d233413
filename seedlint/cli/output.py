"""What a finished ``seedlint check`` run shows, and where: the baseline applied (or written),
the findings in the chosen format (on standard output or in ``--output-file``), the summary,
the exit code.

Terminal manners: machine-readable output carries nothing but the findings (its summary goes to
standard error, or to the terminal when the findings go to a file); colour only on a terminal
and never with ``NO_COLOR``; ``--quiet`` prints the findings only.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from seedlint.cli.exitcodes import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK
from seedlint.core.rules import Rule, all_rules, fix_hint
from seedlint.reporters import HUMAN_FORMATS, Report, RuleInfo

if TYPE_CHECKING:
    from seedlint.core.outcome import RunResult


class OutputError(Exception):
    """The findings or the baseline could not be written (exit code 2)."""


def rule_infos(rules: dict[str, Rule]) -> dict[str, RuleInfo]:
    from seedlint.core.doctext import inline

    infos = {}
    for code, r in rules.items():
        hint = fix_hint(r.doc)
        infos[code] = RuleInfo(
            code,
            r.name,
            r.summary,
            r.doc,
            r.severity,
            hint and inline(hint),
            r.kind,
            r.enabled,
            r.fix,
        )
    return infos


def output_format(args: argparse.Namespace) -> str:
    return str(args.format or os.environ.get("SEEDLINT_OUTPUT_FORMAT") or "concise")


def _note(message: str) -> None:
    print(f"seedlint: {message}", file=sys.stderr)


def _trusted_reader(args: argparse.Namespace) -> Callable[[Path], bytes | None] | None:
    """In the gate (a base revision), files are read as the base has them: a baseline that the
    change under review edits hides none of its findings (:mod:`seedlint.config.trust`)."""
    spec = getattr(args, "diff_base", None)
    spec = spec or ("auto" if getattr(args, "only_changed", False) else None)
    if spec is None:
        return None
    from seedlint.config.trust import BaseReader

    reader = BaseReader(spec)
    consulted = getattr(args, "consulted", None)
    if isinstance(consulted, list):
        reader.consulted = consulted
    return reader


def _baseline(args: argparse.Namespace, result: RunResult) -> tuple[RunResult, int]:
    """The run with baselined findings removed (:func:`seedlint.pipeline.run.apply_baseline`,
    or everything recorded by :func:`~seedlint.pipeline.run.write_baseline`), and how many
    were removed."""
    from seedlint.pipeline.baseline import BaselineError
    from seedlint.pipeline.run import apply_baseline, write_baseline

    shown = result
    try:
        if args.write_baseline is not None:
            shown, recorded = write_baseline(result, args.write_baseline)
            if not args.quiet:
                _note(
                    f"wrote {recorded} finding{'s' if recorded != 1 else ''} to the baseline "
                    f"{args.write_baseline}"
                )
        elif args.baseline is not None:
            shown, stale = apply_baseline(result, args.baseline, _trusted_reader(args))
            if stale and args.show_stale:
                for entry in stale:
                    _note(f"stale baseline entry: {entry.describe()}")
            elif stale and not args.quiet:
                n = sum(s.unmatched for s in stale)
                _note(
                    f"{n} baseline entr{'ies' if n != 1 else 'y'} no longer match any finding "
                    "(--show-stale lists them; --write-baseline rewrites the file)"
                )
    except BaselineError as exc:
        raise OutputError(str(exc)) from None
    if args.show_stale and args.baseline is None and not args.quiet:
        _note("--show-stale lists the stale entries of --baseline FILE; no baseline was given")
    return shown, len(result.findings) - len(shown.findings)


def _write(path: Path, text: str) -> None:
    try:
        if path.parent != Path(""):
            path.parent.mkdir(parents=True, exist_ok=True)
        # surrogateescape: a file name that is not UTF-8 is written as the bytes it has
        path.write_text(text, encoding="utf-8", errors="surrogateescape")
    except OSError as exc:
        raise OutputError(f"{path}: cannot write the output file: {exc.strerror or exc}") from None


def report_run(args: argparse.Namespace, result: RunResult) -> int:
    """Show a finished run; the exit code."""
    try:
        return _report(args, result)
    except OutputError as exc:
        _note(f"error: {exc}")
        return EXIT_ERROR


def _report(args: argparse.Namespace, result: RunResult) -> int:
    fmt = output_format(args)
    hidden = 0
    if args.baseline is not None or args.write_baseline is not None or args.show_stale:
        result, hidden = _baseline(args, result)
    findings = result.findings
    to_file: Path | None = args.output_file
    human = fmt in HUMAN_FORMATS
    report = Report(
        findings,
        rule_infos(all_rules()),
        result.files_checked,
        result.files_skipped,
        Path.cwd(),
        color=human and to_file is None and color_enabled(sys.stdout),
    )
    if args.statistics:
        from seedlint.reporters.statistics import render

        text = render(report, fmt)
        human = fmt not in ("json", "json-lines")
    else:
        from seedlint.reporters import renderer

        text = renderer(fmt)(report)
    if to_file is not None:
        _write(to_file, text)
    else:
        sys.stdout.write(text)
    if args.verbose:
        for note in result.notes:
            _note(note)
    if not args.quiet:
        # a machine-readable stream on stdout must stay parseable: the summary goes aside
        stream: TextIO = sys.stderr if not human and to_file is None else sys.stdout
        text = summary(result)
        if hidden:
            text = (
                text.rstrip("\n") + f" {hidden} baselined finding{'s' if hidden != 1 else ''} "
                "not shown.\n"
            )
        if to_file is not None:
            text = text.rstrip("\n") + f" Findings written to {to_file}.\n"
        stream.write(text)
    if result.internal_errors:
        return EXIT_ERROR
    if findings and not args.exit_zero:
        return EXIT_FINDINGS
    return EXIT_OK


def summary(result: RunResult) -> str:
    n = len(result.findings)
    return (
        f"Found {n} finding{'s' if n != 1 else ''} in {result.files_with_findings} "
        f"file{'s' if result.files_with_findings != 1 else ''}; "
        f"{result.files_checked} file{'s' if result.files_checked != 1 else ''} checked, "
        f"{result.files_skipped} skipped.\n"
    )


def color_enabled(stream: object) -> bool:
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())
