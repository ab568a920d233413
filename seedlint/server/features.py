"""Hover and completion answers, in buffer offsets (no protocol types here)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from seedlint.config.settings import Settings
from seedlint.core.source import SourceText
from seedlint.server.analysis import Analysis, Project
from seedlint.server.positions import LineIndex
from seedlint.server.schema_help import Completion, complete, describe, key_at, subschema


def news_schema(settings: Settings) -> dict[str, Any]:
    from seedlint.news.schemas import load

    return load("news-item", settings.schema_for("news"))


def front_matter_lines(text: str) -> tuple[int, list[str]] | None:
    """(0-based line of the first front-matter line, the lines up to the closing ``---``) of
    a buffer that starts with front matter."""
    from seedlint.news.frontmatter import find_block

    shift = 1 if text.startswith("\ufeff") else 0
    source = SourceText(text[shift:])
    block = find_block(source)
    if block is None:
        return None
    last = block[1] - 1 if block[1] else source.line_count
    index = LineIndex(text)
    return 1, [index.line_text(n) for n in range(1, last)]


def _front_position(text: str, offset: int) -> tuple[list[str], int, int] | None:
    """(front-matter lines, 0-based line among them, character in code points)."""
    front = front_matter_lines(text)
    if front is None:
        return None
    first, lines = front
    index = LineIndex(text)
    line = max(0, min(offset, len(text)))
    from bisect import bisect_right

    number = bisect_right(index.starts, line) - 1
    if not first <= number < first + len(lines):
        return None
    return lines, number - first, offset - index.starts[number]


def hover_text(analysis: Analysis, text: str, offset: int, index: LineIndex) -> str:
    """Markdown for a hover: the documentation of the rules of the findings under the
    cursor, and, on a front-matter key, what the schema says of it."""
    parts: list[str] = []
    if analysis.kind == "news":
        where = _front_position(text, offset)
        if where is not None:
            lines, line, character = where
            found = key_at(lines, line, character)
            if found is not None:
                path, key = found
                node = subschema(news_schema(analysis.engine.settings), path)
                if node is not None:
                    parts.append(describe(news_schema(analysis.engine.settings), key, node))
    source = analysis.source
    if source is not None:
        at = offset - analysis.shift
        from seedlint.docs import rule_text

        shown: set[str] = set()
        for finding in analysis.findings:
            line = max(1, finding.line)
            start = source.offset(line, max(1, finding.column))
            end = source.offset(max(line, finding.end_line), max(1, finding.end_column))
            rule = analysis.engine.rules.get(finding.code)
            if start <= at <= max(start, end) and rule is not None and finding.code not in shown:
                shown.add(finding.code)
                parts.append(f"```text\n{rule_text(rule).rstrip()}\n```")
    return "\n\n---\n\n".join(parts)


def completions(project: Project, path: Path, text: str, offset: int) -> list[Completion]:
    """Front-matter keys the mapping at the cursor lacks, or the values a key allows; the
    ranges are buffer offsets."""
    where = _front_position(text, offset)
    if where is None:
        return []
    lines, line, character = where
    schema = news_schema(project.settings_for(path))
    start_of_line = offset - character
    return [
        replace(item, start=start_of_line + item.start, end=start_of_line + item.end)
        for item in complete(schema, lines, line, character)
    ]
