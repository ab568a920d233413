"""What each ``seedlint`` subcommand does, once its arguments are parsed."""

from __future__ import annotations

import argparse
import os
import sys
from collections import Counter
from pathlib import Path

from seedlint.cli import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, summary
from seedlint.context import Context
from seedlint.reporters import Report, RuleInfo, renderer
from seedlint.rules import Rule, all_rules, fix_hint
from seedlint.settings import Settings


def rule_infos(rules: dict[str, Rule]) -> dict[str, RuleInfo]:
    return {
        code: RuleInfo(code, r.name, r.summary, r.doc, r.severity, fix_hint(r.doc))
        for code, r in rules.items()
    }


def run_check(args: argparse.Namespace, settings: Settings) -> int:
    from seedlint.pipeline import run

    paths = args.paths or ["."]
    fmt = args.format or os.environ.get("SEEDLINT_OUTPUT_FORMAT") or "concise"
    # --only-changed without a base compares with what a hook or CI job means (gate.AUTO)
    diff_base = args.diff_base or ("auto" if args.only_changed else None)
    ctx = Context(settings, verbose=args.verbose, diff_base=diff_base,
                  only_changed=args.only_changed)
    result = run(paths, settings, ctx=ctx, jobs=args.jobs, use_cache=not args.no_cache)
    findings = result.findings
    report = Report(findings, rule_infos(all_rules()), result.files_checked,
                    result.files_skipped, Path.cwd())
    if args.statistics:
        counts = Counter(f.code for f in findings)
        names = all_rules()
        text = "".join(
            f"{n:>6}  {code:<6} {names[code].name if code in names else ''}\n"
            for code, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
        )
    else:
        text = renderer(fmt)(report)
    machine = fmt not in ("concise", "full") and not args.statistics
    if args.output_file is not None:
        args.output_file.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    if args.verbose:
        for note in result.notes:
            print(f"seedlint: {note}", file=sys.stderr)
    if not args.quiet:
        stream = sys.stderr if machine and args.output_file is None else sys.stdout
        if args.output_file is not None:
            stream = sys.stdout
        stream.write(summary(result))
    if result.internal_errors:
        return EXIT_ERROR
    if findings and not args.exit_zero:
        return EXIT_FINDINGS
    return EXIT_OK


def list_rules() -> int:
    rules = all_rules()
    print(f"{'code':<6} {'name':<32} {'kind':<7} {'severity':<8} {'fix':<7} enabled")
    for code, r in rules.items():
        print(f"{code:<6} {r.name:<32} {r.kind:<7} {r.severity.value:<8} "
              f"{r.fix or '-':<7} {'yes' if r.enabled else 'no'}")
    return EXIT_OK


def show_rule(code: str) -> int:
    rules = all_rules()
    rule = rules.get(code.upper())
    if rule is None:
        print(f"seedlint: error: unknown rule code '{code}'", file=sys.stderr)
        return EXIT_ERROR
    print(f"# {rule.code} {rule.name}\n")
    print(f"kind: {rule.kind}; default severity: {rule.severity.value}; "
          f"fix: {rule.fix or 'none'}; enabled by default: {'yes' if rule.enabled else 'no'}\n")
    print(rule.doc)
    return EXIT_OK


def show_schema(kind: str) -> int:
    from seedlint.schema_loader import bundled_names, bundled_text

    names = bundled_names()
    name = {"news": "news-item"}.get(kind, kind)
    if name not in names and f"disarm-{name}" in names:
        name = f"disarm-{name}"
    if name not in names:
        print(f"seedlint: error: no bundled schema '{kind}'; choose from: news, "
              + ", ".join(n for n in names if n != "news-item"), file=sys.stderr)
        return EXIT_ERROR
    sys.stdout.write(bundled_text(name))
    return EXIT_OK


def internal_error(exc: BaseException) -> int:
    import traceback

    print(f"seedlint: internal error: {type(exc).__name__}: {exc}", file=sys.stderr)
    print("This is a bug in seedlint; please report it with the command and input that "
          "triggered it. Set SEEDLINT_DEBUG=1 to see the traceback.", file=sys.stderr)
    if os.environ.get("SEEDLINT_DEBUG"):
        traceback.print_exc()
    return EXIT_ERROR
