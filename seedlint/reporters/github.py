"""``github``: GitHub Actions workflow commands, which GitHub shows as annotations on the
pull request's changed files and in the run's summary::

    ::error file=_news/x.md,line=21,endLine=21,col=95,endColumn=101,title=N005::HTML entity ...

Severities map to ``error``, ``warning`` and ``notice``. Paths are relative to the repository
root (the checkout, where GitHub looks for them). As GitHub requires, ``%``, CR and LF are
escaped in the message, and ``,`` and ``:`` also in property values.
"""

from __future__ import annotations

from seedlint.core.finding import Severity
from seedlint.reporters import Report, has_surrogates
from seedlint.reporters._paths import relative_to_root, repository_root

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render(report: Report) -> str:
    root = repository_root(report.root)
    relative = relative_to_root((f.path for f in report.findings), report.root, root)
    out = []
    for f in report.findings:
        path = relative[f.path] or f.path
        end_line = max(f.line, f.end_line)
        properties = [
            ("file", path),
            ("line", str(f.line)),
            ("endLine", str(end_line)),
            ("col", str(f.column)),
            ("endColumn", str(max(f.end_column, f.column) if end_line == f.line else f.end_column)),
            ("title", f.code),
        ]
        joined = ",".join(f"{k}={escape_property(v)}" for k, v in properties)
        command = COMMANDS.get(f.severity, "warning")
        out.append(f"::{command} {joined}::{escape_data(f.message)}\n")
    text = "".join(out)
    if has_surrogates(text):
        # a file name that is not UTF-8: the log is UTF-8, so its bad bytes show as U+FFFD
        text = text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    return text
