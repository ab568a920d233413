"""``concise`` (``path:line:col: CODE message``) and ``full`` (the source line, a caret under
the column, the detail and the rule's fix hint)."""

from __future__ import annotations

from pathlib import Path

from seedlint.reporters import Report


def concise(report: Report) -> str:
    return "".join(
        f"{f.path}:{f.line}:{f.column}: {f.code} {f.message}\n" for f in report.findings
    )


def _source_line(report: Report, path: str, line: int, cache: dict[str, list[str]]) -> str:
    if path not in cache:
        try:
            text = (report.root / Path(path)).read_text("utf-8-sig", errors="replace")
        except OSError:
            text = ""
        cache[path] = text.splitlines()
    lines = cache[path]
    return lines[line - 1] if 0 < line <= len(lines) else ""


def full(report: Report) -> str:
    out: list[str] = []
    cache: dict[str, list[str]] = {}
    for f in report.findings:
        out.append(f"{f.path}:{f.line}:{f.column}: {f.code} [{f.severity}] {f.message}\n")
        text = _source_line(report, f.path, f.line, cache) if f.code[0] not in "R" else ""
        if text:
            shown = text if len(text) <= 200 else text[: max(0, f.column + 80)][:400]
            width = 1
            if f.end_line == f.line:
                width = max(1, min(f.end_column - f.column, len(shown) - f.column + 1))
            out.append(f"  {f.line:>4} | {shown}\n")
            out.append(f"       | {' ' * (f.column - 1)}{'^' * width}\n")
        if f.detail:
            out.extend(f"       | {line}\n" for line in f.detail.rstrip("\n").splitlines())
        info = report.rules.get(f.code)
        if info is not None and info.fix_hint:
            out.append(f"  help: {info.fix_hint}\n")
        out.append("\n")
    return "".join(out)
