"""N003: the same article URL in two news items of one run."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any, NamedTuple
from urllib.parse import urlsplit, urlunsplit

from seedlint.core.context import Context
from seedlint.core.document import NewsDocument
from seedlint.core.finding import Severity, Span
from seedlint.core.rules import Violation, corpus_rule
from seedlint.validators._news import ARTICLE_URL_KEYS


def normalise(url: str) -> str:
    """Scheme and host are case-insensitive; a trailing slash does not make a new article."""
    url = url.strip()
    fast = _plain_http(url)
    if fast is not None:
        return fast
    try:
        parts = urlsplit(url)
    except ValueError:
        return url
    path = parts.path.rstrip("/")
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), path, parts.query, ""))


def _plain_http(url: str) -> str | None:
    """:func:`normalise` of a printable ASCII http(s) URL with a host and no brackets, what
    nearly every item has, without ``urlsplit`` and ``urlunsplit`` (a third of the cost);
    ``None`` for any other URL (``tests/test_execution_speedups.py`` compares the two)."""
    head = url[:8].lower()
    if head.startswith("https://"):
        scheme, rest = "https", url[8:]
    elif head.startswith("http://"):
        scheme, rest = "http", url[7:]
    else:
        return None
    if not (url.isascii() and url.isprintable()) or "[" in url or "]" in url:
        return None
    end = len(rest)
    for delimiter in "/?#":
        at = rest.find(delimiter)
        if 0 <= at < end:
            end = at
    host, rest = rest[:end], rest[end:]
    if not host:
        return None
    rest = rest.partition("#")[0]
    path, _, query = rest.partition("?")
    normal = f"{scheme}://{host.lower()}{path.rstrip('/')}"
    return f"{normal}?{query}" if query else normal


class ArticleUrl(NamedTuple):
    """An article URL of an item (normalised), its key, its span. The check reads these by
    unpacking: a cache or a worker gives them back as plain tuples of these fields (100,000
    records loaded again would cost a warm run 5%)."""

    url: str
    key: str
    line: int
    column: int
    end_line: int
    end_column: int


def collect(doc: NewsDocument, ctx: Context) -> list[ArticleUrl]:
    """The item's article URLs, once per distinct URL."""
    facts: list[ArticleUrl] = []
    written: set[str] = set()  # (webUrl is often originalUrl again, as written)
    seen: set[str] = set()
    data = doc.data
    for key in ARTICLE_URL_KEYS:
        value = data.get(key)
        if not isinstance(value, str) or value in written or not value.strip():
            continue
        written.add(value)
        url = normalise(value)
        if url in seen:
            continue
        seen.add(url)
        span = doc.span_at((key,))
        facts.append(ArticleUrl(url, key, span.line, span.column, span.end_line, span.end_column))
    return facts


@corpus_rule("N003", "duplicate-article-url", kind="news", severity=Severity.ERROR, collect=collect)
def check(
    facts: Mapping[str, Sequence[Sequence[Any]]], ctx: Context
) -> Iterator[tuple[str, Violation]]:
    """Two news items point at the same article.

    **What it checks**: the article URL (``originalUrl``, ``sourceUrl`` or ``webUrl``,
    compared without case in the scheme and host and without a trailing slash) is unique among
    the items of one run. The finding is on the later file (in path order) and names the
    earlier one.

    **Why**: the same story listed twice is a duplicate on the site and in the feed.

    **Bad**: ``2021-01-14-on-boarding.md`` and ``2021-02-28-user-on-boarding.md`` both with
    ``originalUrl: "https://powerapps.microsoft.com/en-us/blog/on-boarding-user-.../"``.

    **Good**: one item per article.

    **Fix**: delete the later item, or merge what it adds into the earlier one.
    """
    first: dict[str, tuple[str, int]] = {}
    for display in sorted(facts):
        for url, key, line, column, end_line, end_column in facts[display]:
            if url not in first:
                first[url] = (display, line)
                continue
            earlier, earlier_line = first[url]
            if earlier == display:
                continue
            yield (
                display,
                Violation(
                    Span(line, column, end_line, end_column),
                    f"{key} is the same article as {earlier}:{earlier_line}",
                    f"$.{key}",
                ),
            )
