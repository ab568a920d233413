"""N004: a site-relative image path exists under the site root."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from seedlint.core.context import Context
from seedlint.core.document import NewsDocument
from seedlint.core.finding import Severity, Span
from seedlint.core.rules import Violation, corpus_rule
from seedlint.news.frontmatter import json_path
from seedlint.validators._news import containers


def collect(doc: NewsDocument, ctx: Context) -> dict[str, Any] | None:
    """The site root and every site-relative ``url`` with its position."""
    root = ctx.site_root(doc.path)
    if root is None:
        return None
    images = []
    for where, container in containers(doc):
        value = container.get("url") if isinstance(container, dict) else None
        if isinstance(value, str) and value.startswith("/") and not value.startswith("//"):
            path = (*where, "url")
            span = doc.span_at(path)
            images.append(
                [value, json_path(path), span.line, span.column, span.end_line, span.end_column]
            )
    return {"root": str(root), "images": images} if images else None


def _exists(root: Path, url: str) -> bool | None:
    """Whether the file exists; ``None`` when the path climbs out of the site root."""
    relative = unquote(url.split("?", 1)[0].split("#", 1)[0]).lstrip("/")
    try:
        target = (root / relative).resolve()
        if target != root and root not in target.parents:
            return None
        return target.is_file()
    except (ValueError, OSError):  # a NUL byte, a name too long: no such file
        return False


@corpus_rule("N004", "missing-site-image", kind="news", severity=Severity.ERROR, collect=collect)
def check(
    facts: Mapping[str, dict[str, Any] | None], ctx: Context
) -> Iterator[tuple[str, Violation]]:
    """A site-relative image path points at no file of the site.

    **What it checks**: an image ``url`` that starts with ``/`` (such as
    ``/assets/images/organizations/wsj.com-50x50.jpg``) names a file under the site root: the
    nearest ancestor directory of the item with a ``_config.yml`` (or ``site-root`` in the
    configuration). Without a site root nothing is checked. A path that climbs out of the site
    root is reported and never opened.

    **Why**: a missing file is a broken image on the published page.

    **Bad**: ``url: /assets/images/organizations/wsj.com-50x50.jpg`` with no such file.

    **Good**: the file exists at ``<site>/assets/images/organizations/wsj.com-50x50.jpg``.

    **Fix**: add the image to the site, or correct the path.
    """
    for display, fact in sorted(facts.items()):
        if not fact:
            continue
        root = Path(fact["root"])
        for url, where, line, column, end_line, end_column in fact["images"]:
            exists = _exists(root, url)
            if exists:
                continue
            reason = (
                "climbs out of the site root"
                if exists is None
                else f"does not exist under the site root {root.name}/"
            )
            yield (
                display,
                Violation(Span(line, column, end_line, end_column), f"image {url} {reason}", where),
            )
