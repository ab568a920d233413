"""``concise`` (``path:line:col: CODE message``) and ``full`` (the source line, a caret under
the column, the detail and the rule's fix hint). With ``Report.color`` (a terminal without
``NO_COLOR``) the path is bold and the code coloured by severity."""

from __future__ import annotations

import re
from pathlib import Path

from seedlint.core.finding import Finding, Severity
from seedlint.reporters import Report

BOLD, DIM, RESET = "\x1b[1m", "\x1b[2m", "\x1b[0m"
SEVERITY_COLORS = {
    Severity.ERROR: "\x1b[1;31m",
    Severity.WARNING: "\x1b[1;33m",
    Severity.INFO: "\x1b[1;36m",
}
CYAN, BLUE = "\x1b[36m", "\x1b[1;34m"
_CONTROL = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f]")


def _printable(text: str) -> str:
    """A finding stays on its line and never drives the terminal: line breaks and control
    characters (the ESC of an escape sequence copied from a file) are shown escaped."""
    return _CONTROL.sub(lambda m: repr(m.group(0))[1:-1], text)


def _head(f: Finding, color: bool, severity: bool = False) -> str:
    sev = f" [{f.severity}]" if severity else ""
    message, path = _printable(f.message), _printable(f.path)
    if not color:
        return f"{path}:{f.line}:{f.column}: {f.code}{sev} {message}\n"
    code = SEVERITY_COLORS.get(f.severity, BOLD) + f.code + RESET
    sep = f"{CYAN}:{RESET}"
    return f"{BOLD}{path}{RESET}{sep}{f.line}{sep}{f.column}{sep} {code}{sev} {message}\n"


def concise(report: Report) -> str:
    return "".join(_head(f, report.color) for f in report.findings)


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
    color = report.color
    gutter = f"{BLUE}|{RESET}" if color else "|"
    for f in report.findings:
        out.append(_head(f, color, severity=True))
        text = _source_line(report, f.path, f.line, cache) if f.kind is not None else ""
        if text:
            # a long line is shown as a window around the column (a caret padded to column
            # 2,000,000 for each of thousands of findings would be gigabytes)
            start = 0 if len(text) <= 200 else max(0, f.column - 1 - 120)
            cut = "..." if start else ""
            end = len(text) if len(text) <= 200 else start + min(400, f.column - start + 80)
            shown = cut + _printable(text[start:end])
            column = f.column - start + len(cut)
            width = 1
            if f.end_line == f.line:
                width = max(1, min(f.end_column - f.column, len(shown) - column + 1))
            caret = "^" * width
            if color:
                caret = SEVERITY_COLORS.get(f.severity, BOLD) + caret + RESET
            out.append(f"  {f.line:>4} {gutter} {shown}\n")
            out.append(f"       {gutter} {' ' * (column - 1)}{caret}\n")
        if f.detail:
            out.extend(
                f"       {gutter} {_printable(line)}\n"
                for line in f.detail.rstrip("\n").splitlines()
            )
        info = report.rules.get(f.code)
        if info is not None and info.fix_hint:
            help_ = f"{BOLD}help{RESET}" if color else "help"
            out.append(f"  {help_}: {info.fix_hint}\n")
        out.append("\n")
    return "".join(out)
