"""D206: a DISARM link whose corpus-root prefix is wrong for the page's depth."""

from __future__ import annotations

import posixpath
from collections.abc import Iterator, Mapping
from typing import Any, NamedTuple

from seedlint.core.context import Context
from seedlint.core.document import DisarmDocument
from seedlint.core.finding import Severity, Span
from seedlint.core.rules import Violation, corpus_rule
from seedlint.disarm.corpus import groups, place
from seedlint.disarm.generations import ROOT_PREFIXES
from seedlint.disarm.links import CorpusFiles
from seedlint.fixes.model import Edit, Fix

CODE = "D206"


def right_prefix(root_name: str, page_dir: str) -> str:
    """The prefix that leads from a page in ``page_dir`` (relative to the corpus root) back to
    the root, through the root's own name: ``../../generated_pages/`` one directory down."""
    depth = len([part for part in page_dir.split("/") if part])
    return "../" * (depth + 1) + root_name + "/"


class PrefixedLink(NamedTuple):
    """A link written with a corpus-root prefix: the prefix, the target's path in the corpus,
    where the target is (line, column, character offset), whether it is in the notes."""

    prefix: str
    path: str
    line: int
    column: int
    offset: int
    in_notes: bool


class PagePrefixes(NamedTuple):
    """A page's facts: its corpus root, its directory (relative to the root), its links that
    start with a corpus-root prefix other than the right one for the page."""

    root: str
    page_dir: str
    links: list[PrefixedLink]

    @classmethod
    def load(cls, value: Any) -> PagePrefixes:
        """The record of facts as collected, or as a cache or a worker gave them back."""
        page = cls._make(value)
        return page._replace(links=[PrefixedLink._make(item) for item in page.links])


def collect(doc: DisarmDocument, ctx: Context) -> PagePrefixes | None:
    """The page's links with a wrong corpus-root prefix; ``None`` when it has none."""
    where = place(doc, ctx)
    if where.root is None:
        return None
    right = right_prefix(where.root.name, where.directory)
    text = doc.source.text
    out: list[PrefixedLink] = []
    for link in doc.page.links:
        target = link.target
        prefix = next((p for p in ROOT_PREFIXES if target.startswith(p)), None)
        if prefix is None or prefix == right or not prefix.endswith(where.root.name + "/"):
            continue
        offset = doc.source.offset(link.line, link.target_column)
        if text[offset : offset + len(prefix)] != prefix:
            continue  # written differently from how the model reads it: leave it alone
        path = target[len(prefix) :].split("#", 1)[0].split("?", 1)[0]
        if not path or "%" in path or "\\" in path:
            continue
        out.append(PrefixedLink(prefix, path, link.line, link.target_column, offset, link.in_notes))
    return PagePrefixes(str(where.root), where.directory, out) if out else None


@corpus_rule(
    "D206",
    "disarm-link-prefix",
    kind="disarm",
    severity=Severity.ERROR,
    collect=collect,
    fix="safe",
)
def check(facts: Mapping[str, Any], ctx: Context) -> Iterator[tuple[str, Violation]]:
    """A link's ``generated_pages/`` prefix is wrong for where the page is.

    **What it checks**: a link that reaches another page through the corpus root's name
    (``../../generated_pages/counters/C00029.md``) climbs exactly as many directories as the
    page is deep: ``../generated_pages/`` from a page at the root of the corpus,
    ``../../generated_pages/`` from a page in ``techniques/``. It is reported when the page it
    names exists in the corpus but the link, followed from the page's directory as a browser
    or GitHub does, leads elsewhere. One finding per page and prefix (the generated region's
    links and the notes' links apart), at the first such link; the detail lists the lines.
    Links to pages that do not exist are D201's. A link that does not resolve is dead however
    many pages share its prefix: a whole corpus generated with the early
    ``../generated_pages/`` prefix from inside ``generated_pages/<type>/`` (early DISARM
    releases) 404s on every such link, and each of its pages gets its finding.

    **Why**: the prefix of another generation (pages moved into subdirectories, or the other
    way round) makes every such link a 404 on the published framework, although the page
    exists.

    **Bad**: on ``tactics/TA04.md``::

        [TK0014 Network building](../generated_pages/tasks/TK0014.md)

    **Good**::

        [TK0014 Network building](../../generated_pages/tasks/TK0014.md)

    **Fix**: write the right prefix (``--fix`` does it, on every such link of the page; with
    ``--diff-base``, never above the edit-line marker, which the generator owns: fix the
    generator, or regenerate).
    """
    for root, items in groups(facts, PagePrefixes.load):
        if root is None:
            continue
        files = CorpusFiles(root)
        right_cache: dict[str, str] = {}
        for display, page in items:
            page_dir = page.page_dir
            right = right_cache.setdefault(page_dir, right_prefix(root.name, page_dir))
            # the generated links and the notes' links are two defects (two authors)
            by_prefix: dict[tuple[str, bool], list[PrefixedLink]] = {}
            for link in page.links:
                prefix, path = link.prefix, link.path
                if files.exists(path) and not _reaches(root.name, page_dir, prefix + path, path):
                    by_prefix.setdefault((prefix, bool(link.in_notes)), []).append(link)
            for (prefix, _), wrong in by_prefix.items():
                path, line, column = wrong[0].path, wrong[0].line, wrong[0].column
                edits = [Edit(w.offset, w.offset + len(prefix), right) for w in wrong]
                count = f"{len(wrong)} links start" if len(wrong) > 1 else "link starts"
                message = (
                    f"{count} with '{prefix}', which from {page_dir or 'the corpus root'}/ "
                    f"does not reach '{path}' (it exists); write '{right}'"
                )
                lines = ", ".join(str(w.line) for w in wrong)
                detail = f"lines {lines}" if len(wrong) > 1 else None
                fix = Fix.of(edits, "safe", f"replace the link prefix '{prefix}' by '{right}'")
                span = Span(line, column, line, column + len(prefix))
                yield display, Violation(span, message, detail=detail, fix=fix)


def _reaches(root_name: str, page_dir: str, written: str, path: str) -> bool:
    """Whether ``written``, followed from ``page_dir`` like a browser, names ``path``."""
    followed = posixpath.normpath(posixpath.join(root_name, page_dir, written))
    return followed == posixpath.normpath(posixpath.join(root_name, path))
