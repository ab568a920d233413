"""What each ``seedlint`` subcommand does, once its arguments are parsed."""

from __future__ import annotations

import argparse
import os
import sys

from seedlint.cli.exitcodes import EXIT_ERROR, EXIT_OK
from seedlint.config.settings import Settings
from seedlint.core.context import Context
from seedlint.core.rules import all_rules


def run_check(args: argparse.Namespace, settings: Settings) -> int:
    from seedlint.pipeline.run import run

    # a hook passes the staged files, and none when a commit stages no matching file (one that
    # only deletes or moves pages): then --no-default-path checks no file, and the gate still
    # reads git's list of what the change deletes, moves and retypes
    paths = args.paths or ([] if args.no_default_path else ["."])
    shard = _shard(args)
    # --only-changed without a base compares with what a hook or CI job means (gate.AUTO)
    diff_base = args.diff_base or ("auto" if args.only_changed else None)
    ctx = Context(
        settings,
        verbose=args.verbose,
        diff_base=diff_base,
        only_changed=args.only_changed,
        consulted=list(getattr(args, "consulted", [])),
    )
    fixed: list[str] = []
    if args.fix or args.diff:
        from seedlint.fixes.command import before_check

        done, paths, fixed = before_check(args, settings, ctx, paths)
        if done is not None:
            return done
    from seedlint.cli import progress

    with progress.bar(sys.stderr, progress.wanted(sys.stderr, args.quiet)):
        result = run(
            paths, settings, ctx=ctx, jobs=args.jobs, use_cache=not args.no_cache, shard=shard
        )
    from seedlint.cli.output import report_run

    code = report_run(args, result)
    if fixed:
        from seedlint.fixes.command import show_messages

        show_messages(args, fixed)
    return code


def _shard(args: argparse.Namespace) -> tuple[int, int] | None:
    """``--shard K/N``: a slice of the files, for the jobs of a CI matrix (benchmarks/README.md)."""
    if not getattr(args, "shard", None):
        return None
    from seedlint.execution.pool import parse_shard
    from seedlint.pipeline.discover import UsageError

    try:
        shard = parse_shard(args.shard)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    if args.fix or args.diff or args.write_baseline:
        raise UsageError(
            "--shard checks a slice of the files: it cannot --fix, --diff or --write-baseline "
            "(run those on the whole corpus)"
        )
    return shard


def list_rules(fmt: str = "text") -> int:
    """Every rule; ``enabled`` as the configuration found from here selects them."""
    from seedlint.config.loader import ConfigError, load
    from seedlint.config.selection import enabled_codes
    from seedlint.docs import rules_json, table

    rules = all_rules()
    try:
        settings = load()
    except ConfigError as exc:
        print(f"seedlint: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    enabled = enabled_codes(rules, settings.select, settings.extend_select, settings.ignore)
    sys.stdout.write(rules_json(rules, enabled) if fmt == "json" else table(rules, enabled))
    return EXIT_OK


def show_rule(code: str) -> int:
    from seedlint.docs import rule_text

    rules = all_rules()
    rule = rules.get(code.strip().upper())
    if rule is None:
        from difflib import get_close_matches

        close = get_close_matches(code.strip().upper(), list(rules), n=1)
        hint = f" (did you mean {close[0]}?)" if close else ""
        print(
            f"seedlint: error: unknown rule code '{code}'{hint}; 'seedlint rules' lists them",
            file=sys.stderr,
        )
        return EXIT_ERROR
    sys.stdout.write(rule_text(rule))
    return EXIT_OK


def show_schema(kind: str) -> int:
    from seedlint.news.schemas import bundled_names, bundled_text

    names = bundled_names()
    name = {"news": "news-item"}.get(kind, kind)
    if name not in names and f"disarm-{name}" in names:
        name = f"disarm-{name}"
    if name not in names:
        print(
            f"seedlint: error: no bundled schema '{kind}'; choose from: news, "
            + ", ".join(n for n in names if n != "news-item"),
            file=sys.stderr,
        )
        return EXIT_ERROR
    sys.stdout.write(bundled_text(name))
    return EXIT_OK


def internal_error(exc: BaseException) -> int:
    import traceback

    print(f"seedlint: internal error: {type(exc).__name__}: {exc}", file=sys.stderr)
    print(
        "This is a bug in seedlint; please report it with the command and input that "
        "triggered it. Set SEEDLINT_DEBUG=1 to see the traceback.",
        file=sys.stderr,
    )
    if os.environ.get("SEEDLINT_DEBUG"):
        traceback.print_exc()
    return EXIT_ERROR
