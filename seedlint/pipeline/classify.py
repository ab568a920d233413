"""Stage 3: decide what kind of document a file is, from settings first, then from its content.

* ``news``: the file starts with a ``---`` front-matter line.
* ``disarm``: the DISARM page model recognises it (a ``# <Type> <ID>: <name>`` heading, the
  edit-line marker, or links into ``generated_pages``).
* ``None``: neither; the file is skipped (and counted) when found by walking a directory.
"""

from __future__ import annotations

import fnmatch
from collections.abc import Iterable

from seedlint.core.document import DISARM, NEWS
from seedlint.core.source import SourceText
from seedlint.news.frontmatter import has_front_matter


def kind_from_settings(display: str, kinds: Iterable[tuple[str, tuple[str, ...]]]) -> str | None:
    for kind, patterns in kinds:
        for pattern in patterns:
            if fnmatch.fnmatchcase(display, pattern) or fnmatch.fnmatchcase(
                display, "*/" + pattern
            ):
                return kind
    return None


def classify(
    source: SourceText, display: str, kinds: Iterable[tuple[str, tuple[str, ...]]] = ()
) -> str | None:
    configured = kind_from_settings(display, kinds)
    if configured is not None:
        return configured
    if has_front_matter(source):
        return NEWS
    from seedlint.disarm.sniff import looks_like_disarm

    if looks_like_disarm(source.text, display):
        return DISARM
    return None
