"""D201, D202: DISARM links that lead nowhere, or out of the corpus."""

from __future__ import annotations

import posixpath
from collections.abc import Iterator, Mapping
from typing import Any, NamedTuple

from seedlint.core.context import Context
from seedlint.core.document import DisarmDocument
from seedlint.core.finding import Severity, Span
from seedlint.core.rules import Violation, corpus_rule, document_rule
from seedlint.disarm import ids
from seedlint.disarm.corpus import in_corpora, place
from seedlint.disarm.links import resolve


@document_rule("D202", "disarm-link-outside-corpus", kind="disarm", severity=Severity.ERROR)
def check_outside(doc: DisarmDocument, ctx: Context) -> Iterator[Violation]:
    """Link leaves the DISARM corpus.

    **What it checks**: every relative link and ``<a href>`` on a page stays inside the corpus
    root (the nearest ancestor directory named ``generated_pages``, or the configured
    ``disarm-root``). Percent-encoding (``%2e%2e``), backslashes, absolute paths
    (``/etc/passwd``, ``C:\\...``) and ``file:`` URLs are seen through. The target of such a
    link is never opened nor even looked up. Links written with a generation's prefix for the
    corpus root (``../../generated_pages/``, ``../generated_pages/``) stand for the root. For a
    page in no corpus only absolute paths and ``file:`` URLs can be judged.

    **Why**: a link out of the corpus is broken wherever the pages are published, and a page
    that makes tools read outside the corpus is a security problem.

    **Bad**: ``[notes](../../../../etc/passwd)``, ``[x](..%2f..%2f..%2fsecrets.md)``

    **Good**: ``[T0086.002 Develop ...](../../generated_pages/techniques/T0086.002.md)``

    **Fix**: link to the page inside the corpus, or use a full ``https://`` URL for outside
    material.
    """
    where = place(doc, ctx)
    has_root = where.root is not None
    for link in doc.page.links:
        resolved = resolve(link.target, where.directory, has_root=has_root)
        if resolved.status == "outside":
            yield Violation(
                link.target_span,
                f"link target '{_short(link.target)}' {resolved.why}: links must "
                "stay inside the DISARM corpus",
            )


def _short(text: str) -> str:
    return text if len(text) <= 80 else text[:77] + "..."


def names_other_id(text: str, path: str) -> bool:
    """Whether a link's text starts with a DISARM ID other than its target's file name."""
    words = text.split(None, 1)
    if not words:
        return False
    identifier = words[0].rstrip(":,;.")
    if ids.kind_of(identifier) is None:
        return False
    name = posixpath.basename(path.rstrip("/"))
    return (name[:-3] if name.endswith(".md") else name) != identifier


class Link(NamedTuple):
    """A link to a page of the corpus: its target (relative to the root; "" when empty), where
    it is, the target as written."""

    target: str
    line: int
    column: int
    end_column: int
    written: str


class PageLinks(NamedTuple):
    """A page's facts: its corpus root and path, its links."""

    root: str | None
    rel: str
    links: list[Link] = []  # noqa: RUF012 - a default never mutated

    @classmethod
    def load(cls, value: Any) -> PageLinks:
        """The record of facts as collected, or as a cache or a worker gave them back (plain
        tuples)."""
        page = cls._make(value)
        return page._replace(links=[Link._make(link) for link in page.links])


def collect_links(doc: DisarmDocument, ctx: Context) -> PageLinks:
    where = place(doc, ctx)
    if where.root is None:
        return PageLinks(None, "")
    out: list[Link] = []
    for link in doc.page.links:
        resolved = resolve(link.target, where.directory)
        if resolved.status == "inside" and names_other_id(link.text, resolved.path):
            continue  # D203 reports the link once, with what its text says
        if resolved.status == "inside":
            span = link.target_span
            out.append(Link(resolved.path, span.line, span.column, span.end_column, link.target))
        elif resolved.status == "empty":
            out.append(Link("", link.line, link.column, link.end_column, ""))
    return PageLinks(str(where.root), where.rel, out)


@corpus_rule(
    "D201", "disarm-dead-link", kind="disarm", severity=Severity.ERROR, collect=collect_links
)
def check_dead(facts: Mapping[str, Any], ctx: Context) -> Iterator[tuple[str, Violation]]:
    """Link points at no file of the DISARM corpus.

    **What it checks**: every relative link (markdown ``[text](target)``, image, or HTML
    ``<a href>``) on every page resolves to an existing file or directory of the corpus, with
    exact case. Generation prefixes for the corpus root (``../../generated_pages/``) stand for
    the root. A page whose links point into a directory the corpus does not have at all gets
    one finding for that directory (listing the lines), not one per link. Pages in no corpus
    are skipped (``--verbose`` says so); links leaving the corpus are D202's, and links whose
    text names another ID than their target are D203's (one finding per link).

    **Why**: a dead link is a broken cross-reference on the published framework: the counter
    or incident it names cannot be reached.

    **Bad**: ``[T0145.009 Unknown](../../generated_pages/techniques/T0145.009.md)`` with no
    ``techniques/T0145.009.md``

    **Good**: a link to a page that exists.

    **Fix**: correct the target, create the page (regenerate), or remove the link.
    """
    for corpus, items in in_corpora(facts, ctx, PageLinks.load):
        for display, page in items:
            missing_dirs: dict[str, list[Link]] = {}
            for link in page.links:
                target, line, column, end_column, written = link
                if target == "":
                    yield (
                        display,
                        Violation(Span(line, column, line, end_column), "link has an empty target"),
                    )
                    continue
                if corpus.files.exists(target):
                    continue
                directory = posixpath.dirname(target.rstrip("/"))
                if directory and corpus.files.listing(directory) is None:
                    missing_dirs.setdefault(directory, []).append(link)
                    continue
                yield (
                    display,
                    Violation(
                        Span(line, column, line, end_column),
                        f"link target '{_short(written)}' does not exist ('{target}' is not in "
                        "the corpus)",
                    ),
                )
            for directory, dead in missing_dirs.items():
                _, line, column, end_column, written = dead[0]
                if len(dead) == 1:
                    message = (
                        f"link target '{_short(written)}' does not exist: the corpus "
                        f"has no directory '{directory}/'"
                    )
                    detail = None
                else:
                    message = (
                        f"{len(dead)} links point into '{directory}/', which the corpus "
                        f"does not have (first: '{_short(written)}')"
                    )
                    detail = "lines " + ", ".join(str(d.line) for d in dead)
                yield (
                    display,
                    Violation(Span(line, column, line, end_column), message, detail=detail),
                )
