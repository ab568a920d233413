"""Recognise a DISARM page cheaply, before parsing it."""

from __future__ import annotations

import re

from seedlint.disarm.marker import MARKER

__all__ = ["MARKER", "looks_like_disarm"]

_HEADING = re.compile(
    r"\A\ufeff?\s*#[ \t]+(?:[A-Z][A-Za-z ]*\b[A-Z]{1,2}\d{2,5}(?:\.\d{3})?\b"
    r"|(?:DISARM|AMITT)\b)"
)
# outside code: the marker (or a near miss of it) starting a line, and a relative link that
# climbs back into the corpus root; prose that only mentions either is not a page
_MARKER_LINE = re.compile(r"^[ \t]*DO NOT EDIT ABOVE", re.IGNORECASE | re.MULTILINE)
_CORPUS_LINK = re.compile(r"\]\((?:\.\./)+generated_pages/")
_FENCE = re.compile(r"^[ \t]*(```|~~~).*?^[ \t]*\1[^\n]*$", re.MULTILINE | re.DOTALL)
_CODE_SPAN = re.compile(r"`[^`\n]*`")


def looks_like_disarm(text: str, display: str) -> bool:
    """A ``# Technique T0001: ...`` or ``# DISARM ...`` heading, a path inside a
    ``generated_pages`` directory, or (outside code blocks and code spans) both the edit-line
    marker at the start of a line and a link back into ``generated_pages``."""
    if _HEADING.match(text[:4096]):
        return True
    if "/generated_pages/" in display or display.startswith("generated_pages/"):
        return True
    if "generated_pages/" not in text or not _MARKER_LINE.search(text):
        return False
    prose = _CODE_SPAN.sub("", _FENCE.sub("", text)) if "`" in text or "~~~" in text else text
    return bool(_MARKER_LINE.search(prose) and _CORPUS_LINK.search(prose))
