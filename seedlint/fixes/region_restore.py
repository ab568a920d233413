"""Restore a DISARM page's protected region from the base revision, keeping the contributor's
text as a note below the marker.

:func:`restore` takes the page at the base (``--diff-base``) and in the work tree:

* the region above the edit-line marker changed (G001) or the marker moved (G003): the region
  and the marker line are written back from the base, line for line; every line the contributor
  added or changed above the marker is kept, in order, as a note right below the marker (after
  a blank line, so that markdown does not join it to the marker's paragraph). Generated lines
  they deleted come back; generated lines that a moved-up marker had put below it are not
  kept twice.
* the marker is missing or altered (G002) while the region above it is still the base's: the
  marker line is put back (an altered one is replaced) and nothing else changes.
* anything else (no marker at the base; the marker gone *and* the region changed, so that the
  end of the region cannot be known): no fix.

Lines are compared without their line breaks, as the gate does (:mod:`seedlint.gate.protected`); the
restored lines keep the base's bytes, with the work tree's line break when the two differ (a
CRLF work tree of an LF repository stays CRLF). Below the marker, every byte stays as it was.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from seedlint.disarm.marker import MARKER
from seedlint.fixes.model import Edit
from seedlint.gate.protected import marker_index

_LINE = re.compile(r"([^\r\n]*)(\r\n|\r|\n|$)")

Line = tuple[str, str]  # (content, line break: "" for a last line without one)


def split(text: str) -> list[Line]:
    """The lines of ``text`` with their breaks; a final break does not start another line."""
    lines: list[Line] = []
    for match in _LINE.finditer(text):
        if match.start() == len(text) and (match.group(0) == "" and lines):
            break
        lines.append((match.group(1), match.group(2)))
        if not match.group(2):
            break
    return lines


def _newline(text: str) -> str:
    crlf = text.count("\r\n")
    return "\r\n" if crlf > text.count("\n") - crlf else "\n"


def _join(lines: list[Line], newline: str | None = None) -> str:
    """Lines back to text; with ``newline``, every break is written as it."""
    if newline is None:
        return "".join(c + b for c, b in lines)
    return "".join(c + (newline if b else "") for c, b in lines)


def _looks_like_marker(line: str) -> bool:
    text = " ".join(line.split()).upper()
    return text == MARKER or "DO NOT EDIT ABOVE" in text or "ADD NOTES BELOW" in text


def _blank(line: Line) -> bool:
    return not line[0].strip()


def _notes(region: list[str], work: list[Line], newline: str) -> list[Line]:
    """The contributor's lines of a work-tree region: those added or changed, minus blank
    lines and lines that are generated text (a line they moved, or only re-spaced). Each run of
    them is a paragraph of its own."""
    generated = {line.strip() for line in region}
    matcher = SequenceMatcher(None, region, [c for c, _ in work], autojunk=False)
    notes: list[Line] = []
    for tag, _i1, _i2, j1, j2 in matcher.get_opcodes():
        if tag not in ("replace", "insert"):
            continue
        run = list(work[j1:j2])
        while run and (_blank(run[0]) or run[0][0].strip() in generated):
            run.pop(0)
        while run and (_blank(run[-1]) or run[-1][0].strip() in generated):
            run.pop()
        run = [line for line in run if _blank(line) or line[0].strip() not in generated]
        if not run:
            continue
        if notes:
            notes.append(("", newline))
        if not run[-1][1]:
            run[-1] = (run[-1][0], newline)
        notes.extend(run)
    return notes


def restore(base: str, work: str) -> str | None:
    """The work-tree page with its protected region restored from ``base``; ``None`` when
    there is nothing to restore or it cannot be done safely."""
    base_lines, work_lines = split(base), split(work)
    base_text = [c for c, _ in base_lines]
    work_text = [c for c, _ in work_lines]
    mb = marker_index(base_text)
    if mb is None:
        return None
    newline = _newline(work)
    convert = None if _newline(base) == newline else newline
    mw = marker_index(work_text)
    if mw is None:
        return _restore_marker(base_lines, work_lines, mb, convert or None)
    if base_text[:mb] == work_text[:mw]:
        return None
    head = _join(base_lines[: mb + 1], convert)
    rest_from = mw + 1
    shift = mb - mw
    if (
        shift > 0
        and work_text[:mw] == base_text[:mw]
        and (work_text[mw + 1 : mw + 1 + shift] == base_text[mw:mb])
    ):
        rest_from += shift  # the marker moved up: those generated lines are in the head again
    notes = _notes(base_text[:mb], work_lines[:mw], newline)
    rest = _join(work_lines[rest_from:])
    out = head
    if (notes or rest) and not base_lines[mb][1]:
        out += newline  # the base's marker was the last line, without a break
    if notes:
        out += newline + _join(notes)
        if rest and not _blank(work_lines[rest_from]):
            out += newline
    return out + rest


def _restore_marker(
    base_lines: list[Line], work_lines: list[Line], mb: int, convert: str | None
) -> str | None:
    """Put the marker line back when the region above it is the base's."""
    if [c for c, _ in work_lines[:mb]] != [c for c, _ in base_lines[:mb]]:
        return None
    marker, marker_break = base_lines[mb]
    newline = convert or marker_break or "\n"
    before = _join(work_lines[:mb])
    if mb < len(work_lines) and _looks_like_marker(work_lines[mb][0]):
        return before + marker + work_lines[mb][1] + _join(work_lines[mb + 1 :])
    if mb and not work_lines[mb - 1][1]:
        before += newline  # the region's last line had no break
    after = _join(work_lines[mb:])
    return before + marker + (newline if after or marker_break else "") + after


def minimal_edit(old: str, new: str) -> Edit:
    """One edit turning ``old`` into ``new``, as small as their common head and tail allow."""
    limit = min(len(old), len(new))
    start = 0
    while start < limit and old[start] == new[start]:
        start += 1
    end = 0
    while end < limit - start and old[len(old) - 1 - end] == new[len(new) - 1 - end]:
        end += 1
    return Edit(start, len(old) - end, new[start : len(new) - end])
