"""D203: a link whose text names one DISARM ID and whose target is another page, repaired from
the side the corpus shows to be right.

The rule only sees the page (its result is cached by content), so the fix is computed by the
fix engine, which may read the corpus: the page of the ID in the text and the page the link
points at, with their titles.

* The text's name is the title of its ID's page (and not the target's title): the link is
  pointed at that page (only its file name changes, in the same directory).
* The text's name is the title of the target's page (and not its ID's page's title): the ID
  in the text is corrected to the target's.
* A text with no name after its ID (``T0002`` on index pages): the one of the two pages that
  exists wins.
* Anything else (both or neither match, pages in different directories) is left to a person.

Unsafe: the corpus says which side matches, not which one the author meant.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator

from seedlint.core.context import Context
from seedlint.core.document import DisarmDocument
from seedlint.core.finding import Span
from seedlint.disarm import ids
from seedlint.disarm.corpus import Corpus, place
from seedlint.disarm.links import resolve
from seedlint.fixes.model import Edit, Fix

_LEADING_ID = re.compile(r"\s*(?P<id>\S+)")


def link_text_id_fixes(doc: DisarmDocument, ctx: Context) -> Iterator[tuple[Span, Fix]]:
    from seedlint.validators.disarm_names import same_name

    where = place(doc, ctx)
    if where.root is None:
        return
    corpus = Corpus(where.root)
    text = doc.source.text
    for link in doc.page.links:
        match = _LEADING_ID.match(link.text)
        if match is None:
            continue
        written_id = match["id"].rstrip(":,;.")
        if ids.kind_of(written_id) is None:
            continue
        resolved = resolve(link.target, where.directory)
        if resolved.status != "inside" or not resolved.path.endswith(".md"):
            continue
        target_dir, target_name = posixpath.split(resolved.path)
        target_id = target_name[:-3]
        if target_id == written_id:
            continue
        name = link.text[match.end() :].strip().lstrip(":-").strip()
        own = corpus.page_of(written_id)
        target_exists = corpus.files.exists(resolved.path)
        own_title = corpus.title(own) if own else None
        target_title = corpus.title(resolved.path) if target_exists else None
        if name:
            text_is_right = own_title is not None and same_name(name, own_title, "link")
            target_is_right = target_title is not None and same_name(name, target_title, "link")
        else:
            text_is_right, target_is_right = own is not None, target_exists
        span = Span(link.line, link.column, link.line, link.end_column)
        if text_is_right and not target_is_right and own is not None:
            if posixpath.dirname(own) != target_dir:
                continue
            edit = _target_edit(
                doc, link.line, link.target_column, link.target, target_id, written_id
            )
            description = f"point the link at {written_id}'s page, as its text says"
        elif target_is_right and not text_is_right and ids.kind_of(target_id) is not None:
            edit = _text_edit(
                text,
                doc,
                link.line,
                link.column,
                link.text,
                match.start("id"),
                written_id,
                target_id,
            )
            description = f"correct the ID in the link text to {target_id}, the page it links to"
        else:
            continue
        if edit is not None:
            yield span, Fix.of([edit], "unsafe", description)


def _target_edit(
    doc: DisarmDocument, line: int, column: int, target: str, old: str, new: str
) -> Edit | None:
    start = doc.source.offset(line, column)
    path = target.split("#", 1)[0].split("?", 1)[0]
    at = path.rfind(old + ".md")
    if at == -1 or (at > 0 and path[at - 1] != "/"):
        return None
    if doc.source.text[start + at : start + at + len(old)] != old:
        return None
    return Edit(start + at, start + at + len(old), new)


def _text_edit(
    text: str,
    doc: DisarmDocument,
    line: int,
    column: int,
    link_text: str,
    at: int,
    old: str,
    new: str,
) -> Edit | None:
    """The edit of the ID in the link's text, found in the source after the link's start."""
    start = doc.source.offset(line, column)
    end = doc.source.offset(line + 1) if line < doc.source.line_count else len(text)
    found = text.find(link_text, start, end)
    if found == -1:
        return None
    position = found + at
    if text[position : position + len(old)] != old:
        return None
    return Edit(position, position + len(old), new)


def _letters(text: str) -> str:
    return "".join(ch for ch in text.upper() if "A" <= ch <= "Z")


def marker_fix(doc: DisarmDocument, line: int, column: int, text: str) -> Fix | None:
    """D403: the near miss becomes the exact marker when it is the page's only candidate (no
    exact marker, no other near miss) and differs from the marker only in case, spaces and
    punctuation; a typo or other words on the line are left to a person."""
    from seedlint.disarm.marker import MARKER

    marker = doc.page.marker
    whole = doc.source.line_text(line)  # indentation and trailing blanks go too
    if marker.lines or len(marker.near_misses) != 1 or _letters(whole) != _letters(MARKER):
        return None
    start = doc.source.offset(line, 1)
    if text not in whole or whole == MARKER:
        return None
    return Fix.of([Edit(start, start + len(whole), MARKER)], "safe", "write the exact marker")
