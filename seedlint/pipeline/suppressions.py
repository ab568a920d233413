"""Inline suppressions: one finding, one place.

* In a news item's front matter, a YAML comment on the line of the finding::

      url: "https://example.com/a?x=1&#038;y=2"  # seedlint: ignore[N005]

* In markdown (a DISARM page, a news item's body), an HTML comment on the line, or alone on
  the line above (a run of such comment lines applies to the first line after them)::

      <!-- seedlint: ignore D101 -->
      | T0001 | a row the rule should not see |

Several codes are separated by commas or spaces; a code prefix (``N``) covers its family. Both
spellings, ``ignore[CODE]`` and ``ignore CODE``, are understood in both places. Internal errors
(``X001``) and the contribution gate's findings (``G``: the comment would itself edit the
protected region) cannot be suppressed inline. A finding inside a directive's own text (a rule
that took the ``D004`` of a comment for a DISARM ID) is dropped: the directive is seedlint's
syntax, not content.

A suppression that suppresses nothing is reported as ``S001`` (off by default, like ruff's
unused-noqa); a ``seedlint:`` comment that is not a valid directive (no code, an unknown
command) is reported as ``S002``. See :mod:`seedlint.validators.suppression`.

:func:`directives` runs per file (in worker processes, its result cached with the file's
outcome) and returns plain tuples; :func:`apply_suppressions` runs once per run.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from seedlint.core.finding import Finding, Span
from seedlint.core.rules import Violation
from seedlint.core.source import SourceText

if TYPE_CHECKING:
    from seedlint.core.engine import Engine
    from seedlint.core.outcome import FileOutcome

UNUSED = "S001"
INVALID = "S002"
INTERNAL_ERROR = "X001"
GATE = "G"


def unsuppressible(code: str) -> bool:
    """Internal errors (bugs to report), and the contribution gate's findings: a directive on
    a DISARM page's protected region is itself an edit of it, so a contributor could wave their
    own edit through. A repository that means to let an edit pass says so in its configuration
    (``per-file-ignores``), where a reviewer sees it."""
    return code == INTERNAL_ERROR or code.startswith(GATE)


def _refusal(code: str) -> str | None:
    """Why a directive may not name ``code`` (or a prefix covering such codes)."""
    if code.startswith(GATE):
        return (
            f"{code}: the contribution gate's findings cannot be suppressed inline (this comment "
            "edits the protected region itself); use per-file-ignores in the configuration"
        )
    if INTERNAL_ERROR.startswith(code):
        return f"{code}: internal errors cannot be suppressed; report the bug"
    return None


# (line, column, end column, codes, covers the next line, problem or None); JSON-compatible,
# so a cache may store it as lists.
Directive = tuple[int, int, int, tuple[str, ...], bool, str | None]

_YAML = re.compile(r"(?:^|(?<=\s))#\s*seedlint\s*:(?P<body>[^\r\n]*)", re.IGNORECASE | re.MULTILINE)
# the body stops at the next "<!--" too, so that many openers on one long line stay linear
_HTML = re.compile(r"<!--\s*seedlint\s*:(?P<body>(?:(?!-->|<!--)[^\r\n])*)-->", re.IGNORECASE)
_IGNORE = re.compile(r"\s*ignore\b\s*", re.IGNORECASE)
# ``ignore N005, D1 because ...``: codes are upper-case (a prefix such as ``N`` or ``D1`` too),
# and what follows them is a free-form reason
_LISTED = re.compile(r"(?:[\s,]*[A-Z][0-9]{0,4}(?![A-Za-z0-9_-]))*")
_CODE = re.compile(r"[A-Za-z][0-9]{0,4}")


def _parse(body: str, html: bool) -> tuple[tuple[str, ...], str | None]:
    """(codes, problem) of a directive's text after ``seedlint:``."""
    example = "<!-- seedlint: ignore N005 -->" if html else "# seedlint: ignore[N005]"
    command = _IGNORE.match(body)
    if command is None:
        word = body.split()[0] if body.split() else ""
        shown = f"'{word}'" if word else "nothing"
        return (), f"unknown seedlint directive {shown}; write '{example}'"
    rest = body[command.end() :]
    if rest.startswith("["):
        close = rest.find("]")
        if close == -1:
            return (), f"unclosed '[' in suppression; write '{example}'"
        raw = rest[1:close]
    else:
        listed = _LISTED.match(rest)
        raw = listed.group(0) if listed else ""
    parts = [p for p in re.split(r"[\s,]+", raw) if p]
    bad = [p for p in parts if not _CODE.fullmatch(p)]
    if bad:
        return (), f"'{bad[0]}' is not a rule code; write '{example}'"
    if not parts:
        return (), (
            f"suppression names no rule code; write '{example}' "
            "(blanket suppressions are not supported)"
        )
    codes = tuple(p.upper() for p in parts)
    refusals = [r for r in map(_refusal, codes) if r is not None]
    if refusals:  # the other codes still apply
        return tuple(c for c in codes if _refusal(c) is None), "; ".join(refusals)
    return codes, None


