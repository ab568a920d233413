"""Line diffs for the gate: which work-tree lines changed since a base, and a short unified diff.

Lines are compared without their line breaks, so a file that only changed from LF to CRLF (an
editor's or ``core.autocrlf``'s doing), or that gained or lost its final newline, has no changed
line. Both functions first cut the common head and tail, so a small edit in a large file costs
next to nothing, and bound the quadratic part of :class:`difflib.SequenceMatcher`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from difflib import SequenceMatcher

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
# above this many line pairs in the differing middle, every middle line counts as changed
_MATCH_BUDGET = 4_000_000

Opcode = tuple[str, int, int, int, int]


def split_lines(text: str) -> list[str]:
    """The lines of ``text`` without their breaks, as an editor numbers them; a final line break
    does not start another line."""
    lines = _LINE_BREAK.split(text)
    if len(lines) > 1 and lines[-1] == "":
        lines.pop()
    return lines


def common_prefix(a: Sequence[str], b: Sequence[str]) -> int:
    n = min(len(a), len(b))
    i = 0
    while i < n and a[i] == b[i]:
        i += 1
    return i


def _common_suffix(a: Sequence[str], b: Sequence[str], floor: int) -> int:
    n = min(len(a), len(b)) - floor
    i = 0
    while i < n and a[-1 - i] == b[-1 - i]:
        i += 1
    return i


def opcodes(a: Sequence[str], b: Sequence[str]) -> list[Opcode]:
    """``SequenceMatcher.get_opcodes`` of two line lists, computed on the differing middle only
    (indices are those of the full lists)."""
    head = common_prefix(a, b)
    tail = _common_suffix(a, b, head)
    mid_a, mid_b = a[head : len(a) - tail], b[head : len(b) - tail]
    codes: list[Opcode] = []
    if head:
        codes.append(("equal", 0, head, 0, head))
    if mid_a or mid_b:
        if len(mid_a) * len(mid_b) > _MATCH_BUDGET or not mid_a or not mid_b:
            tag = "replace" if mid_a and mid_b else ("delete" if mid_a else "insert")
            codes.append((tag, head, len(a) - tail, head, len(b) - tail))
        else:
            matcher = SequenceMatcher(None, list(mid_a), list(mid_b))
            for tag, i1, i2, j1, j2 in matcher.get_opcodes():
                codes.append((tag, i1 + head, i2 + head, j1 + head, j2 + head))
    if tail:
        codes.append(("equal", len(a) - tail, len(a), len(b) - tail, len(b)))
    return codes


def changed_lines(base: Sequence[str], work: Sequence[str]) -> set[int]:
    """1-based numbers of the work-tree lines that differ from the base: added and changed
    lines, plus the lines on either side of a deletion (so that a finding about something
    missing, such as a deleted required key, still counts as on a changed line)."""
    changed: set[int] = set()
    for tag, _i1, _i2, j1, j2 in opcodes(base, work):
        if tag in ("replace", "insert"):
            changed.update(range(j1 + 1, j2 + 1))
        elif tag == "delete":
            if j1 < len(work):
                changed.add(j1 + 1)
            if j1 > 0:
                changed.add(j1)
    return changed


def _clip(line: str, start: int = 0, width: int = 160) -> str:
    """At most ``width`` characters of a line from ``start``, with ``…`` where it was cut."""
    if len(line) <= width and start == 0:
        return line
    shown = line[start : start + width]
    return ("…" if start else "") + shown + ("…" if start + width < len(line) else "")


def _window(old: str, new: str, width: int = 160) -> int:
    """Where to start showing a changed long line so that the change is in view."""
    n = min(len(old), len(new))
    i = 0
    while i < n and old[i] == new[i]:
        i += 1
    if i <= width * 2 // 3:
        return 0
    return max(0, min(i - width // 3, max(len(old), len(new)) - width))


def _range(start: int, length: int) -> str:
    """A unified-diff range, as difflib writes it (1-based; an empty range names the line
    before it)."""
    first = start + 1
    if length == 1:
        return str(first)
    if length == 0:
        first -= 1
    return f"{first},{length}"


def _grouped(codes: list[Opcode], n: int) -> Iterator[list[Opcode]]:
    """Hunks of changes with up to ``n`` lines of context (difflib's grouping rule)."""
    if not codes or all(code[0] == "equal" for code in codes):
        return
    codes = list(codes)
    if codes[0][0] == "equal":
        tag, i1, i2, j1, j2 = codes[0]
        codes[0] = tag, max(i1, i2 - n), i2, max(j1, j2 - n), j2
    if codes[-1][0] == "equal":
        tag, i1, i2, j1, j2 = codes[-1]
        codes[-1] = tag, i1, min(i2, i1 + n), j1, min(j2, j1 + n)
    group: list[Opcode] = []
    for tag, i1, i2, j1, j2 in codes:
        if tag == "equal" and i2 - i1 > 2 * n:
            group.append((tag, i1, min(i2, i1 + n), j1, min(j2, j1 + n)))
            yield group
            group = []
            i1, j1 = max(i1, i2 - n), max(j1, j2 - n)
        group.append((tag, i1, i2, j1, j2))
    if group and not (len(group) == 1 and group[0][0] == "equal"):
        yield group


def unified(
    a: Sequence[str],
    b: Sequence[str],
    fromfile: str,
    tofile: str,
    *,
    context: int = 1,
    max_lines: int = 24,
) -> str:
    """A short unified diff of two line lists: headers, hunks with real line numbers, at most
    ``max_lines`` body lines (then a line saying how many were left out)."""
    out = [f"--- {fromfile}", f"+++ {tofile}"]
    body: list[str] = []
    for group in _grouped(opcodes(a, b), context):
        first, last = group[0], group[-1]
        body.append(
            f"@@ -{_range(first[1], last[2] - first[1])} +{_range(first[3], last[4] - first[3])} @@"
        )
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                body.extend(" " + _clip(line) for line in a[i1:i2])
                continue
            starts = [0] * max(i2 - i1, j2 - j1)
            if tag == "replace":
                for k, (old, new) in enumerate(zip(a[i1:i2], b[j1:j2], strict=False)):
                    starts[k] = _window(old, new)
            body.extend("-" + _clip(line, starts[k]) for k, line in enumerate(a[i1:i2]))
            body.extend("+" + _clip(line, starts[k]) for k, line in enumerate(b[j1:j2]))
    if len(body) > max_lines:
        left = len(body) - max_lines
        body = [*body[:max_lines], f"... ({left} more diff line{'s' if left != 1 else ''})"]
    return "\n".join(out + body)
