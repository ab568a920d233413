"""The ``seedlint`` command line. Imports stay lazy so that ``--version`` and a one-file check
start fast."""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from seedlint import __version__
from seedlint.cli.exitcodes import EXIT_ERROR
from seedlint.reporters import FORMAT_NAMES

if TYPE_CHECKING:
    from seedlint.config.settings import Settings


def _codes(text: str) -> list[str]:
    return [c.strip() for c in text.split(",") if c.strip()]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="seedlint",
        description="Lint news-item front matter and DISARM framework pages.",
    )
    parser.add_argument("--version", action="version", version=f"seedlint {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    _check_parser(sub.add_parser("check", help="check files and directories (default: .)"))
    rules_list = sub.add_parser("rules", help="list every rule")
    rules_list.add_argument("--format", choices=("text", "json"), default="text")
    rule = sub.add_parser("rule", help="print a rule's documentation")
    rule.add_argument("code")
    schema = sub.add_parser("schema", help="print a bundled JSON Schema")
    schema.add_argument("kind", help="news, or a DISARM page type such as disarm-technique")
    sub.add_parser(
        "server",
        help="run the language server (LSP over stdio) for editors; see docs/editors.md",
    )
    return parser


def _check_parser(check: argparse.ArgumentParser) -> None:
    """The options of ``seedlint check``, in the groups its help shows."""
    check.add_argument("paths", nargs="*", metavar="PATH")
    check.add_argument(
        "--no-default-path",
        action="store_true",
        help="with no PATH, check no file instead of the current directory (for hooks that "
        "pass the files they select; the gate still reads git's change list)",
    )
    out = check.add_argument_group("output")
    out.add_argument(
        "--format",
        "--output-format",
        dest="format",
        choices=FORMAT_NAMES,
        default=None,
        help="output format (default: concise; env SEEDLINT_OUTPUT_FORMAT)",
    )
    out.add_argument(
        "--output-file",
        "-o",
        type=Path,
        metavar="FILE",
        help="write the findings to FILE; the terminal still gets the summary",
    )
    out.add_argument("--statistics", action="store_true", help="print counts per rule code")
    out.add_argument("--quiet", "-q", action="store_true", help="print findings only")
    out.add_argument("--verbose", "-v", action="store_true", help="say what was skipped and why")
    out.add_argument("--exit-zero", action="store_true", help="exit 0 even with findings")
    out.add_argument(
        "--show-stale", action="store_true", help="list baseline entries that no longer match"
    )
    rules = check.add_argument_group("rule selection")
    rules.add_argument("--select", type=_codes, metavar="CODES", help="only these codes/prefixes")
    rules.add_argument("--extend-select", type=_codes, metavar="CODES", default=[])
    rules.add_argument("--ignore", type=_codes, metavar="CODES", default=[])
    rules.add_argument("--config", type=Path, metavar="FILE", help="configuration file to use")
    rules.add_argument("--isolated", action="store_true", help="ignore configuration files")
    git = check.add_argument_group("git")
    git.add_argument(
        "--diff-base",
        metavar="REF",
        help="compare DISARM protected regions with git revision REF; 'A...B' "
        "means their merge base; 'auto': pre-commit's --from-ref, the pull "
        "request's target branch in GitHub/GitLab CI, else HEAD",
    )
    git.add_argument(
        "--only-changed",
        action="store_true",
        default=False,
        help="report only findings on lines changed since --diff-base (default base: auto)",
    )
    git.add_argument(
        "--no-only-changed",
        dest="only_changed",
        action="store_false",
        help="report findings on every line (undoes --only-changed)",
    )
    _work_options(check)


def _work_options(check: argparse.ArgumentParser) -> None:
    """``seedlint check``'s baseline, fix and performance options."""
    base = check.add_argument_group("baseline")
    base.add_argument("--baseline", type=Path, metavar="FILE", help="report only new findings")
    base.add_argument(
        "--write-baseline", type=Path, metavar="FILE", help="record today's findings in FILE"
    )
    fix = check.add_argument_group("fixes")
    fix.add_argument("--fix", action="store_true", help="apply safe fixes")
    fix.add_argument("--diff", action="store_true", help="print the fixes as a diff, write nothing")
    fix.add_argument("--unsafe-fixes", action="store_true", help="also apply unsafe fixes")
    perf = check.add_argument_group("performance")
    perf.add_argument(
        "--jobs",
        "-j",
        type=int,
        default=None,
        metavar="N",
        help="worker processes (default: automatic)",
    )
    perf.add_argument("--no-cache", action="store_true", help="neither read nor write the cache")
    perf.add_argument("--shard", metavar="K/N", help="check only the K-th of N slices of files")


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command == "check":
            return _check(args)
        if args.command == "rules":
            from seedlint.cli.commands import list_rules

            return list_rules(args.format)
        if args.command == "rule":
            from seedlint.cli.commands import show_rule

            return show_rule(args.code)
        if args.command == "schema":
            from seedlint.cli.commands import show_schema

            return show_schema(args.kind)
        if args.command == "server":
            from seedlint.server import main as serve

            return serve()
    except KeyboardInterrupt:
        print("seedlint: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_ERROR
    except Exception as exc:  # no traceback reaches a user
        from seedlint.cli.commands import internal_error

        return internal_error(exc)
    parser.print_help()
    return EXIT_ERROR


def _settings(args: argparse.Namespace) -> Settings:
    from dataclasses import replace

    from seedlint.config.loader import check_selectors, load
    from seedlint.config.settings import Settings

    for option in ("select", "extend_select", "ignore"):
        if getattr(args, option):
            check_selectors("--" + option.replace("_", "-"), getattr(args, option))
    args.consulted = []
    if args.isolated:
        settings = Settings()
    elif args.diff_base is not None or args.only_changed:
        # the gate: configuration as the base revision has it, never as the change does
        from seedlint.config.trust import BaseReader

        reader = BaseReader(args.diff_base or "auto")
        settings = load(args.config, reader=reader)
        if args.baseline is not None:  # looked at now, so that the gate reports its edits
            with contextlib.suppress(OSError):
                reader(args.baseline)
        args.consulted = reader.consulted
    else:
        settings = load(args.config)
    if args.select is not None:
        # as in ruff, --select starts the selection afresh: the file's select, extend-select
        # and ignore no longer apply (per-file-ignores still do)
        settings = replace(settings, select=tuple(args.select), extend_select=(), ignore=())
    if args.extend_select:
        extended = settings.extend_select + tuple(args.extend_select)
        settings = replace(settings, extend_select=extended)
    if args.ignore:
        settings = replace(settings, ignore=settings.ignore + tuple(args.ignore))
    if args.format is None and not os.environ.get("SEEDLINT_OUTPUT_FORMAT"):
        args.format = settings.output_format  # the file's output-format, if any
    return settings


def _check(args: argparse.Namespace) -> int:
    from seedlint.config.loader import ConfigError
    from seedlint.pipeline.discover import UsageError

    try:
        settings = _settings(args)
        from seedlint.cli.commands import run_check

        return run_check(args, settings)
    except (UsageError, ConfigError) as exc:
        print(f"seedlint: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
