"""``json``: an array of finding objects; ``json-lines``: one object a line.

Each object has the fields of :class:`seedlint.core.finding.Finding`: ``code``, ``severity``,
``message``, ``path``, ``line``, ``column``, ``end_line``, ``end_column`` (1-based, end column
exclusive), ``json_path``, ``kind``, ``detail`` and ``context``.
"""

from __future__ import annotations

from seedlint.reporters import Report, dumps


def render(report: Report) -> str:
    return dumps([f.to_dict() for f in report.findings]) + "\n"


def render_lines(report: Report) -> str:
    return "".join(dumps(f.to_dict(), indent=None) + "\n" for f in report.findings)
