"""N005: HTML entities inside URLs."""

from __future__ import annotations

import re
from collections.abc import Iterator

from seedlint.core.context import Context
from seedlint.core.document import NewsDocument
from seedlint.core.finding import Severity
from seedlint.core.rules import Violation, document_rule
from seedlint.fixes.news import unescape_entities
from seedlint.news.frontmatter import PathPart, json_path
from seedlint.validators._news import containers, is_url_key, span_in_value

CODE = "N005"
ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


@document_rule(
    CODE,
    "url-html-entity",
    kind="news",
    severity=Severity.ERROR,
    fix="safe",
    options={"check-related": False},
)
def check(doc: NewsDocument, ctx: Context) -> Iterator[Violation]:
    """A URL contains an HTML entity such as ``&#038;`` or ``&amp;``.

    **What it checks**: the item's own URLs (keys ending in ``Url``, ``images[].url`` and
    ``provider.images[].url``) for HTML character references; one finding per URL, at the
    first entity. URLs inside ``related`` items are copied verbatim from the upstream feed
    and are not checked unless the option ``check-related = true`` is set
    (``[tool.seedlint.rules.N005]``).

    **Why**: the entity was copied from an HTML page; in YAML it is literal text, so the link
    asks the server for ``?resize=620%2C497&#038;ssl=1`` and the JSON feed built from the item
    carries a broken URL.

    **Bad**: ``url: "https://i2.wp.com/x/image.png?resize=620%2C497&#038;ssl=1"``

    **Good**: ``url: "https://i2.wp.com/x/image.png?resize=620%2C497&ssl=1"``

    **Fix**: replace each entity by the character it stands for (``--fix`` does it, keeping
    the value's quoting; a character the quoting cannot hold as is gets escaped).
    """
    if not doc.front.may_hold("&"):
        return  # no value can hold an entity (nearly all items: no '&' in the YAML at all)
    check_related = bool(ctx.option(CODE, "check-related", False))
    for where, container in containers(doc):
        if not isinstance(container, dict) or (not check_related and where[:1] == ("related",)):
            continue
        for key, value in container.items():
            if isinstance(value, str) and "&" in value and is_url_key(key):
                yield from _entities((*where, key), value, doc)


def _entities(path: tuple[PathPart, ...], value: str, doc: NewsDocument) -> Iterator[Violation]:
    """One finding for a URL with entities (at the first), none for a bare ``&``."""
    matches = list(ENTITY.finditer(value))
    if not matches:
        return
    first = matches[0]
    entities = sorted({m.group(0) for m in matches})
    more = f" ({len(matches)} entities)" if len(matches) > 1 else ""
    yield Violation(
        span_in_value(doc, path, first.start(), len(first.group(0))),
        f"HTML entity {', '.join(repr(e) for e in entities)} in URL{more}; "
        "write the character it stands for",
        json_path(path),
        fix=unescape_entities(doc, path, ENTITY),
    )