def directives(source: SourceText, kind: str) -> list[Directive]:
    """Every suppression directive of a file, with the lines it covers."""
    text = source.text
    # what the case-blind expressions can match (re.I also takes U+0130 and U+0131 for 'i')
    if "seedlint" not in text.casefold() and "\u0130" not in text and "\u0131" not in text:
        return []  # the common case, decided without a regular-expression scan
    front_end = 0  # last line of the front matter (news), where YAML comments count
    if kind == "news":
        from seedlint.news.frontmatter import find_block, likely_last_line

        block = find_block(source)
        if block is not None:
            # unterminated: up to where it most likely ends (what its rules were run on)
            front_end = block[1] - 1 if block[1] else likely_last_line(source)
    out: list[Directive] = []
    for pattern, html in ((_YAML, False), (_HTML, True)):
        if not html and front_end == 0:
            continue
        for match in pattern.finditer(text):
            line, column = source.position(match.start())
            if html == (line <= front_end):  # YAML comments in front matter, HTML below it
                continue
            codes, problem = _parse(match.group("body"), html)
            alone = source.line_text(line).strip() == match.group(0).strip()
            end = column + len(match.group(0).rstrip())
            out.append((line, column, end, codes, alone, problem))
    out.sort()
    return out


def _targets(entries: Sequence[Directive]) -> dict[int, list[int]]:
    """Line -> indexes of the directives covering it; a directive alone on its line covers
    the first line after a run of such lines."""
    alone_lines = {e[0] for e in entries if e[4]}
    after: dict[int, int] = {}  # alone line -> the first line after its run (linear, not per line)
    for line in sorted(alone_lines, reverse=True):
        after[line] = after[line + 1] if line + 1 in alone_lines else line + 1
    covering: dict[int, list[int]] = {}
    for index, entry in enumerate(entries):
        line = entry[0]
        covering.setdefault(line, []).append(index)
        if entry[4]:
            covering.setdefault(after[line], []).append(index)
    return covering


def _coerce(entry: Any) -> Directive:
    line, column, end, codes, alone, problem = entry
    return int(line), int(column), int(end), tuple(codes), bool(alone), problem


def apply_suppressions(
    findings: list[Finding], outcomes: Sequence[FileOutcome], engine: Engine
) -> list[Finding]:
    """Drop suppressed findings; add S001 (unused suppression) and S002 (invalid directive)
    findings where those rules are enabled."""
    table = {
        o.display: (o.kind, [_coerce(e) for e in o.suppressions])
        for o in outcomes
        if o.suppressions
    }
    if not table:
        return findings
    covering = {display: _targets(entries) for display, (_, entries) in table.items()}
    used: dict[str, set[tuple[int, str]]] = {display: set() for display in table}
    kept: list[Finding] = []
    for finding in findings:
        lines = covering.get(finding.path)
        if lines is None or unsuppressible(finding.code):
            kept.append(finding)
            continue
        entries = table[finding.path][1]
        if _inside_directive(finding, entries, lines.get(finding.line, ())):
            continue  # a rule read the directive's own text (a code taken for an ID, say)
        hit = False
        for index in lines.get(finding.line, ()):
            for code in entries[index][3]:
                if finding.code.startswith(code):
                    used[finding.path].add((index, code))
                    hit = True
        if not hit:
            kept.append(finding)
    report_unused = UNUSED in engine.enabled
    for display, (kind, entries) in table.items():
        for index, (line, column, end, codes, alone, problem) in enumerate(entries):
            span = Span(line, column, line, end)
            if problem is not None:
                kept.append(engine.make(INVALID, display, kind, Violation(span, problem)))
                continue
            if not report_unused:
                continue
            unused = [c for c in codes if (index, c) not in used[display]]
            if unused:
                where = "on this line or the next" if alone else "on this line"
                message = "unused suppression: " + ", ".join(
                    f"{code} ({_why_unused(code, engine) or 'no such finding ' + where})"
                    for code in unused
                )
                kept.append(engine.make(UNUSED, display, kind, Violation(span, message)))
    return kept


def _inside_directive(finding: Finding, entries: list[Directive], indexes: Sequence[int]) -> bool:
    """Whether ``finding`` points inside the text of a directive on its line: the directive is
    seedlint's own syntax, never content a rule should report."""
    if finding.end_line != finding.line:
        return False
    for index in indexes:
        line, column, end = entries[index][:3]
        if line == finding.line and column <= finding.column and finding.end_column <= end:
            return True
    return False


def _why_unused(code: str, engine: Engine) -> str:
    """Why a code can never match: unknown, or its rules are not enabled; '' otherwise."""
    matching = [c for c in engine.rules if c.startswith(code)]
    if not matching:
        return "unknown rule code"
    if not any(c in engine.enabled for c in matching):
        return "rule not enabled"
    return ""
