"""Recognise a DISARM page cheaply, before parsing it."""

from __future__ import annotations

import re

MARKER = "DO NOT EDIT ABOVE THIS LINE - PLEASE ADD NOTES BELOW"
_HEADING = re.compile(r"\A\ufeff?\s*# [A-Z][A-Za-z ]*\b[A-Z]{1,2}\d{2,5}(?:\.\d{3})?\b")
_SIGNS = re.compile(r"DO NOT EDIT ABOVE|generated_pages/", re.IGNORECASE)


def looks_like_disarm(text: str, display: str) -> bool:
    head = text[:4096]
    return bool(_HEADING.match(head) or _SIGNS.search(text) or "/generated_pages/" in display)
