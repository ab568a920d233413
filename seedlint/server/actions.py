"""Code actions as seedlint edits (offsets into a buffer's decoded text): every fix offered
for a finding, and "suppress this finding" with an inline directive where one is allowed.

A suppression is offered only when it works: the edited text is checked again and must carry
a directive covering the finding's line, with no new findings of the document itself.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from seedlint.core.context import Context
from seedlint.core.finding import Finding
from seedlint.core.source import SourceText
from seedlint.fixes.model import Edit, Fix, apply_edits
from seedlint.fixes.planner import effective_safety
from seedlint.pipeline.check import check_text
from seedlint.pipeline.run import finish
from seedlint.pipeline.suppressions import INVALID, UNUSED, unsuppressible
from seedlint.server.analysis import Analysis

_YAML_DIRECTIVE = re.compile(r"#\s*seedlint\s*:\s*ignore\[(?P<codes>[^\]\r\n]*)\]", re.IGNORECASE)


@dataclass(frozen=True)
class Action:
    title: str
    finding: Finding
    edits: tuple[Edit, ...]
    preferred: bool
    rename: str | None = None


def fix_actions(analysis: Analysis, finding: Finding) -> list[Action]:
    out = []
    seen: set[tuple[tuple[Edit, ...], str | None]] = set()
    for found, fix in analysis.fixes:
        if found != finding or (fix.edits, fix.rename) in seen:
            continue
        seen.add((fix.edits, fix.rename))
        safety = effective_safety(analysis.engine, found, fix)
        if safety is None:
            continue
        title = f"seedlint: {_describe(fix)} ({found.code})"
        if safety == "unsafe":
            title += " [unsafe fix: may change meaning]"
        out.append(Action(title, found, fix.edits, safety == "safe", fix.rename))
    return out


def _describe(fix: Fix) -> str:
    if fix.rename is None:
        return fix.description
    return f"{fix.description} (rename the file to {fix.rename})"


def suppress_action(analysis: Analysis, finding: Finding) -> Action | None:
    """ "Suppress this finding" as an inline directive, when allowed and effective."""
    source = analysis.source
    if (
        source is None
        or finding.kind is None
        or unsuppressible(finding.code)
        or finding.code in (UNUSED, INVALID)
    ):
        return None
    edit = _directive_edit(analysis, source, finding)
    if edit is None or not _works(analysis, source, finding, edit):
        return None
    return Action(
        f"seedlint: suppress {finding.code} on this line (inline comment)",
        finding,
        (edit,),
        False,
    )


def _directive_edit(analysis: Analysis, source: SourceText, finding: Finding) -> Edit | None:
    line = max(1, finding.line)
    if line > source.line_count:
        return None
    text = source.line_text(line)
    start = source.offset(line, 1)
    end = start + len(text)
    if analysis.kind == "news" and _in_front_matter(source, line):
        existing = _YAML_DIRECTIVE.search(text)
        if existing is not None:
            at = start + existing.end("codes")
            return Edit(at, at, f", {finding.code}")
        return Edit(end, end, f"  # seedlint: ignore[{finding.code}]")
    comment = f"<!-- seedlint: ignore {finding.code} -->"
    if text.lstrip().startswith("|"):  # a table row: a line above would end the table
        return Edit(end, end, f" {comment}")
    indent = text[: len(text) - len(text.lstrip())]
    return Edit(start, start, f"{indent}{comment}{source.newline}")


def _in_front_matter(source: SourceText, line: int) -> bool:
    from seedlint.news.frontmatter import find_block

    block = find_block(source)
    if block is None:
        return False
    last = block[1] - 1 if block[1] else source.line_count
    return 1 < line <= last


def _works(analysis: Analysis, source: SourceText, finding: Finding, edit: Edit) -> bool:
    """Whether the directive would be recognised and would not make anything else worse."""
    engine = analysis.engine
    ctx = Context(engine.settings)
    target = analysis.outcome
    assert target is not None
    new_text = apply_edits(source.text, [edit])
    from seedlint.pipeline.discover import Target

    checked = Target(analysis.path, analysis.display, explicit=True)
    before = finish(list(target.findings), [target], engine)
    outcome = check_text(checked, new_text, engine, ctx)
    if outcome.kind != analysis.kind:
        return False
    shift = 1 if edit.replacement.endswith(("\n", "\r")) else 0
    covered = any(
        finding.code.startswith(code)
        for entry in outcome.suppressions
        for code in entry[3]
        if entry[5] is None and (entry[0] == finding.line + shift or (entry[4] and shift))
    )
    if not covered:
        return False
    after = finish(list(outcome.findings), [outcome], engine)
    old, new = Counter(f.code for f in before), Counter(f.code for f in after)
    return all(new[code] <= old[code] for code in new if code != UNUSED)
