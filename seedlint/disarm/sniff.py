"""Recognise a DISARM page cheaply, before parsing it."""

from __future__ import annotations

import re

from seedlint.disarm.marker import MARKER

__all__ = ["MARKER", "looks_like_disarm"]

_HEADING = re.compile(
    r"\A\ufeff?\s*#[ \t]+(?:[A-Z][A-Za-z ]*\b[A-Z]{1,2}\d{2,5}(?:\.\d{3})?\b"
    r"|(?P<framework>(?:DISARM|AMITT)\b))"
)
# an index page the generator writes is an HTML table under its '# DISARM ...' heading
_HTML_TABLE = re.compile(r"^[ \t]*<table\b", re.IGNORECASE | re.MULTILINE)
# outside code: the marker (or a near miss of it) starting a line, and a relative link that
# climbs back into the corpus root; prose that only mentions either is not a page
_MARKER_LINE = re.compile(r"^[ \t]*DO NOT EDIT ABOVE", re.IGNORECASE | re.MULTILINE)
_CORPUS_LINK = re.compile(r"\]\((?:\.\./)+generated_pages/")
_FENCE = re.compile(r"^[ \t]*(```|~~~).*?^[ \t]*\1[^\n]*$", re.MULTILINE | re.DOTALL)
_CODE_SPAN = re.compile(r"`[^`\n]*`")


def looks_like_disarm(text: str, display: str) -> bool:
    """A path inside a ``generated_pages`` directory, a ``# Technique T0001: ...`` heading, a
    ``# DISARM ...`` heading over an HTML table (an index page; a document about DISARM is
    not a page), or (outside code blocks and code spans) both the edit-line
    marker at the start of a line and a link back into ``generated_pages``."""
    if "/generated_pages/" in display or display.startswith("generated_pages/"):
        return True
    heading = _HEADING.match(text[:4096])
    if heading is not None:
        if not heading["framework"]:
            return True
        # '# DISARM ...' alone is as likely a document about the framework: an index page
        # also has the generator's HTML table (outside code)
        if _HTML_TABLE.search(_prose(text)):
            return True
    if "generated_pages/" not in text or not _MARKER_LINE.search(text):
        return False
    prose = _prose(text)
    return bool(_MARKER_LINE.search(prose) and _CORPUS_LINK.search(prose))


def _prose(text: str) -> str:
    """``text`` without fenced code blocks and code spans."""
    return _CODE_SPAN.sub("", _FENCE.sub("", text)) if "`" in text or "~~~" in text else text
