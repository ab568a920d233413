"""``--statistics``: how many findings each rule code has, most frequent first.

As text for people (count, code, ``[*]`` when the rule has a fix, name; then a legend line
for ``[*]`` when a row has it) and, with
``--format json`` or ``json-lines``, a JSON array of ``{"code", "name", "count", "fixable"}``.
"""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

from seedlint.reporters import Report


def rows(report: Report) -> list[dict[str, Any]]:
    counts = Counter(f.code for f in report.findings)
    out = []
    for code, count in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        info = report.rules.get(code)
        out.append(
            {
                "code": code,
                "name": info.name if info else "",
                "count": count,
                "fixable": bool(info and info.fix),
            }
        )
    return out


def render(report: Report, fmt: str = "concise") -> str:
    table = rows(report)
    if fmt in ("json", "json-lines"):
        return json.dumps(table, indent=2) + "\n"
    width = max((len(str(r["count"])) for r in table), default=1)
    text = "".join(
        f"{r['count']:>{width}}  {r['code']:<6} {'[*]' if r['fixable'] else '   '} {r['name']}\n"
        for r in table
    )
    if any(r["fixable"] for r in table):
        text += LEGEND
    return text


LEGEND = "[*] fixable with `seedlint check --fix` (unsafe fixes with `--unsafe-fixes` too)\n"
