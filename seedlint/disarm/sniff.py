"""Recognise a DISARM page cheaply, before parsing it."""

from __future__ import annotations

import re

from seedlint.disarm.marker import MARKER

__all__ = ["MARKER", "looks_like_disarm"]

_HEADING = re.compile(
    r"\A\ufeff?\s*#[ \t]+(?:[A-Z][A-Za-z ]*\b[A-Z]{1,2}\d{2,5}(?:\.\d{3})?\b"
    r"|(?:DISARM|AMITT)\b)"
)
_SIGNS = re.compile(r"DO NOT EDIT ABOVE|generated_pages/", re.IGNORECASE)


def looks_like_disarm(text: str, display: str) -> bool:
    """A ``# Technique T0001: ...`` or ``# DISARM ...`` heading, the edit-line marker, links
    into ``generated_pages``, or a path inside a ``generated_pages`` directory."""
    head = text[:4096]
    return bool(
        _HEADING.match(head)
        or _SIGNS.search(text)
        or "/generated_pages/" in display
        or display.startswith("generated_pages/")
    )
